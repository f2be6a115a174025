//go:build js && wasm

package ui

import (
	"syscall/js"

	"honnef.co/go/js/dom/v2"
)

// setAttribute, setTextContent and appendChild do what dom/v2's methods of
// the same names do, through js.Value. Called on a dom.Element or dom.Node
// interface, each of those methods is kept in bounce.wasm for every one of
// dom/v2's ~150 element types (40-80 KB raw apiece); these keep nothing but
// themselves. The calls are rewritten mechanically, so code may be written
// with dom/v2's methods and rewritten after, from the module's root:
//
//	for f in internal/ui/*.go; do
//		case $f in internal/ui/domcall.go|*_test.go) continue ;; esac
//		gofmt -r 'a.SetAttribute(b, c) -> setAttribute(a, b, c)' -w "$f"
//		gofmt -r 'a.SetTextContent(b) -> setTextContent(a, b)' -w "$f"
//		gofmt -r 'a.AppendChild(b) -> appendChild(a, b)' -w "$f"
//		gofmt -r 'a.CreateElement(b) -> createElement(a, b)' -w "$f"
//		gofmt -r 'a.CreateTextNode(b) -> createTextNode(a, b)' -w "$f"
//		gofmt -r 'a.GetElementByID(b) -> getElementByID(a, b)' -w "$f"
//	done

// node is how the package holds a DOM node (an element, a text node, a
// fragment, a shadow root or the document): one concrete dom/v2 type, never
// a dom/v2 interface. Every dom/v2 node type has an AddEventListener whose
// callback takes a dom.Event, and dom.Event has a Timestamp() time.Time, so
// one dom/v2 value held in an interface keeps the methods of every type
// reachable that way, among them time.Time.String and time's formatting
// (Go's runtime calls String through an interface). The element kinds whose
// own methods the package uses (input, textarea, select) are made from a
// node: &dom.HTMLInputElement{BasicHTMLElement: n}. The types were
// rewritten mechanically from dom/v2's interfaces, from the module's root:
//
//	for f in internal/ui/*.go; do
//		case $f in internal/ui/domcall.go|*_test.go) continue ;; esac
//		gofmt -r 'getElementByID(a, b).(*dom.HTMLTextAreaElement) -> &dom.HTMLTextAreaElement{BasicHTMLElement: getElementByID(a, b)}' -w "$f"
//		gofmt -r 'getElementByID(a, b).(*dom.HTMLInputElement) -> &dom.HTMLInputElement{BasicHTMLElement: getElementByID(a, b)}' -w "$f"
//		gofmt -r 'getElementByID(a, b).(*dom.HTMLSelectElement) -> &dom.HTMLSelectElement{BasicHTMLElement: getElementByID(a, b)}' -w "$f"
//		gofmt -r 'dom.GetWindow() -> getWindow()' -w "$f"
//		gofmt -r 'dom.WrapDocument(a) -> wrapNode(a)' -w "$f"
//		gofmt -r 'dom.Window -> window' -w "$f"
//		gofmt -r 'dom.Element -> node' -w "$f"
//		gofmt -r 'dom.Node -> node' -w "$f"
//		gofmt -r 'dom.Document -> node' -w "$f"
//		gofmt -r 'appendChild(sel, a) -> appendChild(sel.BasicHTMLElement, a)' -w "$f"
//		gofmt -r 'setAttribute(p.copyOut, a, b) -> setAttribute(p.copyOut.BasicHTMLElement, a, b)' -w "$f"
//		grep -v '^[[:space:]]*//' "$f" | grep -q 'dom\.' || sed -i '/^[[:space:]]*"honnef.co\/go\/js\/dom\/v2"$/d' "$f"
//		gofmt -w "$f"
//	done
//	gofmt -r 'dom.WrapDocumentFragment(a) -> ui.WrapNode(a)' -w wasm/browser/main.go
//	gofmt -r 'dom.Node -> *dom.BasicHTMLElement' -w wasm/browser/main.go
//
// The last two gofmt rules pass the node inside the two typed elements
// that are handed to setAttribute and appendChild; a new such call fails
// to compile and needs the same .BasicHTMLElement. A dom/v2 function that
// returns an interface (dom.GetWindow, dom.WrapElement, a Document's
// QuerySelector, an event's Target, ...) brings the cost back: use the
// js.Value, or wrapNode.
type node = *dom.BasicHTMLElement

// wrapNode holds v, a DOM node, as a node; nil for null or undefined.
//
//go:noinline
func wrapNode(v js.Value) node {
	if v.IsNull() || v.IsUndefined() {
		return nil
	}
	return &dom.BasicHTMLElement{BasicElement: &dom.BasicElement{BasicNode: &dom.BasicNode{Value: v}}}
}

// WrapNode holds v, an element or a shadow root, as the package's
// functions take it.
func WrapNode(v js.Value) *dom.BasicHTMLElement { return wrapNode(v) }

// window is the global object, with the few of dom.Window's methods the
// page uses.
type window struct{ js.Value }

func getWindow() window { return window{js.Global()} }

// Document is the window's document.
func (w window) Document() node { return wrapNode(w.Get("document")) }

// InnerHeight is the height of the window's layout viewport, in CSS pixels.
func (w window) InnerHeight() int { return w.Get("innerHeight").Int() }

// Location is the window's location.
func (w window) Location() *dom.Location {
	l := w.Get("location")
	return &dom.Location{Value: l, URLUtils: &dom.URLUtils{Value: l}}
}

// The helpers below, and the package's other functions that are called
// from many places (the wording lookups of headline.go, say, elText,
// ExcerptOf, the redactor's mask, the next steps' lookup), are marked
// //go:noinline. Inlined, each call copies the function's body into its
// caller and adds an inlining record to the function tables of Go's
// runtime: some 15 KB of bounce.wasm's gzip in all. None of them runs per
// byte of a bounce, so the call costs nothing a reader would see; the
// character tests the redactor's scanners call per byte stay inlined.

// setAttribute sets the attribute name of el to value.
//
//go:noinline
func setAttribute(el node, name, value string) {
	el.Underlying().Call("setAttribute", name, value)
}

// setTextContent replaces the children of n with the text s.
//
//go:noinline
func setTextContent(n node, s string) {
	n.Underlying().Set("textContent", s)
}

// appendChild adds child as the last child of n.
//
//go:noinline
func appendChild(n, child node) {
	n.Underlying().Call("appendChild", child.Underlying())
}

// createElement returns a new element with the tag name tag.
//
//go:noinline
func createElement(doc node, tag string) node {
	return wrapNode(doc.Underlying().Call("createElement", tag))
}

// createTextNode returns a new text node holding s.
//
//go:noinline
func createTextNode(doc node, s string) node {
	return wrapNode(doc.Underlying().Call("createTextNode", s))
}

// getElementByID returns the element whose id is id, or nil.
//
//go:noinline
func getElementByID(doc node, id string) node {
	return wrapNode(doc.Underlying().Call("getElementById", id))
}
