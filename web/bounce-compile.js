// bounce-compile.js: a Web Worker that fetches bounce.wasm (beside this
// file), compiles it while it downloads, and posts the WebAssembly.Module
// back; on failure it posts the error's text. bounce.js starts it for a
// page that asks for it (<meta name="bouncekit-compile" content="worker">),
// so that the page's main thread neither reads nor decodes the 4.5 MB
// module: there it only instantiates it and runs Go. A module posted
// between threads keeps its compiled code, which both share.
const url = new URL("bounce.wasm", self.location.href);

async function compile() {
  const resp = await fetch(url);
  if (!resp.ok) throw new Error(`bounce: ${url}: ${resp.status} ${resp.statusText}`);
  if (resp.headers.get("Content-Type")?.startsWith("application/wasm")) {
    return WebAssembly.compileStreaming(resp);
  }
  return WebAssembly.compile(await resp.arrayBuffer());
}

compile().then(
  (module) => postMessage(module),
  (e) => postMessage(String(e?.message ?? e)),
);
