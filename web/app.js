// The page's only script besides bounce.js: the UI itself is built by
// bounce.wasm. This reports a failure to load it.
import { ready } from "./bounce.js";

ready.catch((e) => {
  const status = document.getElementById("status");
  status.textContent = "The classifier could not start: " + e.message;
  status.classList.add("bk-error");
});
