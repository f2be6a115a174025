// bounce-worker.js: the page's Web Worker. It holds its own instance of
// bounce.wasm (loaded by bounce.js, in the .wasm's mode without a
// document) and classifies the large texts that the page posts to it, so
// that a 2 MB paste never freezes the page (internal/ui/offmain.go and
// widget.js start it on the first large input).
//
//   in:  {module}       optional, first: the page's compiled bounce.wasm
//                       (a WebAssembly.Module), used instead of fetching
//                       and compiling it again
//        {seq, text}
//   out: {seq, report, excerpt, lines, cut}   the report and the lines around
//                                             its deciding text (ui.MakeExcerpt)
//        {seq, error}    the classifier refused the text (too large)
//        {seq, failed}   bounce.wasm could not start here

let ready;

// start loads bounce.js, once: with the page's module when the first
// message brought one.
function start(module) {
  if (!ready) {
    if (module instanceof WebAssembly.Module) globalThis.bouncekitModule = module;
    ready = import("./bounce.js").then((m) => m.ready);
    ready.catch(() => {}); // reported with the first text
  }
  return ready;
}

addEventListener("message", async (e) => {
  const d = e.data ?? {};
  if (d.module !== undefined) {
    start(d.module);
    return;
  }
  const { seq, text } = d;
  try {
    await start();
  } catch (err) {
    postMessage({ seq, failed: String(err?.message ?? err) });
    return;
  }
  const r = globalThis.bouncekit.classifyExcerpt(text);
  if (r instanceof Error) postMessage({ seq, error: r.message });
  else postMessage({ seq, ...r });
});
