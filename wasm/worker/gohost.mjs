// gohost.mjs runs the Go program of app.wasm as a long-lived server inside
// one JavaScript isolate. entry.mjs (the Worker) and bench.mjs (Node) use
// it; wasm_exec.js must be loaded first, for globalThis.Go.
//
// Kept across requests, one per isolate: the compiled module, one running
// Go instance and the binding object in which the program registered its
// handleRequest (syumai/workers, see serve_js.go). Passed per request: the
// Request's url, method, the headers the API reads (headersFor), and its
// body read here into a Uint8Array (readBody). env and ctx are not handed
// to Go: the API needs neither, and an instance that outlives its first
// request must not see one request's env or ctx from another. The headers
// every API answer carries (api.CommonHeaders) are in the Headers object
// on which syumai/workers builds each Response's headers (start).
//
// When the instance breaks (Go panics or exits, or handleRequest answers
// with no promise, which is what a call to a released function does), every
// request it was serving gets the JSON 500 {"error": {"code": "internal"}},
// the instance is dropped, and the next request starts a fresh one.

// syumai/workers calls globalThis.tryCatch from some of its helpers.
globalThis.tryCatch ??= (fn) => {
  try {
    return { result: fn() };
  } catch (error) {
    return { error };
  }
};

const internalBody =
  '{"error":{"code":"internal","message":"the server failed to answer; try again"}}\n';

// internalError is the answer to a request the instance failed: the same
// shape and headers as the API's own errors.
export function internalError() {
  return new Response(internalBody, {
    status: 500,
    headers: {
      "Content-Type": "application/json",
      "Cache-Control": "no-store",
      "Access-Control-Allow-Origin": "*",
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "Content-Security-Policy": "default-src 'none'; frame-ancestors 'none'",
      "X-Frame-Options": "SAMEORIGIN",
    },
  });
}

// GoHost serves requests with one Go instance of mod (a
// WebAssembly.Module) at a time.
export class GoHost {
  constructor(mod, log = console) {
    this.mod = mod;
    this.log = log;
    this.inst = null; // the running instance, or null before the first request and after a failure
    this.starts = 0; // instances started so far
  }

  // start instantiates the module and runs the Go program up to its
  // workers.Ready(), which it reaches synchronously inside go.run.
  start() {
    const go = new Go();
    const inst = { go, binding: {}, broken: null };
    let ready = false;
    go.exit = (code) => this.fail(inst, new Error(`the Go program exited with code ${code}`));
    const instance = new WebAssembly.Instance(this.mod, {
      ...go.importObject,
      workers: { ready: () => (ready = true) },
    });
    // values counts the JavaScript values the program refers to (for the
    // test build's /v1/test/memory).
    const values = () => go._values.length - go._idPool.length;
    // syumai/workers takes the Headers class from globalThis once, as the
    // program starts, and builds each Response's headers by appending
    // Go's to a new Headers(). Here that Headers() starts with the headers
    // of every API answer, which Go leaves out (serve_js.go): the five
    // pairs are copied inside the runtime, where appending them from Go
    // cost ten strings passed to JavaScript, and setting them afterwards
    // ten calls on the Response's headers. A Headers made with an init
    // argument is left as it is. globalThis.Headers is restored as soon as
    // the program has started.
    const Headers0 = globalThis.Headers;
    let common;
    globalThis.Headers = function Headers(init) {
      return new Headers0(init === undefined ? common : init);
    };
    try {
      go.run(instance, { binding: inst.binding, values }).catch((e) => this.fail(inst, e));
    } finally {
      globalThis.Headers = Headers0;
    }
    if (inst.broken) throw inst.broken;
    if (!ready || typeof inst.binding.handleRequest !== "function") {
      throw new Error("the Go program did not register handleRequest");
    }
    common = new Headers0(inst.binding.commonHeaders);
    this.starts++;
    return inst;
  }

  // fail marks inst broken and drops it. The requests it was serving see
  // that for themselves (guard), each in its own context.
  fail(inst, err) {
    if (inst.broken) return;
    inst.broken = err;
    if (this.inst === inst) this.inst = null;
  }

  // guard settles as p does, or rejects when inst breaks first. The
  // instance may break while it serves another request, and workerd
  // cancels as hung a request that is woken from another request's
  // context, or waits with nothing of its own pending. So each request
  // has a timer of its own that checks the instance, and rejects from its
  // own context. (Not Promise.race against a promise of the instance's
  // end either: that would keep one reaction per request on a promise
  // that may never settle.)
  guard(inst, p) {
    return new Promise((resolve, reject) => {
      if (inst.broken) return reject(inst.broken);
      const tick = setInterval(() => inst.broken && reject(inst.broken), 20);
      Promise.resolve(p)
        .then(resolve, reject)
        .finally(() => clearInterval(tick));
    });
  }

  // fetch answers one request. Go gets the request's url, method and
  // headers, and its body already read (readBody): syumai/workers makes an
  // http.Request of them and the handler runs to its end without waiting
  // for JavaScript. Go hands back a Response whose body is whole (serve_js.go
  // buffers it), so a handler that breaks halfway has sent nothing and the
  // request still gets the clean 500.
  async fetch(req) {
    let inst = this.inst;
    try {
      if (!inst) inst = this.inst = this.start();
    } catch (e) {
      this.log.error("bouncekit: cannot start the Go instance:", e);
      return internalError();
    }
    let res;
    try {
      const headers = req.headers;
      const body = await readBody(req, headers, inst.binding.maxBody);
      let p;
      try {
        p = inst.binding.handleRequest({ url: req.url, method: req.method, headers: headersFor(headers, body, inst.binding), body });
        if (!p || typeof p.then !== "function") {
          throw new Error("handleRequest gave no promise (a call to a released function?)");
        }
      } catch (e) {
        this.fail(inst, e); // the call itself failed: the instance is unusable
        throw e;
      }
      // Go mostly answers before handleRequest returns (it waits for
      // nothing from JavaScript): then p has settled already, its
      // reaction runs before this function resumes from the await, and
      // the request needs no timer of its own.
      let settled = null;
      p.then((value) => (settled = { value }), (error) => (settled = { error }));
      await undefined;
      if (settled === null) res = await this.guard(inst, p);
      else if ("error" in settled) throw settled.error;
      else res = settled.value;
      if (!(res instanceof Response)) {
        this.fail(inst, new Error("handleRequest gave no Response"));
        throw inst.broken;
      }
    } catch (e) {
      if (inst.broken) {
        this.log.error("bouncekit: the Go instance broke; the next request starts a fresh one:", inst.broken);
      } else {
        // handleRequest rejected (it could not read the request): the
        // instance itself is sound and stays.
        this.log.error("bouncekit: a request failed:", e);
      }
      return internalError();
    }
    return res;
  }
}

// headersFor returns the request headers Go is given, as syumai/workers
// reads them (entries()): those the program named in requestHeaders, the
// ones the API reads, less Content-Length when the body is read already
// (Go takes the length from the bytes). Each header that crosses costs Go
// three JavaScript values; a request from the edge has a dozen the API
// never looks at.
function headersFor(headers, body, binding) {
  const pairs = [];
  for (const k of binding.requestHeaders) {
    if (k === "content-length" && body instanceof Uint8Array) continue;
    const v = headers.get(k);
    if (v !== null) pairs.push([k, v]);
  }
  return { entries: () => pairs };
}

// readBody returns req's body for Go: null when there is none, otherwise
// its bytes in a Uint8Array, read here in one step when the length is
// known, and at most max + 1 bytes of a body of unknown length (enough for
// the API to answer 413). A body whose Content-Length is over max is not
// read at all: the stream is passed on and the API answers 413 from the
// length. A body that cannot be read is passed on as a stream that fails,
// so the API answers it as it answers any unreadable body.
async function readBody(req, headers, max) {
  const len = headers.get("content-length");
  const known = len !== null && /^[0-9]+$/.test(len);
  if (!known && req.body === null) return null;
  if (known && Number(len) > max) return req.body;
  try {
    if (known) return new Uint8Array(await req.arrayBuffer());
    const reader = req.body.getReader();
    const chunks = [];
    let n = 0;
    while (n <= max) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      n += value.byteLength;
    }
    if (n > max) reader.cancel().catch(() => {});
    const out = new Uint8Array(Math.min(n, max + 1));
    let at = 0;
    for (const c of chunks) {
      const k = Math.min(c.byteLength, out.length - at);
      out.set(k === c.byteLength ? c : c.subarray(0, k), at);
      at += k;
    }
    return out;
  } catch (e) {
    return new ReadableStream({ start: (c) => c.error(e) });
  }
}
