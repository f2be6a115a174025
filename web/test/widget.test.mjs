// The widget's files in build/web, checked in Node (the element itself is
// tested in Chromium by web/webtest). Run by "make test-web-node".
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const web = fileURLToPath(new URL("../../build/web/", import.meta.url));
const read = (f) => readFileSync(path.join(web, f), "utf8");

const { ready, bounceRenderReport } = await import(path.join(web, "bounce.js"));
await ready;

test("bounceRenderReport needs a document and the instance lives on", () => {
  assert.throws(() => bounceRenderReport({}, { recipients: [] }), (e) => e instanceof Error && /needs a document/.test(e.message));
  assert.equal(globalThis.classifyBounce("550 5.1.1 User unknown").recipients[0].class, "permanent");
});

test("widget.d.ts declares the attributes widget.js observes", () => {
  const js = read("widget.js");
  const attrs = JSON.parse(js.match(/observedAttributes = (\[[^\]]*\])/)[1].replace(/'/g, '"'));
  const dts = read("widget.d.ts");
  for (const a of attrs) {
    const prop = a === "hide-input" ? null : a; // hide-input has no property
    if (prop) assert.match(dts, new RegExp(`^\\s+${prop}: `, "m"), prop);
  }
  assert.match(dts, /classify\(text: string\): Promise<BounceReport>/);
  assert.match(dts, /"bounce-classified": BounceClassifiedEvent/);
});

test("the widget and the demo pages need no inline script or style", () => {
  for (const f of ["demo/portal.html", "demo/embed.html"]) {
    const html = read(f);
    assert.match(html, /http-equiv="Content-Security-Policy"/, f);
    assert.doesNotMatch(html, /'unsafe-inline'|<script(?![^>]*\ssrc=)|<style|\sstyle=|\son[a-z]+=/i, f);
  }
  assert.doesNotMatch(read("widget.js"), /innerHTML|insertAdjacentHTML|\.style\.|setAttribute\("style"|eval\(|new Function/);
});
