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

// compile fetches bounce.wasm and compiles it while it downloads
// (compileStreaming, which needs the Content-Type application/wasm). It
// starts when this module is evaluated, before wasm_exec.js is there: the
// compile, not the download, is most of the time to ready.
async function compile() {
  const url = new URL("bounce.wasm", base);
  if (url.protocol === "file:") {
    const { readFile } = await import("node:fs/promises");
    return WebAssembly.compile(await readFile(url));
  }
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`bounce: ${url}: ${resp.status} ${resp.statusText}`);
  if (resp.headers.get("Content-Type")?.startsWith("application/wasm")) {
    return WebAssembly.compileStreaming(resp);
  }
  // A server that sends another Content-Type: compile from the bytes.
  return WebAssembly.compile(await resp.arrayBuffer());
}

async function load() {
  const module = compile();
  module.catch(() => {}); // reported by the await below, not as unhandled
  if (!globalThis.Go) await import(new URL("wasm_exec.js", base).href);
  const go = new globalThis.Go();
  const instance = await WebAssembly.instantiate(await module, go.importObject);
  go.run(instance); // runs main up to its select {}: the functions are set
  if (!globalThis.bouncekit) throw new Error("bounce: bounce.wasm did not start");
  globalThis.classifyBounce = classifyBounce;
  globalThis.bounceCatalog = bounceCatalog;
  globalThis.bounceRender = bounceRender;
  globalThis.bounceRenderReport = bounceRenderReport;
}

export const ready = load();
