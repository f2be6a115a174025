//go:build js && wasm

package ui

import "syscall/js"

// A large bounce is held out of the paste area, read-only (page_hide.go):
// 2 MB in a textarea costs the browser most of a second on every key.
// "Trim to edit" makes it editable by keeping what matters of it: its
// beginning (the headers) and the lines around the text that decided, as
// the worker found them, with a line for each part left out. The trimmed
// text is a few KB, so typing in it stays quick, and it is classified as
// any short text. Nothing of the 2 MB is copied into Go for it: the
// beginning is the one the area shows, the rest is the worker's excerpt.

// trimID is the button's id in index.html.
const trimID = "trim-held"

// showTrim shows "Trim to edit" while a large bounce is held and its
// excerpt is known (its verdict has come).
func (p *page) showTrim() {
	b := getElementByID(p.doc, trimID)
	if b == nil {
		return
	}
	if p.hide.large && p.hide.ex.Cut {
		b.Underlying().Call("removeAttribute", "hidden")
	} else {
		setAttribute(b, "hidden", "")
	}
}

func (p *page) wireTrim() {
	b := getElementByID(p.doc, trimID)
	if b == nil {
		return
	}
	on(b.Underlying(), "click", func(js.Value) {
		if !p.hide.large {
			return
		}
		whole := sizeText(p.hide.text.n)
		text, ok := TrimmedText(p.hide.text.preview(), p.hide.ex)
		if !ok {
			return
		}
		p.setBox(text)
		p.hideCopy()
		p.classify()
		p.say("Trimmed to edit: the box holds the beginning of the " + whole + " bounce and the lines around " +
			"the text that decided (" + sizeText(len16(text)) + "), marked where lines are left out. " + textContent(p.status))
		p.text.Focus()
	})
}
