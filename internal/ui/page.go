//go:build js && wasm

package ui

import (
	"strconv"
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
	}
	root.SetAttribute("data-ready", "true")
	root.SetAttribute("data-ready-ms", strconv.Itoa(js.Global().Get("performance").Call("now").Int()))
	p.say("Ready. Paste a bounce; nothing leaves this browser.")
	return true
}

// on adds a listener whose panics are recovered.
func on(t dom.EventTarget, typ string, fn func(dom.Event)) {
	t.AddEventListener(typ, false, func(e dom.Event) { Guard(func() { fn(e) }) })
}

// later runs fn after d, replacing an earlier call still waiting in *t.
func later(t **time.Timer, d time.Duration, fn func()) {
	if *t != nil {
		(*t).Stop()
	}
	*t = time.AfterFunc(d, func() { Guard(fn) })
}

func (p *page) wire() {
	on(p.text, "input", func(dom.Event) { later(&p.typing, typingDelay, p.classify) })
	on(p.text, "paste", func(dom.Event) { later(&p.typing, 0, p.classify) })
	on(p.redact, "change", func(dom.Event) { p.classify() })

	sel := p.doc.GetElementByID("sample").(*dom.HTMLSelectElement)
	for _, s := range Samples {
		o := p.doc.CreateElement("option")
		o.SetAttribute("value", s.ID)
		o.SetTextContent(s.Title)
		sel.AppendChild(o)
	}
	on(sel, "change", func(dom.Event) {
		for _, s := range Samples {
			if s.ID == sel.Value() {
				p.text.SetValue(s.Text)
				p.classify()
			}
		}
	})

	on(p.doc.GetElementByID("copy-link"), "click", func(dom.Event) {
		loc := p.win.Location()
		text := p.text.Value()
		if p.redact.Checked() {
			text = Redact(text)
		}
		p.copy(loc.Origin()+loc.Pathname()+"#"+Fragment(text), "Link")
	})
	on(p.doc.GetElementByID("copy-json"), "click", func(dom.Event) {
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
	on(p.doc.GetElementByID("clear"), "click", func(dom.Event) {
		p.text.SetValue("")
		sel.SetSelectedIndex(0)
		p.classify()
		p.text.Focus()
	})
	on(p.win, "hashchange", func(dom.Event) { p.fromFragment() })

	on(p.query, "input", func(dom.Event) { later(&p.search, typingDelay, p.searchCatalog) })
	on(p.query, "search", func(dom.Event) { p.searchCatalog() })
}

// fromFragment classifies the text a permalink carries, if any.
func (p *page) fromFragment() bool {
	text, ok := TextFromFragment(p.win.Location().Hash())
	if ok {
		p.text.SetValue(text)
		p.classify()
	}
	return ok
}

func (p *page) classify() {
	text := p.text.Value()
	p.rep = nil
	if text == "" {
		Render(p.result, nil, Options{})
		p.result.AppendChild(elText(p.doc, "p", "bk-empty", "Paste a bounce above, or choose a sample."))
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
	Render(p.result, rep, Options{Text: text, Redact: p.redact.Checked()})
	p.say("Classified: " + plural(len(rep.Recipients), "recipient") + ".")
}

func (p *page) searchCatalog() {
	q := p.query.Value()
	if q == "" {
		RenderEntries(p.entries, nil, 0)
		p.count.SetTextContent("")
		return
	}
	found := catalog.Search(q)
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
	p.copyOut.RemoveAttribute("hidden")
	cb := js.Global().Get("navigator").Get("clipboard")
	if cb.IsUndefined() {
		p.blocked(what)
		return
	}
	var ok, fail js.Func
	release := func() { ok.Release(); fail.Release() }
	ok = js.FuncOf(func(js.Value, []js.Value) any {
		Guard(func() { p.say(what + " copied.") })
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

func (p *page) blocked(what string) {
	p.copyOut.Select()
	p.say("The browser did not allow copying: the " + what + " is selected below, press Ctrl+C (⌘C).")
}

func (p *page) say(s string) { p.status.SetTextContent(s) }

func elText(doc dom.Document, tag, class, text string) dom.Element {
	return builder{doc}.el(tag, class, text)
}
