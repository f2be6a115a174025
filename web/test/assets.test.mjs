// The precompressed copies of bounce.wasm that "make web" writes for
// servers to send as they are: each must inflate to bounce.wasm itself,
// and bounce.wasm.gz must be a plain gzip stream that any reader takes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { gunzipSync, brotliDecompressSync, gzipSync } from "node:zlib";
import { fileURLToPath } from "node:url";
import path from "node:path";

const web = fileURLToPath(new URL("../../build/web/", import.meta.url));
const raw = readFileSync(path.join(web, "bounce.wasm"));

test("bounce.wasm.gz inflates to bounce.wasm", () => {
  const gz = readFileSync(path.join(web, "bounce.wasm.gz"));
  assert.deepEqual([gz[0], gz[1], gz[2]], [0x1f, 0x8b, 8], "gzip header, deflate");
  assert.ok(gunzipSync(gz).equals(raw), "bounce.wasm.gz is not bounce.wasm");
  // zopfli's stream (or zlib's level 9 where zopfli is missing outside
  // CI): never larger than zlib's level 9.
  assert.ok(gz.length <= gzipSync(raw, { level: 9 }).length, "bounce.wasm.gz larger than gzip -9");
});

test("bounce.wasm.br decompresses to bounce.wasm", () => {
  const br = readFileSync(path.join(web, "bounce.wasm.br"));
  assert.ok(brotliDecompressSync(br).equals(raw), "bounce.wasm.br is not bounce.wasm");
});
