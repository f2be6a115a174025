//go:build js && wasm

package ui

import (
	"errors"
	"strings"
	"syscall/js"

	"github.com/bouncekit/bounce"
)

// Large input is classified off the page's main thread, in a Web Worker
// (web/bounce-worker.js) that holds its own bounce.wasm: a 2 MB bounce
// takes the classifier most of a second, which on the main thread would
// freeze the page on every keystroke. The worker starts with the first
// large input, so it costs nothing to a page that never gets one. Each
// text gets a number; an answer for an older text than the latest is
// dropped, and a worker still reading an older text is stopped and
// replaced. Where no worker can run (no Worker, a CSP that forbids it, a
// failed load), the page classifies on its main thread and says so.
//
// The result element's data-path says which way the shown verdict came:
// "main", "worker", "main-fallback", or "pending" while the worker reads.

// LargeInput is the length (in UTF-16 code units, as JavaScript counts)
// from which the page classifies in its worker. Classifying 256 KB in
// bounce.wasm takes Chromium about 25 ms (2 MB: 100–170 ms) on a loaded
// 2-core machine; drawing is kept small for any length by showing an
// excerpt (see shownText).
const LargeInput = 256 << 10

// WorkerScript is the worker's script, beside index.html.
const WorkerScript = "bounce-worker.js"

const readingLarge = "Reading a large bounce…"

// off is the page's worker state; there is one page per document.
var off struct {
	worker js.Value // the Worker, or undefined
	busy   int      // number of the text the worker is reading, 0 if none
	seq    int      // number of the latest text, whichever way it went
	broken string   // why the worker cannot be used; "" while it can
	typed  bool     // the latest change was typing (no scrolling to the verdict)
	wired  bool
}

// offMain sends the paste area's text to the worker when it is large and
// reports whether it did (or classified it here because the worker is
// unavailable). Every call numbers a new text, so that an answer for an
// older one is dropped.
func (p *page) offMain() bool {
	p.wireOffMain()
	off.seq++
	ta := p.text.Underlying()
	v, n := ta.Get("value"), ta.Get("textLength").Int()
	if p.hide.held {
		// The paste area shows the bounce masked, or only its beginning
		// (page_hide.go); the bounce is the original.
		v, n = p.hide.text.js, p.hide.text.n
	}
	if n < LargeInput {
		p.result.Underlying().Call("setAttribute", "data-path", "main")
		p.result.Underlying().Call("removeAttribute", "aria-busy")
		return false
	}
	p.rep = nil
	p.hide.ex = Excerpt{}
	p.showTrim()
	if off.busy != 0 {
		// Still reading an older text: stop it rather than wait.
		p.stopWorker()
	}
	if off.broken == "" && off.worker.IsUndefined() {
		if err := p.startWorker(); err != nil {
			off.broken = err.Error()
		}
	}
	if off.broken != "" {
		p.classifyHere(v.String())
		return true
	}
	msg := js.Global().Get("Object").New()
	msg.Set("seq", off.seq)
	msg.Set("text", v) // a JavaScript string: not copied through Go
	off.busy = off.seq
	postLater(off.worker, msg, off.seq)
	p.result.Underlying().Call("setAttribute", "data-path", "pending")
	p.result.Underlying().Call("setAttribute", "aria-busy", "true")
	p.say(readingLarge)
	return true
}

// postLater posts msg, text number seq, to the worker w in a task of its
// own: the structured clone copies the 2 MB (8-30 ms here), which the
// paste's task (reading the clipboard, showing the beginning) need not
// wait for. By then a newer text, or a new worker, makes it moot.
func postLater(w, msg js.Value, seq int) {
	var f js.Func
	f = js.FuncOf(func(js.Value, []js.Value) any {
		f.Release()
		if w.Equal(off.worker) && off.busy == seq {
			w.Call("postMessage", msg)
		}
		return nil
	})
	js.Global().Call("setTimeout", f, 0)
}

// wireOffMain notes whether the latest change of the text was typing, so
// that a verdict that arrives later scrolls into view only after a paste,
// a drop, a file, a sample or a link.
func (p *page) wireOffMain() {
	if off.wired {
		return
	}
	off.wired = true
	off.worker = js.Undefined()
	on(p.text.Underlying(), "input", func(e js.Value) {
		t := e.Get("inputType").String()
		off.typed = t != "insertFromPaste" && t != "insertFromDrop"
	})
	notTyped := func(js.Value) { off.typed = false }
	on(p.text.Underlying(), "drop", notTyped)
	on(js.Global(), "hashchange", notTyped)
	on(p.text.Underlying(), "paste", notTyped)
	for _, id := range []string{"open-file", "sample"} {
		if el := getElementByID(p.doc, id); el != nil {
			on(el.Underlying(), "change", notTyped)
		}
	}
}

// startWorker starts the worker. A CSP that forbids it, or a failure to
// load it or its bounce.wasm, arrives later as an error event or a
// "failed" answer, and is handled there.
func (p *page) startWorker() (err error) {
	ctor := js.Global().Get("Worker")
	if ctor.Type() != js.TypeFunction {
		return errors.New("this browser has no Web Workers")
	}
	opts := js.Global().Get("Object").New()
	opts.Set("type", "module")
	opts.Set("name", "bouncekit")
	defer func() {
		if v := recover(); v != nil {
			err = errors.New("the worker could not start: " + panicText(v))
		}
	}()
	w := ctor.New(WorkerScript, opts)
	on(w, "message", func(e js.Value) { p.fromWorker(w, e.Get("data")) })
	fail := func(why string) func(js.Value) {
		return func(e js.Value) {
			if !w.Equal(off.worker) {
				return // a worker already replaced
			}
			if m := e.Get("message"); why == "" && m.Type() == js.TypeString && m.String() != "" {
				why = m.String()
			}
			if why == "" {
				why = "the worker could not load"
			}
			p.workerFailed(why)
		}
	}
	on(w, "error", fail(""))
	on(w, "messageerror", fail("the worker's answer could not be read"))
	off.worker = w
	shareModule(w)
	return nil
}

// shareModule posts the page's compiled bounce.wasm (bounce.js keeps it in
// globalThis.bouncekitModule) to the new worker w, which then neither
// downloads nor compiles it again (bounce-worker.js). Without it, or if it
// cannot be posted, the worker loads its own.
func shareModule(w js.Value) {
	m := js.Global().Get("bouncekitModule")
	if m.Type() != js.TypeObject {
		return
	}
	defer func() { recover() }() // DataCloneError: the worker compiles its own
	msg := js.Global().Get("Object").New()
	msg.Set("module", m)
	w.Call("postMessage", msg)
}

// stopWorker ends the worker; the next large text starts a new one.
func (p *page) stopWorker() {
	if !off.worker.IsUndefined() {
		off.worker.Call("terminate")
	}
	off.worker = js.Undefined()
	off.busy = 0
}

// workerFailed gives up the worker for this visit, and classifies the
// text it was reading here.
func (p *page) workerFailed(why string) {
	waiting := off.busy != 0 && off.busy == off.seq
	p.stopWorker()
	off.broken = why
	if waiting {
		p.classifyHere(p.source())
		if !off.typed {
			p.reveal()
		}
	}
}

// fromWorker shows the worker's answer d, unless a newer text has come
// since.
func (p *page) fromWorker(w js.Value, d js.Value) {
	if !w.Equal(off.worker) || d.Type() != js.TypeObject {
		return
	}
	seq := d.Get("seq").Int()
	if f := d.Get("failed"); f.Type() == js.TypeString {
		p.workerFailed("the classifier did not start in the worker: " + f.String())
		return
	}
	if seq == off.busy {
		off.busy = 0
	}
	if seq != off.seq {
		return // an older text than the one in the paste area
	}
	if e := d.Get("error"); e.Type() == js.TypeString {
		p.showLarge(nil, errors.New(e.String()), Excerpt{}, "worker", "")
		return
	}
	rep, err := ReportFromValue(d.Get("report"))
	ex := Excerpt{Text: str(d, "excerpt"), Lines: num(d, "lines"), Cut: d.Get("cut").Truthy()}
	p.showLarge(rep, err, ex, "worker", "")
	if !off.typed {
		p.reveal()
	}
}

// classifyHere classifies a large text on the main thread, when the worker
// cannot: the page pauses while it reads, and the status says why.
func (p *page) classifyHere(text string) {
	rep, err := bounce.ParseString(text)
	var ex Excerpt
	if err == nil {
		ex = ExcerptOf(text, rep)
	}
	p.showLarge(rep, err, ex, "main-fallback",
		"(Read on the page itself, which pauses it for a large bounce: "+off.broken+".)")
}

// showLarge shows the report of a large text, with only the lines of the
// bounce around its deciding text under the cards.
func (p *page) showLarge(rep *bounce.Report, err error, ex Excerpt, path, note string) {
	p.result.Underlying().Call("setAttribute", "data-path", path)
	p.result.Underlying().Call("removeAttribute", "aria-busy")
	if p.hide.large && err == nil {
		p.hide.ex = ex
	}
	status := p.drawResult(rep, err, ex)
	p.showTrim()
	if note != "" {
		status += " " + note
	}
	if cur := textContent(p.status); strings.Contains(cur, readingLarge) {
		status = strings.Replace(cur, readingLarge, status, 1) // keeps "Opened x.eml."
	}
	p.say(status)
}

// ExcerptOf is the part of text to show under the cards of rep: all of a
// short text, the lines around the deciding text of a long one (drawing
// 100 KB of text with its marks takes longer than classifying it). After
// Render, captionExcerpt says that it is an excerpt.
//
//go:noinline
func ExcerptOf(text string, rep *bounce.Report) Excerpt {
	var evidence []string
	for _, r := range rep.Recipients {
		evidence = append(evidence, r.Match.Evidence)
	}
	return MakeExcerpt(text, evidence)
}

// captionExcerpt retitles the shown bounce when ex is an excerpt.
func (p *page) captionExcerpt(ex Excerpt) {
	where := "the paste area"
	if p.hide.large {
		where = "the page's memory; the paste area shows its beginning"
	}
	captionExcerpt(p.result.Underlying(), ex, where)
}

func captionExcerpt(into js.Value, ex Excerpt, where string) {
	if cap := into.Call("querySelector", ".bk-source figcaption, .bk-source summary"); ex.Cut && !cap.IsNull() {
		cap.Set("textContent", "The lines of your bounce around the text that decided, marked (the bounce has "+
			thousands(ex.Lines)+" lines; all of it is in "+where+")")
	}
}

// RenderExcerpt is Render for bounceRender and the widget: a long
// opts.Text is shown as the lines around its deciding text, as on the
// page.
func RenderExcerpt(into node, rep *bounce.Report, opts Options) {
	ex := ExcerptOf(opts.Text, rep)
	opts.Text = ex.Text
	Render(into, rep, opts)
	captionExcerpt(into.Underlying(), ex, "the text given")
}
