// bench.mjs measures what one Worker request costs without wrangler's
// local proxy: like workers-assets-gen's worker.mjs, it compiles
// build/worker/app.wasm once, then for every request starts a fresh Go
// instance, waits until it is ready and lets it answer. It prints the
// median and p95 of 200 requests (after 20 to warm V8 up) for each case.
//
//   node wasm/worker/bench.mjs [build/worker]
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";

const dir = process.argv[2] ?? "build/worker";
await import(new URL(`../../${dir}/wasm_exec.js`, import.meta.url));
const mod = await WebAssembly.compile(await readFile(`${dir}/app.wasm`));
const gmail = await readFile(new URL("testdata/gmail.txt", import.meta.url), "utf8");
const dsn = await readFile(new URL("testdata/dsn-multi.eml", import.meta.url), "utf8");

// request runs one request in a fresh instance; it returns the time to
// ready (Go runtime and package init) and the total.
async function request(make) {
  const t0 = performance.now();
  const go = new Go();
  let ready;
  const isReady = new Promise((r) => (ready = r));
  const instance = new WebAssembly.Instance(mod, {
    ...go.importObject,
    workers: { ready: () => ready() },
  });
  const binding = {};
  go.run(instance, { env: {}, ctx: { waitUntil() {}, passThroughOnException() {} }, binding });
  await isReady;
  const t1 = performance.now();
  const res = await binding.handleRequest(make());
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`status ${res.status}`);
  return [t1 - t0, performance.now() - t0];
}

function stats(xs) {
  xs.sort((a, b) => a - b);
  return `median ${xs[xs.length >> 1].toFixed(2)} ms, p95 ${xs[Math.floor(xs.length * 0.95)].toFixed(2)} ms`;
}

const cases = {
  "GET /healthz": () => new Request("http://localhost/healthz"),
  "POST /v1/classify (Gmail one-liner)": () =>
    new Request("http://localhost/v1/classify", { method: "POST", headers: { "content-type": "text/plain" }, body: gmail }),
  "POST /v1/classify (2-recipient DSN)": () =>
    new Request("http://localhost/v1/classify", { method: "POST", headers: { "content-type": "message/rfc822" }, body: dsn }),
};
for (const [name, make] of Object.entries(cases)) {
  for (let i = 0; i < 20; i++) await request(make);
  const start = [], total = [];
  for (let i = 0; i < 200; i++) {
    const [s, t] = await request(make);
    start.push(s);
    total.push(t);
  }
  console.log(`${name}: start-up ${stats(start)}; whole request ${stats(total)}`);
}
