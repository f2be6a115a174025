// sizes.mjs FILE: prints FILE's size raw, gzip -9 and brotli (quality 11),
// and writes FILE.gz and FILE.br beside it for servers that send them as is.
import { readFileSync, writeFileSync } from "node:fs";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const file = process.argv[2];
const raw = readFileSync(file);
const gz = gzipSync(raw, { level: 9 });
const br = brotliCompressSync(raw, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
});
writeFileSync(file + ".gz", gz);
writeFileSync(file + ".br", br);
const mb = (n) => (n / 1e6).toFixed(2) + " MB";
console.log(`${file}: ${mb(raw.length)} raw, ${mb(gz.length)} gzip, ${mb(br.length)} brotli`);
