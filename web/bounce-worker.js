// bounce-worker.js: the page's Web Worker. It holds its own bounce.wasm
// (loaded by bounce.js, in the .wasm's mode without a document) and
// classifies the large texts that the page posts to it, so that a 2 MB
// paste never freezes the page (internal/ui/offmain.go starts it on the
// first large input).
//
//   in:  {seq, text}
//   out: {seq, report, excerpt, lines, cut}   the report and the lines around
//                                             its deciding text (ui.MakeExcerpt)
//        {seq, error}    the classifier refused the text (too large)
//        {seq, failed}   bounce.wasm could not start here
import { ready } from "./bounce.js";

ready.catch(() => {}); // reported with the first message

addEventListener("message", async (e) => {
  const { seq, text } = e.data ?? {};
  try {
    await ready;
  } catch (err) {
    postMessage({ seq, failed: String(err?.message ?? err) });
    return;
  }
  const r = globalThis.bouncekit.classifyExcerpt(text);
  if (r instanceof Error) postMessage({ seq, error: r.message });
  else postMessage({ seq, ...r });
});
