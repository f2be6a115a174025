package bounce

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// toLower is strings.ToLower, in one pass and one allocation for ASCII
// text (strings.ToLower writes ASCII byte by byte through a Builder, which
// made it the largest single cost of reading a bounce). Text with other
// runes goes to strings.ToLower, so the result is always the same. It is
// not inlined: it is called from 43 places, and the call costs little next
// to the pass over s.
//
//go:noinline
func toLower(s string) string {
	l, _ := toLowerInto(nil, s)
	return l
}

// toLowerInto is toLower, writing an ASCII result into dst's array when it
// is large enough; it returns the result and the buffer, for the next
// call. The result shares dst's array: it is valid until dst is written
// again.
func toLowerInto(dst []byte, s string) (string, []byte) {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s), dst
		}
		if 'A' <= c && c <= 'Z' {
			break
		}
	}
	if i == len(s) {
		return s, dst // nothing to change, as strings.ToLower returns s
	}
	b := dst[:0]
	if cap(b) < len(s) {
		b = make([]byte, len(s))
	}
	b = b[:len(s)]
	copy(b, s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s), b
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return unsafe.String(&b[0], len(b)), b
}

// scratch holds the buffers of the lower-case copies that reading one
// message needs only while it reads it; scratchPool passes them from one
// message to the next.
type scratch struct {
	lower, fields []byte
	pos           []int32 // where the phrases of textSignSet stand in the text and the subject
	memo          memo    // the verdicts decided in the message (decide)
}

var scratchPool = sync.Pool{New: func() any { return new(scratch) }}

// maxScratch is the largest buffer kept for the next message, so that one
// huge message does not hold its memory.
const maxScratch = 1 << 20

// release returns sc to the pool; nothing may use its buffers afterwards.
func (sc *scratch) release() {
	sc.memo.reset()
	if cap(sc.lower) > maxScratch {
		sc.lower = nil
	}
	if cap(sc.fields) > maxScratch {
		sc.fields = nil
	}
	scratchPool.Put(sc)
}

// hasPrefixLower is strings.HasPrefix(toLower(s), w), without lowering s
// when its first len(w) bytes are ASCII.
func hasPrefixLower(s, w string) bool {
	if n := min(len(s), len(w)); !isASCII(s[:n]) {
		return strings.HasPrefix(toLower(s), w)
	}
	return len(s) >= len(w) && equalLower(s[:len(w)], w)
}

// joinFieldsBytes is joinFields for a byte slice. It is not inlined: 16
// callers, each of which would copy its check and call.
//
//go:noinline
func joinFieldsBytes(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	return joinFields(unsafe.String(&b[0], len(b))) // read only; the result is a copy
}

// joinFields is strings.Join(strings.Fields(b), " ") in one allocation.
func joinFields(b string) string {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		c := b[i]
		if c < utf8.RuneSelf {
			if asciiSpace(c) {
				i++
				continue
			}
		} else if r, n := utf8.DecodeRuneInString(b[i:]); unicode.IsSpace(r) {
			i += n
			continue
		}
		// A field: up to the next space.
		j := i
		for j < len(b) {
			if c := b[j]; c < utf8.RuneSelf {
				if asciiSpace(c) {
					break
				}
				j++
			} else if r, n := utf8.DecodeRuneInString(b[j:]); unicode.IsSpace(r) {
				break
			} else {
				j += n
			}
		}
		if len(out) > 0 {
			out = append(out, ' ')
		}
		out = append(out, b[i:j]...)
		i = j
	}
	if len(out) == 0 {
		return ""
	}
	return unsafe.String(&out[0], len(out)) // out is not written again
}

// fieldCount is len(strings.Fields(s)), without the slice.
func fieldCount(s string) int { return fieldsUpTo(s, len(s)) }

// fieldsUpTo is fieldCount, counting no further than max: a check such as
// "more than four words" reads only as far as the fifth.
func fieldsUpTo(s string, max int) int {
	n := 0
	in := false
	for i := 0; i < len(s) && n < max; {
		space := false
		if c := s[i]; c < utf8.RuneSelf {
			space = asciiSpace(c)
			i++
		} else {
			r, w := utf8.DecodeRuneInString(s[i:])
			space = unicode.IsSpace(r)
			i += w
		}
		if !space && !in {
			n++
		}
		in = !space
	}
	return n
}

// asciiSpace reports whether c is white space as strings.Fields reads
// ASCII.
func asciiSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r'
}
