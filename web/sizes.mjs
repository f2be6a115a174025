// sizes.mjs FILE: writes FILE.gz and FILE.br beside FILE, for servers that
// send them as they are, and prints the three sizes.
//
// FILE.gz is made by zopfli (Debian's package; "make web" installs it when
// it can), whose gzip stream any gzip reader inflates but which is about 5%
// smaller than zlib's at level 9, for 10-30 s of one core. A FILE.gz that
// already inflates to FILE is kept (and touched), so that the cost is paid
// once per change of FILE. Without zopfli, FILE.gz is zlib's level 9 and the
// line says so; with CI=true that is an error, since the served size would
// then not be the one the README gives. FILE.br is brotli at quality 11.
import { readFileSync, writeFileSync, existsSync, utimesSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { gzipSync, gunzipSync, brotliCompressSync, constants } from "node:zlib";

const file = process.argv[2];
const raw = readFileSync(file);
const mb = (n) => (n / 1e6).toFixed(3) + " MB";

// kept reports whether path holds an earlier zopfli stream of this very
// FILE: it inflates to FILE and is smaller than zlib's level 9.
function kept(path, level9) {
  if (!existsSync(path)) return false;
  try {
    const old = readFileSync(path);
    return old.length < level9.length && gunzipSync(old).equals(raw);
  } catch {
    return false;
  }
}

function zopfli() {
  try {
    return execFileSync("zopfli", ["--i15", "-c", file], { maxBuffer: 4 * raw.length + (1 << 20) });
  } catch (e) {
    if (e.code === "ENOENT") return null;
    throw e;
  }
}

let gz, how;
const level9 = gzipSync(raw, { level: 9 });
if (kept(file + ".gz", level9)) {
  gz = readFileSync(file + ".gz");
  const now = new Date();
  utimesSync(file + ".gz", now, now);
  how = "zopfli, kept";
} else if ((gz = zopfli()) !== null) {
  if (!gunzipSync(gz).equals(raw)) throw new Error("zopfli's output does not inflate to " + file);
  how = "zopfli";
  if (gz.length >= level9.length) {
    // Never seen; if it were so, the smaller is served.
    gz = level9;
    how = "zlib -9, smaller than zopfli's";
  }
  writeFileSync(file + ".gz", gz);
} else {
  if (process.env.CI === "true") {
    console.error(`sizes.mjs: zopfli not found (CI=true): apt-get install zopfli`);
    process.exit(1);
  }
  gz = level9;
  writeFileSync(file + ".gz", gz);
  how = "zlib -9: zopfli not found, apt-get install zopfli";
}
const br = brotliCompressSync(raw, {
  params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: raw.length },
});
writeFileSync(file + ".br", br);
console.log(
  `${file}: ${mb(raw.length)} raw; ${file}.gz ${mb(gz.length)} (${how}; gzip -9 ${mb(level9.length)}); ${file}.br ${mb(br.length)} (brotli 11)`,
);
