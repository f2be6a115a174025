// bounce.wasm in Node 20 gives the same reports as the CLI. Run by
// "make test-web-node" after "make web build".
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, existsSync, mkdtempSync, copyFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { fileURLToPath, pathToFileURL } from "node:url";
import path from "node:path";

const root = fileURLToPath(new URL("../../", import.meta.url));
const web = path.join(root, "build/web");
const cli = path.join(root, "build/bin/bounce");
const corpus = path.resolve(root, process.env.CORPUS ?? "testdata/corpus", "eml");
const SAMPLE = 60; // files compared, spread over the sorted corpus

const { ready, classifyBounce, bounceCatalog } = await import(path.join(web, "bounce.js"));
await ready;

// sample returns up to n corpus files, evenly spread, that are valid UTF-8
// (a JavaScript string cannot carry other bytes unchanged).
function sample(n) {
  const utf8 = new TextDecoder("utf-8", { fatal: true });
  const files = readdirSync(corpus).filter((f) => f.endsWith(".eml")).sort();
  const step = Math.max(1, Math.floor(files.length / n));
  const out = [];
  for (let i = 0; i < files.length && out.length < n; i += step) {
    const file = path.join(corpus, files[i]);
    try {
      out.push({ file, text: utf8.decode(readFileSync(file)) });
    } catch {
      // not UTF-8: skip
    }
  }
  return out;
}

test("reports equal the CLI's for a sample of the corpus", { skip: !existsSync(corpus) && `no corpus at ${corpus}` }, () => {
  const files = sample(SAMPLE);
  assert.ok(files.length >= 20, `only ${files.length} UTF-8 files sampled`);
  const out = execFileSync(cli, ["classify", "-json", ...files.map((f) => f.file)], { maxBuffer: 1 << 28 });
  const want = out.toString().trim().split("\n").map((l) => JSON.parse(l));
  assert.equal(want.length, files.length);
  for (const [i, f] of files.entries()) {
    const got = classifyBounce(f.text);
    delete want[i].source; // the CLI names the file; the function has no name
    assert.deepEqual(got, want[i], path.basename(f.file));
  }
});

test("reply text and the catalog agree with the CLI", () => {
  const text = "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy.\n";
  const want = JSON.parse(execFileSync(cli, ["classify", "-json"], { input: text }).toString());
  delete want.source;
  assert.deepEqual(classifyBounce(text), want);
  for (const q of ["5.7.26", "550", "DMARC"]) {
    const lines = execFileSync(cli, ["catalog", "-json", q]).toString().trim().split("\n").filter(Boolean);
    assert.deepEqual(bounceCatalog(q), lines.map((l) => JSON.parse(l)), q);
  }
});

test("a non-string argument throws an Error and the instance lives on", () => {
  for (const bad of [42, undefined, null, {}, ["550"]]) {
    assert.throws(() => classifyBounce(bad), (e) => e instanceof Error && /needs a string/.test(e.message));
    assert.throws(() => globalThis.classifyBounce(bad), Error);
  }
  assert.equal(classifyBounce("452 4.2.2 Mailbox full").recipients[0].class, "temporary");
});

test("without bounce.js: wasm_exec.js alone sets throwing globals", () => {
  const script = `
    require(${JSON.stringify(path.join(web, "wasm_exec.js"))});
    const go = new Go();
    WebAssembly.instantiate(require("fs").readFileSync(${JSON.stringify(path.join(web, "bounce.wasm"))}), go.importObject)
      .then(({ instance }) => {
        go.run(instance);
        let threw = false;
        try { classifyBounce(1); } catch (e) { threw = e instanceof Error; }
        const r = classifyBounce("550 5.1.1 User unknown");
        console.log(JSON.stringify({ threw, cls: r.recipients[0].class }));
        process.exit(0);
      });`;
  const got = JSON.parse(execFileSync(process.execPath, ["-e", script]).toString());
  assert.deepEqual(got, { threw: true, cls: "permanent" });
});

// A worker started by the page gets the page's compiled module in
// globalThis.bouncekitModule; bounce.js then reads no bounce.wasm. Here
// bounce.js is alone in a directory without one: it starts with a given
// module, and fails without.
test("bounce.js starts from a module it is given, without bounce.wasm", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "bouncekit-given-"));
  try {
    for (const f of ["bounce.js", "wasm_exec.js"]) copyFileSync(path.join(web, f), path.join(dir, f));
    const run = (give) => execFileSync(process.execPath, ["--input-type=module", "-e", `
      import { readFileSync } from "node:fs";
      if (${give}) globalThis.bouncekitModule = await WebAssembly.compile(readFileSync(${JSON.stringify(path.join(web, "bounce.wasm"))}));
      const { ready, classifyBounce } = await import(${JSON.stringify(pathToFileURL(path.join(dir, "bounce.js")).href)});
      await ready;
      console.log(classifyBounce("550 5.1.1 <a@example.org>: Recipient address rejected: User unknown").recipients[0].reason);
    `], { stdio: ["ignore", "pipe", "pipe"] }).toString().trim();
    assert.equal(run(true), "userunknown");
    assert.throws(() => run(false), /bounce\.wasm/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
