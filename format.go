package bounce

import (
	"slices"
	"unicode/utf8"
	"unsafe"

	"github.com/bouncekit/bounce/catalog"
)

// formatSigns maps wording and header fields that MTAs and providers put in
// their bounces to a format name (Hints: format in
// catalog/data/signs-hints.txt). The first sign found decides. Signs are
// compared in lower case against "field: value" header lines and the text.
var formatSigns = catalog.Hints("format")

// formatFields are the header fields whose "field: value" lines are read
// for formatSigns.
var formatFields = catalog.Sign("format-field")

// formatSignsIn returns the index in formatSigns of the first sign that
// the first 16 KB of a text hold (the signs stand near the top of a
// bounce), or -1. pos is where textSignSet's phrases first occur in the
// text as the signs read it (see analyse); ascii says the text is ASCII.
func formatSignsIn(text string, ascii bool, pos []int32) int {
	ts := textSignSet()
	const top = 16 << 10
	if len(text) <= top {
		return ts.format.first(pos)
	}
	if ascii {
		// The same bytes: a sign's first occurrence must end in the top.
		for i, w := range ts.format.words {
			if p := ts.format.at(pos, i); p >= 0 && p+len(w) <= top {
				return i
			}
		}
		return -1
	}
	// Lower case changes the lengths of some runes: read the top alone.
	var buf [maxTextSigns]int32
	top16 := ts.set.positions(buf[:])
	ts.set.scanLower(text[:top], top16)
	return ts.format.first(top16)
}

// formatSet holds the signs of formatSigns alone, for the header lines.
var formatSet = lazy(func() *phraseSet { return newPhraseSet(formatWords(), nil) })

// detectFormat names the software that wrote a bounce, from its header and
// text, or returns "". inText is the index in formatSigns of the first sign
// the text holds (formatSignsIn), or -1.
func detectFormat(h header, inText int) string {
	if inText >= 0 {
		return formatSigns[inText].Target
	}
	// The header lines are read only when the text names no format. They
	// are put together on the stack when they fit, and read there only.
	var lbuf [2048]byte
	lines := lbuf[:0]
	for _, f := range h {
		if slices.Contains(formatFields, f.key) {
			lines = append(lines, f.key...)
			lines = append(lines, ": "...)
			lines = append(lines, f.value...)
			lines = append(lines, '\n')
		}
	}
	if len(lines) == 0 {
		return ""
	}
	fs := formatSet()
	var buf [128]int32
	pos := fs.positions(buf[:])
	fs.scanLower(unsafe.String(&lines[0], len(lines)), pos)
	for i := range fs.words {
		if pos[i] >= 0 {
			return formatSigns[i].Target
		}
	}
	return ""
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	i := 0
	if len(s) >= 16 {
		// Eight aligned bytes at a time, in one load (js/wasm does not
		// merge the loads of single bytes).
		p := unsafe.Pointer(unsafe.StringData(s))
		for ; uintptr(unsafe.Add(p, i))%8 != 0; i++ {
			if s[i] >= utf8.RuneSelf {
				return false
			}
		}
		for ; i+8 <= len(s); i += 8 {
			if *(*uint64)(unsafe.Add(p, i))&0x8080808080808080 != 0 {
				return false
			}
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// gramHash hashes a three-byte sequence (phraseSet files phrases under
// one of theirs).
func gramHash(a, b, c byte) uint16 {
	return uint16((uint32(a)<<16 | uint32(b)<<8 | uint32(c)) * 0x9E3779B1 >> 17)
}
