//go:build !js

package webtest

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// A held large bounce can be edited once trimmed: "Trim to edit" puts its
// beginning and the lines around the text that decided in the paste
// area, editable, and the rest stays out of it.

// trimButton reports whether "Trim to edit" is shown.
func (s *session) trimButton() bool {
	s.t.Helper()
	var shown bool
	s.eval(`(() => { const b = document.getElementById("trim-held"); return !!b && !b.hidden && b.offsetParent !== null })()`, &shown)
	return shown
}

func TestLargeTrim(t *testing.T) {
	s := start(t)
	s.open("")
	if s.trimButton() {
		t.Error("Trim to edit shown with an empty paste area")
	}
	big := bigTail(saidUnknown, 23000)
	want := reasonOf(t, big)
	s.setBig("big", big)
	s.pasteEvent("big")
	held(t, "after a 2 MB paste", s.box())
	if !strings.Contains(s.box().Help, "Trim to edit") {
		t.Errorf("the help does not name Trim to edit: %q", s.box().Help)
	}
	s.waitShown("worker")
	if !s.trimButton() {
		t.Fatal("no Trim to edit for a held 2 MB bounce")
	}
	s.run(chromedp.Click("#trim-held"))
	v := s.waitShown("main")
	b := s.box()
	lines := strings.Split(b.Value, "\n")
	if b.ReadOnly || b.Len > 64<<10 || !strings.HasPrefix(b.Value, big[:1000]) || !strings.Contains(b.Value, saidUnknown) ||
		!strings.Contains(b.Value, " lines not shown …]") || strings.Contains(b.Value, "held in memory") {
		t.Errorf("trimmed box: %d characters, read-only %v, %d lines; begins with the bounce %v, has the deciding line %v: …%.300q",
			b.Len, b.ReadOnly, len(lines), strings.HasPrefix(b.Value, big[:1000]), strings.Contains(b.Value, saidUnknown),
			b.Value[max(0, len(b.Value)-300):])
	}
	if v.Reason != want || !strings.HasPrefix(v.Status, "Trimmed to edit") || !strings.Contains(v.Status, "2.0 MB") {
		t.Errorf("after trimming: reason %q (want %q), status %q", v.Reason, want, v.Status)
	}
	if s.trimButton() {
		t.Error("Trim to edit still shown for an editable box")
	}

	// Typing in the trimmed text: the keys go into the box, and the
	// verdict follows the edit on the main thread.
	s.eval(`(() => { const t = document.getElementById("bounce-text"); t.focus();
		const i = t.value.indexOf(`+jsString(saidUnknown)+`); t.selectionStart = i; t.selectionEnd = i + `+jsString(saidUnknown)+`.length; return true })()`, nil)
	for _, k := range saidFull {
		s.run(chromedp.KeyEvent(string(k)))
	}
	var after struct {
		Has  bool
		Path string
	}
	s.awaitEval(`new Promise((r) => setTimeout(r, 600)).then(() => ({
		Has: document.getElementById("bounce-text").value.includes(`+jsString(saidFull)+`),
		Path: document.getElementById("result").dataset.path }))`, &after)
	if !after.Has || after.Path != "main" {
		t.Errorf("typed into the trimmed text: has the edit %v, classified by %q", after.Has, after.Path)
	}
	edited := strings.Replace(big, saidUnknown, saidFull, 1)
	if reasonOf(t, edited) == want {
		t.Fatal("the edit does not change the reason: the check below would prove nothing")
	}
	if got, want := s.waitShown("main").Reason, reasonOf(t, edited); got != want {
		t.Errorf("after the edit: reason %q, want %q", got, want)
	}

	// A new 2 MB paste is held again; Clear hides the button.
	s.pasteEvent("big")
	if s.trimButton() {
		t.Error("Trim to edit shown before the new bounce's verdict")
	}
	s.waitShown("worker")
	if !s.trimButton() {
		t.Error("no Trim to edit for the second 2 MB paste")
	}
	s.run(chromedp.Click("#clear"))
	if s.trimButton() {
		t.Error("Trim to edit shown after Clear")
	}
}

// The widget holds a large bounce the same way, and trims it the same way.
func TestWidgetLargeTrim(t *testing.T) {
	s := start(t)
	s.navigate("/demo/embed.html")
	big := bigTail(saidUnknown, 23000)
	want := reasonOf(t, big)
	s.setBig("big", big)
	trim := theWidget + `.shadowRoot.querySelector(".bk-trim")`
	shown := func() bool {
		var v bool
		s.eval(`(() => { const b = `+trim+`; return !!b && !b.hidden && b.offsetParent !== null })()`, &v)
		return v
	}
	if !s.widgetPaste("big") {
		t.Fatal("the widget let the browser insert a 2 MB paste")
	}
	s.waitWidget("worker")
	if b := s.widgetBox(); !b.ReadOnly || !shown() || !strings.Contains(b.Help, "Trim to edit") {
		t.Fatalf("held 2 MB bounce: read-only %v, Trim to edit shown %v, note %q", b.ReadOnly, shown(), b.Help)
	}
	s.eval(trim+`.click(); true`, nil)
	v := s.waitWidget("main")
	b := s.widgetBox()
	if b.ReadOnly || b.Len > 64<<10 || !strings.HasPrefix(b.Value, big[:1000]) || !strings.Contains(b.Value, saidUnknown) ||
		!strings.Contains(b.Value, " lines not shown …]") || shown() {
		t.Errorf("trimmed box: %d characters, read-only %v, begins with the bounce %v, has the deciding line %v, button shown %v",
			b.Len, b.ReadOnly, strings.HasPrefix(b.Value, big[:1000]), strings.Contains(b.Value, saidUnknown), shown())
	}
	for end := time.Now().Add(10 * time.Second); !strings.HasPrefix(v.Status, "Trimmed to edit") && time.Now().Before(end); time.Sleep(50 * time.Millisecond) {
		v = s.widgetShown()
	}
	if v.Reason != want || !strings.HasPrefix(v.Status, "Trimmed to edit") || !strings.Contains(v.Status, "2.0 MB") {
		t.Errorf("after trimming: reason %q (want %q), status %q", v.Reason, want, v.Status)
	}
}
