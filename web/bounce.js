// bounce.js loads bounce.wasm (beside this file) and exports the classifier.
//
//   import { ready, classifyBounce } from "./bounce.js";
//   await ready; const report = classifyBounce(text);
//
// It works in browsers and in Node 20. classifyBounce, bounceCatalog,
// bounceRender and bounceRenderReport are also set on globalThis (see
// wasm/browser/main.go).

const base = new URL(".", import.meta.url);

function throwing(fn) {
  return function (...args) {
    if (!globalThis.bouncekit) throw new Error("bounce: not loaded yet; await ready first");
    const r = globalThis.bouncekit[fn](...args);
    if (r instanceof Error) throw r;
    return r;
  };
}

export const classifyBounce = throwing("classify");
export const bounceCatalog = throwing("catalog");
export const bounceRender = throwing("render");
export const bounceRenderReport = throwing("renderReport");

async function instantiate(go) {
  const url = new URL("bounce.wasm", base);
  if (url.protocol === "file:") {
    const { readFile } = await import("node:fs/promises");
    return WebAssembly.instantiate(await readFile(url), go.importObject);
  }
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`bounce: ${url}: ${resp.status} ${resp.statusText}`);
  if (resp.headers.get("Content-Type")?.startsWith("application/wasm")) {
    return WebAssembly.instantiateStreaming(resp, go.importObject);
  }
  // A server that sends another Content-Type: compile from the bytes.
  return WebAssembly.instantiate(await resp.arrayBuffer(), go.importObject);
}

async function load() {
  if (!globalThis.Go) await import(new URL("wasm_exec.js", base).href);
  const go = new globalThis.Go();
  const { instance } = await instantiate(go);
  go.run(instance); // runs main up to its select {}: the functions are set
  if (!globalThis.bouncekit) throw new Error("bounce: bounce.wasm did not start");
  globalThis.classifyBounce = classifyBounce;
  globalThis.bounceCatalog = bounceCatalog;
  globalThis.bounceRender = bounceRender;
  globalThis.bounceRenderReport = bounceRenderReport;
}

export const ready = load();
