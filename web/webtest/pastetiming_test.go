//go:build !js

package webtest

import (
	"os"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// The paste timings of "make bench" (build/bench/paste.txt): paste to
// verdict for a one-line reply and for a real NDR of about 64 KB, and for
// a 2 MB paste the longest time the main thread was blocked: during paste
// to verdict, pasting a small text over it, pressing keys in the area that
// holds it, and typing after Clear; and the same block for a 2 MB paste
// into the widget (demo/embed.html). Timings are logged, never
// asserted (speed is judged by make bench); the test checks only that
// each verdict came. It runs when BOUNCE_PASTE_TIMINGS is set (make bench):
// the other tests cover the same paths.

// loopProbe starts the part of both probes that measures the main thread:
// the long tasks the browser reports, and a MessageChannel ping-pong whose
// gaps are the tasks that ran in between; loopProbeMethods are their start
// and stop.
const loopProbe = `  const long = [];
  try {
    new PerformanceObserver((l) => long.push(...l.getEntries())).observe({ type: "longtask" });
  } catch {}
  let on = false, last = 0, worst = 0, from = 0;
  const ch = new MessageChannel();
  ch.port1.onmessage = () => {
    if (!on) return;
    const now = performance.now();
    worst = Math.max(worst, now - last);
    last = now;
    ch.port2.postMessage(0);
  };
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
`

const loopProbeMethods = `    start() { on = true; from = last = performance.now(); worst = 0; ch.port2.postMessage(0); },
    stop() {
      on = false;
      const lt = long.filter((e) => e.startTime + e.duration >= from).map((e) => e.duration);
      return { Gap: Math.max(worst, performance.now() - last), Long: lt.length ? Math.max(...lt) : 0 };
    },
`

// probeJS installs window.bk: a probe that measures the longest gap
// between turns of the event loop (a MessageChannel ping-pong, so the
// gaps are the tasks that ran in between), the long tasks the browser
// reports, and pasteTo, which pastes a text and resolves with the
// milliseconds to the verdict and to the frame that shows it.
const probeJS = `window.bk = (() => {
` + loopProbe + `  const result = document.getElementById("result");
  const done = (path) => result.dataset.path !== "pending" && result.querySelector(".bk-card, .bk-empty, .bk-error") &&
    (!path || result.dataset.path === path);
  const verdict = (path) => new Promise((res) => {
    if (done(path)) return res();
    const mo = new MutationObserver(() => { if (done(path)) { mo.disconnect(); res(); } });
    mo.observe(result, { attributes: true, childList: true, subtree: true });
  });
  return {
` + loopProbeMethods + `    async clear() { document.getElementById("clear").click(); await frame(); },
    verdict, frame,
    async pasteTo(text) {
      const t = document.getElementById("bounce-text");
      const t0 = performance.now();
      // As the browser pastes: the paste event, then, unless the page
      // took the text itself (a large one), the text in the area.
      const dt = new DataTransfer();
      dt.setData("text/plain", text);
      const e = new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true });
      t.dispatchEvent(e);
      if (!e.defaultPrevented) {
        t.value = text;
        t.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
      }
      await verdict();
      const v = performance.now() - t0;
      await frame();
      return { Verdict: v, Frame: performance.now() - t0, Path: result.dataset.path };
    },
  };
})(); true`

type pasteTime struct {
	Verdict, Frame float64
	Path           string
}

type block struct{ Gap, Long float64 }

// pasteTimes pastes window[name] n times (cleared in between) and logs the
// times to the verdict and to the frame that shows it, least and median.
func (s *session) pasteTimes(t *testing.T, what, name string, n int) {
	var vs, fs []float64
	var path string
	for range n {
		var r pasteTime
		s.awaitEval(`bk.clear()`, nil)
		s.awaitEval(`bk.pasteTo(window.`+name+`)`, &r)
		vs, fs, path = append(vs, r.Verdict), append(fs, r.Frame), r.Path
	}
	t.Logf("paste to verdict, %s: least %.1f ms, median %.1f ms; to the frame that shows it: least %.1f ms, median %.1f ms (%d pastes, by %s)",
		what, least(vs), median(vs), least(fs), median(fs), n, path)
}

func least(v []float64) float64 {
	m := v[0]
	for _, x := range v {
		m = min(m, x)
	}
	return m
}

func median(v []float64) float64 {
	c := append([]float64(nil), v...)
	for i := range c {
		for j := i + 1; j < len(c); j++ {
			if c[j] < c[i] {
				c[i], c[j] = c[j], c[i]
			}
		}
	}
	return c[len(c)/2]
}

func TestPasteTimings(t *testing.T) {
	if os.Getenv("BOUNCE_PASTE_TIMINGS") == "" {
		t.Skip("timings for make bench, which sets BOUNCE_PASTE_TIMINGS=1")
	}
	s := start(t)
	s.open("")
	s.eval(probeJS, nil)
	ndr, err := os.ReadFile("../../testdata/corpus/eml/rhost-aol-03.eml")
	if err != nil {
		t.Fatal(err)
	}
	big := bigBounce(saidUnknown, 23000)
	s.setBig("reply", gmail)
	// The first paste, a second after ready (a person's pause): what the
	// page has not done yet for a classification, it does on this one.
	time.Sleep(time.Second)
	var first pasteTime
	s.awaitEval(`bk.pasteTo(window.reply)`, &first)
	t.Logf("the first paste after ready (1 s later), a one-line reply, to its verdict: %.1f ms (by %s)", first.Verdict, first.Path)
	s.setBig("ndr", string(ndr))
	s.setBig("big", big)

	s.pasteTimes(t, "one-line reply", "reply", 7)
	s.pasteTimes(t, "NDR of "+commas(len(ndr))+" bytes, 2 recipients (AOL, rhost-aol-03.eml)", "ndr", 7)

	// 2 MB: the first paste starts the worker; the second finds it running.
	for _, when := range []string{"first", "second"} {
		var r pasteTime
		var b block
		s.awaitEval(`bk.clear()`, nil)
		tr := s.startTrace()
		s.eval(`bk.start(); true`, nil)
		s.awaitEval(`bk.pasteTo(window.big)`, &r)
		s.eval(`bk.stop()`, &b)
		k := tr.stop(s)
		if r.Path != "worker" {
			t.Errorf("2 MB paste classified by %q", r.Path)
		}
		t.Logf("2 MB paste (%s, %s bytes): longest main-thread block %.1f ms (longest long task %.1f ms) during paste to verdict; verdict after %.0f ms (by %s)",
			when, commas(len(big)), b.Gap, b.Long, r.Verdict, r.Path)
		t.Logf("2 MB paste (%s), traced: longest main-thread task %.1f ms, of which %.1f ms on the CPU; most CPU in one task %.1f ms",
			when, k.Wall, k.WallThread, k.Thread)
	}

	// For comparison, what the browser alone takes to put 2 MB in the
	// paste area and lay it out, with no input event for the page.
	var layout float64
	s.awaitEval(`bk.clear().then(() => { const t = document.getElementById("bounce-text"); const t0 = performance.now();
		t.value = window.big; void t.scrollHeight; const ms = performance.now() - t0; t.value = ""; return ms })`, &layout)
	t.Logf("2 MB in the paste area, the browser alone (set and lay out, no input event): %.1f ms", layout)

	// A one-line reply pasted over the 2 MB bounce (held by the page, so
	// the paste replaces it), to its verdict.
	var b block
	s.awaitEval(`bk.clear().then(() => bk.pasteTo(window.big))`, nil)
	s.eval(`bk.start(); true`, nil)
	s.awaitEval(`bk.pasteTo(window.reply)`, nil)
	s.eval(`bk.stop()`, &b)
	t.Logf("2 MB then a small paste: longest main-thread block %.1f ms (longest long task %.1f ms) from pasting a one-line reply over the 2 MB bounce to its verdict", b.Gap, b.Long)

	// Keys pressed in the paste area with the 2 MB bounce in it: the area
	// is read-only, so they change nothing; the block is what pressing
	// them costs.
	s.awaitEval(`bk.clear().then(() => bk.pasteTo(window.big))`, nil)
	s.eval(`(() => { const t = document.getElementById("bounce-text"); t.focus(); t.selectionStart = t.selectionEnd = t.value.length; bk.start(); return true })()`, nil)
	for _, k := range "\nHello bob" {
		s.run(chromedp.KeyEvent(string(k)))
		time.Sleep(80 * time.Millisecond)
	}
	s.awaitEval(`new Promise((r) => setTimeout(r, 300))`, nil)
	s.eval(`bk.stop()`, &b)
	t.Logf("2 MB keys: longest main-thread block %.1f ms (longest long task %.1f ms) while pressing 10 keys in the paste area holding the 2 MB bounce (read-only: they change nothing)", b.Gap, b.Long)

	// Clear, then typing ten keys 80 ms apart, until the verdict for the
	// typed text: what it costs to go back to typing after a 2 MB paste.
	s.eval(`bk.start(); document.getElementById("clear").click(); document.getElementById("bounce-text").focus(); true`, nil)
	for _, k := range "550 5.1.1 " {
		s.run(chromedp.KeyEvent(string(k)))
		time.Sleep(80 * time.Millisecond)
	}
	// Past the typing delay, then until the verdict is in.
	var final struct {
		Text, Path string
		ReadOnly   bool
	}
	s.awaitEval(`new Promise((r) => setTimeout(r, 300)).then(() => bk.verdict()).then(() => ({
		Text: document.getElementById("bounce-text").value, ReadOnly: document.getElementById("bounce-text").readOnly,
		Path: document.getElementById("result").dataset.path }))`, &final)
	s.eval(`bk.stop()`, &b)
	if final.Text != "550 5.1.1 " || final.ReadOnly || final.Path != "main" {
		t.Errorf("typed after Clear: %q (read-only %v), classified by %q", final.Text, final.ReadOnly, final.Path)
	}
	t.Logf("2 MB typing: longest main-thread block %.1f ms (longest long task %.1f ms) from Clear after a 2 MB paste, typing 10 keys, until the verdict", b.Gap, b.Long)

	// "Trim to edit" on the held 2 MB bounce, then typing ten keys at the
	// end of the trimmed text, until the verdict for the edit (a build
	// without it, for comparison, skips this).
	var hasTrim bool
	if s.eval(`!!document.getElementById("trim-held")`, &hasTrim); hasTrim {
		pasteTrimTimings(t, s)
	}

	t.Run("widget", func(t *testing.T) {
		s.t = t
		widgetPasteTimings(t, s, big)
		s.t = t
	})
}

// pasteTrimTimings logs the longest main-thread block from "Trim to edit"
// on a held 2 MB bounce (window.big) through typing ten keys in the
// trimmed text, to the verdict.
func pasteTrimTimings(t *testing.T, s *session) {
	var b block
	s.awaitEval(`bk.clear().then(() => bk.pasteTo(window.big))`, nil)
	tr := s.startTrace()
	s.eval(`bk.start(); document.getElementById("trim-held").click();
		(() => { const t = document.getElementById("bounce-text"); t.focus(); t.selectionStart = t.selectionEnd = t.value.length })(); true`, nil)
	for _, k := range "\nHello bob" {
		s.run(chromedp.KeyEvent(string(k)))
		time.Sleep(80 * time.Millisecond)
	}
	var trimmed struct {
		Len  int
		Path string
	}
	s.awaitEval(`new Promise((r) => setTimeout(r, 300)).then(() => bk.verdict()).then(() => ({
		Len: document.getElementById("bounce-text").value.length, Path: document.getElementById("result").dataset.path }))`, &trimmed)
	s.eval(`bk.stop()`, &b)
	k := tr.stop(s)
	if trimmed.Len >= 64<<10 || trimmed.Path != "main" {
		t.Errorf("after Trim to edit and typing: %d characters in the paste area, classified by %q", trimmed.Len, trimmed.Path)
	}
	t.Logf("2 MB trimmed: longest main-thread block %.1f ms (longest long task %.1f ms) from Trim to edit on a held 2 MB bounce, typing 10 keys into the trimmed text (%s characters), until the verdict; traced: longest task %.1f ms, of which %.1f ms on the CPU; most CPU in one task %.1f ms",
		b.Gap, b.Long, commas(trimmed.Len), k.Wall, k.WallThread, k.Thread)
}

// widgetProbeJS installs window.wk, the probe of probeJS for the widget
// on demo/embed.html: the longest gap between turns of the event loop and
// the longest long task, and pasteTo, which pastes into the widget's box
// as the browser does and resolves when its verdict is shown.
const widgetProbeJS = `window.wk = (() => {
` + loopProbe + `  const root = document.querySelector("bounce-classifier").shadowRoot;
  const box = root.querySelector("textarea"), out = root.querySelector(".bk-out"), status = root.querySelector(".bk-status");
  const done = () => out.dataset.path !== "pending" && out.querySelector(".bk-card, .bk-empty") &&
    !/^(Classifying|Reading)/.test(status.textContent);
  const verdict = () => new Promise((res) => {
    if (done()) return res();
    const mo = new MutationObserver(() => { if (done()) { mo.disconnect(); res(); } });
    mo.observe(root, { attributes: true, childList: true, subtree: true, characterData: true });
  });
  return {
` + loopProbeMethods + `    // Empty the box: an input event with no text clears the widget at once.
    async clear() {
      box.value = "";
      box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
      await frame();
    },
    async pasteTo(text) {
      const t0 = performance.now();
      const dt = new DataTransfer();
      dt.setData("text/plain", text);
      const e = new ClipboardEvent("paste", { clipboardData: dt, bubbles: true, cancelable: true });
      box.dispatchEvent(e);
      if (!e.defaultPrevented) {
        box.value = text;
        box.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertFromPaste" }));
      }
      await verdict();
      const v = performance.now() - t0;
      await frame();
      return { Verdict: v, Frame: performance.now() - t0, Path: out.dataset.path ?? "main" };
    },
  };
})(); true`

// widgetPasteTimings logs the longest main-thread block of a 2 MB paste
// into the widget (demo/embed.html), to its verdict: the first one, which
// starts the widget's worker, and a second. The widget's classifier is
// loaded first, by a one-line paste, so that its start is not counted.
func widgetPasteTimings(t *testing.T, s *session, big string) {
	s.navigate("/demo/embed.html")
	s.eval(widgetProbeJS, nil)
	s.setBig("reply", gmail)
	s.setBig("big", big)
	s.awaitEval(`wk.pasteTo(window.reply)`, nil)
	for _, when := range []string{"first", "second"} {
		var r pasteTime
		var b block
		s.awaitEval(`wk.clear()`, nil)
		tr := s.startTrace()
		s.eval(`wk.start(); true`, nil)
		s.awaitEval(`wk.pasteTo(window.big)`, &r)
		s.eval(`wk.stop()`, &b)
		k := tr.stop(s)
		t.Logf("widget: a 2 MB bounce pasted (%s, %s bytes): longest main-thread block %.1f ms (longest long task %.1f ms) during paste to verdict; verdict after %.0f ms (by %s)",
			when, commas(len(big)), b.Gap, b.Long, r.Verdict, r.Path)
		t.Logf("widget: a 2 MB bounce pasted (%s), traced: longest main-thread task %.1f ms, of which %.1f ms on the CPU; most CPU in one task %.1f ms",
			when, k.Wall, k.WallThread, k.Thread)
	}
}
