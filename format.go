package bounce

import (
	"slices"
	"strings"
	"sync"
	"unicode/utf8"

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

// formatList holds the signs of formatSigns.
var formatList = sync.OnceValue(func() *phraseList {
	words := make([]string, len(formatSigns))
	for i, s := range formatSigns {
		words[i] = s.Phrase
	}
	return newPhraseList(words)
})

// detectFormat names the software that wrote a bounce, from its header and
// text, or returns "". lower is the text in lower case.
func detectFormat(h header, text string, lower lowerText) string {
	tl := lower
	if len(text) > 16<<10 {
		text = text[:16<<10] // the signs stand near the top of a bounce
		if isASCII(text) {
			// The lower-case text starts with the same bytes, and what its
			// filter rules out is not in them either.
			tl.s = tl.s[:len(text)]
		} else {
			tl = lowerText{s: toLower(text)}
		}
	}
	list := formatList()
	if i := tl.first(list.words, list.grams()); i >= 0 {
		return formatSigns[i].Target
	}
	// The header lines are read only when the text names no format.
	var sb strings.Builder
	for _, f := range h {
		if slices.Contains(formatFields, f.key) {
			sb.WriteString(f.key)
			sb.WriteString(": ")
			sb.WriteString(f.value)
			sb.WriteByte('\n')
		}
	}
	hl := toLower(sb.String())
	var buf [128]uint64
	if i := newLowerText(hl, buf[:]).first(list.words, list.grams()); i >= 0 {
		return formatSigns[i].Target
	}
	return ""
}

// isASCII reports whether s is all ASCII.
func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// gramFilter records which three-byte sequences a text holds, hashed into
// the bits of a caller's buffer (a power of two of 64-bit words). A phrase
// with a sequence the text lacks cannot be in it, so most phrases of a list
// are ruled out without searching the text.
type gramFilter struct {
	bits []uint64
	mask uint16
}

func gramHash(a, b, c byte) uint16 {
	return uint16((uint32(a)<<16 | uint32(b)<<8 | uint32(c)) * 0x9E3779B1 >> 17)
}

// fill adds the sequences of s.
func (f *gramFilter) fill(s string) {
	for i := 0; i+2 < len(s); i++ {
		h := gramHash(s[i], s[i+1], s[i+2]) & f.mask
		f.bits[h>>6] |= 1 << (h & 63)
	}
}

// may reports whether a text holding all of grams may be the filtered one.
func (f *gramFilter) may(grams []uint16) bool {
	for _, h := range grams {
		h &= f.mask
		if f.bits[h>>6]&(1<<(h&63)) == 0 {
			return false
		}
	}
	return true
}

// gramsOf returns the hashed three-byte sequences of each phrase.
func gramsOf(phrases []string) [][]uint16 {
	out := make([][]uint16, len(phrases))
	for k, p := range phrases {
		g := make([]uint16, 0, max(len(p)-2, 0))
		for i := 0; i+2 < len(p); i++ {
			g = append(g, gramHash(p[i], p[i+1], p[i+2]))
		}
		out[k] = g
	}
	return out
}

// minFiltered is the text length from which a filter pays for itself.
const minFiltered = 24

// lowerText is a text in lower case, with a filter of its sequences when it
// is long enough to be worth one (f.bits is nil otherwise).
type lowerText struct {
	s string
	f gramFilter
}

// newLowerText returns l (a lower-case text) with a filter of it in buf
// (zero, a power of two from 1 to 512 words), when l is long enough.
func newLowerText(l string, buf []uint64) lowerText {
	if len(l) < minFiltered {
		return lowerText{s: l}
	}
	t := lowerText{s: l, f: gramFilter{bits: buf, mask: uint16(len(buf)*64 - 1)}}
	t.f.fill(l)
	return t
}

// filterWords returns the number of 64-bit words, a power of two up to
// max, that a filter of a text of n bytes needs to rule out most phrases
// (about eight bits a sequence): a short text clears a small filter.
func filterWords(n, max int) int {
	w := 1
	for w < max && w*8 < n {
		w *= 2
	}
	return w
}

// contains reports whether the text holds phrase w, whose sequences are g.
func (t lowerText) contains(w string, g []uint16) bool {
	if t.f.bits != nil && !t.f.may(g) {
		return false
	}
	return strings.Contains(t.s, w)
}

// index is strings.Index of w, whose sequences are g, in the text.
func (t lowerText) index(w string, g []uint16) int {
	if t.f.bits != nil && !t.f.may(g) {
		return -1
	}
	return strings.Index(t.s, w)
}

// first returns the index in words of the first phrase the text holds, or
// -1.
func (t lowerText) first(words []string, grams [][]uint16) int {
	for i, w := range words {
		if t.contains(w, grams[i]) {
			return i
		}
	}
	return -1
}

// phraseList is a list of phrases with their sequences, computed on first
// use.
type phraseList struct {
	words []string
	grams func() [][]uint16
}

// lazyPhraseList returns a function that makes words' phraseList on its
// first call, for the package's lists of catalog signs.
//
//go:noinline
func lazyPhraseList(words []string) func() *phraseList {
	// Not inlined: each inlined copy of sync.OnceValue and its closures was
	// some 2 KB of bounce.wasm's code in the package's init.
	return sync.OnceValue(func() *phraseList { return newPhraseList(words) })
}

func newPhraseList(words []string) *phraseList {
	return &phraseList{words: words, grams: sync.OnceValue(func() [][]uint16 { return gramsOf(words) })}
}

// first returns the first phrase of the list that t holds, or "".
func (p *phraseList) first(t lowerText) string {
	if i := t.first(p.words, p.grams()); i >= 0 {
		return p.words[i]
	}
	return ""
}
