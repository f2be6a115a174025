//go:build !js

package webtest

import (
	"testing"
)

// What the main thread does around a 2 MB paste, checked by its shape
// rather than timed (timings are make bench's, TestPasteTimings): the
// paste's task takes the text and shows its beginning, the copy to the
// worker comes in a task of its own, and drawing the worker's answer
// calls nothing whose first call is known to be long (toLocaleString
// and Intl load the browser's locale data: 60-210 ms here).

// workSpy records, from now on, the posts of large texts to any Worker
// (whether inside a paste event's dispatch) and the calls that load
// locale data.
const workSpy = `(() => {
  const w = window.__work = { posts: [], inPaste: false, locale: 0 };
  const post = Worker.prototype.postMessage;
  Worker.prototype.postMessage = function (m, ...rest) {
    if (typeof m?.text === "string" && m.text.length >= 256 << 10) w.posts.push(w.inPaste ? "in the paste's task" : "later");
    return post.call(this, m, ...rest);
  };
  const tls = Number.prototype.toLocaleString;
  Number.prototype.toLocaleString = function (...a) { w.locale++; return tls.apply(this, a); };
  const NF = Intl.NumberFormat;
  Intl.NumberFormat = function (...a) { w.locale++; return new NF(...a); };
  // The tests paste by dispatching the event (in a shadow root too): the
  // flag is on until the end of that task, microtasks included. Timers of
  // the same delay run in order, so this one ends it before any that the
  // paste's handlers set.
  const dispatch = EventTarget.prototype.dispatchEvent;
  EventTarget.prototype.dispatchEvent = function (e) {
    if (e.type === "paste") {
      w.inPaste = true;
      setTimeout(() => { w.inPaste = false; }, 0);
    }
    return dispatch.call(this, e);
  };
  return true;
})()`

type work struct {
	Posts  []string
	Locale int
}

func checkWork(t *testing.T, s *session) {
	t.Helper()
	var w work
	s.eval(`window.__work`, &w)
	if len(w.Posts) != 1 || w.Posts[0] != "later" {
		t.Errorf("posts of the 2 MB text to the worker: %q, want one, after the paste's task", w.Posts)
	}
	if w.Locale != 0 {
		t.Errorf("%d calls of toLocaleString or Intl.NumberFormat from the paste to the verdict", w.Locale)
	}
}

func TestLargePasteWork(t *testing.T) {
	s := start(t)
	big := bigBounce(saidUnknown, 23000)
	t.Run("page", func(t *testing.T) {
		s.t = t
		s.open("")
		s.setBig("big", big)
		s.eval(workSpy, nil)
		s.pasteEvent("big")
		s.waitShown("worker")
		checkWork(t, s)
	})
	t.Run("widget", func(t *testing.T) {
		s.t = t
		s.navigate("/demo/embed.html")
		s.setBig("big", big)
		s.setBig("reply", gmail)
		s.eval(widgetProbeJS, nil)
		s.awaitEval(`wk.pasteTo(window.reply)`, nil) // the classifier loaded, as a person's first use would
		s.awaitEval(`wk.clear()`, nil)
		s.eval(workSpy, nil)
		var r pasteTime
		s.awaitEval(`wk.pasteTo(window.big)`, &r)
		if r.Path != "worker" {
			t.Errorf("2 MB paste into the widget classified by %q", r.Path)
		}
		checkWork(t, s)
	})
}
