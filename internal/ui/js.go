//go:build js && wasm

package ui

import (
	"fmt"
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
			err = fmt.Errorf("bounce: internal error: %v", v)
			js.Global().Get("console").Call("error", err.Error())
		}
	}()
	fn()
	return nil
}
