//go:build !js

package webtest

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// A large bounce is kept out of the paste area: the browser's own layout
// of 2 MB there blocks the page on the paste and on every keystroke. The
// page holds the text, shows its beginning read-only, and classifies,
// copies and links the whole of it.

// bigTail is a 2 MB bounce whose deciding line comes after the long
// quoted report, far past the beginning the paste area shows.
func bigTail(said string, lines int) string {
	var b strings.Builder
	b.WriteString(bigHeader + "The report you sent, as it was received:\n\n")
	reportLines(&b, lines)
	b.WriteString("\n" + postfixSaid(said))
	return b.String()
}

// box is the paste area's state.
type box struct {
	Len      int
	Value    string
	ReadOnly bool
	Help     string
}

func (s *session) box() box {
	s.t.Helper()
	var b box
	s.eval(`(() => { const t = document.getElementById("bounce-text");
		return {Len: t.value.length, Value: t.value.slice(0, 70000), ReadOnly: t.readOnly,
			Help: document.getElementById("paste-help").textContent} })()`, &b)
	return b
}

// pasteEvent pastes window[name] as the browser does: a paste event with
// the text on its clipboardData, then, unless the page prevented it, the
// text in the area and an input event. It reports whether the page took
// the paste itself.
func (s *session) pasteEvent(name string) (prevented bool) {
	s.t.Helper()
	return s.pasteEventInto(`document.getElementById("bounce-text")`, name)
}

// pasteEventInto pastes window[name] into the textarea that the
// expression box finds, as pasteEvent does.
func (s *session) pasteEventInto(box, name string) (prevented bool) {
	s.t.Helper()
	s.eval(`(() => { const t = `+box+`; const dt = new DataTransfer();
		dt.setData("text/plain", window.`+name+`);
		const e = new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true});
		t.dispatchEvent(e);
		if (e.defaultPrevented) return true;
		t.value = window.`+name+`;
		t.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"}));
		return false })()`, &prevented)
	return prevented
}

// held checks that the paste area holds only the beginning of a large
// bounce, read-only, and says so.
func held(t *testing.T, what string, b box) {
	t.Helper()
	if b.Len >= 64<<10 || !b.ReadOnly || !strings.Contains(b.Value, "is held in memory, not shown here") ||
		!strings.Contains(b.Help, "You cannot type here") || !strings.Contains(b.Help, "Clear") {
		t.Errorf("%s: the paste area has %d characters, read-only %v, help %q, ends %q", what, b.Len, b.ReadOnly, b.Help,
			b.Value[max(0, len(b.Value)-200):])
	}
}

func TestLargeHeld(t *testing.T) {
	s := start(t)
	s.open("")
	var help0 string
	s.eval(`document.getElementById("paste-help").textContent`, &help0)
	big := bigTail(saidUnknown, 23000)
	want := reasonOf(t, big)
	s.setBig("big", big)
	if !s.pasteEvent("big") {
		t.Error("the page let the browser insert a 2 MB paste")
	}
	b := s.box()
	held(t, "after a 2 MB paste", b)
	if strings.Contains(b.Value, saidUnknown) || !strings.HasPrefix(b.Value, big[:1000]) {
		t.Errorf("the paste area does not show the beginning of the bounce: %.300q", b.Value)
	}
	// The verdict is the whole text's, read by the worker: the deciding
	// line is past what the area shows.
	v := s.waitShown("worker")
	if v.Reason != want || !strings.Contains(v.Source, saidUnknown) || !strings.Contains(v.Caption, "the page's memory") {
		t.Errorf("verdict %q (want %q), caption %q, source has the deciding line: %v", v.Reason, want, v.Caption,
			strings.Contains(v.Source, saidUnknown))
	}
	var rep struct {
		Recipients []struct{ Recipient, Reason, Diagnostic string }
	}
	if err := json.Unmarshal([]byte(s.copied("#copy-json")), &rep); err != nil || len(rep.Recipients) != 1 ||
		rep.Recipients[0].Reason != want || !strings.Contains(rep.Recipients[0].Diagnostic, saidUnknown) {
		t.Errorf("copied JSON: %v, %+v", err, rep)
	}
	if got := s.copied("#copy-link"); got != "" {
		t.Errorf("a link copied for a 2 MB bounce: %.200q", got)
	}
	if st := s.shown().Status; !strings.Contains(st, "too large to share as a link") {
		t.Errorf("status after Copy link: %q", st)
	}
	if _, table := s.downloaded("#download-csv"); len(readCSV(t, table)) != 2 || !strings.Contains(table, "bob@example.org") {
		t.Errorf("CSV: %q", table)
	}

	// Hiding on: the beginning masked, still held; the worker reads the
	// original.
	s.run(chromedp.Click("#redact"))
	s.waitShown("worker")
	b = s.box()
	held(t, "hiding on", b)
	if strings.Contains(b.Value, "alice@example.net") || !strings.Contains(b.Value, "[address") ||
		!strings.Contains(b.Help, "Hiding is on") {
		t.Errorf("masked: help %q, box %.300q", b.Help, b.Value)
	}
	if err := json.Unmarshal([]byte(s.copied("#copy-json")), &rep); err != nil || len(rep.Recipients) != 1 ||
		rep.Recipients[0].Recipient != "[address 1]" || rep.Recipients[0].Reason != want {
		t.Errorf("copied JSON with hiding on: %v, %+v", err, rep)
	}
	s.run(chromedp.Click("#redact"))
	s.waitShown("worker")
	if b = s.box(); !strings.Contains(b.Value, "alice@example.net") {
		t.Errorf("hiding off: box %.300q", b.Value)
	}
	held(t, "hiding off", b)

	// A small paste into the held area replaces the bounce, editable.
	s.setBig("reply", gmail)
	if !s.pasteEvent("reply") {
		t.Error("a paste into the held area went to the browser")
	}
	if b = s.box(); b.ReadOnly || b.Value != gmail || b.Help != help0 {
		t.Errorf("after a small paste: %+v", b)
	}
	if v := s.shown(); v.Path != "main" || v.Reason != "userunknown" {
		t.Errorf("small paste after the large one: %+v", shown{Path: v.Path, Reason: v.Reason, Status: v.Status})
	}

	// Clear brings back an empty, editable area; a small paste after it
	// is the browser's, as always.
	s.pasteEvent("big")
	held(t, "the 2 MB paste again", s.box())
	s.run(chromedp.Click("#clear"))
	if b = s.box(); b.ReadOnly || b.Len != 0 || b.Help != help0 {
		t.Errorf("after Clear: %+v", b)
	}
	if s.pasteEvent("reply") {
		t.Error("the page took a small paste into an empty area")
	}
	if b = s.box(); b.ReadOnly || b.Value != gmail {
		t.Errorf("small paste after Clear: %+v", b)
	}
	if v := s.shown(); v.Path != "main" || v.Reason != "userunknown" {
		t.Errorf("small paste after Clear: %+v", shown{Path: v.Path, Reason: v.Reason, Status: v.Status})
	}

	// Dropped text is held as a paste is.
	var dropped bool
	s.eval(`(() => { const dt = new DataTransfer(); dt.setData("text/plain", window.big);
		const e = new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true});
		document.getElementById("bounce-text").dispatchEvent(e); return e.defaultPrevented })()`, &dropped)
	if !dropped {
		t.Error("the page let the browser insert 2 MB of dropped text")
	}
	held(t, "2 MB of dropped text", s.box())
	if v := s.waitShown("worker"); v.Reason != want {
		t.Errorf("dropped text: %q", v.Reason)
	}
}

// A 2 MB file opened is held as a paste is.
func TestLargeFileHeld(t *testing.T) {
	s := start(t)
	s.open("")
	path := filepath.Join(t.TempDir(), "large-tail.eml")
	big := bigTail(saidFull, 23000)
	if err := os.WriteFile(path, []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	s.run(chromedp.SetUploadFiles("#open-file", []string{path}, chromedp.ByID))
	v := s.waitShown("worker")
	if v.Reason != reasonOf(t, big) || !strings.HasPrefix(v.Status, "Opened large-tail.eml") {
		t.Errorf("%+v", shown{Path: v.Path, Reason: v.Reason, Status: v.Status})
	}
	held(t, "after opening a 2 MB file", s.box())
	s.run(chromedp.Click("#clear"))
	if b := s.box(); b.ReadOnly || b.Len != 0 {
		t.Errorf("after Clear: %+v", b)
	}
}
