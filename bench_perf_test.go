package bounce

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"github.com/bouncekit/bounce/internal/cputime"
)

// The benchmarks of issue 7, in benchstat's format:
//
//	go test -run '^$' -bench 'Perf' -benchmem -count 6 . | tee new.txt
//	benchstat old.txt new.txt
//
// BenchmarkPerfCorpus reads the labelled corpus (testdata/corpus/eml, about
// 6 KB a message) and falls back on the golden
// corpus (testdata/*/*.eml). The same benchmarks run under js/wasm in Node:
//
//	GOOS=js GOARCH=wasm go test -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" -run '^$' -bench Perf .
//
// BenchmarkPerfCorpus and BenchmarkPerfReplyLine do their work for
// perfWarmup before the timer starts, natively and under js/wasm alike:
// V8 first compiles each WebAssembly function with its baseline compiler
// and only later, on background threads, the hot ones again with its
// optimising one, so a timed run that starts cold mixes the two, and the
// page and the Worker, which keep one warm instance, only ever see the
// second. The cold figure stays: BenchmarkPerfCorpus reports its first
// pass over the corpus as first-pass-msgs/s (in the first run of a
// process, that pass also builds the catalog's entries on first use).

// Both also report their rate per second of the process's user CPU time
// (cputime.User: getrusage natively, Node's process.cpuUsage under js/wasm),
// as cpu-msgs/s and cpu-ns/op: on a shared machine the wall-clock figures
// move with whatever else runs, and the native and js/wasm runs happen at
// different moments, so the ratio of the CPU figures is the steadier one.
// Natively it counts the collector's work on the other core too.

// perfWarmup is how long a benchmark works before its timer starts. V8
// tiers the hot functions up within about the first 1 s of the corpus on
// two loaded cores.
const perfWarmup = 2 * time.Second

// warmUp calls pass until perfWarmup has passed since start (at least
// once more).
func warmUp(start time.Time, pass func()) {
	for {
		pass()
		if time.Since(start) >= perfWarmup {
			return
		}
	}
}

// perfCorpus returns the messages of the labelled corpus, or of the golden
// corpus when it is absent, and the name of the one it read.
func perfCorpus(tb testing.TB) ([][]byte, string) {
	files, _ := filepath.Glob(filepath.Join("testdata", "corpus", "eml", "*.eml"))
	name := "shared"
	if len(files) == 0 {
		files, name = goldenFiles(tb), "golden"
	}
	var msgs [][]byte
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			tb.Fatal(err)
		}
		msgs = append(msgs, b)
	}
	if len(msgs) == 0 {
		tb.Skip("no corpus")
	}
	return msgs, name
}

// BenchmarkPerfCorpus parses every corpus message once per iteration and
// reports messages/s, MB/s, and allocations and bytes per message (the
// B/op and allocs/op columns are per pass over the whole corpus).
func BenchmarkPerfCorpus(b *testing.B) {
	msgs, name := perfCorpus(b)
	size := 0
	for _, m := range msgs {
		size += len(m)
	}
	b.Run(name, func(b *testing.B) {
		b.SetBytes(int64(size))
		b.ReportAllocs()
		pass := func() {
			for _, m := range msgs {
				sinkReport, _ = ParseBytes(m)
			}
		}
		start := time.Now()
		pass()
		first := time.Since(start)
		warmUp(start, pass)
		var ms0, ms1 runtime.MemStats
		runtime.ReadMemStats(&ms0)
		c0 := cputime.User()
		for b.Loop() {
			pass()
		}
		cpu := cputime.User() - c0
		runtime.ReadMemStats(&ms1)
		n := float64(b.N * len(msgs))
		b.ReportMetric(n/b.Elapsed().Seconds(), "msgs/s")
		b.ReportMetric(n/cpu.Seconds(), "cpu-msgs/s")
		b.ReportMetric(float64(ms1.Mallocs-ms0.Mallocs)/n, "allocs/msg")
		b.ReportMetric(float64(ms1.TotalAlloc-ms0.TotalAlloc)/n, "B/msg")
		b.ReportMetric(float64(len(msgs))/first.Seconds(), "first-pass-msgs/s")
	})
}

// perfReplyLine is one SMTP reply line as a Gmail bounce gives it.
const perfReplyLine = "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. - gsmtp"

// BenchmarkPerfReplyLine parses one SMTP reply line.
func BenchmarkPerfReplyLine(b *testing.B) {
	b.SetBytes(int64(len(perfReplyLine)))
	b.ReportAllocs()
	warmUp(time.Now(), func() {
		for range 100 {
			sinkReport, _ = ParseString(perfReplyLine)
		}
	})
	c0 := cputime.User()
	for b.Loop() {
		sinkReport, _ = ParseString(perfReplyLine)
	}
	b.ReportMetric(float64(cputime.User()-c0)/float64(b.N), "cpu-ns/op")
}

// perfScaleSizes are the input sizes of BenchmarkPerfScale, 1 KB to 16 MiB.
var perfScaleSizes = []int{1 << 10, 16 << 10, 256 << 10, 1 << 20, 4 << 20, MaxSize}

// perfScaleInput returns a message of exactly n bytes: a Postfix-style DSN
// whose human-readable part repeats its paragraph to fill n, then one
// delivery-status part; the shape of a real bounce, only longer.
func perfScaleInput(n int) []byte {
	var b bytes.Buffer
	b.WriteString("From: MAILER-DAEMON@mx.example.net\nTo: sender@example.org\nSubject: Undelivered Mail Returned to Sender\n" +
		"MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n" +
		"--B\nContent-Type: text/plain; charset=us-ascii\n\n")
	para := "This is the mail system at host mx.example.net. I'm sorry to have to inform you that your message could not be delivered to one or more recipients.\n" +
		"<user@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <user@example.com>: Recipient address rejected: User unknown in local recipient table (in reply to RCPT TO command)\n\n"
	tail := "--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n" +
		"Final-Recipient: rfc822; user@example.com\nAction: failed\nStatus: 5.1.1\n" +
		"Diagnostic-Code: smtp; 550 5.1.1 <user@example.com>: Recipient address rejected: User unknown\n\n--B--\n"
	for b.Len()+len(para)+len(tail) <= n {
		b.WriteString(para)
	}
	for b.Len()+len(tail) < n {
		b.WriteByte('.')
	}
	b.WriteString(tail)
	return b.Bytes()[:min(b.Len(), n)]
}

// BenchmarkPerfScale parses inputs of 1 KB to 16 MiB: ns/op divided by the
// size (or MB/s) should stay about the same if cost grows linearly.
func BenchmarkPerfScale(b *testing.B) {
	for _, n := range perfScaleSizes {
		in := perfScaleInput(n)
		b.Run(perfSizeName(n), func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				sinkReport, _ = ParseBytes(in)
			}
		})
	}
}

func perfSizeName(n int) string {
	if n >= 1<<20 {
		return fmt.Sprintf("%dMiB", n>>20)
	}
	return fmt.Sprintf("%dKiB", n>>10)
}

// TestScaleLinear parses each input of BenchmarkPerfScale once and checks,
// without timing anything, that the bytes allocated grow no faster than the
// input: per input byte, the largest input may allocate at most 4 times what
// the 16 KiB one does. Wall time is never asserted.
func TestScaleLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	var perByte []float64
	for _, n := range perfScaleSizes[1:] {
		in := perfScaleInput(n)
		if len(in) != n {
			t.Fatalf("input of %d bytes, want %d", len(in), n)
		}
		var ms0, ms1 runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&ms0)
		rep, err := ParseBytes(in)
		runtime.ReadMemStats(&ms1)
		if err != nil {
			t.Fatalf("%s: %v", perfSizeName(n), err)
		}
		checkReport(t, rep)
		pb := float64(ms1.TotalAlloc-ms0.TotalAlloc) / float64(n)
		t.Logf("%s: %.1f bytes allocated per input byte, %d mallocs, %d recipients",
			perfSizeName(n), pb, ms1.Mallocs-ms0.Mallocs, len(rep.Recipients))
		perByte = append(perByte, pb)
	}
	if last := perByte[len(perByte)-1]; last > 4*perByte[0] {
		t.Errorf("allocation per byte grows with size: %.1f at 16 KiB, %.1f at 16 MiB", perByte[0], last)
	}
}
