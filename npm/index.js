// The package's entry point: the classifier, from bounce.wasm beside this
// file, in Node 20+ and in browsers. bounce.js (built by "make web") loads
// wasm_exec.js and bounce.wasm from its own folder; with a bundler, serve
// those two files beside the bundle.
export { ready, classifyBounce, bounceCatalog } from "./bounce.js";
