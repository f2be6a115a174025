// bounce.js loads bounce.wasm (beside this file) and exports the classifier.
//
//   import { ready, classifyBounce } from "./bounce.js";
//   await ready; const report = classifyBounce(text);
//
// It works in browsers and in Node 20. classifyBounce, bounceCatalog,
// bounceRender and bounceRenderReport are also set on globalThis (see
// wasm/browser/main.go). A page with <meta name="bouncekit-compile"
// content="worker"> has bounce.wasm fetched and compiled in a Web Worker
// (bounce-compile.js, beside this file), off its main thread.
//
// globalThis.bouncekitModule is this realm's compiled bounce.wasm (a
// WebAssembly.Module): bounce.js sets it once compiled, and uses one that
// is already there instead of fetching and compiling its own. So a page
// that starts a worker for large input posts its module to it (see
// bounce-worker.js), and the worker neither downloads nor compiles
// bounce.wasm again: compiled code is shared between the threads.

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

// compileInWorker compiles bounce.wasm in a Web Worker (bounce-compile.js,
// beside this file) and resolves with the module, or with null when the
// worker cannot start or fails; compile then does the work here.
function compileInWorker() {
  return new Promise((resolve) => {
    let w;
    try {
      w = new Worker(new URL("bounce-compile.js", base));
    } catch {
      resolve(null); // a Content-Security-Policy without workers
      return;
    }
    const done = (m) => {
      w.terminate();
      resolve(m);
    };
    w.onmessage = (e) => done(e.data instanceof WebAssembly.Module ? e.data : null);
    w.onmessageerror = () => done(null);
    w.onerror = (e) => {
      e.preventDefault();
      done(null);
    };
  });
}

// inWorker reports whether the page asks for the module to be compiled off
// its main thread: <meta name="bouncekit-compile" content="worker">, before
// the script that loads bounce.js. Other pages (the widget's hosts, bundles
// of the npm package) have no bounce-compile.js beside them.
function inWorker() {
  return typeof Worker === "function" && typeof document !== "undefined" &&
    document.querySelector?.('meta[name="bouncekit-compile"][content="worker"]') != null;
}

// given is a module compiled elsewhere and handed to this realm.
function given() {
  const m = globalThis.bouncekitModule;
  return typeof WebAssembly === "object" && m instanceof WebAssembly.Module ? m : null;
}

async function load() {
  const have = given();
  const module = have ? Promise.resolve(have)
    : inWorker() ? compileInWorker().then((m) => m ?? compile()) : compile();
  module.then((m) => { globalThis.bouncekitModule = m }, () => {}); // failures: the await below
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
