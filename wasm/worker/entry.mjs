// entry.mjs is the Worker's entry module (wrangler.toml's main, copied to
// build/worker/ by `make worker`). It replaces the worker.mjs of
// workers-assets-gen, which starts a fresh Go instance for every request:
// here one instance per isolate serves them all (gohost.mjs).
import "./wasm_exec.js";
import { GoHost } from "./gohost.mjs";
import mod from "./app.wasm";

const host = new GoHost(mod);

export default {
  fetch(req) {
    return host.fetch(req);
  },
};
