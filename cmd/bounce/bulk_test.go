package main

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strings"
	"testing"
)

// postfixBounce is a bounce in Postfix's wording, written for these tests,
// for one recipient and one reply.
func postfixBounce(rcpt, reply string) string {
	return "From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\n" +
		"To: sender@example.org\n" +
		"Subject: Undelivered Mail Returned to Sender\n" +
		"Content-Type: text/plain\n\n" +
		"This is the mail system at host mx.example.net.\n\n" +
		"I'm sorry to have to inform you that your message could not\nbe delivered to one or more recipients.\n\n" +
		"<" + rcpt + ">: host mx.example.com[192.0.2.1] said: " + reply + " (in reply to RCPT TO command)\n"
}

const (
	replyUnknown = "550 5.1.1 <%s>: Recipient address rejected: User unknown in virtual mailbox table"
	replyFull    = "452 4.2.2 <%s>: Mailbox is full"
	replyBlocked = "554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using zen.spamhaus.org"
)

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// jsonLines decodes one JSON object per line.
func jsonLines(t *testing.T, out string) []map[string]any {
	t.Helper()
	var ms []map[string]any
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		ms = append(ms, m)
	}
	return ms
}

func sources(ms []map[string]any) []string {
	var s []string
	for _, m := range ms {
		s = append(s, fmt.Sprint(m["source"]))
	}
	return s
}

func firstReason(m map[string]any) string {
	rs, _ := m["recipients"].([]any)
	if len(rs) == 0 {
		return ""
	}
	return fmt.Sprint(rs[0].(map[string]any)["reason"])
}

// TestClassifyFolderTree reads a folder tree with a maildir in it: every
// message of cur/ and new/ and of a Maildir++ subfolder, in lexical order,
// but not tmp/, the server's index files or hidden files.
func TestClassifyFolderTree(t *testing.T) {
	dir := t.TempDir()
	md := filepath.Join(dir, "Maildir")
	for _, d := range []string{"cur", "new", "tmp", ".Bounces/cur", ".Bounces/new", ".Bounces/tmp"} {
		os.MkdirAll(filepath.Join(md, d), 0o755)
	}
	write(t, filepath.Join(md, "cur", "1700000001.M1P1.host:2,S"), postfixBounce("a@example.com", fmt.Sprintf(replyUnknown, "a@example.com")))
	write(t, filepath.Join(md, "new", "1700000002.M2P2.host"), postfixBounce("b@example.com", fmt.Sprintf(replyFull, "b@example.com")))
	write(t, filepath.Join(md, "tmp", "1700000003.M3P3.host"), "half-delivered")
	write(t, filepath.Join(md, "dovecot-uidlist"), "3 V1 N4\n")
	write(t, filepath.Join(md, ".Bounces", "cur", "1700000004.M4P4.host:2,S"), postfixBounce("c@example.net", fmt.Sprintf(replyUnknown, "c@example.net")))
	write(t, filepath.Join(dir, "archive", "2024", "x.eml"), "550 5.1.1 The email account that you tried to reach does not exist.")
	write(t, filepath.Join(dir, "archive", ".DS_Store"), "\x00\x01")
	write(t, filepath.Join(dir, ".git", "config"), "[core]")

	out, errOut, code := runCLI(t, "", "classify", "-format", "json", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	ms := jsonLines(t, out)
	want := []string{
		filepath.Join(dir, "Maildir", ".Bounces", "cur", "1700000004.M4P4.host:2,S"),
		filepath.Join(dir, "Maildir", "cur", "1700000001.M1P1.host:2,S"),
		filepath.Join(dir, "Maildir", "new", "1700000002.M2P2.host"),
		filepath.Join(dir, "archive", "2024", "x.eml"),
	}
	if got := sources(ms); !slices.Equal(got, want) {
		t.Fatalf("sources:\n got %q\nwant %q", got, want)
	}
	reasons := []string{firstReason(ms[0]), firstReason(ms[1]), firstReason(ms[2]), firstReason(ms[3])}
	if !slices.Equal(reasons, []string{"userunknown", "userunknown", "mailboxfull", "userunknown"}) {
		t.Errorf("reasons %q", reasons)
	}
}

// mbox joins messages with From_ lines.
func mbox(msgs ...string) string {
	var b strings.Builder
	for _, m := range msgs {
		b.WriteString("From MAILER-DAEMON  Thu Jul  2 12:05:05 2020\n")
		b.WriteString(m)
		b.WriteString("\n")
	}
	return b.String()
}

// TestClassifyMbox reads an mbox message by message, named FILE#N; an mbox
// of one message keeps the file's name. A body line starting "From " does
// not split a message.
func TestClassifyMbox(t *testing.T) {
	dir := t.TempDir()
	box := filepath.Join(dir, "bounces.mbox")
	second := postfixBounce("b@example.org", fmt.Sprintf(replyFull, "b@example.org")) + "\nFrom here on, nothing.\n"
	write(t, box, mbox(
		postfixBounce("a@example.com", fmt.Sprintf(replyUnknown, "a@example.com")),
		second,
		postfixBounce("c@example.net", replyBlocked)))
	one := filepath.Join(dir, "one.mbox")
	write(t, one, mbox(postfixBounce("d@example.com", fmt.Sprintf(replyUnknown, "d@example.com"))))

	out, _, code := runCLI(t, "", "classify", "-json", box, one)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	ms := jsonLines(t, out)
	if got, want := sources(ms), []string{box + "#1", box + "#2", box + "#3", one}; !slices.Equal(got, want) {
		t.Fatalf("sources %q, want %q", got, want)
	}
	if got := []string{firstReason(ms[0]), firstReason(ms[1]), firstReason(ms[2])}; !slices.Equal(got, []string{"userunknown", "mailboxfull", "blocked"}) {
		t.Errorf("reasons %q", got)
	}
	// The same mbox from standard input.
	b, _ := os.ReadFile(box)
	out, _, _ = runCLI(t, string(b), "classify", "-json")
	if got, want := sources(jsonLines(t, out)), []string{"-#1", "-#2", "-#3"}; !slices.Equal(got, want) {
		t.Errorf("stdin sources %q, want %q", got, want)
	}
}

// TestClassifyLargeMboxStreamed checks that an mbox over streamMin, split
// as it is read and shared among workers, gives the records in order, and
// that a message over the size limit is reported in its place while the
// messages after it are still read.
func TestClassifyLargeMboxStreamed(t *testing.T) {
	var msgs []string
	n := 0
	for size := 0; size < streamMin+1000; n++ {
		m := postfixBounce(fmt.Sprintf("u%d@example.com", n), fmt.Sprintf(replyUnknown, fmt.Sprintf("u%d@example.com", n)))
		if n%3 == 1 {
			m = postfixBounce(fmt.Sprintf("u%d@example.com", n), fmt.Sprintf(replyFull, fmt.Sprintf("u%d@example.com", n)))
		}
		msgs = append(msgs, m)
		size += len(m) + 46
	}
	box := filepath.Join(t.TempDir(), "big.mbox")
	write(t, box, mbox(msgs...))
	out, _, code := runCLI(t, "", "classify", "-j", "3", "-format", "csv", box)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != n+1 {
		t.Fatalf("%d rows, want %d and a header", len(rows)-1, n)
	}
	for i, r := range rows[1:] {
		wantReason := "userunknown"
		if i%3 == 1 {
			wantReason = "mailboxfull"
		}
		if r[0] != msgName(box, i+1) || r[1] != fmt.Sprintf("u%d@example.com", i) || r[3] != wantReason {
			t.Fatalf("row %d: %q", i+1, r)
		}
	}

	// A message over the limit, between two others.
	huge := postfixBounce("big@example.com", fmt.Sprintf(replyUnknown, "big@example.com")) + strings.Repeat("x\n", 9<<20)
	write(t, box, mbox(msgs[0], huge, msgs[1]))
	out, errOut, code := runCLI(t, "", "classify", "-json", box)
	if code != 1 {
		t.Errorf("exit %d, want 1 for a message over the limit", code)
	}
	ms := jsonLines(t, out)
	if len(ms) != 3 || ms[1]["error"] == nil || firstReason(ms[2]) != "mailboxfull" || ms[2]["source"] != box+"#3" {
		t.Errorf("records %v, stderr %q", ms, errOut)
	}
}

// TestClassifyJobsKeepOrder gives the same output, in input order, on one
// worker and on several.
func TestClassifyJobsKeepOrder(t *testing.T) {
	dir := t.TempDir()
	var files []string
	for i := range 200 {
		p := filepath.Join(dir, fmt.Sprintf("m%03d.eml", i))
		rcpt := fmt.Sprintf("r%d@example.com", i)
		reply := fmt.Sprintf(replyUnknown, rcpt)
		if i%2 == 1 {
			reply = fmt.Sprintf(replyFull, rcpt)
		}
		text := postfixBounce(rcpt, reply)
		if i%7 == 0 { // some larger inputs, so workers finish out of order
			text += strings.Repeat("filler line of a long bounce body\n", 3000)
		}
		write(t, p, text)
		files = append(files, p)
	}
	var outs []string
	for _, j := range []string{"1", "4"} {
		for _, f := range []string{"json", "csv", "text"} {
			out, _, code := runCLI(t, "", "classify", "-j", j, "-format", f, dir)
			if code != 0 {
				t.Fatalf("-j %s -format %s: exit %d", j, f, code)
			}
			outs = append(outs, out)
		}
	}
	for i := range 3 {
		if outs[i] != outs[i+3] {
			t.Errorf("format %d: -j 4 differs from -j 1", i)
		}
	}
	if got := sources(jsonLines(t, outs[3])); !slices.Equal(got, files) {
		t.Errorf("-j 4 order: %q...", got[:5])
	}
}

// TestClassifyCSV checks the columns, a row per recipient, a row for a
// message without recipients and for an unreadable input.
func TestClassifyCSV(t *testing.T) {
	dir := t.TempDir()
	two := filepath.Join(dir, "a.eml")
	write(t, two, postfixBounce("x@example.com", fmt.Sprintf(replyUnknown, "x@example.com"))+
		"\n<sum@example.org>: host mx.example.org[192.0.2.2] said: 452 4.2.2 Mailbox is full (in reply to RCPT TO command)\n")
	note := filepath.Join(dir, "b.eml")
	write(t, note, "From: a@example.com\nSubject: lunch\n\nLunch at noon?\n")
	missing := filepath.Join(dir, "c.eml")
	out, errOut, code := runCLI(t, "", "classify", "-format", "csv", two, note, missing)
	if code != 1 {
		t.Errorf("exit %d, want 1", code)
	}
	if !strings.Contains(errOut, missing) {
		t.Errorf("stderr lacks the unreadable input: %q", errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"source", "recipient", "class", "reason", "status", "reply_code", "who_acts", "entry", "kind", "error"},
		{two, "x@example.com", "permanent", "userunknown", "5.1.1", "550"},
		{two, "sum@example.org", "temporary", "mailboxfull", "4.2.2", "452"},
		{note, "", "", "", "", "", "", "", "not-bounce", ""},
		{missing, "", "", "", "", "", "", "", ""},
	}
	if len(rows) != len(want) {
		t.Fatalf("%d rows, want %d:\n%s", len(rows), len(want), out)
	}
	for i, w := range want {
		if !slices.Equal(rows[i][:len(w)], w) {
			t.Errorf("row %d: %q, want %q", i, rows[i], w)
		}
	}
	if rows[1][7] == "" || rows[1][6] != "sender" || rows[1][8] != "ndr" {
		t.Errorf("row 1: no entry, who_acts or kind: %q", rows[1])
	}
	// The columns after the first ten, which the page's CSV has too.
	if h := rows[0]; len(h) != 14 || h[10] != "bounce" || h[13] != "evidence" {
		t.Errorf("header %q", h)
	}
	if rows[1][10] != "hard" || rows[2][10] != "soft" || rows[1][11] == "" || rows[1][12] == "" || rows[1][13] == "" {
		t.Errorf("bounce, action, retry or evidence missing: %q, %q", rows[1], rows[2])
	}
	if !strings.Contains(rows[4][9], "no such file") {
		t.Errorf("error column: %q", rows[4][9])
	}
}

// TestClassifySummaryAndSuppress counts by class, reason and domain, and
// lists for suppression only permanent failures of the address itself.
func TestClassifySummaryAndSuppress(t *testing.T) {
	dir := t.TempDir()
	box := filepath.Join(dir, "in.mbox")
	write(t, box, mbox(
		postfixBounce("Gone@Example.com", fmt.Sprintf(replyUnknown, "Gone@Example.com")),
		postfixBounce("gone@example.com", fmt.Sprintf(replyUnknown, "gone@example.com")),
		postfixBounce("full@example.com", fmt.Sprintf(replyFull, "full@example.com")),
		postfixBounce("good@example.net", replyBlocked),
		postfixBounce("old@example.org", fmt.Sprintf(replyUnknown, "old@example.org"))))
	supp := filepath.Join(dir, "suppress.txt")
	out, _, code := runCLI(t, "", "classify", "-summary", "-suppress", supp, box)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	b, err := os.ReadFile(supp)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(b); got != "gone@example.com\nold@example.org\n" {
		t.Errorf("suppress file %q", got)
	}
	sum := out[strings.Index(out, "== summary"):]
	for _, want := range []string{"5 messages read, 0 unreadable, 5 recipient records", "permanent", "userunknown", "3   60.0%", "example.com", "to suppress: 2 addresses"} {
		if !strings.Contains(sum, want) {
			t.Errorf("summary lacks %q:\n%s", want, sum)
		}
	}

	out, _, _ = runCLI(t, "", "classify", "-summary", "-format", "json", box)
	ms := jsonLines(t, out)
	if len(ms) != 6 {
		t.Fatalf("%d lines, want 5 reports and the summary", len(ms))
	}
	s, _ := ms[5]["summary"].(map[string]any)
	if s == nil {
		t.Fatalf("last line %v", ms[5])
	}
	if s["messages"] != 5.0 || s["suppress"] != 2.0 || s["reasons"].(map[string]any)["userunknown"] != 3.0 ||
		s["domains"].(map[string]any)["example.com"] != 3.0 || s["classes"].(map[string]any)["temporary"] != 1.0 {
		t.Errorf("summary %v", s)
	}

	// With CSV the summary goes to standard error, so the table stays one.
	out, errOut, _ := runCLI(t, "", "classify", "-summary", "-format", "csv", box)
	if strings.Contains(out, "summary") || !strings.Contains(errOut, "== summary") {
		t.Errorf("csv summary: stdout %q, stderr %q", out, errOut)
	}
}

// TestClassifyExitCodes: 0 when every input was read, 1 when one was not
// (missing, over the limit), 2 for usage errors.
func TestClassifyExitCodes(t *testing.T) {
	dir := t.TempDir()
	ok := filepath.Join(dir, "ok.txt")
	write(t, ok, "550 5.1.1 user unknown")
	big := filepath.Join(dir, "big.txt")
	write(t, big, strings.Repeat("a", 16<<20+1))
	for _, c := range []struct {
		args []string
		want int
	}{
		{[]string{"classify", ok}, 0},
		{[]string{"classify", dir + "/nothing-here"}, 1},
		{[]string{"classify", ok, big}, 1},
		{[]string{"classify", "-format", "xml", ok}, 2},
		{[]string{"classify", "-j", "0", ok}, 2},
		{[]string{"classify", "-progress", "sometimes", ok}, 2},
		{[]string{"classify", "-nosuchflag", ok}, 2},
		{[]string{"classify", "-suppress", filepath.Join(dir, "no", "such", "dir"), ok}, 1},
	} {
		if _, errOut, code := runCLI(t, "", c.args...); code != c.want {
			t.Errorf("%q: exit %d, want %d (%s)", c.args, code, c.want, errOut)
		}
	}
}

// TestClassifyProgress: -progress always draws the line on standard
// error and erases it; auto draws nothing when standard error is not a
// terminal; the records on standard output are the same either way.
func TestClassifyProgress(t *testing.T) {
	dir := t.TempDir()
	for i := range 5 {
		write(t, filepath.Join(dir, fmt.Sprintf("%d.txt", i)), "550 5.1.1 user unknown")
	}
	outA, errA, _ := runCLI(t, "", "classify", "-json", "-progress", "always", dir)
	if !strings.Contains(errA, "\r\x1b[Kbounce: 1/5 inputs, 1 messages") || !strings.HasSuffix(errA, "\r\x1b[K") {
		t.Errorf("-progress always: stderr %q", errA)
	}
	if !strings.Contains(errA, "ETA") {
		t.Errorf("no ETA in %q", errA)
	}
	outB, errB, _ := runCLI(t, "", "classify", "-json", dir)
	if errB != "" {
		t.Errorf("auto, not a terminal: stderr %q", errB)
	}
	if outA != outB {
		t.Errorf("the progress line changed the output")
	}
	var out bytes.Buffer
	if isTerminal(&out) {
		t.Error("a buffer is a terminal")
	}
}

// bulkGC raises the heap goal and sets a soft limit for a classify run,
// leaves what the environment sets, and restores both after the run.
func TestBulkGC(t *testing.T) {
	percent := func() int { p := debug.SetGCPercent(100); debug.SetGCPercent(p); return p }
	limit := func() int64 { return debug.SetMemoryLimit(-1) } // a negative value only reads
	p0, l0 := percent(), limit()
	defer debug.SetGCPercent(p0)
	defer debug.SetMemoryLimit(l0)

	restore := bulkGC(func(string) string { return "" })
	if p, l := percent(), limit(); p != 400 || l != 1<<30 {
		t.Errorf("during a run: GOGC %d, limit %d; want 400 and 1 GiB", p, l)
	}
	restore()
	if p, l := percent(), limit(); p != p0 || l != l0 {
		t.Errorf("after a run: GOGC %d, limit %d; want %d and %d as before", p, l, p0, l0)
	}

	env := map[string]string{"GOGC": "50", "GOMEMLIMIT": "100MiB"}
	restore = bulkGC(func(k string) string { return env[k] })
	if p, l := percent(), limit(); p != p0 || l != l0 {
		t.Errorf("with GOGC and GOMEMLIMIT set: GOGC %d, limit %d; want them left at %d and %d", p, l, p0, l0)
	}
	restore()
}
