// bench.mjs measures what one Worker request costs in V8 without wrangler:
// it serves requests the way the Worker does (gohost.mjs: one Go instance
// kept for all requests), with the headers a request from Cloudflare's
// edge has, and prints, for each case, the CPU time per warm request
// (median and p95 of 500, after 1,000 to warm up; process CPU, so the Go
// program and the JavaScript around it) and the wall time. V8 compiles
// the functions a request runs again, optimized, on background threads
// during the first several hundred requests, and the process CPU counts
// those threads: the median of the warm-up's requests is printed too, to
// show that. GET /healthz
// shows what the bridge costs with next to no work in the handler. It also
// prints what the first request of a fresh isolate costs: instantiating
// app.wasm, starting Go, and answering.
//
//   node wasm/worker/bench.mjs [build/worker]
import { readFile } from "node:fs/promises";
import { performance } from "node:perf_hooks";
import { cpuUsage } from "node:process";

const dir = process.argv[2] ?? "build/worker";
await import(new URL(`../../${dir}/wasm_exec.js`, import.meta.url));
const { GoHost } = await import(new URL(`../../${dir}/gohost.mjs`, import.meta.url));
let t = performance.now();
const mod = await WebAssembly.compile(await readFile(`${dir}/app.wasm`));
const compileMs = performance.now() - t;
const gmail = await readFile(new URL("testdata/gmail.txt", import.meta.url), "utf8");
// The 50 KB DSN of 137 recipients that internal/testndr writes for the
// native benchmark and the Worker's tests (its test keeps this copy equal).
const ndr = await readFile(new URL("testdata/ndr-50k.eml", import.meta.url), "utf8");

// edge are headers such as Cloudflare's edge adds to a request, beside the
// client's own.
const edge = {
  "accept": "*/*",
  "accept-encoding": "gzip, br",
  "user-agent": "curl/8.5.0",
  "host": "bouncekit.example.workers.dev",
  "cf-connecting-ip": "198.51.100.7",
  "cf-ipcountry": "NL",
  "cf-ray": "8c1f2e3d4a5b6c7d-AMS",
  "cf-visitor": '{"scheme":"https"}',
  "x-forwarded-proto": "https",
  "x-real-ip": "198.51.100.7",
};

// classify makes the request as it reaches a Worker from the network, with
// its Content-Length.
const classify = (body) => () =>
  new Request("http://localhost/v1/classify", {
    method: "POST",
    headers: { ...edge, "content-type": "text/plain", "content-length": String(Buffer.byteLength(body)) },
    body,
  });

// get makes a GET request without a body.
const get = (path) => () => new Request(`http://localhost${path}`, { headers: edge });

const silent = { error() {} };

// one answers one request and returns its CPU and wall time in ms.
async function one(host, make) {
  const req = make();
  const c0 = cpuUsage(), t0 = performance.now();
  const res = await host.fetch(req);
  const body = await res.arrayBuffer();
  const wall = performance.now() - t0, c = cpuUsage(c0);
  if (res.status !== 200) throw new Error(`status ${res.status}: ${new TextDecoder().decode(body)}`);
  return [(c.user + c.system) / 1000, wall];
}

function stats(xs) {
  xs.sort((a, b) => a - b);
  return `p50 ${xs[xs.length >> 1].toFixed(2)} ms, p95 ${xs[Math.floor(xs.length * 0.95)].toFixed(2)} ms`;
}

console.log(`compile app.wasm: ${compileMs.toFixed(0)} ms (once per isolate; on Cloudflare at upload)`);
{
  const host = new GoHost(mod, silent);
  const [cpu, wall] = await one(host, classify(gmail));
  console.log(`cold first request (instantiate, start Go, answer): CPU ${cpu.toFixed(1)} ms, wall ${wall.toFixed(1)} ms`);
}
const cases = {
  "GET /healthz (the bridge and the router alone)": get("/healthz"),
  "one-line reply (Gmail, 234 B)": classify(gmail),
  [`NDR, ${ndr.length >> 10} KB, ${ndr.split("Final-Recipient").length - 1} recipients`]: classify(ndr),
};
const host = new GoHost(mod, silent);
for (const [name, make] of Object.entries(cases)) {
  const warming = [];
  for (let i = 0; i < 1000; i++) warming.push((await one(host, make))[0]);
  const cpu = [], wall = [];
  for (let i = 0; i < 500; i++) {
    const [c, w] = await one(host, make);
    cpu.push(c);
    wall.push(w);
  }
  warming.sort((a, b) => a - b);
  console.log(`${name}: CPU ${stats(cpu)}; wall ${stats(wall)} (the 1,000 requests before: CPU p50 ${warming[500].toFixed(2)} ms)`);
}
if (host.starts !== 1) throw new Error(`${host.starts} Go instances started for one host; want 1`);
