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
	win     window
	doc     node
	root    node
	text    *dom.HTMLTextAreaElement
	result  node
	status  node
	redact  *dom.HTMLInputElement
	copyOut *dom.HTMLTextAreaElement
	query   *dom.HTMLInputElement
	entries node
	count   node

	rep    *bounce.Report // the report shown, nil if none
	typing *time.Timer
	search *time.Timer

	hide hideState // the paste area while it is masked
	// browsing: the catalog shows what a "#catalog=" or "#entry=" link
	// asked for; title: the document's own title.
	browsing bool
	title    string
	// browse: the catalog's browse links are built (see browseNav).
	browse bool
}

// StartPage wires the page if the document has the root element, and
// reports whether it did.
func StartPage() bool {
	if doc := js.Global().Get("document"); doc.IsUndefined() || doc.IsNull() {
		return false
	}
	win := getWindow()
	doc := win.Document()
	root := getElementByID(doc, RootID)
	if root == nil {
		return false
	}
	p := &page{win: win, doc: doc, root: root,
		text:    &dom.HTMLTextAreaElement{BasicHTMLElement: getElementByID(doc, "bounce-text")},
		result:  getElementByID(doc, "result"),
		status:  getElementByID(doc, "status"),
		redact:  &dom.HTMLInputElement{BasicHTMLElement: getElementByID(doc, "redact")},
		copyOut: &dom.HTMLTextAreaElement{BasicHTMLElement: getElementByID(doc, "copy-out")},
		query:   &dom.HTMLInputElement{BasicHTMLElement: getElementByID(doc, "catalog-q")},
		entries: getElementByID(doc, "catalog-list"),
		count:   getElementByID(doc, "catalog-count"),
	}
	p.wire()
	if !p.fromFragment() {
		p.classify()
		p.say("Ready. Paste a bounce; nothing leaves this browser.")
	}
	setAttribute(root, "data-ready", "true")
	setAttribute(root, "data-ready-ms", strconv.Itoa(js.Global().Get("performance").Call("now").Int()))
	// What a paste does not need waits for later tasks: the catalog's
	// browse links, then what a first classification does once, then the
	// lexicon's automaton (built on its first use: by a paste whose
	// words no catalog wording decides).
	afterReady(p.browseNav, p.warm, func() { catalog.Lexicon("") })
	return true
}

// afterReady runs each of fns in a later task of its own (a setTimeout),
// in order, so that StartPage returns first and the browser can draw the
// page and handle input between them.
func afterReady(fns ...func()) {
	if len(fns) == 0 {
		return
	}
	var f js.Func
	f = js.FuncOf(func(js.Value, []js.Value) any {
		f.Release()
		Guard(fns[0])
		afterReady(fns[1:]...)
		return nil
	})
	js.Global().Call("setTimeout", f, 0)
}

// browseNav adds the catalog's browse links (by class and provider) once:
// after ready, or at once for a catalog link, which marks one of them.
//
//go:noinline
func (p *page) browseNav() {
	if !p.browse {
		p.browse = true
		p.wireBrowse()
	}
}

// warm classifies a sample bounce and builds its result, shown nowhere,
// so that the first paste does not pay for what happens once: the
// catalog's templates are built on the first classification, and the
// browser compiles each function of bounce.wasm on its first call.
func (p *page) warm() {
	text := Samples[0].Text
	for _, s := range Samples {
		if s.ID == "postfix-dsn" {
			text = s.Text // a whole bounce: MIME, the DSN and its reply
		}
	}
	rep, err := bounce.ParseString(text)
	if err != nil {
		return
	}
	Build(p.doc, rep, Options{Text: ExcerptOf(text, rep).Text, EntryLink: "#entry="})
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
	sel := &dom.HTMLSelectElement{BasicHTMLElement: getElementByID(p.doc, "sample")}
	on(p.text.Underlying(), "input", func(e js.Value) {
		p.unmask() // the area's text is the bounce now
		if p.text.Underlying().Get("textLength").Int() >= LargeInput {
			// A large text that came past the paste and drop handlers:
			// held from now on, so that typing does not lay it out again.
			p.setHeld(jsText(p.text.Underlying().Get("value")))
		}
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
		o := createElement(p.doc, "option")
		setAttribute(o, "value", s.ID)
		setTextContent(o, s.Title)
		appendChild(sel.BasicHTMLElement, o)
	}
	on(sel.Underlying(), "change", func(js.Value) {
		for _, s := range Samples {
			if s.ID == sel.Value() {
				p.setBox(s.Text)
				p.classify()
				p.reveal()
			}
		}
	})

	on(getElementByID(p.doc, "copy-link").Underlying(), "click", func(js.Value) {
		text := p.shared()
		if text == "" {
			p.say("Nothing to link to yet: paste a bounce first.")
			return
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
	on(getElementByID(p.doc, "copy-json").Underlying(), "click", func(js.Value) {
		if p.rep == nil {
			p.say("Nothing to copy yet: paste a bounce first.")
			return
		}
		rep := p.shownReport()
		json := js.Global().Get("JSON")
		p.copy(json.Call("stringify", ReportValue(rep), nil, 2).String(), "JSON")
	})
	on(getElementByID(p.doc, "clear").Underlying(), "click", func(js.Value) {
		p.setBox("")
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
	if f := getElementByID(p.doc, "open-file"); f != nil {
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
		dt := e.Get("dataTransfer")
		files := dt.Get("files")
		if files.Length() > 0 {
			e.Call("preventDefault")
			p.open(files.Index(0))
			return
		}
		// Dropped text: held when large, and it replaces a held bounce.
		if h := jsText(dt.Call("getData", "text/plain")); p.hide.held || h.n >= LargeInput {
			e.Call("preventDefault")
			if h.n > 0 {
				p.showHeld(h)
			}
		}
	})
	on(js.Global(), "hashchange", func(js.Value) {
		if !p.fromFragment() {
			p.leaveFragment()
		}
	})

	on(p.query.Underlying(), "input", func(js.Value) { later(&p.search, typingDelay, p.searchCatalog) })
	on(p.query.Underlying(), "search", func(js.Value) { p.searchCatalog() })
	p.wireMore()
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
		p.showHeld(jsText(v))
		p.say("Opened " + name + " (read in this browser). " + textContent(p.status))
	}, func() { p.say("Could not read " + name + ".") })
}

// show puts text in the paste area and shows its verdict.
func (p *page) show(text string) { p.showHeld(goText(text)) }

func (p *page) showHeld(h heldText) {
	p.setHeld(h)
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
	if p.result.Underlying().Call("getAttribute", "data-path").String() == "pending" {
		// The worker is reading the bounce: nothing to bring into view
		// yet (its answer does), and measuring the page here would lay
		// out the paste area's new text inside the paste's task.
		return
	}
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
	getElementByID(p.doc, "result-h").Underlying().Call("scrollIntoView", opts)
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
		p.browseNav()
		p.browsing = true
		p.markFacet("")
		p.showEntry(l.Entry)
		p.readyIfEmpty()
	case l.Kind == "catalog":
		p.browseNav()
		p.showBrowse(l.Browse)
		p.readyIfEmpty()
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
		setTextContent(p.count, "No catalog entry is called “"+id+"”.")
		return
	}
	p.query.SetValue("")
	RenderEntries(p.entries, []*catalog.Entry{e}, 1)
	setTextContent(p.count, "Catalog entry "+id+". Search to see others.")
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
	text := p.source()
	p.rep = nil
	if text == "" {
		Render(p.result, nil, Options{})
		appendChild(p.result, elText(p.doc, "p", "bk-empty", "Paste a bounce above, open a file, or choose a sample."))
		return
	}
	rep, err := bounce.ParseString(text)
	var ex Excerpt
	if err == nil {
		ex = ExcerptOf(text, rep) // a long text: the lines around the deciding words (offmain.go)
	}
	p.say(p.drawResult(rep, err, ex))
}

// drawResult shows the report rep of the paste area's bounce, or err, with
// ex under the cards, and returns the status that says it.
func (p *page) drawResult(rep *bounce.Report, err error, ex Excerpt) string {
	if err != nil {
		p.rep = nil
		Render(p.result, nil, Options{})
		appendChild(p.result, elText(p.doc, "p", "bk-error", err.Error()))
		p.maskBox(nil)
		return err.Error()
	}
	p.rep = rep
	Render(p.result, rep, Options{Text: ex.Text, Redact: p.redact.Checked(), EntryLink: "#entry="})
	p.captionExcerpt(ex)
	p.maskBox(rep)
	switch n := len(rep.Recipients); n {
	case 0:
		return "No failed recipient found."
	case 1:
		return "Result: " + Headline(&rep.Recipients[0]) + "."
	}
	return "Result: " + OverviewText(rep) + "."
}

func (p *page) searchCatalog() {
	q := p.query.Value()
	if q == "" {
		RenderEntries(p.entries, nil, 0)
		setTextContent(p.count, "")
		return
	}
	found := catalog.Search(q)
	SortEntries(q, found)
	RenderEntries(p.entries, found, maxEntries)
	switch {
	case len(found) == 0:
		setTextContent(p.count, "No entry matches “"+q+"”.")
	case len(found) > maxEntries:
		setTextContent(p.count, strconv.Itoa(len(found))+" entries match; the first "+
			strconv.Itoa(maxEntries)+" are shown. Add words to narrow the search.")

	default:
		setTextContent(p.count, plural(len(found), "entry")+" match.")
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
	setAttribute(p.copyOut.BasicHTMLElement, "hidden", "")
	p.copyOut.SetValue("")
}

func (p *page) blocked(what string) {
	p.copyOut.RemoveAttribute("hidden")
	p.copyOut.Select()
	p.say("The browser did not allow copying: the " + what + " is selected below, press Ctrl+C (⌘C).")
}

// say shows s in the page's status line.
//
//go:noinline
func (p *page) say(s string) { setTextContent(p.status, s) }

// elText is a new element tag of class class holding the text text.
//
//go:noinline
func elText(doc node, tag, class, text string) node {
	return builder{doc}.el(tag, class, text)
}
