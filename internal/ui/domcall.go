//go:build js && wasm

package ui

import "honnef.co/go/js/dom/v2"

// setAttribute, setTextContent and appendChild do what dom/v2's methods of
// the same names do, through js.Value. Called on a dom.Element or dom.Node
// interface, each of those methods is kept in bounce.wasm for every one of
// dom/v2's ~150 element types (40-80 KB raw apiece); these keep nothing but
// themselves. The calls are rewritten mechanically (gofmt -r, see
// wasmsize.md in the project notes), so write el.SetAttribute(..) as usual
// and run the rewrite again.

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
