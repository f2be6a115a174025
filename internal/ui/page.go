//go:build js && wasm

package ui

import (
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"honnef.co/go/js/dom/v2"

	"github.com/bouncekit/bounce"
	"github.com/bouncekit/bounce/catalog"
)

// RootID is the id of the element that holds the page. The UI is built only
// where it exists, so a page that loads bounce.wasm for classifyBounce alone
// (or the widget) gets no page UI.
const RootID = "bouncekit"

const (
	typingDelay = 150 * time.Millisecond // debounce of classify-as-you-type
	maxEntries  = 50                     // catalog entries shown at once
)

// page wires the static markup of index.html to the classifier.
type page struct {
	win     dom.Window
	doc     dom.Document
	root    dom.Element
	text    *dom.HTMLTextAreaElement
	result  dom.Element
	status  dom.Element
	redact  *dom.HTMLInputElement
	copyOut *dom.HTMLTextAreaElement
	query   *dom.HTMLInputElement
	entries dom.Element
	count   dom.Element

	rep    *bounce.Report // the report shown, nil if none
	typing *time.Timer
	search *time.Timer
}

// StartPage wires the page if the document has the root element, and
// reports whether it did.
func StartPage() bool {
	if doc := js.Global().Get("document"); doc.IsUndefined() || doc.IsNull() {
		return false
	}
	win := dom.GetWindow()
	doc := win.Document()
	root := doc.GetElementByID(RootID)
	if root == nil {
		return false
	}
	p := &page{win: win, doc: doc, root: root,
		text:    doc.GetElementByID("bounce-text").(*dom.HTMLTextAreaElement),
		result:  doc.GetElementByID("result"),
		status:  doc.GetElementByID("status"),
		redact:  doc.GetElementByID("redact").(*dom.HTMLInputElement),
		copyOut: doc.GetElementByID("copy-out").(*dom.HTMLTextAreaElement),
		query:   doc.GetElementByID("catalog-q").(*dom.HTMLInputElement),
		entries: doc.GetElementByID("catalog-list"),
		count:   doc.GetElementByID("catalog-count"),
	}
	p.wire()
	if !p.fromFragment() {
		p.classify()
		p.say("Ready. Paste a bounce; nothing leaves this browser.")
	}
	root.SetAttribute("data-ready", "true")
	root.SetAttribute("data-ready-ms", strconv.Itoa(js.Global().Get("performance").Call("now").Int()))
	return true
}

// on adds a listener whose panics are recovered. The listener gets the
// event as a js.Value: dom.EventTarget's AddEventListener would bring
// dom/v2's wrappers of every kind of event into bounce.wasm (see js.go).
func on(t js.Value, typ string, fn func(e js.Value)) {
	listener := js.FuncOf(func(_ js.Value, args []js.Value) any {
		Guard(func() { fn(args[0]) })
		return nil
	})
	t.Call("addEventListener", typ, listener, false)
}

// later runs fn after d, replacing an earlier call still waiting in *t.
func later(t **time.Timer, d time.Duration, fn func()) {
	if *t != nil {
		(*t).Stop()
	}
	*t = time.AfterFunc(d, func() { Guard(fn) })
}

// maxFile is the largest file the page reads, the library's input cap.
const maxFile = 16 << 20

func (p *page) wire() {
	sel := p.doc.GetElementByID("sample").(*dom.HTMLSelectElement)
	on(p.text.Underlying(), "input", func(e js.Value) {
		if sel.SelectedIndex() > 0 {
			sel.SetSelectedIndex(0) // the text is no longer the sample
		}
		// A paste or a drop is classified at once, after the text is in
		// place, and brings the verdict into view; typing waits for a pause.
		switch e.Get("inputType").String() {
		case "insertFromPaste", "insertFromDrop":
			if p.typing != nil {
				p.typing.Stop()
			}
			p.classify()
			p.reveal()
		default:
			later(&p.typing, typingDelay, p.classify)
		}
	})
	on(p.redact.Underlying(), "change", func(js.Value) { p.hideCopy(); p.classify() })

	for _, s := range Samples {
		o := p.doc.CreateElement("option")
		o.SetAttribute("value", s.ID)
		o.SetTextContent(s.Title)
		sel.AppendChild(o)
	}
	on(sel.Underlying(), "change", func(js.Value) {
		for _, s := range Samples {
			if s.ID == sel.Value() {
				p.text.SetValue(s.Text)
				p.classify()
				p.reveal()
			}
		}
	})

	on(p.doc.GetElementByID("copy-link").Underlying(), "click", func(js.Value) {
		text := p.text.Value()
		if text == "" {
			p.say("Nothing to link to yet: paste a bounce first.")
			return
		}
		if p.redact.Checked() {
			text = Redact(text)
		}
		deflate(text, func(b []byte) {
			frag, ok := Fragment(b)
			switch {
			case b == nil:
				p.say("This browser cannot compress a link; copy the result as JSON instead.")
			case !ok:
				p.hideCopy()
				p.say("This bounce is too large to share as a link: compressed, it is " + strconv.Itoa((len(b)+1023)>>10) +
					" KB, and a link holds " + strconv.Itoa(MaxFragment>>10) + " KB. Share the file, or copy the result as JSON.")
			default:
				loc := p.win.Location()
				p.copy(loc.Origin()+loc.Pathname()+"#"+frag, "Link")
			}
		})
	})
	on(p.doc.GetElementByID("copy-json").Underlying(), "click", func(js.Value) {
		if p.rep == nil {
			p.say("Nothing to copy yet: paste a bounce first.")
			return
		}
		rep := p.rep
		if p.redact.Checked() {
			rep = RedactReport(rep)
		}
		json := js.Global().Get("JSON")
		p.copy(json.Call("stringify", ReportValue(rep), nil, 2).String(), "JSON")
	})
	on(p.doc.GetElementByID("clear").Underlying(), "click", func(js.Value) {
		p.text.SetValue("")
		sel.SetSelectedIndex(0)
		p.hideCopy()
		p.classify()
		p.say("Cleared.")
		p.text.Focus()
	})
	on(p.result.Underlying(), "click", func(e js.Value) {
		btn := e.Get("target").Call("closest", ".bk-suppress")
		if btn.Truthy() {
			p.copy(btn.Call("getAttribute", "data-addresses").String(), "Addresses")
		}
	})
	if f := p.doc.GetElementByID("open-file"); f != nil {
		on(f.Underlying(), "change", func(js.Value) {
			files := f.Underlying().Get("files")
			if files.Length() > 0 {
				p.open(files.Index(0))
			}
			f.Underlying().Set("value", "")
		})
	}
	on(p.text.Underlying(), "dragover", func(e js.Value) { e.Call("preventDefault") })
	on(p.text.Underlying(), "drop", func(e js.Value) {
		files := e.Get("dataTransfer").Get("files")
		if files.Length() > 0 {
			e.Call("preventDefault")
			p.open(files.Index(0))
		}
	})
	on(js.Global(), "hashchange", func(js.Value) { p.fromFragment() })

	on(p.query.Underlying(), "input", func(js.Value) { later(&p.search, typingDelay, p.searchCatalog) })
	on(p.query.Underlying(), "search", func(js.Value) { p.searchCatalog() })
}

// open reads a file (a File object) in this browser and classifies it.
func (p *page) open(file js.Value) {
	name := file.Get("name").String()
	if file.Get("size").Int() > maxFile {
		p.say(name + " is too large: the page reads files up to " + strconv.Itoa(maxFile>>20) + " MB.")
		return
	}
	p.say("Reading " + name + "…")
	then(file.Call("text"), func(v js.Value) {
		p.show(v.String())
		p.say("Opened " + name + " (read in this browser). " + textContent(p.status))
	}, func() { p.say("Could not read " + name + ".") })
}

// show puts text in the paste area and shows its verdict.
func (p *page) show(text string) {
	p.text.SetValue(text)
	p.hideCopy()
	p.classify()
	p.reveal()
}

// then calls ok with the value of the Promise pr, or fail if it rejects.
func then(pr js.Value, ok func(js.Value), fail func()) {
	var okf, failf js.Func
	release := func() { okf.Release(); failf.Release() }
	okf = js.FuncOf(func(_ js.Value, args []js.Value) any {
		release()
		Guard(func() { ok(args[0]) })
		return nil
	})
	failf = js.FuncOf(func(js.Value, []js.Value) any {
		release()
		Guard(fail)
		return nil
	})
	pr.Call("then", okf, failf)
}

// deflate compresses text with CompressionStream("deflate-raw") and calls
// done with the bytes, or with nil when the browser cannot.
func deflate(text string, done func([]byte)) {
	g := js.Global()
	if g.Get("CompressionStream").IsUndefined() {
		done(nil)
		return
	}
	stream := g.Get("Blob").New([]any{text}).Call("stream").
		Call("pipeThrough", g.Get("CompressionStream").New("deflate-raw"))
	then(g.Get("Response").New(stream).Call("arrayBuffer"), func(v js.Value) {
		u8 := g.Get("Uint8Array").New(v)
		b := make([]byte, u8.Length())
		js.CopyBytesToGo(b, u8)
		done(b)
	}, func() { done(nil) })
}

// inflate decompresses the bytes of a link with DecompressionStream and
// calls done with the text, or false when they are damaged or expand past
// MaxLinkText.
func inflate(b []byte, done func(string, bool)) {
	g := js.Global()
	if g.Get("DecompressionStream").IsUndefined() {
		done("", false)
		return
	}
	u8 := g.Get("Uint8Array").New(len(b))
	js.CopyBytesToJS(u8, b)
	stream := g.Get("Blob").New([]any{u8}).Call("stream").
		Call("pipeThrough", g.Get("DecompressionStream").New("deflate-raw"))
	then(g.Get("Response").New(stream).Call("text"), func(v js.Value) {
		s := v.String()
		done(s, len(s) <= MaxLinkText)
	}, func() { done("", false) })
}

// reveal brings the verdict into view when it is not: on a small screen
// the result is below the paste area.
func (p *page) reveal() {
	first := querySelector(p.result, ".bk-overview, .bk-card, .bk-empty, .bk-error")
	if first.IsNull() {
		return
	}
	top, height := rect(first)
	h := p.win.InnerHeight()
	if top >= 0 && top+min(height, 160) <= float64(h) {
		return
	}
	opts := js.Global().Get("Object").New()
	opts.Set("block", "start")
	opts.Set("behavior", "instant")
	p.doc.GetElementByID("result-h").Underlying().Call("scrollIntoView", opts)
}

// fromFragment shows what a link carries: a bounce (#z=, #text=) or a
// catalog entry (#entry=). It reports whether there was one.
func (p *page) fromFragment() bool {
	l := ParseFragment(p.win.Location().Hash())
	opened := func(text string) {
		p.show(text)
		p.say("Opened the bounce from the link. " + textContent(p.status))
	}
	damaged := func() {
		p.say("This link is damaged: the bounce it carries could not be read.")
	}
	switch {
	case l.Kind == "":
		return false
	case l.Damaged:
		damaged()
	case l.Kind == "entry":
		p.showEntry(l.Entry)
	case l.Kind == "text":
		opened(l.Text)
	case l.Kind == "z":
		p.say("Opening the bounce from the link…")
		inflate(l.Deflated, func(text string, ok bool) {
			if ok {
				opened(text)
			} else {
				damaged()
			}
		})
	}
	return true
}

// showEntry shows one catalog entry, the page of an #entry=ID link.
func (p *page) showEntry(id string) {
	e := catalog.Lookup(id)
	if e == nil {
		RenderEntries(p.entries, nil, 0)
		p.count.SetTextContent("No catalog entry is called “" + id + "”.")
		return
	}
	p.query.SetValue("")
	RenderEntries(p.entries, []*catalog.Entry{e}, 1)
	p.count.SetTextContent("Catalog entry " + id + ". Search to see others.")
	if h := querySelector(p.entries, "h3"); !h.IsNull() {
		h.Call("setAttribute", "tabindex", "-1")
		h.Call("focus")
		h.Call("scrollIntoView")
	}
	p.doc.Underlying().Set("title", EntryTitle(e.Provider, e.Reason)+" ("+strings.Join(e.Statuses, ", ")+") · bouncekit")
}

func (p *page) classify() {
	if p.offMain() {
		return // large: classified in the worker (offmain.go)
	}
	text := p.text.Value()
	p.rep = nil
	if text == "" {
		Render(p.result, nil, Options{})
		p.result.AppendChild(elText(p.doc, "p", "bk-empty", "Paste a bounce above, open a file, or choose a sample."))
		return
	}
	rep, err := bounce.ParseString(text)
	if err != nil {
		Render(p.result, nil, Options{})
		p.result.AppendChild(elText(p.doc, "p", "bk-error", err.Error()))
		p.say(err.Error())
		return
	}
	p.rep = rep
	ex := excerptOf(text, rep) // a long text: the lines around the deciding words (offmain.go)
	Render(p.result, rep, Options{Text: ex.Text, Redact: p.redact.Checked(), EntryLink: "#entry="})
	p.captionExcerpt(ex)
	switch n := len(rep.Recipients); n {
	case 0:
		p.say("No failed recipient found.")
	case 1:
		p.say("Result: " + Headline(&rep.Recipients[0]) + ".")
	default:
		p.say("Result: " + OverviewText(rep) + ".")
	}
}

func (p *page) searchCatalog() {
	q := p.query.Value()
	if q == "" {
		RenderEntries(p.entries, nil, 0)
		p.count.SetTextContent("")
		return
	}
	found := catalog.Search(q)
	SortEntries(q, found)
	RenderEntries(p.entries, found, maxEntries)
	switch {
	case len(found) == 0:
		p.count.SetTextContent("No entry matches “" + q + "”.")
	case len(found) > maxEntries:
		p.count.SetTextContent(strconv.Itoa(len(found)) + " entries match; the first " +
			strconv.Itoa(maxEntries) + " are shown. Add words to narrow the search.")
	default:
		p.count.SetTextContent(plural(len(found), "entry") + " match.")
	}
}

// copy puts s in the "last copied" field and on the clipboard when the
// browser allows it.
func (p *page) copy(s, what string) {
	p.copyOut.SetValue(s)
	cb := js.Global().Get("navigator").Get("clipboard")
	if cb.IsUndefined() {
		p.blocked(what)
		return
	}
	var ok, fail js.Func
	release := func() { ok.Release(); fail.Release() }
	ok = js.FuncOf(func(js.Value, []js.Value) any {
		Guard(func() { p.hideCopy(); p.say(what + " copied.") })
		release()
		return nil
	})
	fail = js.FuncOf(func(js.Value, []js.Value) any {
		Guard(func() { p.blocked(what) })
		release()
		return nil
	})
	cb.Call("writeText", s).Call("then", ok, fail)
}

// hideCopy hides the field that holds what could not be copied.
func (p *page) hideCopy() {
	p.copyOut.SetAttribute("hidden", "")
	p.copyOut.SetValue("")
}

func (p *page) blocked(what string) {
	p.copyOut.RemoveAttribute("hidden")
	p.copyOut.Select()
	p.say("The browser did not allow copying: the " + what + " is selected below, press Ctrl+C (⌘C).")
}

func (p *page) say(s string) { p.status.SetTextContent(s) }

func elText(doc dom.Document, tag, class, text string) dom.Element {
	return builder{doc}.el(tag, class, text)
}
