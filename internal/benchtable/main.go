// Command benchtable prints the figures of `make bench` as one Markdown
// table, each beside its target from issue 7. It reads what make bench
// keeps in DIR (build/bench):
//
//	native.txt  go test -bench Perf of package bounce on the host
//	wasm.txt    the same under GOOS=js GOARCH=wasm in Node
//	pairs.txt   PerfCorpus and PerfReplyLine natively and in Node, run
//	            by turns: each pair a "pair N native" line and that run's
//	            output, then "pair N wasm" and its output
//	serve.txt   internal/loadgen against bounce serve
//	soak.txt    internal/loadgen -soak: normal, large and hostile requests
//	bulk.txt    make bench-bulk: bounce classify -j 1 and -j 2 on 100,000
//	            files (BenchmarkBulkClassify of cmd/bounce)
//	worker.txt  make test-worker (TestWrangler -v logs the latency)
//	page.txt    TestPage -v in Chromium (logs navigation to ready)
//	paste.txt   TestPasteTimings -v in Chromium (paste to verdict, and
//	            the longest main-thread block around a 2 MB paste)
//
// and reads the sizes of the bounce.wasm.gz (checked to inflate to
// bounce.wasm) and bounce.wasm.br that make web writes, beside Go's gzip -9
// of bounce.wasm itself. A figure whose
// input is missing is reported as n/a. With several runs of a benchmark
// (-count), the median is taken, and the corpus and reply-line rows list
// every run. Those benchmarks time their work only after a warm-up
// (bench_perf_test.go), natively and under js/wasm alike; the corpus rows
// also give the cold figure, the first pass of the first run of the
// process (first-pass-msgs/s). The js/wasm rows are judged by the median
// ratio of the CPU-time figures (cpu-msgs/s, cpu-ns/op) of the pairs in
// pairs.txt, each pair run one right after the other; without pairs, by
// the ratio of those figures in native.txt and wasm.txt.
//
//	go run ./internal/benchtable [-dir build/bench] [-wasm build/web/bounce.wasm]
package main

import (
	"bytes"
	"compress/gzip"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

func main() {
	dir := flag.String("dir", "build/bench", "directory with the outputs of make bench")
	wasm := flag.String("wasm", "build/web/bounce.wasm", "the page's WebAssembly file")
	flag.Parse()
	native := readBench(filepath.Join(*dir, "native.txt"))
	wasmB := readBench(filepath.Join(*dir, "wasm.txt"))
	pairs := readPairs(filepath.Join(*dir, "pairs.txt"))
	serve := readBench(filepath.Join(*dir, "serve.txt"))
	soak := readBench(filepath.Join(*dir, "soak.txt"))
	bulk := readBench(filepath.Join(*dir, "bulk.txt"))
	worker := readText(filepath.Join(*dir, "worker.txt"))
	page := readText(filepath.Join(*dir, "page.txt"))
	paste := readText(filepath.Join(*dir, "paste.txt"))

	var rows []row
	add := func(figure, measured, target string, met verdict) {
		rows = append(rows, row{figure, measured, target, met})
	}

	// Native, one core: the corpus and one reply line.
	corpus := firstPrefix(native, "BenchmarkPerfCorpus/")
	if v, ok := native.get(corpus, "msgs/s"); ok {
		add("native: corpus messages/s ("+strings.TrimPrefix(corpus, "BenchmarkPerfCorpus/")+")", num(v)+native.runs(corpus, "msgs/s", num)+cold(native, corpus), ">= 20,000", check(v >= 20000))
	} else {
		add("native: corpus messages/s", "n/a", ">= 20,000", unknown)
	}
	if v, ok := native.get(corpus, "MB/s"); ok {
		add("native: corpus MB/s", fmt.Sprintf("%.1f", v), "reported", reported)
	}
	if v, ok := native.get(corpus, "allocs/msg"); ok {
		b, _ := native.get(corpus, "B/msg")
		add("native: allocations per message", fmt.Sprintf("%.0f (%.1f KB)", v, b/1e3), "reported", reported)
	}
	if v, ok := native.get("BenchmarkPerfReplyLine", "ns/op"); ok {
		add("native: one SMTP reply line", us(v)+native.runs("BenchmarkPerfReplyLine", "ns/op", us), "< 10 µs", check(v < 10000))
	} else {
		add("native: one SMTP reply line", "n/a", "< 10 µs", unknown)
	}

	// WebAssembly in Node, against native; node.txt names the Node that
	// ran it (make bench's BENCH_NODE).
	node := "Node"
	if v := strings.TrimSpace(readText(filepath.Join(*dir, "node.txt"))); strings.HasPrefix(v, "v") && len(v) < 20 {
		node = "Node " + v
	}
	m, v := wasmRow(native, wasmB, pairs, corpus, true)
	add("wasm ("+node+"): corpus per message", m, "<= 2.5x native", v)
	m, v = wasmRow(native, wasmB, pairs, "BenchmarkPerfReplyLine", false)
	add("wasm ("+node+"): one reply line", m, "<= 2.5x native", v)

	// bounce.wasm size: the bounce.wasm.gz that make web writes (zopfli)
	// and the server sends, once it is checked to inflate to bounce.wasm;
	// Go's gzip -9 of the file beside it.
	if raw, err := os.ReadFile(*wasm); err == nil {
		var z bytes.Buffer
		zw, _ := gzip.NewWriterLevel(&z, gzip.BestCompression)
		zw.Write(raw)
		zw.Close()
		level9 := fmt.Sprintf("gzip -9 %.3f MB; %.2f MB raw", float64(z.Len())/1e6, float64(len(raw))/1e6)
		if n, ok := servedGzip(*wasm, raw); ok {
			mb := float64(n) / 1e6
			add("bounce.wasm gzip (bounce.wasm.gz, as served)", fmt.Sprintf("%.3f MB (zopfli; %s)", mb, level9), "<= 1.0 MB", check(mb <= 1.0))
		} else {
			mb := float64(z.Len()) / 1e6
			add("bounce.wasm gzip (no bounce.wasm.gz of this file: gzip -9)", fmt.Sprintf("%.3f MB (%.2f MB raw)", mb, float64(len(raw))/1e6), "<= 1.0 MB", check(mb <= 1.0))
		}
	} else {
		add("bounce.wasm gzip", "n/a", "<= 1.0 MB", unknown)
	}
	// Go has no brotli writer: make web (web/sizes.mjs, Node's zlib at
	// quality 11) leaves bounce.wasm.br beside the file, as the server
	// sends it. One older than bounce.wasm is not counted.
	if mb, ok := brotliSize(*wasm); ok {
		add("bounce.wasm brotli (quality 11)", fmt.Sprintf("%.3f MB", mb), "<= 0.8 MB", check(mb <= 0.8))
	} else {
		add("bounce.wasm brotli (quality 11)", "n/a (make web writes bounce.wasm.br)", "<= 0.8 MB", unknown)
	}

	// Page ready in Chromium.
	if m := regexp.MustCompile(`navigation to ready: (\d+) ms`).FindStringSubmatch(page); m != nil {
		ms, _ := strconv.Atoi(m[1])
		add("page ready (Chromium, loopback)", m[1]+" ms", "<= 300 ms", check(ms <= 300))
	} else {
		add("page ready (Chromium, loopback)", "n/a", "<= 300 ms", unknown)
	}

	pasteRows(paste, add)

	// Worker under wrangler dev.
	if m := regexp.MustCompile(`wrangler dev: .*median ([0-9.]+[µmn]?s), p95 ([0-9.]+[µmn]?s)`).FindStringSubmatch(worker); m != nil {
		d, _ := time.ParseDuration(strings.Replace(m[1], "µ", "u", 1))
		add("Worker (wrangler dev): warm classify, median", fmt.Sprintf("%s (p95 %s)", m[1], m[2]), "< 5 ms", check(d < 5*time.Millisecond))
	} else {
		add("Worker (wrangler dev): warm classify, median", "n/a", "< 5 ms", unknown)
	}

	// bounce serve under the load generator.
	for _, in := range []string{"reply", "corpus"} {
		name := firstPrefix(serve, "BenchmarkServe/"+in+"-")
		v, ok := serve.get(name, "classifications/s")
		if !ok {
			add("bounce serve ("+in+")", "n/a", ">= 10,000/s, 0 errors", unknown)
			continue
		}
		errs, _ := serve.get(name, "errors")
		before, _ := serve.get(name, "MB-rss-before")
		after, _ := serve.get(name, "MB-rss-after")
		clients := strings.TrimPrefix(name, "BenchmarkServe/"+in+"-")
		measured := fmt.Sprintf("%s/s, %.0f errors, RSS %.0f → %.0f MB (%s clients)", num(v), errs, before, after, clients)
		if in == "reply" {
			add("bounce serve: one-line classifications", measured, ">= 10,000/s, 0 errors", check(v >= 10000 && errs == 0))
		} else {
			add("bounce serve: corpus messages", measured, "reported, 0 errors", check(errs == 0))
		}
	}

	// Linear growth: time per byte from 16 KiB to 16 MiB.
	var per []string
	var small, large float64
	for _, s := range []string{"1KiB", "16KiB", "256KiB", "1MiB", "4MiB", "16MiB"} {
		v, ok := native.get("BenchmarkPerfScale/"+s, "ns/op")
		if !ok {
			continue
		}
		n := sizeOf(s)
		nsb := v / float64(n)
		per = append(per, fmt.Sprintf("%s %.1f", s, nsb))
		switch s {
		case "16KiB":
			small = nsb
		case "16MiB":
			large = nsb
		}
	}
	if small > 0 && large > 0 {
		add("linear growth: ns per input byte", strings.Join(per, ", "), "flat (16 MiB <= 2x 16 KiB)", check(large <= 2*small))
	} else {
		add("linear growth: ns per input byte", "n/a", "flat", unknown)
	}

	add(bulkRow(bulk))
	add(soakRow(soak))

	fmt.Println("| figure | measured | target | met |")
	fmt.Println("| --- | --- | --- | --- |")
	for _, r := range rows {
		fmt.Printf("| %s | %s | %s | %s |\n", r.figure, r.measured, r.target, r.met)
	}
}

type verdict string

const (
	yes      verdict = "yes"
	no       verdict = "**no**"
	unknown  verdict = "n/a"
	reported verdict = "—"
)

func check(ok bool) verdict {
	if ok {
		return yes
	}
	return no
}

type row struct {
	figure, measured, target string
	met                      verdict
}

// benchSet holds, per benchmark name (without the -GOMAXPROCS suffix) and
// unit, every value read.
type benchSet map[string]map[string][]float64

var procSuffix = regexp.MustCompile(`-\d+$`)

// readBench reads the output of go test -bench (or of loadgen).
func readBench(file string) benchSet {
	b, err := os.ReadFile(file)
	if err != nil {
		return benchSet{}
	}
	return parseBench(slices.Collect(strings.Lines(string(b))))
}

// parseBench reads the lines of go test -bench output.
func parseBench(lines []string) benchSet {
	set := benchSet{}
	for _, line := range lines {
		fields := strings.Fields(line)
		if len(fields) < 4 || !strings.HasPrefix(fields[0], "Benchmark") {
			continue
		}
		name := procSuffix.ReplaceAllString(fields[0], "")
		if strings.HasPrefix(name, "BenchmarkServe/") {
			name = fields[0] // the suffix is the number of clients
		}
		if set[name] == nil {
			set[name] = map[string][]float64{}
		}
		for i := 2; i+1 < len(fields); i += 2 {
			v, err := strconv.ParseFloat(fields[i], 64)
			if err != nil {
				break
			}
			set[name][fields[i+1]] = append(set[name][fields[i+1]], v)
		}
	}
	return set
}

// get returns the median of the values of name in unit.
func (s benchSet) get(name, unit string) (float64, bool) {
	vs := slices.Clone(s[name][unit])
	if len(vs) == 0 {
		return 0, false
	}
	slices.Sort(vs)
	return vs[len(vs)/2], true
}

// wasmRow gives the row of a js/wasm benchmark against the native one:
// the wall-clock median, its ratio to native's and every run; the ratio of
// the CPU-time figures (cpu-msgs/s, cpu-ns/op) when both outputs have
// them; and for the corpus the cold first pass. perSecond says that the
// figures are messages per second (the corpus), not ns/op.
//
// The ratio judged is the median over the pairs of their CPU-time ratios
// when there are pairs (see readPairs), else the CPU-time ratio of the two
// outputs. CPU time moves less with the load of a shared machine than wall
// time, but it still moves: the speed of the same code can differ by a
// third between two runs minutes apart, which is how far apart the native
// and js/wasm runs of native.txt and wasm.txt are. Each pair's two runs
// follow each other.
func wasmRow(native, wasmB benchSet, pairs []pair, bench string, perSecond bool) (string, verdict) {
	unit, cpuUnit, f, cpuWhat := "ns/op", "cpu-ns/op", us, " of CPU"
	ratio := func(n, w float64) float64 { return w / n }
	if perSecond {
		unit, cpuUnit, f, cpuWhat = "msgs/s", "cpu-msgs/s", num, " msgs per CPU-second"
		ratio = func(n, w float64) float64 { return n / w }
	}
	n, ok1 := native.get(bench, unit)
	w, ok2 := wasmB.get(bench, unit)
	if !ok1 || !ok2 {
		return "n/a", unknown
	}
	what := f(w)
	if perSecond {
		what += " msgs/s"
	}
	judged := ratio(n, w)
	// Two decimals: the target's 2.5x must not be met by rounding.
	out := fmt.Sprintf("%s, %.2fx native%s", what, judged, wasmB.runs(bench, unit, f))
	if nc, ok := native.get(bench, cpuUnit); ok {
		if wc, ok := wasmB.get(bench, cpuUnit); ok {
			judged = ratio(nc, wc)
			out += fmt.Sprintf("; by CPU time %.2fx native (%s against %s%s)", judged, f(wc), f(nc), cpuWhat)
		}
	}
	var rs []float64
	for _, p := range pairs {
		nc, ok1 := p.native.get(bench, cpuUnit)
		wc, ok2 := p.wasm.get(bench, cpuUnit)
		if ok1 && ok2 {
			rs = append(rs, ratio(nc, wc))
		}
	}
	if len(rs) > 0 {
		var each []string
		for _, r := range rs {
			each = append(each, fmt.Sprintf("%.2f", r))
		}
		slices.Sort(rs)
		judged = rs[len(rs)/2]
		if len(rs)%2 == 0 {
			judged = (rs[len(rs)/2-1] + rs[len(rs)/2]) / 2
		}
		out += fmt.Sprintf("; run side by side, %.2fx native (median of %d pairs: %s)", judged, len(rs), strings.Join(each, ", "))
	}
	if perSecond {
		out += cold(wasmB, bench)
		if nc, ok := first(native, bench, "first-pass-msgs/s"); ok {
			if wc, ok := first(wasmB, bench, "first-pass-msgs/s"); ok {
				out += fmt.Sprintf(", %.1fx native's", nc/wc)
			}
		}
	}
	return out, check(judged <= 2.5)
}

// pair is one native run and the js/wasm run right after it (or before).
type pair struct{ native, wasm benchSet }

// readPairs reads pairs.txt: for each pair, a line "pair N native" and
// that run's go test output, and a line "pair N wasm" and its output, in
// either order. A pair that lacks one of its runs is left out.
func readPairs(file string) []pair {
	b, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	var pairs []pair
	var cur []string // the lines of the run being read
	var key string   // its header, "N native" or "N wasm"
	runs := map[string]benchSet{}
	var order []string
	flush := func() {
		if key != "" {
			runs[key] = parseBench(cur)
		}
		cur = cur[:0]
	}
	for line := range strings.Lines(string(b)) {
		if n, ok := strings.CutPrefix(strings.TrimSpace(line), "pair "); ok {
			flush()
			key = n
			if num, _, _ := strings.Cut(n, " "); !slices.Contains(order, num) {
				order = append(order, num)
			}
			continue
		}
		cur = append(cur, line)
	}
	flush()
	for _, num := range order {
		n, ok1 := runs[num+" native"]
		w, ok2 := runs[num+" wasm"]
		if ok1 && ok2 {
			pairs = append(pairs, pair{n, w})
		}
	}
	return pairs
}

// runs lists the values of name in unit in the order read, as
// " (median of N runs: a, b, c)", or "" for a single run.
func (s benchSet) runs(name, unit string, f func(float64) string) string {
	vs := s[name][unit]
	if len(vs) < 2 {
		return ""
	}
	var out []string
	for _, v := range vs {
		out = append(out, f(v))
	}
	return fmt.Sprintf(" (median of %d runs: %s)", len(vs), strings.Join(out, ", "))
}

// first returns the first value of name in unit: for first-pass-msgs/s,
// the one measured first in the process, the only cold one.
func first(s benchSet, name, unit string) (float64, bool) {
	if vs := s[name][unit]; len(vs) > 0 {
		return vs[0], true
	}
	return 0, false
}

// cold gives the cold figure of a corpus row, "; cold, first pass: N
// msgs/s", or "" without it.
func cold(s benchSet, name string) string {
	if v, ok := first(s, name, "first-pass-msgs/s"); ok {
		return "; cold, the process's first pass: " + num(v) + " msgs/s"
	}
	return ""
}

// firstPrefix returns the first name (in sorted order) with the prefix.
func firstPrefix(s benchSet, prefix string) string {
	var names []string
	for n := range s {
		if strings.HasPrefix(n, prefix) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	if len(names) == 0 {
		return prefix
	}
	return names[len(names)-1] // "shared" sorts after "golden"
}

func readText(file string) string {
	b, _ := os.ReadFile(file)
	return string(b)
}

func sizeOf(s string) int {
	if n, ok := strings.CutSuffix(s, "MiB"); ok {
		v, _ := strconv.Atoi(n)
		return v << 20
	}
	v, _ := strconv.Atoi(strings.TrimSuffix(s, "KiB"))
	return v << 10
}

func us(ns float64) string { return fmt.Sprintf("%.1f µs", ns/1e3) }

// num formats n with thousands separators.
func num(n float64) string {
	s := strconv.FormatInt(int64(n+0.5), 10)
	var b strings.Builder
	for i, c := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	return b.String()
}

// servedGzip is the size of wasm+".gz" if it inflates to raw, the
// content of wasm: a stale or foreign file is not counted.
func servedGzip(wasm string, raw []byte) (int, bool) {
	gz, err := os.ReadFile(wasm + ".gz")
	if err != nil {
		return 0, false
	}
	zr, err := gzip.NewReader(bytes.NewReader(gz))
	if err != nil {
		return 0, false
	}
	got, err := io.ReadAll(io.LimitReader(zr, int64(len(raw))+1))
	if err != nil || !bytes.Equal(got, raw) {
		return 0, false
	}
	return len(gz), true
}

// brotliSize is the size in MB of wasm+".br", if that file is there and
// not older than wasm.
func brotliSize(wasm string) (float64, bool) {
	w, err := os.Stat(wasm)
	if err != nil {
		return 0, false
	}
	br, err := os.Stat(wasm + ".br")
	if err != nil || br.ModTime().Before(w.ModTime()) {
		return 0, false
	}
	return float64(br.Size()) / 1e6, true
}

// pasteRows adds the paste timings of the page in Chromium, read from the
// log of TestPasteTimings: paste to verdict (median, judged against the
// target) for a one-line reply and an NDR of about 64 KB, and for a 2 MB
// paste the longest time the main thread was blocked, on the paste and
// after it.
func pasteRows(log string, add func(figure, measured, target string, met verdict)) {
	toVerdict := regexp.MustCompile(`paste to verdict, (one-line reply|NDR of [0-9,]+ bytes[^:]*): least ([0-9.]+) ms, median ([0-9.]+) ms; to the frame that shows it: least [0-9.]+ ms, median ([0-9.]+) ms`)
	found := map[bool]bool{}
	for _, m := range toVerdict.FindAllStringSubmatch(log, -1) {
		med, _ := strconv.ParseFloat(m[3], 64)
		figure, limit := "page: paste to verdict, one-line reply", 50.0
		if m[1] != "one-line reply" {
			figure, limit = "page: paste to verdict, "+strings.Replace(m[1], "NDR of", "an NDR of", 1), 150
		}
		found[m[1] == "one-line reply"] = true
		add(figure, fmt.Sprintf("median %s ms (least %s; %s ms to the frame that shows it)", m[3], m[2], m[4]),
			fmt.Sprintf("<= %.0f ms", limit), check(med <= limit))
	}
	if !found[true] {
		add("page: paste to verdict, one-line reply", "n/a", "<= 50 ms", unknown)
	}
	if !found[false] {
		add("page: paste to verdict, an NDR of about 64 KB", "n/a", "<= 150 ms", unknown)
	}

	bigPasteRow(log, "page: 2 MB paste, longest main-thread block to the verdict",
		`2 MB paste \((\w+), [0-9,]+ bytes\): longest main-thread block ([0-9.]+) ms .*verdict after ([0-9]+) ms \(by (\S+)\)`, add)
	// After a 2 MB paste (held by the page, not in the paste area): a
	// one-line paste over it, keys pressed in the read-only area, and
	// Clear then typing, each to its verdict.
	for _, r := range []struct{ re, figure string }{
		{`2 MB then a small paste: longest main-thread block ([0-9.]+) ms`, "page: a one-line paste over a 2 MB bounce, longest main-thread block"},
		{`2 MB keys: longest main-thread block ([0-9.]+) ms`, "page: keys pressed in the paste area holding a 2 MB bounce, longest main-thread block"},
		{`2 MB typing: longest main-thread block ([0-9.]+) ms`, "page: Clear after a 2 MB paste, then typing, longest main-thread block"},
	} {
		if m := regexp.MustCompile(r.re).FindStringSubmatch(log); m != nil {
			v, _ := strconv.ParseFloat(m[1], 64)
			add(r.figure, m[1]+" ms", "<= 50 ms", check(v <= 50))
		} else {
			add(r.figure, "n/a", "<= 50 ms", unknown)
		}
	}
	// The widget on a portal page: a 2 MB paste into its own box.
	bigPasteRow(log, "widget: 2 MB paste, longest main-thread block to the verdict",
		`widget: a 2 MB bounce pasted \((\w+), [0-9,]+ bytes\): longest main-thread block ([0-9.]+) ms.*verdict after ([0-9]+) ms \(by (\S+)\)`, add)
	if m := regexp.MustCompile(`2 MB in the paste area, the browser alone [^:]*: ([0-9.]+) ms`).FindStringSubmatch(log); m != nil {
		add("page: 2 MB in the paste area, the browser's own layout", m[1]+" ms", "reported", reported)
	}
}

// bigPasteRow adds the row of a 2 MB paste: every run that re finds (its
// groups: which paste, the longest block in ms, the verdict's delay, the
// path), met when the longest of them is at most 50 ms.
func bigPasteRow(log, figure, re string, add func(figure, measured, target string, met verdict)) {
	var worst float64
	var runs []string
	for _, m := range regexp.MustCompile(re).FindAllStringSubmatch(log, -1) {
		v, _ := strconv.ParseFloat(m[2], 64)
		worst = max(worst, v)
		runs = append(runs, fmt.Sprintf("%s %s ms (verdict after %s ms, by %s)", m[1], m[2], m[3], m[4]))
	}
	if runs == nil {
		add(figure, "n/a", "<= 50 ms", unknown)
		return
	}
	add(figure, strings.Join(runs, "; "), "<= 50 ms", check(worst <= 50))
}

// bulkRow is the row of make bench-bulk: the best -j 1 and -j 2 runs (as
// make bench-bulk prints them) and the speed-up between them.
func bulkRow(bulk benchSet) (figure, measured, target string, met verdict) {
	figure, target = "`bounce classify` -j 2 vs -j 1 (make bench-bulk)", ">= 1.8x on 2 cores"
	best := func(name string) (msgs, cores float64) {
		for i, v := range bulk[name]["msgs/s"] {
			if v > msgs {
				msgs = v
				if c := bulk[name]["cores-used"]; i < len(c) {
					cores = c[i]
				}
			}
		}
		return msgs, cores
	}
	m1, c1 := best("BenchmarkBulkClassify/j=1")
	m2, c2 := best("BenchmarkBulkClassify/j=2")
	if m1 == 0 || m2 == 0 {
		return figure, "n/a", target, unknown
	}
	measured = fmt.Sprintf("%s vs %s msgs/s: %.2fx (%.2f and %.2f cores used)", num(m2), num(m1), m2/m1, c2, c1)
	return figure, measured, target, check(m2/m1 >= 1.8)
}

// soakRow is the row of the soak test: every request answered as
// expected, and the resident size at the end within a quarter of what it
// was once warm.
func soakRow(soak benchSet) (figure, measured, target string, met verdict) {
	figure, target = "soak: normal, large and hostile requests", "0 unexpected, RSS flat"
	name := firstPrefix(soak, "BenchmarkSoak/all")
	errs, ok1 := soak.get(name, "errors")
	unexpected, ok2 := soak.get(name, "unexpected")
	if !ok1 || !ok2 {
		return figure, "n/a", target, unknown
	}
	p50, _ := soak.get(name, "ms-p50")
	p99, _ := soak.get(name, "ms-p99")
	peak, _ := soak.get(name, "MB-rss-peak")
	warm, _ := soak.get(name, "MB-rss-warm")
	end, _ := soak.get(name, "MB-rss-end")
	measured = fmt.Sprintf("%.0f errors, %.0f unexpected statuses; p50 %.0f ms, p99 %.0f ms; RSS %.0f MB peak, %.0f MB warm, %.0f MB at the end",
		errs, unexpected, p50, p99, peak, warm, end)
	return figure, measured, target, check(errs == 0 && unexpected == 0 && end <= 1.25*warm)
}
