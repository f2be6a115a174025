//go:build !js

package webtest

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The widget's paste box, as the page's: with redact it shows the bounce
// masked as the cards are, read-only; a large bounce is held out of it
// (the box shows its beginning) and read in a Web Worker.

const theWidget = `document.querySelector("bounce-classifier")`

// widgetPaste pastes window[name] into the widget's box as the browser
// does: a paste event with the text on its clipboardData, then, unless the
// widget prevented it, the text in the box and an input event. It reports
// whether the widget took the paste itself.
func (s *session) widgetPaste(name string) (prevented bool) {
	s.t.Helper()
	return s.pasteEventInto(theWidget+`.shadowRoot.querySelector("textarea")`, name)
}

// widgetBox is the widget's paste box: its text (the first 70,000
// characters), whether it is read-only, and the note under it.
func (s *session) widgetBox() box {
	s.t.Helper()
	var b box
	s.eval(`(() => { const r = `+theWidget+`.shadowRoot; const t = r.querySelector("textarea"); const bar = r.querySelector(".bk-held-bar");
		return {Len: t.value.length, Value: t.value.slice(0, 70000), ReadOnly: t.readOnly,
			Help: bar && !bar.hidden ? bar.textContent : ""} })()`, &b)
	return b
}

// widgetShown is what the widget shows: the way the result came
// (data-path of its output), the first card's reason, the status line,
// the text under the cards and its caption.
func (s *session) widgetShown() shown {
	s.t.Helper()
	var v shown
	s.eval(`(() => { const r = `+theWidget+`.shadowRoot; const out = r.querySelector(".bk-out"); const q = (x) => out.querySelector(x);
		return {Path: out.dataset.path ?? "", Reason: q(".bk-card")?.dataset.reason ?? "",
			Status: r.querySelector(".bk-status").textContent, Source: q(".bk-source pre")?.textContent ?? "",
			Caption: q(".bk-source summary, .bk-source figcaption")?.textContent ?? ""} })()`, &v)
	return v
}

// waitWidget waits until the widget shows a card that came by path, and
// returns what it shows; after a minute it fails the test.
func (s *session) waitWidget(path string) shown {
	s.t.Helper()
	var v shown
	for end := time.Now().Add(time.Minute); time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		if v = s.widgetShown(); v.Path == path && v.Reason != "" {
			return v
		}
	}
	s.mu.Lock()
	s.t.Logf("page logged: %q", s.console)
	s.mu.Unlock()
	s.t.Fatalf("no verdict by %q in the widget: %+v", path, shown{Path: v.Path, Reason: v.Reason, Status: v.Status})
	return v
}

// widgetLeaks returns where, in the widget, any of secrets (lower case)
// is found: the host element's attributes, and in its shadow root every
// text node, attribute and form value.
func (s *session) widgetLeaks(secrets []string) []string {
	s.t.Helper()
	var found []string
	s.eval(`((secrets) => { const w = `+theWidget+`; const found = [];
		const check = (where, v) => { const l = String(v ?? "").toLowerCase();
			for (const x of secrets) if (l.includes(x)) found.push(where + ": " + x); };
		const walk = (root, where) => {
			const tw = document.createTreeWalker(root, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
			for (let n = tw.nextNode(); n; n = tw.nextNode()) {
				if (n.nodeType === Node.TEXT_NODE) { check(where + " text", n.data); continue; }
				for (const a of n.attributes) check(where + " <" + n.localName + " " + a.name + ">", a.value);
				if (typeof n.value === "string") check(where + " <" + n.localName + "> value", n.value);
				if (n.shadowRoot) walk(n.shadowRoot, where + " > shadow root");
			}
		};
		for (const a of w.attributes) check("host <" + a.name + ">", a.value);
		walk(w.shadowRoot, "shadow root");
		return found })(`+jsJSON(secrets)+`)`, &found)
	return found
}

func jsJSON(v []string) string {
	var b strings.Builder
	b.WriteString("[")
	for i, x := range v {
		if i > 0 {
			b.WriteString(",")
		}
		b.WriteString(jsString(x))
	}
	b.WriteString("]")
	return b.String()
}

// redactBounce has two recipients, an IP and host names, each more than
// once.
const redactBounce = `From: MAILER-DAEMON@mail.sender.example (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender

This is the mail system at host mail.sender.example.

<ann.lee@shop.example>: host mx.shop.example[203.0.113.7] said: 550 5.1.1
    <ann.lee@shop.example>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

<bo@store.example>: host mx.store.example[198.51.100.44] said: 552 5.2.2
    <bo@store.example>: Mailbox full (in reply to RCPT TO command)
`

var redactSecrets = []string{"ann.lee@shop.example", "bo@store.example", "mailer-daemon@mail.sender.example",
	"203.0.113.7", "198.51.100.44", "mx.shop.example", "mx.store.example", "mail.sender.example"}

func TestWidgetRedactBox(t *testing.T) {
	s := start(t)
	s.navigate("/demo/embed.html")
	s.setBig("bounce", redactBounce)
	// Set before first use: nothing unmasked while the classifier loads.
	s.eval(theWidget+`.redact = true; true`, nil)
	if !s.widgetPaste("bounce") {
		t.Error("with redact, a paste went into the box as pasted")
	}
	if b := s.widgetBox(); b.Value != "" && !strings.Contains(b.Value, "[address") {
		t.Errorf("while the classifier loads, the box shows %q", b.Value)
	}
	s.run(chromedp.Poll(theWidget+`.shadowRoot.querySelector(".bk-card")`, nil))
	masked := func(what string) {
		t.Helper()
		b := s.widgetBox()
		v := s.widgetShown()
		// The box shows the bounce as the cards show it: the same masks.
		if !b.ReadOnly || !strings.Contains(b.Value, "<[address 1]>: host [host ") || !strings.Contains(b.Value, "[IP ") ||
			b.Value != v.Source || !strings.Contains(b.Help, "hidden") || !strings.Contains(b.Help, "Clear") {
			t.Errorf("%s: box read-only %v, note %q:\n%s\ncards' text:\n%s", what, b.ReadOnly, b.Help, b.Value, v.Source)
		}
		var heads []string
		s.eval(`[...`+theWidget+`.shadowRoot.querySelectorAll(".bk-to")].map(e => e.textContent)`, &heads)
		if !reflect.DeepEqual(heads, []string{"[address 1]", "[address 2]"}) {
			t.Errorf("%s: cards for %q", what, heads)
		}
		if l := s.widgetLeaks(redactSecrets); len(l) > 0 {
			t.Errorf("%s: unmasked in the widget: %q", what, l)
		}
		var copies int
		s.eval(theWidget+`.shadowRoot.querySelectorAll(".bk-suppress, [data-addresses]").length`, &copies)
		if copies != 0 {
			t.Errorf("%s: %d copy actions with the addresses", what, copies)
		}
	}
	masked("a paste")

	// redact removed: the original, to edit; set again: masked again.
	s.awaitEval(`(async () => { `+theWidget+`.redact = false; await new Promise(ok => setTimeout(ok, 100)); return true })()`, nil)
	if b := s.widgetBox(); b.ReadOnly || b.Value != redactBounce || b.Help != "" {
		t.Errorf("redact off: box read-only %v, note %q, text %q", b.ReadOnly, b.Help, b.Value)
	}
	s.awaitEval(`(async () => { `+theWidget+`.redact = true; await new Promise(ok => setTimeout(ok, 100)); return true })()`, nil)
	masked("redact set again")

	// Clear: an empty box to type in.
	s.eval(theWidget+`.shadowRoot.querySelector(".bk-clear").click(); true`, nil)
	if b := s.widgetBox(); b.ReadOnly || b.Value != "" || b.Help != "" {
		t.Errorf("after Clear: %+v", b)
	}
	// Text typed with redact on is masked at the typing pause.
	s.eval(`(() => { const t = `+theWidget+`.shadowRoot.querySelector("textarea"); t.value = window.bounce;
		t.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertText", data: "."})); return true })()`, nil)
	s.run(chromedp.Poll(theWidget+`.shadowRoot.querySelector("textarea").readOnly`, nil, chromedp.WithPollingTimeout(10*time.Second)))
	masked("typed")

	// classify() and the text attribute with redact on.
	s.eval(theWidget+`.shadowRoot.querySelector(".bk-clear").click(); true`, nil)
	s.awaitEval(theWidget+`.classify(window.bounce).then(() => true)`, nil)
	masked("classify()")

	// A paste into the masked box replaces the bounce.
	s.setBig("other", "550 5.1.1 <zed@other.example>: Recipient address rejected: User unknown")
	s.widgetPaste("other")
	s.run(chromedp.Poll(theWidget+`.shadowRoot.querySelector("textarea").value.includes("[address 1]>: Recipient")`, nil,
		chromedp.WithPollingTimeout(10*time.Second)))
	if l := s.widgetLeaks([]string{"zed@other.example", "ann.lee@shop.example"}); len(l) > 0 {
		t.Errorf("after a paste over the masked box: %q", l)
	}
}

// A 2 MB paste into the widget: held, not laid out in its box, and read
// in the worker.
func TestWidgetLargeHeld(t *testing.T) {
	s := start(t)
	s.navigate("/demo/embed.html")
	big := bigTail(saidUnknown, 23000)
	s.setBig("big", big)
	if !s.widgetPaste("big") {
		t.Error("a 2 MB paste went into the widget's box")
	}
	if v := s.widgetShown(); v.Path != "pending" || v.Status != "Reading a large bounce…" {
		t.Errorf("right after the paste: %+v", v)
	}
	heldBox := func(what string) box {
		t.Helper()
		b := s.widgetBox()
		if b.Len >= 64<<10 || !b.ReadOnly || !strings.HasPrefix(b.Value, "From: ") ||
			!strings.Contains(b.Value, "the rest of this 2.0 MB bounce is held in memory, not shown here") ||
			!strings.Contains(b.Help, "2.0 MB") || !strings.Contains(b.Help, "Clear") {
			t.Errorf("%s: the box has %d characters, read-only %v, note %q, ends %q", what, b.Len, b.ReadOnly, b.Help,
				b.Value[max(0, len(b.Value)-200):])
		}
		return b
	}
	heldBox("2 MB pasted")
	v := s.waitWidget("worker")
	if want := reasonOf(t, big); v.Reason != want || v.Status != "" {
		t.Errorf("verdict %q, status %q; want %q", v.Reason, v.Status, want)
	}
	if len(v.Source) > 8<<10 || !strings.Contains(v.Source, saidUnknown) ||
		!strings.Contains(v.Caption, " "+commas(strings.Count(big, "\n"))+" lines") {
		t.Errorf("caption %q, %d bytes under the cards", v.Caption, len(v.Source))
	}
	var rep any
	s.eval(theWidget+`.report`, &rep)
	if want := goReport(t, big); !reflect.DeepEqual(rep, want) {
		t.Errorf("report %v\nwant %v", rep, want)
	}

	// redact: the beginning shown is masked too, with the cards' masks.
	s.awaitEval(`(async () => { `+theWidget+`.redact = true; await new Promise(ok => setTimeout(ok, 200)); return true })()`, nil)
	b := heldBox("redact on")
	if !strings.HasPrefix(b.Value, "From: [address ") || !strings.Contains(b.Help, "masked") {
		t.Errorf("redact on: the box begins %.300q", b.Value)
	}
	secrets := []string{"alice@example.net", "bob@example.org", "mailer-daemon@mail.example.net", "198.51.100.25", "mx.example.org"}
	if l := s.widgetLeaks(secrets); len(l) > 0 {
		t.Errorf("redact on, a large bounce: unmasked in the widget: %q", l)
	}
	s.awaitEval(`(async () => { `+theWidget+`.redact = false; await new Promise(ok => setTimeout(ok, 200)); return true })()`, nil)
	if b := heldBox("redact off"); !strings.Contains(b.Value, "alice@example.net") {
		t.Errorf("redact off: the box begins %.300q", b.Value)
	}

	// A one-line paste into the held box replaces the bounce.
	s.setBig("small", "452 4.2.2 The recipient's inbox is out of storage space.")
	if !s.widgetPaste("small") {
		t.Error("a paste into the held box was not taken by the widget")
	}
	if v := s.waitWidget("main"); v.Reason != "mailboxfull" {
		t.Errorf("a small paste over the 2 MB: %+v", v)
	}
	if b := s.widgetBox(); b.ReadOnly || b.Value != "452 4.2.2 The recipient's inbox is out of storage space." || b.Help != "" {
		t.Errorf("a small paste over the 2 MB: box %+v", b)
	}

	// classify() of 2 MB holds it too; Clear empties the box to type.
	s.awaitEval(theWidget+`.classify(window.big).then(() => true)`, nil)
	heldBox("classify()")
	if v := s.widgetShown(); v.Path != "worker" {
		t.Errorf("classify() of 2 MB by %q", v.Path)
	}
	s.eval(theWidget+`.shadowRoot.querySelector(".bk-clear").click(); true`, nil)
	if b := s.widgetBox(); b.ReadOnly || b.Value != "" || b.Help != "" {
		t.Errorf("after Clear: %+v", b)
	}
}

// On a host page of another origin, the worker is made from a blob: URL,
// which the host's CSP must allow; where it does not, the widget reads
// the text on the host's main thread and says so.
func TestWidgetLargeCrossOrigin(t *testing.T) {
	big := bigBounce(saidUnknown, 23000)
	want := reasonOf(t, big)
	for _, c := range []struct {
		name, workers, path string
	}{
		{"worker-src blob:", "; worker-src blob:", "worker"},
		{"no blob: workers", "", "main-fallback"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := start(t)
			logged := s.openOnPortal(c.workers)
			s.setBig("big", big)
			if !s.widgetPaste("big") {
				t.Error("a 2 MB paste went into the widget's box")
			}
			v := s.waitWidget(c.path)
			if v.Reason != want {
				t.Errorf("reason %q, want %q", v.Reason, want)
			}
			if c.path == "main-fallback" && !strings.Contains(v.Status, "Read on this page's main thread") {
				t.Errorf("fallback status %q", v.Status)
			}
			if c.path == "worker" && v.Status != "" {
				t.Errorf("status %q", v.Status)
			}
			if c.path == "worker" {
				for _, l := range logged() {
					t.Errorf("browser logged: %s", l)
				}
			}
		})
	}
}
