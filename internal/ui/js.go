//go:build js && wasm

package ui

import (
	"errors"
	"strconv"
	"syscall/js"

	"github.com/bouncekit/bounce"
)

// ReportValue returns rep as a plain JavaScript object, made by JSON.parse
// of the report's JSON, so JavaScript sees exactly the schema of the CLI
// and the HTTP API.
func ReportValue(rep *bounce.Report) js.Value {
	return js.Global().Get("JSON").Call("parse", string(rep.AppendJSON(nil)))
}

// Guard runs fn and turns a panic into an error, so that a bug in one
// callback never stops the Go program (after which every call would throw
// "Go program has already exited").
func Guard(fn func()) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = errors.New("bounce: internal error: " + panicText(v))
			js.Global().Get("console").Call("error", err.Error())
		}
	}()
	fn()
	return nil
}

// panicText is what fmt's %v prints for the usual panic values (an error,
// a Stringer, a string, a number, a bool). Package fmt, which brings
// reflect and os, would add over 0.1 MB gzip to bounce.wasm for the rare
// other values, which get a fixed text.
func panicText(v any) string {
	switch v := v.(type) {
	case error:
		return v.Error()
	case interface{ String() string }:
		return v.String()
	case string:
		return v
	case int:
		return strconv.Itoa(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case int32:
		return strconv.FormatInt(int64(v), 10)
	case uint:
		return strconv.FormatUint(uint64(v), 10)
	case uint64:
		return strconv.FormatUint(v, 10)
	case uint32:
		return strconv.FormatUint(uint64(v), 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	case bool:
		return strconv.FormatBool(v)
	}
	return "panic with a value of another type"
}

// The helpers below call the DOM through js.Value. A method called on a
// dom.Node or dom.Element interface keeps that method of every one of
// dom/v2's ~150 element types in bounce.wasm, some 35 KB each, so a method
// that the package does not already call that way goes through these
// instead (and event listeners get a js.Value, see on).

// textContent is n's text, "" for none.
func textContent(n node) string {
	if v := n.Underlying().Get("textContent"); v.Type() == js.TypeString {
		return v.String()
	}
	return ""
}

// removeChildren removes all the children of n.
func removeChildren(n node) {
	u := n.Underlying()
	for c := u.Get("firstChild"); c.Truthy(); c = u.Get("firstChild") {
		u.Call("removeChild", c)
	}
}

// querySelector is the first element under el that matches selector, or
// null.
//
//go:noinline
func querySelector(el node, selector string) js.Value {
	return el.Underlying().Call("querySelector", selector)
}

// rect is the top and the height of el's bounding box, in CSS pixels.
func rect(el js.Value) (top, height float64) {
	r := el.Call("getBoundingClientRect")
	return r.Get("top").Float(), r.Get("height").Float()
}
