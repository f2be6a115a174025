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

// setAttribute sets the attribute name of el to value.
func setAttribute(el dom.Element, name, value string) {
	el.Underlying().Call("setAttribute", name, value)
}

// setTextContent replaces the children of n with the text s.
func setTextContent(n dom.Node, s string) {
	n.Underlying().Set("textContent", s)
}

// appendChild adds child as the last child of n.
func appendChild(n, child dom.Node) {
	n.Underlying().Call("appendChild", child.Underlying())
}

// createElement, createTextNode and getElementByID do what dom/v2's
// Document methods of the same names do, but wrap the element themselves
// (see element): dom/v2's wrapper switches over every tag it knows, which
// keeps all ~150 element types and each of their methods that is called
// through an interface anywhere (String, by the runtime's panic printing).

// createElement returns a new element with the tag name tag.
func createElement(doc dom.Document, tag string) dom.Element {
	return element(doc.Underlying().Call("createElement", tag))
}

// createTextNode returns a new text node holding s.
func createTextNode(doc dom.Document, s string) *dom.Text {
	return &dom.Text{BasicNode: &dom.BasicNode{Value: doc.Underlying().Call("createTextNode", s)}}
}

// getElementByID returns the element whose id is id, or nil.
func getElementByID(doc dom.Document, id string) dom.Element {
	return element(doc.Underlying().Call("getElementById", id))
}

// element wraps v as dom/v2 would for the kinds of element whose own
// methods the package uses (input, textarea, select), and as a
// *dom.BasicHTMLElement otherwise. It is nil for null or undefined.
func element(v js.Value) dom.Element {
	if v.IsNull() || v.IsUndefined() {
		return nil
	}
	h := &dom.BasicHTMLElement{BasicElement: &dom.BasicElement{BasicNode: &dom.BasicNode{Value: v}}}
	switch v.Get("tagName").String() {
	case "INPUT":
		return &dom.HTMLInputElement{BasicHTMLElement: h}
	case "TEXTAREA":
		return &dom.HTMLTextAreaElement{BasicHTMLElement: h}
	case "SELECT":
		return &dom.HTMLSelectElement{BasicHTMLElement: h}
	}
	return h
}
