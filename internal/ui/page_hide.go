//go:build js && wasm

package ui

import (
	"strconv"
	"strings"
	"syscall/js"
	"time"

	"github.com/bouncekit/bounce"
	"github.com/bouncekit/bounce/internal/csvrec"
)

// While "Hide addresses, IPs and host names" is on, the paste area shows
// the bounce as the result does, masked, and read-only: an edit there
// would be an edit of the masks. The page keeps the bounce itself, which
// it classifies, and puts it back, editable, when hiding is turned off. A
// paste into the masked area replaces the bounce (and is masked at once);
// so do a file, a sample and a link. Typing into an empty area with
// hiding on is masked at the typing pause.

// A bounce of LargeInput or more is held the same way: a paste, a drop, a
// file or a link of 2 MB would make the browser lay out 2 MB in the paste
// area, which blocks the page for a second on the paste and on every
// keystroke after it. The page keeps such a bounce in memory and shows
// only its beginning, read-only (masked too while hiding is on); "Clear"
// makes the area editable again, and a paste replaces the bounce.

// hideState is what the page keeps while the paste area does not show the
// bounce itself.
type hideState struct {
	held   bool     // the area is read-only and shows a view of text
	masked bool     // ... masked (hiding is on)
	large  bool     // ... only its beginning (a large bounce)
	text   heldText // the bounce itself, while held
	ex     Excerpt  // a large one's lines around its deciding text, once read (page_trim.go)
	help   string   // the paste area's help text, to restore
}

// heldText is a bounce the page holds: the JavaScript string it came as
// (a paste, a drop, a file), and its Go copy, made when first needed.
// Copying 2 MB from JavaScript to Go takes 100–200 ms: the worker gets
// the JavaScript string, and the page makes the copy only to mask the
// whole text, link it, or classify it itself.
type heldText struct {
	js   js.Value // a JavaScript string
	n    int      // its length in UTF-16 code units
	s    string
	have bool // s is the text
}

// jsText holds the JavaScript string v.
func jsText(v js.Value) heldText {
	if v.Type() != js.TypeString {
		v = js.ValueOf("")
	}
	return heldText{js: v, n: js.Global().Get("String").New(v).Get("length").Int()}
}

// goText holds the Go string s.
func goText(s string) heldText {
	return heldText{js: js.ValueOf(s), n: len16(s), s: s, have: true}
}

func (h *heldText) String() string {
	if !h.have {
		h.s, h.have = h.js.String(), true
	}
	return h.s
}

// preview is the beginning of a large text, cut at a line end when one
// is near.
func (h *heldText) preview() string {
	if h.n <= previewLen {
		return h.String()
	}
	s := js.Global().Get("String").New(h.js).Call("slice", 0, previewLen).String()
	s = strings.ToValidUTF8(s, "") // half of a surrogate pair at the cut
	if nl := strings.LastIndexByte(s, '\n'); nl > len(s)/2 {
		s = s[:nl]
	}
	return s
}

const maskedHelp = "Hiding is on: this box shows the bounce masked, read-only. Paste to replace it; " +
	"turn hiding off to edit it (the original comes back)."

// previewLen is how much of a large bounce the paste area shows, in
// UTF-16 code units.
const previewLen = 4 << 10

// source is the bounce the page classifies: the paste area's text, or,
// while it is held, the original.
func (p *page) source() string {
	if p.hide.held {
		return p.hide.text.String()
	}
	return p.text.Value()
}

// setBox puts text, a bounce itself, in the paste area: editable, or,
// for a large bounce, held with only its beginning shown.
func (p *page) setBox(text string) { p.setHeld(goText(text)) }

func (p *page) setHeld(h heldText) {
	p.unmask()
	if h.n >= LargeInput {
		p.hold(h, nil)
		return
	}
	p.text.Underlying().Set("value", h.js)
}

// hold keeps h as the bounce and shows it read-only in the paste area:
// masked with rd when rd is not nil, only its beginning when it is large.
func (p *page) hold(h heldText, rd *Redactor) {
	masked := rd != nil
	large := h.n >= LargeInput
	var view string
	if large {
		view = h.preview()
	} else {
		view = h.String()
	}
	if masked {
		view = rd.String(view)
	}
	size := sizeText(h.n)
	if large {
		view += "\n\n[… the rest of this " + size + " bounce is held in memory, not shown here …]\n"
	}
	if !p.hide.held {
		p.hide.help = p.help()
	}
	if p.hide.text.js.IsUndefined() || !p.hide.text.js.Equal(h.js) {
		p.hide.ex = Excerpt{} // another bounce: its excerpt is not known yet
	}
	p.hide.held, p.hide.masked, p.hide.large, p.hide.text = true, masked, large, h
	u := p.text.Underlying()
	if u.Get("value").String() != view {
		u.Set("value", view)
	}
	u.Set("readOnly", true)
	u.Get("classList").Call("add", "masked")
	switch {
	case large && masked:
		p.setHelp("Hiding is on, and this bounce is " + size + ": the box shows its beginning masked, " +
			"read-only; the page holds the whole text in memory and reads all of it. You cannot type here: paste to " +
			"replace it, “Trim to edit” (once it has been read) to keep its beginning and the lines around the text that decided, " +
			"or Clear to empty the box and type.")
	case large:
		p.setHelp("This bounce is " + size + ": the box shows only its beginning, read-only, so that " +
			"the page stays quick; the page holds the whole text in memory and reads all of it. You cannot type here: " +
			"paste to replace it, “Trim to edit” (once it has been read) to keep its beginning and the lines around the text that decided, " +
			"or Clear to empty the box and type.")
	default:
		p.setHelp(maskedHelp)
	}
}

// sizeText is n characters as a size: "2.0 MB", "300 KB".
func sizeText(n int) string {
	if n >= 1<<20 {
		return strconv.FormatFloat(float64(n)/(1<<20), 'f', 1, 64) + " MB"
	}
	return strconv.Itoa((n+1023)>>10) + " KB"
}

// len16 is the length of s in UTF-16 code units, as JavaScript counts.
func len16(s string) int {
	n := 0
	for _, r := range s {
		n++
		if r > 0xFFFF {
			n++
		}
	}
	return n
}

// unmask makes the paste area editable and forgets the original: its
// text is the bounce again.
func (p *page) unmask() {
	if !p.hide.held {
		return
	}
	p.hide = hideState{help: p.hide.help}
	u := p.text.Underlying()
	u.Set("readOnly", false)
	u.Get("classList").Call("remove", "masked")
	p.setHelp(p.hide.help)
	p.showTrim()
}

// maskBox follows the redaction box after a classification of the bounce
// (rep, nil if it could not be read): the masked view in a read-only area
// while hiding is on, the original back when it has been turned off.
func (p *page) maskBox(rep *bounce.Report) {
	h := p.hide.text
	if !p.hide.held {
		h = goText(p.text.Value())
	}
	switch {
	case p.redact.Checked() && h.n > 0:
		// The masks are numbered as in the result: the report's values
		// first, then the text's in order (so a preview gets the same
		// masks as the whole).
		rd := NewRedactor()
		if rep != nil {
			rd.Report(rep)
		}
		p.hold(h, rd)
	case p.hide.masked:
		p.setHeld(h)
	}
}

func (p *page) help() string {
	if h := getElementByID(p.doc, "paste-help"); h != nil {
		return textContent(h)
	}
	return ""
}

func (p *page) setHelp(s string) {
	if h := getElementByID(p.doc, "paste-help"); h != nil && s != "" {
		setTextContent(h, s)
	}
}

// shared is what the page shares of the bounce (a link): the text as
// shown, masked while hiding is on, with the masks of the result.
func (p *page) shared() string {
	text := p.source()
	if p.redact.Checked() {
		_, text = RedactView(p.rep, text)
	}
	return text
}

// shownReport is the report as shown: masked while hiding is on, with
// the masks of the result. Nil when there is none.
func (p *page) shownReport() *bounce.Report {
	if p.rep == nil || !p.redact.Checked() {
		return p.rep
	}
	rep, _ := RedactView(p.rep, "")
	return rep
}

// csvName is the name of the downloaded table.
const csvName = "bounce.csv"

// wireMore adds the page's later controls: "Download CSV" beside "Copy as
// JSON", a paste that replaces a masked bounce, and the catalog's lists.
func (p *page) wireMore() {
	if j := getElementByID(p.doc, "copy-json"); j != nil {
		b := builder{p.doc}
		btn := b.el("button", "", "Download CSV")
		setAttribute(btn, "type", "button")
		setAttribute(btn, "id", "download-csv")
		j.Underlying().Call("after", btn.Underlying())
		on(btn.Underlying(), "click", func(js.Value) { p.downloadCSV() })
	}
	p.wireTrim()
	// A paste into a held area replaces the bounce; so does a large
	// paste anywhere, kept out of the area (see hold).
	on(p.text.Underlying(), "paste", func(e js.Value) {
		d := e.Get("clipboardData")
		if !d.Truthy() {
			return
		}
		h := jsText(d.Call("getData", "text/plain"))
		if !p.hide.held && h.n < LargeInput {
			return
		}
		e.Call("preventDefault")
		if h.n > 0 {
			p.showHeld(h)
		}
	})
}

// downloadCSV saves the records as CSV, one row per recipient, with the
// columns of "bounce classify -format csv"; masked while hiding is on. The
// file is made in the browser (a Blob) and saved by the browser.
func (p *page) downloadCSV() {
	rep := p.shownReport()
	if rep == nil {
		p.say("Nothing to download yet: paste a bounce first.")
		return
	}
	table := csvrec.Table("-", rep, nil)
	g := js.Global()
	opts := g.Get("Object").New()
	opts.Set("type", "text/csv;charset=utf-8")
	blob := g.Get("Blob").New([]any{string(table)}, opts)
	url := g.Get("URL").Call("createObjectURL", blob)
	a := p.doc.Underlying().Call("createElement", "a")
	a.Set("href", url)
	a.Set("download", csvName)
	a.Call("click")
	time.AfterFunc(time.Minute, func() { g.Get("URL").Call("revokeObjectURL", url) })
	rows := len(rep.Recipients)
	if rows == 0 {
		rows = 1
	}
	p.say("Saved " + csvName + ": " + plural(rows, "row") + " and a header (" + strconv.Itoa(len(table)) + " bytes).")
}
