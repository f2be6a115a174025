//go:build !js

package webtest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/bouncekit/bounce"
)

// Large input is classified in the page's Web Worker: the page stays
// responsive, and only the newest text's verdict is shown.

// bigBounce is a Postfix bounce whose server said said, with the returned
// message (a long report) quoted after it: about 2 MB for lines = 23,000.
func bigBounce(said string, lines int) string {
	var b strings.Builder
	b.WriteString(bigHeader + postfixSaid(said) + `
------ This is a copy of the message, including all the headers. ------

From: alice@example.net
To: bob@example.org
Subject: Quarterly report

`)
	reportLines(&b, lines)
	return b.String()
}

// bigHeader heads the large test bounces.
const bigHeader = `From: MAILER-DAEMON@mail.example.net (Mail Delivery System)
To: alice@example.net
Subject: Undelivered Mail Returned to Sender
Date: Mon, 30 Nov 2026 08:00:00 +0000
Content-Type: text/plain; charset=utf-8

`

// postfixSaid is Postfix's paragraph on a recipient whose server said
// said.
func postfixSaid(said string) string {
	return `This is the mail system at host mail.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<bob@example.org>: host mx.example.org[198.51.100.25] said: ` + said + ` (in reply to RCPT TO command)
`
}

// reportLines writes lines of a long returned report.
func reportLines(b *strings.Builder, lines int) {
	for i := range lines {
		fmt.Fprintf(b, "Line %d of the report that was sent, kept whole in the bounce as the original message.\n", i)
	}
}

const (
	saidUnknown = "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in local recipient table"
	saidFull    = "552 5.2.2 <bob@example.org>: Mailbox full"
)

// reasonOf is the Go library's reason for the first recipient of text.
func reasonOf(t *testing.T, text string) string {
	t.Helper()
	rep, err := bounce.ParseString(text)
	if err != nil || len(rep.Recipients) == 0 {
		t.Fatalf("the library gives %v, %v", rep, err)
	}
	return rep.Recipients[0].Reason
}

// setBig stores text in window[name] with an evaluation of its own, so
// that a later paste of it does not parse a 2 MB script.
func (s *session) setBig(name, text string) {
	s.t.Helper()
	s.eval(`window.`+name+` = `+jsString(text)+`; true`, nil)
}

// pasteVar pastes window[name] as paste does, and returns the status and
// the result's data-path right after the input event.
func (s *session) pasteVar(name string) (status, path string) {
	s.t.Helper()
	var r struct{ Status, Path string }
	s.eval(`(() => { const t = document.getElementById("bounce-text"); t.value = window.`+name+`;
		t.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"}));
		return {Status: document.getElementById("status").textContent, Path: document.getElementById("result").dataset.path ?? ""} })()`, &r)
	return r.Status, r.Path
}

// shown is the verdict shown: the way it came, the first card's reason,
// the status line and the text under the cards.
type shown struct{ Path, Reason, Status, Source, Caption string }

func (s *session) shown() shown {
	s.t.Helper()
	var v shown
	s.eval(`(() => { const r = document.getElementById("result"); const q = (x) => r.querySelector(x);
		return {Path: r.dataset.path ?? "", Reason: q(".bk-card")?.dataset.reason ?? "",
			Status: document.getElementById("status").textContent,
			Source: q(".bk-source pre")?.textContent ?? "", Caption: q(".bk-source figcaption")?.textContent ?? ""} })()`, &v)
	return v
}

// waitShown waits until the result came by path and its first card is
// shown, and returns it; it fails the test with what is shown after a
// minute.
func (s *session) waitShown(path string) shown {
	s.t.Helper()
	var v shown
	for end := time.Now().Add(time.Minute); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if v = s.shown(); v.Path == path && v.Reason != "" {
			return v
		}
	}
	s.t.Fatalf("no verdict by %q: %+v", path, shown{Path: v.Path, Reason: v.Reason, Status: v.Status})
	return v
}

// commas formats n as the page does (23,019).
func commas(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func TestLargeInWorker(t *testing.T) {
	s := start(t)
	s.open("")
	big := bigBounce(saidUnknown, 23000)
	want := reasonOf(t, big)
	s.setBig("big", big)
	status, path := s.pasteVar("big")
	if status != "Reading a large bounce…" || path != "pending" {
		t.Errorf("right after the paste: status %q, data-path %q", status, path)
	}
	// A large text that reached the area past the paste handler (here an
	// input event alone) is held from then on.
	held(t, "after a large input event", s.box())
	v := s.waitShown("worker")
	if v.Reason != want || v.Status != "Result: Permanent: the address does not exist." {
		t.Errorf("verdict %q, status %q; want reason %q", v.Reason, v.Status, want)
	}
	// Under the cards, only the lines around the deciding text.
	if len(v.Source) > 8<<10 || !strings.Contains(v.Source, saidUnknown) ||
		!strings.Contains(v.Source, "lines not shown …]") {
		t.Errorf("source shown: %d bytes: %.500q", len(v.Source), v.Source)
	}
	if !strings.Contains(v.Caption, " "+commas(strings.Count(big, "\n"))+" lines") {
		t.Errorf("caption %q does not give the bounce's length in lines", v.Caption)
	}
	var marked string
	s.run(chromedp.Text(`#result .bk-source mark`, &marked))
	if !strings.Contains(marked, "User unknown") {
		t.Errorf("marked %q", marked)
	}
	// Small input stays on the main thread, at once.
	s.paste(gmail)
	if v := s.shown(); v.Path != "main" || v.Reason != "userunknown" {
		t.Errorf("one-line paste: %+v", v)
	}
}

// Typing after a large paste: the newest text's verdict, never an older
// one that the worker answers later.
func TestLargeNewestWins(t *testing.T) {
	s := start(t)
	s.open("")
	a, b := bigBounce(saidUnknown, 23000), bigBounce(saidFull, 23000)
	ra, rb := reasonOf(t, a), reasonOf(t, b)
	if ra == rb {
		t.Fatalf("the two texts have the same reason %q", ra)
	}
	s.setBig("a", a)
	s.setBig("b", b)

	// A paste, then at once a paste of another large text, which replaces
	// the held one (the area is read-only: no typing), while the worker
	// reads the first.
	if !s.pasteEvent("a") || !s.pasteEvent("b") {
		t.Error("a large paste went into the paste area")
	}
	s.waitShown("worker")
	time.Sleep(2 * time.Second) // time for a stale answer to arrive
	if v := s.shown(); v.Reason != rb || v.Path != "worker" {
		t.Errorf("after pasting the second text: reason %q by %q, want %q", v.Reason, v.Path, rb)
	}
	held(t, "the second large paste", s.box())

	// A large paste, then a small one into the held area, classified on
	// the main thread before the worker answers: the worker's answer is
	// dropped.
	s.pasteEvent("a")
	s.setBig("small", "452 4.2.2 The recipient's inbox is out of storage space.")
	s.pasteEvent("small")
	if v := s.shown(); v.Reason != "mailboxfull" || v.Path != "main" {
		t.Errorf("small text after a large paste: %+v", v)
	}
	time.Sleep(3 * time.Second)
	if v := s.shown(); v.Reason != "mailboxfull" || v.Path != "main" || !strings.Contains(v.Status, "Temporary") {
		t.Errorf("after the worker's answer for the older text: %+v", v)
	}
	// And the worker still serves the next large text.
	s.pasteEvent("a")
	s.run(chromedp.WaitVisible(`#result[data-path="worker"] .bk-card[data-reason="` + ra + `"]`))
}

// Without a worker, large input is classified on the page, and the
// status says why.
func TestLargeFallback(t *testing.T) {
	big := bigBounce(saidUnknown, 23000)
	want := reasonOf(t, big)
	for _, c := range []struct {
		name, why string
		site      func(dir string) error // changes a copy of the site
		script    string                 // runs before the page's scripts
	}{
		{name: "worker script missing", why: "the worker could not load",
			site: func(dir string) error { return os.Remove(filepath.Join(dir, "bounce-worker.js")) }},
		{name: "CSP forbids workers", why: "the worker could not load",
			site: func(dir string) error {
				f := filepath.Join(dir, "index.html")
				b, err := os.ReadFile(f)
				if err != nil {
					return err
				}
				csp := "default-src 'none'; "
				if !bytes.Contains(b, []byte(csp)) {
					return fmt.Errorf("no %q in index.html", csp)
				}
				return os.WriteFile(f, bytes.Replace(b, []byte(csp), []byte(csp+"worker-src 'none'; "), 1), 0o644)
			}},
		{name: "no Worker", why: "this browser has no Web Workers", script: `delete window.Worker`},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.site != nil {
				dir := copySite(t)
				if err := c.site(dir); err != nil {
					t.Fatal(err)
				}
				t.Setenv("BOUNCE_WEB_DIR", dir)
			}
			s := start(t)
			if c.script != "" {
				s.run(chromedp.ActionFunc(func(ctx context.Context) error {
					_, err := page.AddScriptToEvaluateOnNewDocument(c.script).Do(ctx)
					return err
				}))
			}
			s.open("")
			s.setBig("big", big)
			s.pasteVar("big")
			v := s.waitShown("main-fallback")
			if v.Reason != want || !strings.HasPrefix(v.Status, "Result: Permanent") ||
				!strings.Contains(v.Status, "Read on the page itself") || !strings.Contains(v.Status, c.why) {
				t.Errorf("%+v", shown{Path: v.Path, Reason: v.Reason, Status: v.Status})
			}
			if len(v.Source) > 8<<10 || !strings.Contains(v.Source, saidUnknown) {
				t.Errorf("source shown: %d bytes", len(v.Source))
			}
		})
	}
}

// copySite copies the site in BOUNCE_WEB_DIR to a temporary directory.
func copySite(t *testing.T) string {
	t.Helper()
	from := os.Getenv("BOUNCE_WEB_DIR")
	if from == "" {
		t.Skip("BOUNCE_WEB_DIR not set: run make test-web-browser")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(from)); err != nil {
		t.Fatal(err)
	}
	return dir
}

// A large file opened or dropped goes to the worker too.
func TestLargeFile(t *testing.T) {
	s := start(t)
	s.open("")
	path := filepath.Join(t.TempDir(), "large-bounce.eml")
	big := bigBounce(saidFull, 23000)
	if err := os.WriteFile(path, []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	s.run(chromedp.SetUploadFiles("#open-file", []string{path}, chromedp.ByID))
	v := s.waitShown("worker")
	if v.Reason != reasonOf(t, big) || !strings.HasPrefix(v.Status, "Opened large-bounce.eml") || !strings.Contains(v.Status, "Result: Permanent") {
		t.Errorf("%+v", shown{Path: v.Path, Reason: v.Reason, Status: v.Status})
	}
}

// The widget draws a large bounce as the page does: the cards, and the
// lines around the deciding text, read in its worker (on the demo page,
// of the widget's own origin, a worker from bounce-worker.js itself).
func TestLargeWidget(t *testing.T) {
	s := start(t)
	s.navigate("/demo/embed.html")
	big := bigBounce(saidUnknown, 23000)
	s.setBig("big", big)
	var v shown
	s.awaitEval(`document.querySelector("bounce-classifier").classify(window.big).then(() => {
		const r = document.querySelector("bounce-classifier").shadowRoot;
		return {Path: r.querySelector(".bk-out").dataset.path ?? "", Reason: r.querySelector(".bk-card")?.dataset.reason ?? "", Source: r.querySelector(".bk-source pre")?.textContent ?? "",
			Caption: r.querySelector(".bk-source summary, .bk-source figcaption")?.textContent ?? ""} })`, &v)
	if v.Path != "worker" || v.Reason != reasonOf(t, big) || len(v.Source) > 8<<10 || !strings.Contains(v.Source, saidUnknown) ||
		!strings.Contains(v.Caption, " "+commas(strings.Count(big, "\n"))+" lines") {
		t.Errorf("by %q: reason %q, caption %q, %d bytes of source", v.Path, v.Reason, v.Caption, len(v.Source))
	}
}

// The worker that reads large input gets the page's compiled bounce.wasm:
// the site serves bounce.wasm once, to the page, and the worker neither
// downloads nor compiles it again. So on the page, in the widget on its
// own origin and in the widget on a portal (a blob: worker).
func TestLargeSharesModule(t *testing.T) {
	big := bigBounce(saidUnknown, 23000)
	want := reasonOf(t, big)
	page := func(s *session) shown {
		s.open("")
		s.setBig("big", big)
		s.pasteVar("big")
		return s.waitShown("worker")
	}
	widget := func(open func(s *session)) func(s *session) shown {
		return func(s *session) shown {
			open(s)
			s.setBig("big", big)
			s.widgetPaste("big")
			return s.waitWidget("worker")
		}
	}
	for _, c := range []struct {
		name string
		read func(s *session) shown // opens the page, pastes big, waits for the worker's verdict
	}{
		{"page", page},
		{"widget", widget(func(s *session) { s.navigate("/demo/embed.html") })},
		{"widget on a portal", widget(func(s *session) { s.openOnPortal("; worker-src blob:") })},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := start(t)
			// A second download could come from the browser's cache,
			// where the server would not count it: nothing is cached.
			s.mu.Lock()
			s.noStore = true
			s.mu.Unlock()
			if v := c.read(s); v.Reason != want {
				t.Errorf("reason %q, want %q", v.Reason, want)
			}
			if n := s.servedCount("/bounce.wasm"); n != 1 {
				t.Errorf("bounce.wasm served %d times; want once, to the page", n)
			}
			if n := s.servedCount("/bounce-worker.js"); n == 0 {
				t.Error("bounce-worker.js never served: no worker read the text")
			}
		})
	}
}
