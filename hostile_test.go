package bounce

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/bouncekit/bounce/internal/cputime"
)

// fill repeats unit after head until the input is n bytes long (cut at n).
func fill(n int, head, unit, tail string) []byte {
	var b bytes.Buffer
	b.Grow(n)
	b.WriteString(head)
	for b.Len()+len(unit)+len(tail) <= n {
		b.WriteString(unit)
	}
	b.WriteString(tail)
	return b.Bytes()[:min(b.Len(), n)]
}

// hostileShape makes an input of about n bytes of one hostile form.
type hostileShape struct {
	name string
	make func(n int) []byte
}

// hostileShapes are the inputs of issue 12's table and of TestNastyInput,
// each scalable to any size, plus the forms that had a search over the rest
// of the input inside a per-line loop.
var hostileShapes = []hostileShape{
	// Issue 12's table.
	{"From lines", func(n int) []byte { return fill(n, "", "From x\n", "") }},
	{"550 lines", func(n int) []byte { return fill(n, "", "550\n", "") }},
	{"empty MIME parts", func(n int) []byte {
		return fill(n, "From: a@b.example\nContent-Type: multipart/mixed; boundary=b\n\n", "--b\n", "")
	}},
	{"bare boundary lines", func(n int) []byte { return fill(n, "", "--b\n", "") }},
	{"mbox of tiny messages", func(n int) []byte { return fill(n, "", "From x\nA: b\n\n", "") }},
	// TestNastyInput's table, each scaled.
	{"one long line", func(n int) []byte { return bytes.Repeat([]byte("a"), n) }},
	{"newlines", func(n int) []byte { return bytes.Repeat([]byte("\n"), n) }},
	{"long header", func(n int) []byte { return fill(n, "Subject: ", "x ", "") }},
	{"bare CR", func(n int) []byte { return fill(n, "", "550 x\r", "") }},
	{"MIME nested, long body", func(n int) []byte {
		d := string(nested(MaxDepth - 2))
		return fill(n, d[:len(d)-len("\n550 5.1.1 user unknown\n")], "550 5.1.1 user unknown\n", "")
	}},
	{"MIME nested too deep, long body", func(n int) []byte { return fill(n, string(nested(MaxDepth+5)), "x\n", "") }},
	{"unterminated boundary", func(n int) []byte {
		return fill(n, "From: MAILER-DAEMON@x.example\nContent-Type: multipart/report; boundary=zz\n\n--zz\nContent-Type: message/delivery-status\n\n",
			"Final-Recipient: rfc822; a@b.example\nAction: failed\nStatus: 5.1.1\n", "")
	}},
	{"bad base64", func(n int) []byte {
		return fill(n, "From: MAILER-DAEMON@x.example\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n", "!!!*** not base64 ===\x00\xff\n", "")
	}},
	{"bad quoted-printable", func(n int) []byte {
		return fill(n, "From: MAILER-DAEMON@x.example\nContent-Transfer-Encoding: quoted-printable\n\n", "550 =ZZ =\n=4", "")
	}},
	{"NUL and invalid UTF-8", func(n int) []byte {
		return fill(n, "From: x@y.example\nSubject: \xff\xfe\x00\n\n550 5.1.1 \x00\xc3\x28 <a@b.example>: unknown\n", "\x00\xff", "")
	}},
	{"many addresses", func(n int) []byte {
		var b bytes.Buffer
		b.WriteString("From: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail Returned to Sender\n\n")
		for i := 0; b.Len() < n-60; i++ {
			fmt.Fprintf(&b, "<user%d@example.com>: 550 5.1.1 no such user\n\n", i)
		}
		return b.Bytes()
	}},
	{"many reply lines", func(n int) []byte { return fill(n, "", "550 5.1.1 no such user\n\n", "") }},
	{"header folding bomb", func(n int) []byte { return fill(n, "Subject: x\n", " y\n", "\n550 5.1.1 no\n") }},
	{"many status blocks", func(n int) []byte {
		return fill(n, "Content-Type: message/delivery-status\n\n", "Final-Recipient: rfc822; a@b.example\nAction: failed\nStatus: 5.1.1\n\n", "")
	}},
	// Forms with a field name at the start of every other line, which
	// the reading of a returned header block inside text looks at.
	{"header-like lines in a bounce text", func(n int) []byte {
		return fill(n, "From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail Returned to Sender\n\nThis is the mail system. 550 5.1.1 user unknown\n\n", "Subject: x\n\n", "")
	}},
	{"header-like lines pasted", func(n int) []byte {
		return fill(n, "Delivery has failed to these recipients. 550 5.1.1 user unknown\n\n", "Received: x\n\n", "")
	}},
	{"From lines with a field far away", func(n int) []byte { return fill(n, "", "From x\n", "Subject: y\n") }},
	{"long lines without colon", func(n int) []byte { return fill(n, "", "From "+strings.Repeat("x", 200)+"\n", "") }},
	// Many records that share one long diagnostic: half the input is the
	// text, half the records, so reading the whole text per record would
	// grow with the square of the input.
	{"records sharing one long diagnostic", func(n int) []byte {
		head := "From: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; boundary=B\n\n--B\nContent-Type: text/plain\n\n<u1@x.example>: host x[192.0.2.1] said: 550 5.1.1 "
		text := string(fill(n/2, "", "word ", ""))
		return fill(n, head+text+" (in reply to RCPT TO command)\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x\n\n",
			"Final-Recipient: rfc822; u1@x.example\nAction: failed\nStatus: 5.1.1\nX-Note: "+strings.Repeat("x", 400)+"\n\n", "--B--\n")
	}},
}

// nested writes a message whose multipart bodies nest n deep.
func nested(n int) []byte {
	var sb strings.Builder
	sb.WriteString("From: a@b.example\n")
	for i := 0; i < n; i++ {
		sb.WriteString("Content-Type: multipart/mixed; boundary=b" + itoa(100+i%800) + "x" + strings.Repeat("y", i%5) + "\n\n--b" + itoa(100+i%800) + "x" + strings.Repeat("y", i%5) + "\n")
	}
	sb.WriteString("\n550 5.1.1 user unknown\n")
	return []byte(sb.String())
}

// TestHostileLinear parses a 1 MiB and a 4 MiB input of each hostile shape
// in one run and requires the 4 MiB one to take at most 6 times the work
// (8 under js/wasm, see hostileBound): a ratio, not a time, so a slow
// machine does not make it fail, while a quadratic path (a ratio of 16)
// does. The work is the process's user CPU time
// (other processes on a shared machine do not count), the two sizes are
// measured in turn, and each figure is the least of five (or of fewer,
// past 4 s). The garbage
// collector is held off (up to a 1 GiB heap) while a parse runs: with its
// 4 MB minimum heap goal, the number of collections of a small input, each
// scanning what it keeps, grows faster than the input for a reason that is
// the runtime's, not the parser's.
func TestHostileLinear(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	defer debug.SetMemoryLimit(debug.SetMemoryLimit(1 << 30))
	evictBuf = make([]byte, 64<<20)
	defer func() { evictBuf = nil }()
	const small, large = 1 << 20, 4 << 20
	for _, s := range hostileShapes {
		t.Run(s.name, func(t *testing.T) {
			a, b := s.make(small), s.make(large)
			ParseBytes(b) // the heap grows to its size once, untimed
			reps := 1
			// The least of three: a first parse can be slow for reasons of
			// its own (cold caches, a busy spell), and one parse of a few
			// milliseconds is too short to time on a shared machine.
			if min(work(a, 1), work(a, 1), work(a, 1)) < 20*time.Millisecond {
				reps = 20 // refused at once or read at memory speed: time more parses
			}
			ta, tb := time.Duration(1<<62), time.Duration(1<<62)
			var ratio float64
			// A shape over the bound is measured again, up to three rounds
			// in all, the least figures kept: on a busy machine one round
			// of a few milliseconds can be off by half, while a quadratic
			// path stays at 16 however often it is measured.
			for round := 0; round < 3; round++ {
				var total time.Duration
				for range 5 {
					da, db := work(a, reps), work(b, reps)
					ta, tb = min(ta, da), min(tb, db)
					if total += da + db; total > 4*time.Second {
						break // slow enough that noise does not matter
					}
				}
				if ratio = float64(tb) / float64(max(ta, time.Microsecond)); ratio <= hostileBound {
					break
				}
			}
			t.Logf("1 MiB %v, 4 MiB %v (CPU, %d parses): ratio %.1f", ta, tb, reps, ratio)
			if ratio > hostileBound {
				t.Errorf("4 MiB takes %.1f times the work of 1 MiB (%v, %v): work grows faster than the input", ratio, tb, ta)
			}
		})
	}
}

// hostileBound is the most work a 4 MiB input may take, in units of the
// work of a 1 MiB one of the same shape: 4 is linear, 4.6 is n log n, 16
// is quadratic. Under js/wasm it is 8 (an exponent of 1.5), which still
// fails a quadratic path: there, in one process, a shape whose 4 MiB input
// measures 4.0 times its 1 MiB one in other runs once measured 6.2 in each
// of its 12 measurements, the 1 MiB one as usual.
var hostileBound = func() float64 {
	if runtime.GOARCH == "wasm" {
		return 8
	}
	return 6
}()

// evictBuf is larger than the processor's caches. TestHostileLinear
// makes it and drops it: made at package init, its 64 MB would stay live
// in every test and benchmark of the package, and the collector, which
// lets the heap grow to twice what is live, would have each benchmark
// work in a heap of 64 to 128 MB, fresh memory that js/wasm must grow
// (memory.grow) through every pass instead of reusing a few MB.
var evictBuf []byte

// evictCache writes a byte of every cache line of evictBuf, so that each
// parse starts from memory: otherwise a 1 MiB input and its copies run
// from the cache while a 4 MiB one cannot, and a shape that only copies
// bytes shows a ratio of 7 to 8 for a reason that is the hardware's.
func evictCache() {
	for i := 0; i < len(evictBuf); i += 64 {
		evictBuf[i]++
	}
}

// work returns the CPU time of n parses of in, each after a collection
// (outside the measure), so that no parse pays for another's garbage.
func work(in []byte, n int) time.Duration {
	var sum time.Duration
	for range n {
		runtime.GC()
		evictCache()
		start := cputime.User()
		ParseBytes(in)
		sum += cputime.User() - start
	}
	return sum
}

// cutOriginalSlow is cutOriginal as it was before it skipped judged header
// blocks: it reads a header block from every line that could start one.
func cutOriginalSlow(v *mailView, t string) string {
	pos, prevBlank, prevStart := 0, true, 0
	for pos < len(t) {
		end := strings.IndexByte(t[pos:], '\n')
		if end < 0 {
			end = len(t)
		} else {
			end += pos
		}
		line := t[pos:end]
		if pos > 0 && headerStart(line) {
			h, _ := readHeader([]byte(t[pos:]))
			if goodOriginal(h) {
				cut := pos
				if !prevBlank && isSeparator(t[prevStart:pos]) {
					cut = prevStart
				}
				v.original, v.hasOrig = h, true
				return strings.TrimRight(t[:cut], "\n ")
			}
		}
		prevBlank = strings.TrimSpace(line) == ""
		prevStart = pos
		pos = end + 1
	}
	return t
}

// TestCutOriginalSameAsSlow checks cutOriginal against the slow reading on
// texts built from lines that start, continue, break and spoil header
// blocks, in every order of up to five of them.
func TestCutOriginalSameAsSlow(t *testing.T) {
	lines := []string{
		"Subject: x", "From: a@b.example", "Received: from x", "Status: 5.1.1", "Action: failed",
		"", " folded", "550 5.1.1 user unknown", "----- Original message -----", "Message-ID: <1@x>", "To: c@d.example",
	}
	var texts []string
	var gen func(prefix []string, depth int)
	gen = func(prefix []string, depth int) {
		texts = append(texts, "Bounce text\n"+strings.Join(prefix, "\n"))
		if depth == 0 {
			return
		}
		for _, l := range lines {
			gen(append(prefix[:len(prefix):len(prefix)], l), depth-1)
		}
	}
	gen(nil, 5)
	for _, f := range goldenFiles(t) {
		if b, err := os.ReadFile(f); err == nil {
			texts = append(texts, string(normalizeEOL(b)))
		}
	}
	for _, text := range texts {
		var v1, v2 mailView
		got, want := v1.cutOriginal(text), cutOriginalSlow(&v2, text)
		if got != want || v1.hasOrig != v2.hasOrig || fmt.Sprint(v1.original) != fmt.Sprint(v2.original) {
			t.Fatalf("cutOriginal(%q) = %q %v, slow reading %q %v", text, got, v1.original, want, v2.original)
		}
	}
	t.Logf("%d texts", len(texts))
}

// TestJSONLen checks the count behind MaxOutput against the JSON written,
// for the golden corpus and strings that need every kind of escape.
func TestJSONLen(t *testing.T) {
	var reps []*Report
	for _, f := range goldenFiles(t) {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rep, _ := ParseBytes(b)
		reps = append(reps, rep)
	}
	odd := "a\"b\\c\x00\x1f\b\f\n\r\t\u2028\u2029\xff é 日本 <&>"
	reps = append(reps, &Report{Kind: KindReply, Source: odd, Original: &Original{Subject: odd}, Recipients: []Recipient{
		{Recipient: odd, Diagnostic: odd, Explanation: odd, RemoteMTA: odd, Date: "x", Command: "", Match: Match{Evidence: odd}},
		{},
	}}, &Report{Kind: KindNotBounce})
	for i, rep := range reps {
		if got, want := rep.jsonLen(), len(rep.AppendJSON(nil)); got != want {
			t.Errorf("report %d: jsonLen %d, JSON has %d bytes", i, got, want)
		}
	}
}

// TestMaxOutput checks that a report which repeats one long diagnostic for
// many recipients is refused before its JSON is written: 440 KB of input
// (5,000 such records) gave 505 MB of JSON; 1,000 records give 100 MB.
func TestMaxOutput(t *testing.T) {
	long := strings.Repeat("word ", 20000)
	var sb strings.Builder
	sb.WriteString("From: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; boundary=B\n\n--B\nContent-Type: text/plain\n\nThis is the mail system.\n\n<u1@x.example>: host x[192.0.2.1] said: 550 5.1.1 " + long + " (in reply to RCPT TO command)\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x\n\n")
	for range 5000 { // each record keeps 8 KiB (MaxDiagnostic): about 41 MB of JSON
		sb.WriteString("Final-Recipient: rfc822; u1@x.example\nAction: failed\nStatus: 5.1.1\n\n")
	}
	sb.WriteString("--B--\n")
	var ms0, ms1 runtime.MemStats
	runtime.ReadMemStats(&ms0)
	rep, err := ParseString(sb.String())
	runtime.ReadMemStats(&ms1)
	if !errors.Is(err, ErrOutputTooLarge) || rep != nil {
		t.Fatalf("got %v, %v; want ErrOutputTooLarge", rep != nil, err)
	}
	t.Logf("%d MB allocated for %d KB of input", (ms1.TotalAlloc-ms0.TotalAlloc)>>20, sb.Len()>>10)
}

// TestLimits checks each limit of limits.go at and over its bound, and
// that refusing costs little: 16 MiB of empty MIME parts ("--b\n" 4 million
// times) took 2.6 s and 1.28 GB before MaxParts.
func TestLimits(t *testing.T) {
	parts := func(n int) []byte {
		return []byte("From: a@b.example\nContent-Type: multipart/mixed; boundary=b\n\n" + strings.Repeat("--b\n550 5.1.1 user unknown\n", n) + "--b--\n")
	}
	mbox := func(n int) []byte {
		return []byte(strings.Repeat("From x\nSubject: y\n\n550 5.1.1 user unknown\n", n))
	}
	cases := []struct {
		name     string
		in       []byte
		err      error
		maxAlloc uint64 // bytes allocated at most, 0 for no check
	}{
		{"16 MiB of empty MIME parts", append([]byte("From: a@b.example\nContent-Type: multipart/mixed; boundary=b\n\n"), bytes.Repeat([]byte("--b\n"), (MaxSize-80)/4)...), ErrTooManyParts, 64 << 20},
		{"MIME parts at the limit", parts(MaxParts), nil, 0},
		{"MIME parts over the limit", parts(MaxParts + 1), ErrTooManyParts, 0},
		{"parts nested in attached messages", []byte("From: a@b.example\nContent-Type: multipart/mixed; boundary=b\n\n" +
			strings.Repeat("--b\nContent-Type: message/rfc822\n\nFrom: c@d.example\n\n550 5.1.1 user unknown\n", MaxParts/2+1) + "--b--\n"), ErrTooManyParts, 0},
		{"16 MiB of mbox messages", fill(MaxSize, "", "From x\nA: b\n\n", ""), ErrTooManyMessages, 64 << 20},
		{"mbox messages at the limit", mbox(MaxMessages), nil, 0},
		{"mbox messages over the limit", mbox(MaxMessages + 1), ErrTooManyMessages, 0},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var ms0, ms1 runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&ms0)
			rep, err := ParseBytes(c.in)
			runtime.ReadMemStats(&ms1)
			if !errors.Is(err, c.err) && !(c.err == nil && err == nil) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			if c.err == nil {
				checkReport(t, rep)
			}
			if alloc := ms1.TotalAlloc - ms0.TotalAlloc; c.maxAlloc > 0 && alloc > c.maxAlloc {
				t.Errorf("%d MB allocated for %d MB of input", alloc>>20, len(c.in)>>20)
			}
			if err != nil && !strings.HasPrefix(err.Error(), "bounce: ") {
				t.Errorf("error %q without the package's prefix", err)
			}
		})
	}
}
