package main

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

func TestPasteRows(t *testing.T) {
	log := `=== RUN   TestPasteTimings
    pastetiming_test.go:89: paste to verdict, one-line reply: least 12.0 ms, median 20.5 ms; to the frame that shows it: least 20.0 ms, median 30.0 ms (7 pastes, by main)
    pastetiming_test.go:89: paste to verdict, NDR of 65,808 bytes, 2 recipients (AOL, x.eml): least 140.0 ms, median 160.0 ms; to the frame that shows it: least 150.0 ms, median 170.0 ms (7 pastes, by main)
    pastetiming_test.go:140: 2 MB paste (first, 2,059,578 bytes): longest main-thread block 30.5 ms (longest long task 0.0 ms) during paste to verdict; verdict after 900 ms (by worker)
    pastetiming_test.go:140: 2 MB paste (second, 2,059,578 bytes): longest main-thread block 60.0 ms (longest long task 55.0 ms) during paste to verdict; verdict after 400 ms (by worker)
    pastetiming_test.go:149: 2 MB in the paste area, the browser alone (set and lay out, no input event): 900.0 ms
    pastetiming_test.go:170: 2 MB then a small paste: longest main-thread block 19.1 ms (longest long task 0.0 ms) from pasting a one-line reply over the 2 MB bounce to its verdict
    pastetiming_test.go:183: 2 MB keys: longest main-thread block 88.8 ms (longest long task 51.0 ms) while pressing 10 keys in the paste area holding the 2 MB bounce (read-only: they change nothing)
    pastetiming_test.go:290: widget: a 2 MB bounce pasted (first, 2,097,152 bytes): longest main-thread block 45.0 ms (longest long task 40.0 ms) during paste to verdict; verdict after 3000 ms (by worker)
    pastetiming_test.go:204: 2 MB typing: longest main-thread block 40.0 ms (longest long task 0.0 ms) from Clear after a 2 MB paste, typing 10 keys, until the verdict
`
	var got []string
	pasteRows(log, func(figure, measured, target string, met verdict) {
		got = append(got, figure+" | "+measured+" | "+target+" | "+string(met))
	})
	want := []string{
		"page: paste to verdict, one-line reply | median 20.5 ms (least 12.0; 30.0 ms to the frame that shows it) | <= 50 ms | yes",
		"page: paste to verdict, an NDR of 65,808 bytes, 2 recipients (AOL, x.eml) | median 160.0 ms (least 140.0; 170.0 ms to the frame that shows it) | <= 150 ms | **no**",
		"page: 2 MB paste, longest main-thread block to the verdict | first 30.5 ms (verdict after 900 ms, by worker); second 60.0 ms (verdict after 400 ms, by worker) | <= 50 ms | **no**",
		"page: a one-line paste over a 2 MB bounce, longest main-thread block | 19.1 ms | <= 50 ms | yes",
		"page: keys pressed in the paste area holding a 2 MB bounce, longest main-thread block | 88.8 ms | <= 50 ms | **no**",
		"page: Clear after a 2 MB paste, then typing, longest main-thread block | 40.0 ms | <= 50 ms | yes",
		"widget: 2 MB paste, longest main-thread block to the verdict | first 45.0 ms (verdict after 3000 ms, by worker) | <= 50 ms | yes",
		"page: 2 MB in the paste area, the browser's own layout | 900.0 ms | reported | —",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("rows:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// No log: every row n/a.
	got = nil
	pasteRows("", func(figure, measured, target string, met verdict) {
		if measured != "n/a" || met != unknown {
			t.Errorf("without a log: %s | %s | %s", figure, measured, met)
		}
		got = append(got, figure)
	})
	if len(got) != 7 {
		t.Errorf("without a log, %d rows: %v", len(got), got)
	}
}

func TestRunsAndCold(t *testing.T) {
	dir := t.TempDir()
	out := `BenchmarkPerfCorpus/shared-2  50  20000000 ns/op  12900 B/msg  55.00 allocs/msg  3000 first-pass-msgs/s  20000 msgs/s
BenchmarkPerfCorpus/shared-2  60  16000000 ns/op  12900 B/msg  55.00 allocs/msg  19000 first-pass-msgs/s  25000 msgs/s
BenchmarkPerfCorpus/shared-2  55  18000000 ns/op  12900 B/msg  55.00 allocs/msg  18000 first-pass-msgs/s  22000 msgs/s
BenchmarkPerfReplyLine-2  200000  5000 ns/op
`
	file := filepath.Join(dir, "native.txt")
	if err := os.WriteFile(file, []byte(out), 0o644); err != nil {
		t.Fatal(err)
	}
	s := readBench(file)
	name := "BenchmarkPerfCorpus/shared"
	if v, _ := s.get(name, "msgs/s"); v != 22000 {
		t.Errorf("median %v, want 22000", v)
	}
	if got, want := s.runs(name, "msgs/s", num), " (median of 3 runs: 20,000, 25,000, 22,000)"; got != want {
		t.Errorf("runs %q, want %q", got, want)
	}
	if got := s.runs("BenchmarkPerfReplyLine", "ns/op", us); got != "" {
		t.Errorf("one run listed: %q", got)
	}
	if got, want := cold(s, name), "; cold, the process's first pass: 3,000 msgs/s"; got != want {
		t.Errorf("cold %q, want %q", got, want)
	}
	if got := cold(s, "BenchmarkPerfReplyLine"); got != "" {
		t.Errorf("cold figure without first-pass-msgs/s: %q", got)
	}
}

// benchWriter returns a function that writes a go test -bench output to a
// file of the test's own folder and reads it back as make bench's table does.
func benchWriter(t *testing.T) func(name, text string) benchSet {
	dir := t.TempDir()
	return func(name, text string) benchSet {
		file := filepath.Join(dir, name)
		if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return readBench(file)
	}
}

func TestWasmRow(t *testing.T) {
	write := benchWriter(t)
	native := write("native.txt", `BenchmarkPerfCorpus/shared-2  60  16000000 ns/op  20000 cpu-msgs/s  3000 first-pass-msgs/s  20000 msgs/s
BenchmarkPerfReplyLine-2  200000  5000 ns/op  5000 cpu-ns/op
`)
	// The wall-clock figures of a loaded machine (5x), the CPU ones 2x.
	wasm := write("wasm.txt", `BenchmarkPerfCorpus/shared  10  80000000 ns/op  10000 cpu-msgs/s  500 first-pass-msgs/s  4000 msgs/s
BenchmarkPerfReplyLine  40000  25000 ns/op  10000 cpu-ns/op
`)
	got, v := wasmRow(native, wasm, nil, "BenchmarkPerfCorpus/shared", true)
	want := "4,000 msgs/s, 5.00x native; by CPU time 2.00x native (10,000 against 20,000 msgs per CPU-second); cold, the process's first pass: 500 msgs/s, 6.0x native's"
	if got != want || v != yes {
		t.Errorf("corpus row %q (%s), want %q (yes)", got, v, want)
	}
	got, v = wasmRow(native, wasm, nil, "BenchmarkPerfReplyLine", false)
	want = "25.0 µs, 5.00x native; by CPU time 2.00x native (10.0 µs against 5.0 µs of CPU)"
	if got != want || v != yes {
		t.Errorf("reply row %q (%s), want %q (yes)", got, v, want)
	}
	// 2.53x shows as such, not as a 2.5x that fails.
	close := write("close.txt", "BenchmarkPerfReplyLine  40000  12650 ns/op  12650 cpu-ns/op\n")
	if m, v := wasmRow(native, close, nil, "BenchmarkPerfReplyLine", false); !strings.Contains(m, "by CPU time 2.53x") || v != no {
		t.Errorf("2.53x: %q %s", m, v)
	}
	// Without CPU figures, the wall-clock ratio is judged.
	old := write("old.txt", "BenchmarkPerfReplyLine  40000  25000 ns/op\n")
	if _, v := wasmRow(native, old, nil, "BenchmarkPerfReplyLine", false); v != no {
		t.Errorf("wall-clock ratio 5x judged %s", v)
	}
	if m, v := wasmRow(native, benchSet{}, nil, "BenchmarkPerfReplyLine", false); m != "n/a" || v != unknown {
		t.Errorf("no wasm figures: %q %s", m, v)
	}
}

// With pairs, the median of their CPU-time ratios is judged, not the
// ratio between native.txt and wasm.txt, which ran minutes apart.
func TestWasmRowPairs(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "pairs.txt")
	// Pair 1: 2.4x and 2.0x; pair 2 (wasm first): 2.6x and 3.0x; pair 3:
	// 2.45x and 2.2x; pair 4 has no wasm run and is left out.
	text := `pair 1 native
goos: linux
BenchmarkPerfCorpus/shared-2  60  16000000 ns/op  24000 cpu-msgs/s  24000 msgs/s
BenchmarkPerfReplyLine-2  200000  5000 ns/op  5000 cpu-ns/op
PASS
pair 1 wasm
BenchmarkPerfCorpus/shared  10  80000000 ns/op  10000 cpu-msgs/s  10000 msgs/s
BenchmarkPerfReplyLine  40000  10000 ns/op  10000 cpu-ns/op
pair 2 wasm
BenchmarkPerfCorpus/shared  10  80000000 ns/op  10000 cpu-msgs/s  10000 msgs/s
BenchmarkPerfReplyLine  40000  15000 ns/op  15000 cpu-ns/op
pair 2 native
BenchmarkPerfCorpus/shared-2  60  16000000 ns/op  26000 cpu-msgs/s  26000 msgs/s
BenchmarkPerfReplyLine-2  200000  5000 ns/op  5000 cpu-ns/op
pair 3 native
BenchmarkPerfCorpus/shared-2  60  16000000 ns/op  24500 cpu-msgs/s  24500 msgs/s
BenchmarkPerfReplyLine-2  200000  5000 ns/op  5000 cpu-ns/op
pair 3 wasm
BenchmarkPerfCorpus/shared  10  80000000 ns/op  10000 cpu-msgs/s  10000 msgs/s
BenchmarkPerfReplyLine  40000  11000 ns/op  11000 cpu-ns/op
pair 4 native
BenchmarkPerfCorpus/shared-2  60  16000000 ns/op  99000 cpu-msgs/s  99000 msgs/s
`
	if err := os.WriteFile(file, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	pairs := readPairs(file)
	if len(pairs) != 3 {
		t.Fatalf("%d pairs read, want 3", len(pairs))
	}
	// The separate runs say 3.0x: over the target.
	native := benchSet{"BenchmarkPerfCorpus/shared": {"msgs/s": {30000}, "cpu-msgs/s": {30000}}}
	wasm := benchSet{"BenchmarkPerfCorpus/shared": {"msgs/s": {10000}, "cpu-msgs/s": {10000}}}
	if _, v := wasmRow(native, wasm, nil, "BenchmarkPerfCorpus/shared", true); v != no {
		t.Errorf("3.0x without pairs judged %s", v)
	}
	got, v := wasmRow(native, wasm, pairs, "BenchmarkPerfCorpus/shared", true)
	if !strings.Contains(got, "run side by side, 2.45x native (median of 3 pairs: 2.40, 2.60, 2.45)") || v != yes {
		t.Errorf("corpus with pairs: %q (%s)", got, v)
	}
	// Reply line: 2.0, 3.0, 2.2: median 2.2.
	native = benchSet{"BenchmarkPerfReplyLine": {"ns/op": {5000}, "cpu-ns/op": {5000}}}
	wasm = benchSet{"BenchmarkPerfReplyLine": {"ns/op": {15000}, "cpu-ns/op": {15000}}}
	got, v = wasmRow(native, wasm, pairs, "BenchmarkPerfReplyLine", false)
	if !strings.Contains(got, "median of 3 pairs: 2.00, 3.00, 2.20") || v != yes {
		t.Errorf("reply line with pairs: %q (%s)", got, v)
	}
	// An even number of pairs: the mean of the middle two (2.2 and 3.0).
	got, v = wasmRow(native, wasm, pairs[1:], "BenchmarkPerfReplyLine", false)
	if !strings.Contains(got, "run side by side, 2.60x native") || v != no {
		t.Errorf("two pairs: %q (%s)", got, v)
	}
	if readPairs(filepath.Join(dir, "none.txt")) != nil {
		t.Error("pairs read from a missing file")
	}
}

// The bulk row takes the best run of each -j, as make bench-bulk prints
// it; the soak row fails on an unexpected status or a resident size that
// kept growing.
func TestBulkAndSoakRows(t *testing.T) {
	write := benchWriter(t)
	bulk := write("bulk.txt", `BenchmarkBulkClassify/j=1-2  1  11138629006 ns/op  1.148 cores-used  100310 msgs/op  9006 msgs/s
BenchmarkBulkClassify/j=2-2  1  5824652215 ns/op  1.739 cores-used  100310 msgs/op  15000 msgs/s
BenchmarkBulkClassify/j=1-2  1  11138629006 ns/op  1.2 cores-used  100310 msgs/op  8000 msgs/s
BenchmarkBulkClassify/j=2-2  1  5824652215 ns/op  1.75 cores-used  100310 msgs/op  17222 msgs/s
`)
	_, m, _, v := bulkRow(bulk)
	if m != "17,222 vs 9,006 msgs/s: 1.91x (1.75 and 1.15 cores used)" || v != yes {
		t.Errorf("bulk row %q (%s)", m, v)
	}
	slow := write("slow.txt", "BenchmarkBulkClassify/j=1-2 1 1 ns/op 1.2 cores-used 10000 msgs/s\nBenchmarkBulkClassify/j=2-2 1 1 ns/op 1.7 cores-used 16000 msgs/s\n")
	if _, m, _, v := bulkRow(slow); v != no {
		t.Errorf("1.6x judged %s: %q", v, m)
	}
	if _, m, _, v := bulkRow(benchSet{}); m != "n/a" || v != unknown {
		t.Errorf("no bulk figures: %q %s", m, v)
	}

	line := "BenchmarkSoak/all-50  17170  3509719 ns/op  164.08 ms-p50  438.13 ms-p99  %d errors  %d unexpected  149.8 MB-rss-peak  115.7 MB-rss-warm  %.1f MB-rss-end\n"
	_, m, _, v = soakRow(write("soak.txt", fmt.Sprintf(line, 0, 0, 117.1)))
	if m != "0 errors, 0 unexpected statuses; p50 164 ms, p99 438 ms; RSS 150 MB peak, 116 MB warm, 117 MB at the end" || v != yes {
		t.Errorf("soak row %q (%s)", m, v)
	}
	for _, bad := range []string{fmt.Sprintf(line, 0, 3, 117.1), fmt.Sprintf(line, 1, 0, 117.1), fmt.Sprintf(line, 0, 0, 150.0)} {
		if _, m, _, v := soakRow(write("bad.txt", bad)); v != no {
			t.Errorf("%q judged %s", m, v)
		}
	}
}

// TestServedGzip: bounce.wasm.gz is counted only when it inflates to the
// very bounce.wasm beside it.
func TestServedGzip(t *testing.T) {
	dir := t.TempDir()
	wasm := filepath.Join(dir, "bounce.wasm")
	raw := bytes.Repeat([]byte("\x00asm\x01\x00\x00\x00 some code "), 500)
	if err := os.WriteFile(wasm, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	gz := func(b []byte) []byte {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(b)
		zw.Close()
		return z.Bytes()
	}
	if _, ok := servedGzip(wasm, raw); ok {
		t.Error("counted a bounce.wasm.gz that is not there")
	}
	for name, content := range map[string][]byte{
		"another file's":  gz(append(slices.Clone(raw), 'x')),
		"a truncated one": gz(raw)[:40],
		"not gzip":        raw,
	} {
		os.WriteFile(wasm+".gz", content, 0o644)
		if _, ok := servedGzip(wasm, raw); ok {
			t.Errorf("counted %s bounce.wasm.gz", name)
		}
	}
	good := gz(raw)
	os.WriteFile(wasm+".gz", good, 0o644)
	if n, ok := servedGzip(wasm, raw); !ok || n != len(good) {
		t.Errorf("servedGzip = %d, %v; want %d, true", n, ok, len(good))
	}
}
