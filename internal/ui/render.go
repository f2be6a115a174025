//go:build js && wasm

package ui

import (
	"strconv"
	"strings"
	"syscall/js"

	"github.com/bouncekit/bounce"
	"github.com/bouncekit/bounce/catalog"
)

// Options change how Render shows a report.
type Options struct {
	Text    string // the input; when set, it is shown with the evidence marked
	Redact  bool   // mask addresses, IPs and host names in everything shown
	Compact bool   // show verdict, reason and action; the rest, and the input, on demand
	// EntryLink, when set, is the start of a link to a catalog entry's page
	// ("#entry=" on the page); the entry's ID is appended. Empty: no link.
	EntryLink string

	sender string // the sending domain, for the next steps; set by Build
}

// Render replaces the children of into, an element or a shadow root, with
// the result for rep: a summary line, then one card per recipient, then the
// input with the deciding text marked. A nil rep clears into.
func Render(into node, rep *bounce.Report, opts Options) {
	removeChildren(into)
	if rep != nil {
		root := Build(ownerDocument(into), rep, opts)
		appendChild(into, root)
		showMark(root)
	}
}

// showMark scrolls the shown bounce so that its first marked text is in
// view, a third of the way down: in a long bounce the deciding line can be
// thousands of lines below the top.
func showMark(root node) {
	pre := querySelector(root, ".bk-source pre")
	if pre.IsNull() {
		return
	}
	if d := pre.Call("closest", "details"); !d.IsNull() && !d.Get("open").Truthy() {
		// Closed (compact cards): markOnOpen scrolls when it opens.
		// Measuring it now would lay out the new cards inside the task
		// that draws them; a frame does it later.
		return
	}
	mark := pre.Call("querySelector", "mark")
	if mark.IsNull() {
		return
	}
	scrollToMark(pre, mark)
}

// scrollToMark scrolls pre so that mark, in it, is a third of the way
// down.
func scrollToMark(pre, mark js.Value) {
	preTop, preHeight := rect(pre)
	markTop, _ := rect(mark)
	if preHeight == 0 {
		return // not shown (a closed <details>)
	}
	top := pre.Get("scrollTop").Float() + markTop - preTop - preHeight/3
	pre.Set("scrollTop", max(top, 0))
}

// Build returns the result element for rep (see Render) without inserting
// it anywhere. Every string from the bounce goes in as a text node.
func Build(doc node, rep *bounce.Report, opts Options) node {
	text := opts.Text
	if opts.Redact {
		rep, text = RedactView(rep, text)
	}
	opts.sender = SenderDomain(rep)
	b := builder{doc}
	root := b.el("section", "bk-result", "")
	setAttribute(root, "part", "result")
	n := len(rep.Recipients)
	summary := KindText(rep)
	if n > 0 {
		summary += " · " + plural(n, "recipient")
	}
	appendChild(root, b.el("p", "bk-summary", summary))
	if n > 1 {
		appendChild(root, b.overview(rep, !opts.Redact))
	}
	if o := rep.Original; o != nil && o.Subject != "" {
		appendChild(root, b.el("p", "bk-original", "Bounced message: “"+o.Subject+"”"))
	}
	if n == 0 {
		msg := "No failed recipient found: this does not look like a bounce or an SMTP error."
		if rep.Kind != bounce.KindNotBounce {
			msg = "No failed recipient found in this message."
		}
		appendChild(root, b.el("p", "bk-empty", msg))
	}
	var spans []Span
	for i := range rep.Recipients {
		r := &rep.Recipients[i]
		appendChild(root, b.card(r, i, opts))
		if text != "" {
			spans = append(spans, FindEvidence(text, r.Match.Evidence)...)
		}
	}
	if len(spans) > 0 {
		// Compact: the input on demand, as the card details are.
		fig := b.el("figure", "bk-source", "")
		caption := b.el("figcaption", "", "Your bounce, with the text that decided marked")
		if opts.Compact {
			fig = b.el("details", "bk-source bk-more", "")
			caption = b.el("summary", "", "Your bounce, with the text that decided marked")
		}
		if opts.Compact {
			markOnOpen(fig)
		}
		setAttribute(fig, "part", "source")
		appendChild(fig, caption)
		pre := b.el("pre", "", "")
		setAttribute(pre, "aria-label", "Your bounce")
		setAttribute(pre, "tabindex", "0") // scrollable: reachable by keyboard
		for _, p := range Pieces(text, spans) {
			if p.Marked {
				appendChild(pre, b.el("mark", "", p.Text))
			} else {
				appendChild(pre, createTextNode(doc, p.Text))
			}
		}
		appendChild(fig, pre)
		appendChild(root, fig)
	}
	return root
}

// builder makes elements whose text is set with textContent only.
type builder struct{ doc node }

func (b builder) el(tag, class, text string) node {
	e := createElement(b.doc, tag)
	if class != "" {
		setAttribute(e, "class", class)
	}
	if text != "" {
		setTextContent(e, text)
	}
	return e
}

// fact appends a term and its description to a <dl>; empty values are left
// out. It returns the <dd>.
func (b builder) fact(dl node, term, value string) node {
	if value == "" {
		return nil
	}
	appendChild(dl, b.el("dt", "", term))
	dd := b.el("dd", "", value)
	appendChild(dl, dd)
	return dd
}

func (b builder) card(r *bounce.Recipient, i int, opts Options) node {
	cls := "bk-card bk-" + string(r.Class)
	if r.Reason == "feedback" {
		cls += " bk-complaint"
	}
	card := b.el("article", cls, "")
	setAttribute(card, "data-class", string(r.Class))
	setAttribute(card, "data-reason", r.Reason)
	setAttribute(card, "part", "card card-"+string(r.Class))
	v := VerdictOf(r)
	who := r.Recipient
	if who == "" {
		who = "(address not given in the text)"
	}
	head := b.el("header", "bk-head", "")
	h := b.el("h3", "bk-title", "")
	verdict := b.el("span", "bk-verdict", v.Headline)
	setAttribute(verdict, "part", "verdict")
	appendChild(h, verdict)
	// The recipient is in the heading, so that moving by heading tells
	// the cards apart.
	appendChild(h, b.el("span", "bk-to", who))
	appendChild(head, h)
	if c := Codes(r); c != "" {
		code := b.el("span", "bk-codes", c)
		setAttribute(code, "aria-label", "codes "+c)
		appendChild(head, code)
	}
	appendChild(card, head)
	appendChild(card, b.el("p", "bk-sentence", v.Sentence))

	main := b.el("dl", "bk-facts", "")
	b.fact(main, "What happened", r.Explanation)
	b.fact(main, "What to do", r.Action)
	b.fact(main, "Your list", ListAdvice(r))
	b.fact(main, "Who acts", WhoWords(r.WhoActs))
	b.fact(main, "Retry", r.Retry)
	if steps, ip := NextSteps(r, opts.sender); len(steps) > 0 {
		dd := b.fact(main, "Next steps", " ")
		setTextContent(dd, "")
		if ip != "" {
			appendChild(dd, b.el("p", "bk-ip", "The IP in the bounce, to look up: "+ip))
		}
		ul := b.el("ul", "bk-steps", "")
		for _, st := range steps {
			li := b.el("li", "", "")
			a := b.el("a", "", st.Title)
			setAttribute(a, "href", st.URL)
			setAttribute(a, "rel", "noopener noreferrer")
			setAttribute(a, "target", "_blank")
			appendChild(li, a)
			appendChild(ul, li)
		}
		appendChild(dd, ul)
	}
	appendChild(card, main)

	more := main
	if opts.Compact {
		det := b.el("details", "bk-more", "")
		appendChild(det, b.el("summary", "", "Details"))
		more = b.el("dl", "bk-facts", "")
		appendChild(det, more)
		appendChild(card, det)
	}
	b.fact(more, "Reason", ReasonText(r.Reason))
	b.fact(more, "Codes", Codes(r))
	b.fact(more, "Server said", r.Diagnostic)
	if ev := r.Match.Evidence; ev != "" {
		dd := b.fact(more, "Decided by", " ")
		setTextContent(dd, "")
		appendChild(dd, b.el("mark", "bk-evidence", ev))
		if w := byWords[r.Match.By]; w != "" {
			appendChild(dd, createTextNode(b.doc, " ("+w+")"))
		}
	}
	if m := r.Match; m.Entry != "" {
		dd := b.fact(more, "Catalog entry", " ")
		setTextContent(dd, "")
		title := EntryTitle(m.Provider, r.Reason)
		if opts.EntryLink != "" {
			a := b.el("a", "", title)
			setAttribute(a, "href", opts.EntryLink+m.Entry)
			appendChild(dd, a)
		} else {
			appendChild(dd, createTextNode(b.doc, title))
		}
		appendChild(dd, createTextNode(b.doc, " "))
		appendChild(dd, b.el("code", "bk-id", m.Entry))
	}
	if len(r.Match.Sources) > 0 {
		dd := b.fact(more, "Source", " ")
		setTextContent(dd, "")
		b.links(dd, r.Match.Sources)
	}
	b.fact(more, "Remote server", r.RemoteMTA)
	b.fact(more, "Reporting server", r.ReportingMTA)
	b.fact(more, "SMTP stage", r.Command)
	b.fact(more, "DSN action", r.DSNAction)
	b.fact(more, "Date", r.Date)
	return card
}

// byWords says how the deciding text was found, per Match.By.
var byWords = map[string]string{
	"text":      "the server's words",
	"status":    "the status code",
	"reply":     "the reply code",
	"structure": "the form of the message",
	"stage":     "the step of the SMTP dialogue",
}

// overview is the top of a report with several recipients: a sentence that
// counts them by class and cause, a table with one row per cause (the
// recipients with the same class and reason grouped), and a button that
// copies the addresses to remove from a list.
func (b builder) overview(rep *bounce.Report, canCopy bool) node {
	groups := Groups(rep)
	box := b.el("div", "bk-overview", "")
	setAttribute(box, "part", "overview")
	appendChild(box, b.el("p", "bk-count", OverviewText(rep)))
	table := b.el("table", "bk-table", "")
	cap := b.el("caption", "visually-hidden", "Recipients grouped by cause")
	appendChild(table, cap)
	thead := b.el("thead", "", "")
	tr := b.el("tr", "", "")
	for _, h := range []string{"Cause", "Recipients", "Remove from list?"} {
		th := b.el("th", "", h)
		setAttribute(th, "scope", "col")
		appendChild(tr, th)
	}
	appendChild(thead, tr)
	appendChild(table, thead)
	tbody := b.el("tbody", "", "")
	var suppress []string
	for _, g := range groups {
		tr := b.el("tr", "bk-"+string(g.Class), "")
		th := b.el("th", "", Headline(g.First))
		setAttribute(th, "scope", "row")
		appendChild(tr, th)
		appendChild(tr, b.el("td", "bk-addrs", strings.Join(g.Addresses, ", ")))
		yes := "no"
		if Suppress(g.First) {
			yes = "yes"
			suppress = append(suppress, g.Addresses...)
		}
		appendChild(tr, b.el("td", "", yes))
		appendChild(tbody, tr)
	}
	appendChild(table, tbody)
	wrap := b.el("div", "bk-table-wrap", "")
	appendChild(wrap, table)
	appendChild(box, wrap)
	suppress = realAddresses(suppress)
	if canCopy && len(suppress) > 0 {
		btn := b.el("button", "bk-suppress", "Copy "+plural(len(suppress), "address")+" to suppress")
		setAttribute(btn, "type", "button")
		setAttribute(btn, "data-addresses", strings.Join(suppress, "\n"))
		appendChild(box, btn)
	}
	return box
}

// realAddresses drops the placeholders of recipients without an address,
// and repeats.
func realAddresses(in []string) []string {
	var out []string
	seen := map[string]bool{}
	for _, a := range in {
		if strings.Contains(a, "@") && !seen[a] {
			seen[a] = true
			out = append(out, a)
		}
	}
	return out
}

// links appends one link per document, separated by commas. Links open
// in a new tab and send no referrer.
func (b builder) links(into node, docs []catalog.Doc) {
	for i, d := range docs {
		if i > 0 {
			appendChild(into, createTextNode(b.doc, ", "))
		}
		if d.URL == "" || !strings.HasPrefix(d.URL, "https://") {
			appendChild(into, createTextNode(b.doc, d.Title))
			continue
		}
		a := b.el("a", "", d.Title)
		setAttribute(a, "href", d.URL)
		setAttribute(a, "rel", "noopener noreferrer")
		setAttribute(a, "target", "_blank")
		appendChild(into, a)
	}
}

// RenderEntries replaces the children of into (a list element) with one
// item per catalog entry, the first max of them.
func RenderEntries(into node, entries []*catalog.Entry, max int) {
	removeChildren(into)
	b := builder{ownerDocument(into)}
	for i, e := range entries {
		if i == max {
			break
		}
		li := b.el("li", "bk-entry bk-"+string(e.Class), "")
		setAttribute(li, "data-class", string(e.Class))
		setAttribute(li, "data-reason", e.Reason)
		setAttribute(li, "data-entry", e.ID)
		head := b.el("header", "bk-head", "")
		h := b.el("h3", "bk-entry-title", "")
		appendChild(h, b.entryLink(e))
		appendChild(head, h)
		appendChild(head, b.el("code", "bk-id", e.ID))
		if codes := entryCodes(e); codes != "" {
			appendChild(head, b.el("span", "bk-codes", codes))
		}
		appendChild(li, head)
		dl := b.el("dl", "bk-facts", "")
		b.fact(dl, "Sent by", ProviderName(e.Provider))
		b.fact(dl, "Reason", ReasonText(e.Reason))
		if len(e.Texts) > 0 {
			b.fact(dl, "Server text", e.Texts[0])
		}
		b.fact(dl, "What happened", e.Explanation)
		b.fact(dl, "What to do", e.Action)
		b.fact(dl, "Who acts", WhoWords(e.Who))
		b.fact(dl, "Retry", e.Retry)
		var docs []catalog.Doc
		for _, id := range e.Sources {
			if d := catalog.DocByID(id); d != nil {
				docs = append(docs, *d)
			}
		}
		if len(docs) > 0 {
			dd := b.fact(dl, "Source", " ")
			setTextContent(dd, "")
			b.links(dd, docs)
		}
		appendChild(li, dl)
		appendChild(into, li)
	}
}

// entryLink is the link to an entry's "#entry=ID" page, titled in words.
func (b builder) entryLink(e *catalog.Entry) node {
	a := b.el("a", "", classWords(e.Class)+": "+EntryTitle(e.Provider, e.Reason))
	setAttribute(a, "href", "#entry="+e.ID)
	return a
}

// entryCodes lists an entry's reply codes, then its status codes, or "".
func entryCodes(e *catalog.Entry) string {
	var codes []string
	for _, r := range e.Replies {
		codes = append(codes, strconv.Itoa(r))
	}
	codes = append(codes, e.Statuses...)
	return strings.Join(codes, " ")
}

// ownerDocument returns the document of n (dom/v2 does not implement
// Node.OwnerDocument).
func ownerDocument(n node) node {
	return wrapNode(n.Underlying().Get("ownerDocument"))
}
