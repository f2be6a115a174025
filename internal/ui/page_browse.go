//go:build js && wasm

package ui

import (
	"strconv"
	"syscall/js"

	"github.com/bouncekit/bounce/catalog"
)

// wireBrowse adds the lists of classes and providers to the catalog
// section, under the search: links to "#catalog=class:NAME" and
// "#catalog=provider:KEY", so the browser's back and forward move between
// them and each has its own URL.
func (p *page) wireBrowse() {
	help := getElementByID(p.doc, "catalog-help")
	if help == nil {
		return
	}
	b := builder{p.doc}
	nav := b.el("nav", "browse", "")
	setAttribute(nav, "aria-labelledby", "browse-h")
	h := b.el("h3", "browse-h", "Browse the catalog")
	h.Underlying().Set("id", "browse-h")
	appendChild(nav, h)
	classes, providers := BrowseFacets()
	for _, part := range []struct {
		title  string
		facets []Facet
	}{{"By class", classes}, {"By provider", providers}} {
		appendChild(nav, b.el("h4", "browse-by", part.title))
		ul := b.el("ul", "facets", "")
		for _, f := range part.facets {
			li := b.el("li", "", "")
			a := b.el("a", "", f.Title)
			setAttribute(a, "href", "#"+f.Fragment())
			setAttribute(a, "data-facet", f.Kind+":"+f.Value)
			appendChild(li, a)
			appendChild(li, b.el("span", "facet-n", " ("+strconv.Itoa(f.Count)+")"))
			appendChild(ul, li)
		}
		appendChild(nav, ul)
	}
	help.Underlying().Call("after", nav.Underlying())
	p.title = p.doc.Underlying().Get("title").String()
}

// showBrowse lists the entries of a class or provider, the page of a
// "#catalog=" link.
func (p *page) showBrowse(s string) {
	p.browsing = true
	p.query.SetValue("")
	p.markFacet(s)
	f, ok := ParseFacet(s)
	if !ok {
		RenderEntries(p.entries, nil, 0)
		setTextContent(p.count, "The catalog has nothing under “"+s+"”.")
		return
	}
	entries := BrowseEntries(f)
	RenderEntryLinks(p.entries, entries)
	what := "Class " + f.Title
	if f.Kind == "provider" {
		what = f.Title
	}
	setTextContent(p.count, what+": "+plural(len(entries), "entry")+", each with its own page.")
	p.doc.Underlying().Set("title", what+" · catalog · bouncekit")
	opts := js.Global().Get("Object").New()
	opts.Set("block", "nearest")
	p.count.Underlying().Call("scrollIntoView", opts)
}

// readyIfEmpty puts the paste area's prompt in the result and says the
// page is ready when a catalog link opened it: nothing else would replace
// "Loading the classifier…".
func (p *page) readyIfEmpty() {
	if p.rep == nil && p.source() == "" {
		p.classify()
		p.say("Ready. Paste a bounce; nothing leaves this browser.")
	}
}

// markFacet marks the link of the facet shown as the current page.
func (p *page) markFacet(s string) {
	links := p.doc.Underlying().Call("querySelectorAll", ".browse a")
	for i := 0; i < links.Length(); i++ {
		a := links.Index(i)
		if a.Call("getAttribute", "data-facet").String() == s {
			a.Call("setAttribute", "aria-current", "page")
		} else {
			a.Call("removeAttribute", "aria-current")
		}
	}
}

// leaveFragment undoes what a catalog link showed when the fragment goes
// (the browser's back button to the page without one).
func (p *page) leaveFragment() {
	if !p.browsing {
		return
	}
	p.browsing = false
	p.markFacet("")
	RenderEntries(p.entries, nil, 0)
	setTextContent(p.count, "")
	if p.title != "" {
		p.doc.Underlying().Set("title", p.title)
	}
}

// RenderEntryLinks replaces the children of into (a list element) with one
// item per entry: its title in words, linking to its "#entry=ID" page,
// and its codes.
func RenderEntryLinks(into node, entries []*catalog.Entry) {
	removeChildren(into)
	b := builder{ownerDocument(into)}
	frag := b.doc.Underlying().Call("createDocumentFragment")
	for _, e := range entries {
		li := b.el("li", "bk-entry-link bk-"+string(e.Class), "")
		setAttribute(li, "data-entry", e.ID)
		appendChild(li, b.entryLink(e))
		if codes := entryCodes(e); codes != "" {
			appendChild(li, b.el("span", "bk-codes", codes))
		}
		frag.Call("appendChild", li.Underlying())
	}
	into.Underlying().Call("appendChild", frag)
}
