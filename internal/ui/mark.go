//go:build js && wasm

package ui

import (
	"syscall/js"
)

// onOpen is the one listener of every compact view's "Your bounce"
// <details>: one js.Func for all of them, so that rendering again and
// again makes no new function to release.
var onOpen js.Func

// markOnOpen scrolls the marked text into view when det, a closed
// <details> holding the bounce, is opened: while closed it has no size to
// scroll in.
func markOnOpen(det node) {
	if onOpen.IsUndefined() {
		onOpen = js.FuncOf(func(_ js.Value, args []js.Value) any {
			Guard(func() {
				det := args[0].Get("currentTarget")
				if !det.Get("open").Truthy() {
					return
				}
				pre := det.Call("querySelector", "pre")
				if pre.IsNull() {
					return
				}
				if mark := pre.Call("querySelector", "mark"); !mark.IsNull() {
					scrollToMark(pre, mark)
				}
			})
			return nil
		})
	}
	det.Underlying().Call("addEventListener", "toggle", onOpen)
}
