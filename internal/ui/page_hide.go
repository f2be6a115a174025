//go:build js && wasm

package ui

import (
	"strconv"
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

// hideState is what the page keeps while the paste area is masked.
type hideState struct {
	masked   bool   // the area shows the masked bounce, read-only
	original string // the bounce itself, while masked
	help     string // the paste area's help text, to restore
}

const maskedHelp = "Hiding is on: this box shows the bounce masked, read-only. Paste to replace it; " +
	"turn hiding off to edit it (the original comes back)."

// source is the bounce the page classifies: the paste area's text, or,
// while it is masked, the original.
func (p *page) source() string {
	if p.hide.masked {
		return p.hide.original
	}
	return p.text.Value()
}

// setBox puts text, a bounce itself, in the paste area, editable.
func (p *page) setBox(text string) {
	p.unmask()
	p.text.SetValue(text)
}

// unmask makes the paste area editable and forgets the original: its
// text is the bounce again.
func (p *page) unmask() {
	if !p.hide.masked {
		return
	}
	p.hide.masked = false
	u := p.text.Underlying()
	u.Set("readOnly", false)
	u.Get("classList").Call("remove", "masked")
	p.setHelp(p.hide.help)
}

// maskBox follows the redaction box after a classification of text: the
// masked view's text in a read-only area while hiding is on, the original
// back when it has been turned off.
func (p *page) maskBox(rep *bounce.Report, text string) {
	switch {
	case p.redact.Checked() && text != "":
		_, shown := RedactView(rep, text)
		u := p.text.Underlying()
		if !p.hide.masked {
			p.hide.help = p.help()
		}
		p.hide.masked, p.hide.original = true, text
		if u.Get("value").String() != shown {
			u.Set("value", shown)
		}
		u.Set("readOnly", true)
		u.Get("classList").Call("add", "masked")
		p.setHelp(maskedHelp)
	case p.hide.masked:
		p.setBox(p.hide.original)
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
	on(p.text.Underlying(), "paste", func(e js.Value) {
		if !p.hide.masked {
			return
		}
		e.Call("preventDefault")
		if text := e.Get("clipboardData").Call("getData", "text/plain").String(); text != "" {
			p.show(text)
		}
	})
	p.wireBrowse()
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
