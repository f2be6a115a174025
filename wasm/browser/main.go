//go:build js && wasm

// Command browser is bounce.wasm, the classifier for browsers and Node. It
// registers, on globalThis:
//
//	classifyBounce(text: string): Report
//	    classifies a bounce message or SMTP reply text. The Report is a plain
//	    object in the schema of `bounce classify -json` (made by JSON.parse of
//	    the same JSON). Throws an Error for a non-string argument or input
//	    over 16 MiB.
//	bounceCatalog(query?: string): CatalogEntry[]
//	    the catalog entries matching query (a status code "5.7.26", a reply
//	    code "550" or words; all entries when empty), in the schema of
//	    `bounce catalog -json`.
//	bounceRender(target: Element | ShadowRoot, text: string,
//	    options?: {redact?: boolean, compact?: boolean}): Report
//	    classifies text and replaces target's children with the result
//	    cards, the same rendering as the page (a text over 32 KB is shown
//	    as the lines around its deciding words). Needs a document.
//	bounceRenderReport(target: Element | ShadowRoot, report: Report,
//	    options?: {redact?: boolean, compact?: boolean, text?: string}): Report
//	    renders a report classified elsewhere (the JSON of the HTTP API,
//	    parsed) with the same cards; text, when given, is the input, shown
//	    with the evidence marked. Returns the report as read. Needs a
//	    document.
//
// bouncekit.classifyExcerpt(text) serves the page's Web Worker
// (web/bounce-worker.js): {report, excerpt, lines, cut}, the report and the
// lines of a large text around its deciding words.
//
// bouncekit.redact(text, report?) serves the widget's paste box
// (web/widget.js): text with its addresses, IPs and host names masked,
// numbered as the cards of report number them (the report's values
// first, as ui.RedactView does), so the box and the cards agree.
//
// bouncekit.trimmed(head, excerpt) serves the widget's "Trim to edit": a
// large bounce's beginning and the lines of its excerpt, as the page trims
// it (ui.TrimmedText).
//
// syscall/js cannot throw, so the Go functions live on globalThis.bouncekit
// (classify, catalog, render, renderReport) and return an Error object instead of
// throwing; the globals above are thin wrappers that throw it. bounce.js
// installs them; where there is no document (Node, loading the .wasm with
// wasm_exec.js directly) the program installs them itself.
//
// Where the document has an element with id "bouncekit", it also wires the
// page UI (see package ui). It never exits: every callback recovers, so a
// bug gives an Error for that call only.
package main

import (
	"errors"
	"syscall/js"

	"honnef.co/go/js/dom/v2"

	"github.com/bouncekit/bounce"
	"github.com/bouncekit/bounce/catalog"
	"github.com/bouncekit/bounce/internal/ui"
)

func main() {
	global := js.Global()
	api := global.Get("Object").New()
	api.Set("classify", export(classifyBounce))
	api.Set("catalog", export(bounceCatalog))
	api.Set("render", export(bounceRender))
	api.Set("renderReport", export(bounceRenderReport))
	api.Set("classifyExcerpt", export(classifyExcerpt))
	api.Set("redact", export(redactText))
	api.Set("trimmed", export(trimmedText))
	global.Set("bouncekit", api)
	if global.Get("document").IsUndefined() {
		ui.Guard(installThrowing)
	}
	ui.Guard(func() { ui.StartPage() })
	select {}
}

// installThrowing defines the global functions that throw the Error the
// Go functions return. It uses the Function constructor, which a page's
// Content-Security-Policy forbids; pages get the same wrappers from
// bounce.js instead.
func installThrowing() {
	var mk js.Value
	func() {
		// The site's CSP (also that of the page's Web Worker, which has no
		// document) forbids the Function constructor; bounce.js installs
		// the same wrappers there.
		defer func() { recover() }()
		mk = js.Global().Get("Function").New("f",
			"return function () { const r = f.apply(this, arguments); if (r instanceof Error) throw r; return r; }")
	}()
	if mk.IsUndefined() {
		return
	}
	api := js.Global().Get("bouncekit")
	for _, g := range [...][2]string{{"classifyBounce", "classify"}, {"bounceCatalog", "catalog"}, {"bounceRender", "render"}, {"bounceRenderReport", "renderReport"}} {
		js.Global().Set(g[0], mk.Invoke(api.Get(g[1])))
	}
}

// export wraps fn as a JavaScript function that returns an Error object
// for the error or panic of fn, and never stops the Go program. It is not
// inlined, so that main holds one copy of the wrapper, not five.
//
//go:noinline
func export(fn func(args []js.Value) (any, error)) js.Func {
	return js.FuncOf(func(_ js.Value, args []js.Value) any {
		var v any
		var err error
		if perr := ui.Guard(func() { v, err = fn(args) }); perr != nil {
			err = perr
		}
		if err != nil {
			return js.Global().Get("Error").New(err.Error())
		}
		return v
	})
}

var errText = errors.New("bounce: classifyBounce needs a string")

func text(args []js.Value, i int) (string, error) {
	if len(args) <= i || args[i].Type() != js.TypeString {
		return "", errText
	}
	return args[i].String(), nil
}

func classifyBounce(args []js.Value) (any, error) {
	_, rep, err := parse(args)
	if err != nil {
		return nil, err
	}
	return ui.ReportValue(rep), nil
}

// classifyExcerpt is classifyBounce for the page's Web Worker
// (web/bounce-worker.js): {report, excerpt, lines, cut}, where excerpt is
// the part of the text the page shows under the cards (see ui.ExcerptOf).
func classifyExcerpt(args []js.Value) (any, error) {
	s, rep, err := parse(args)
	if err != nil {
		return nil, err
	}
	ex := ui.ExcerptOf(s, rep)
	o := newObject()
	set(o, "report", ui.ReportValue(rep))
	set(o, "excerpt", ex.Text)
	set(o, "lines", ex.Lines)
	set(o, "cut", ex.Cut)
	return o, nil
}

// parse classifies the text in args[0].
func parse(args []js.Value) (string, *bounce.Report, error) {
	s, err := text(args, 0)
	if err != nil {
		return "", nil, err
	}
	rep, err := bounce.ParseString(s)
	return s, rep, err
}

func bounceCatalog(args []js.Value) (any, error) {
	q := ""
	if len(args) > 0 && !args[0].IsUndefined() && !args[0].IsNull() {
		if args[0].Type() != js.TypeString {
			return nil, errors.New("bounce: bounceCatalog needs a string")
		}
		q = args[0].String()
	}
	found := catalog.Search(q)
	out := make([]any, len(found))
	for i, e := range found {
		out[i] = entryValue(e)
	}
	return out, nil
}

// entryValue is the JSON form of a catalog entry (api.CatalogEntry) as a
// JavaScript object, with its keys in the JSON's order; package api is not
// imported, as it brings net/http. The object is filled in directly: a Go
// map literal for it was 8 KB of bounce.wasm's code.
func entryValue(e *catalog.Entry) js.Value {
	m := newObject()
	setStrings(m, "id", e.ID, "provider", e.Provider)
	if len(e.Replies) > 0 {
		r := make([]any, len(e.Replies))
		for i, v := range e.Replies {
			r[i] = v
		}
		set(m, "reply_codes", r)
	}
	if len(e.Statuses) > 0 {
		set(m, "statuses", strings(e.Statuses))
	}
	if len(e.Texts) > 0 {
		set(m, "texts", strings(e.Texts))
	}
	setStrings(m, "reason", e.Reason, "class", string(e.Class), "who_acts", e.Who,
		"explanation", e.Explanation, "action", e.Action, "retry", e.Retry)
	var docs []any
	for _, id := range e.Sources {
		if d := catalog.DocByID(id); d != nil {
			doc := newObject()
			setStrings(doc, "id", d.ID, "title", d.Title)
			if d.URL != "" {
				set(doc, "url", d.URL)
			}
			docs = append(docs, doc)
		}
	}
	if docs == nil {
		set(m, "sources", nil) // null, as in the JSON of an empty slice
	} else {
		set(m, "sources", docs)
	}
	return m
}

// newObject, set and setStrings are Object.New() and o.Set(key, v), not
// inlined: inlined, each call was some 200 bytes of code.
//
//go:noinline
func newObject() js.Value { return object.New() }

//go:noinline
func set(o js.Value, key string, v any) { o.Set(key, v) }

// setStrings sets the keys kv[0], kv[2], ... of o to kv[1], kv[3], ...
//
//go:noinline
func setStrings(o js.Value, kv ...string) {
	for i := 0; i+1 < len(kv); i += 2 {
		o.Set(kv[i], kv[i+1])
	}
}

var object = js.Global().Get("Object")

func strings(s []string) []any {
	out := make([]any, len(s))
	for i, v := range s {
		out[i] = v
	}
	return out
}

func bounceRender(args []js.Value) (any, error) {
	target, err := renderTarget(args)
	if err != nil {
		return nil, err
	}
	s, err := text(args, 1)
	if err != nil {
		return nil, err
	}
	rep, err := bounce.ParseString(s)
	if err != nil {
		return nil, err
	}
	opts := renderOptions(args)
	opts.Text = s
	ui.RenderExcerpt(target, rep, opts)
	return ui.ReportValue(rep), nil
}

func bounceRenderReport(args []js.Value) (any, error) {
	target, err := renderTarget(args)
	if err != nil {
		return nil, err
	}
	if len(args) < 2 {
		return nil, errors.New("bounce: bounceRenderReport needs a report")
	}
	rep, err := ui.ReportFromValue(args[1])
	if err != nil {
		return nil, err
	}
	opts := renderOptions(args)
	if len(args) > 2 && args[2].Type() == js.TypeObject {
		if t := args[2].Get("text"); t.Type() == js.TypeString {
			opts.Text = t.String()
		}
	}
	ui.RenderExcerpt(target, rep, opts)
	return ui.ReportValue(rep), nil
}

// renderTarget checks that there is a document and that args[0] is an
// element or a shadow root.
func renderTarget(args []js.Value) (*dom.BasicHTMLElement, error) {
	if doc := js.Global().Get("document"); doc.IsUndefined() {
		return nil, errors.New("bounce: rendering needs a document")
	}
	if len(args) == 0 || args[0].Type() != js.TypeObject || args[0].Get("appendChild").Type() != js.TypeFunction {
		return nil, errors.New("bounce: rendering needs an element or a shadow root")
	}
	return ui.WrapNode(args[0]), nil
}

// renderOptions reads {redact, compact} from args[2].
func renderOptions(args []js.Value) ui.Options {
	var opts ui.Options
	if len(args) > 2 && args[2].Type() == js.TypeObject {
		opts.Redact = args[2].Get("redact").Truthy()
		opts.Compact = args[2].Get("compact").Truthy()
	}
	return opts
}

// trimmedText is bouncekit.trimmed(head, excerpt): a large bounce cut
// down to edit, from its beginning and the excerpt the worker gave.
func trimmedText(args []js.Value) (any, error) {
	head, err := text(args, 0)
	if err != nil {
		return nil, err
	}
	excerpt, err := text(args, 1)
	if err != nil {
		return nil, err
	}
	t, _ := ui.TrimmedText(head, ui.Excerpt{Text: excerpt, Cut: true})
	return t, nil
}

// redactText is bouncekit.redact(text, report?): text masked with the
// masks the cards of report give (see ui.RedactView); without a report,
// numbered in the order of the text.
func redactText(args []js.Value) (any, error) {
	s, err := text(args, 0)
	if err != nil {
		return nil, err
	}
	var rep *bounce.Report
	if len(args) > 1 && args[1].Type() == js.TypeObject {
		if rep, err = ui.ReportFromValue(args[1]); err != nil {
			return nil, err
		}
	}
	_, masked := ui.RedactView(rep, s)
	return masked, nil
}
