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
// Fields already joined by one ' ' are copied as one run: most text is
// written so, and under js/wasm each copy is a call of memory.copy, which
// costs more than a short copy does natively.
func joinFields(b string) string {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		if c := b[i]; c < utf8.RuneSelf {
			if asciiSpace(c) {
				i++
				continue
			}
		} else if space, n := runeSpaceAt(b, i); space {
			i += n
			continue
		}
		// A run of fields: up to white space that is not one ' ' before
		// another field. Each field starts a look eight bytes at a time.
		j := i
	run:
		for j < len(b) {
			j = singleSpaced(b, j)
			for j < len(b) {
				c := b[j]
				if c >= utf8.RuneSelf {
					space, n := runeSpaceAt(b, j)
					if space {
						break run
					}
					j += n
					continue
				}
				if !asciiSpace(c) {
					j++
					continue
				}
				if c != ' ' || j+1 == len(b) {
					break run
				}
				if d := b[j+1]; d < utf8.RuneSelf {
					if asciiSpace(d) {
						break run
					}
				} else if space, _ := runeSpaceAt(b, j+1); space {
					break run
				}
				j++
				break
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

// singleSpaced returns how far from b[j], where a field goes on, the
// text is printable ASCII whose spaces are single ones between fields,
// looked at eight bytes at a time: j, or up to eight bytes before the end
// of that stretch. Under js/wasm a loop of one turn a byte costs four to
// five times what it costs natively.
func singleSpaced(b string, j int) int {
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; j+9 <= len(b); j += 8 {
		x := load64(b, j)
		// A byte of 0x80 and over or under 0x20 sets its high bit in
		// x|(x-0x20*ones); a space sets it in sp (the test for a zero
		// byte, which may also mark a '!' above a space, never misses
		// one). Two spaces side by side, or a space last before a byte
		// that is not printable ASCII, end the stretch.
		y := x ^ (' ' * ones)
		sp := (y - ones) &^ y & highs
		if (x|(x-0x20*ones))&highs != 0 || sp&(sp<<8) != 0 {
			return j
		}
		if x>>56 == ' ' {
			if n := b[j+8]; n <= ' ' || n >= utf8.RuneSelf {
				return j
			}
		}
	}
	return j
}

// load64 is the eight bytes of s from s[i], the first in the lowest byte:
// one load, natively and under js/wasm, where the compiler joins the eight
// byte loads.
func load64(s string, i int) uint64 {
	w := s[i : i+8]
	return uint64(w[0]) | uint64(w[1])<<8 | uint64(w[2])<<16 | uint64(w[3])<<24 |
		uint64(w[4])<<32 | uint64(w[5])<<40 | uint64(w[6])<<48 | uint64(w[7])<<56
}

// runeSpaceAt reports whether the character at b[i], not ASCII, is white
// space, as strings.Fields reads it, and its width in bytes.
func runeSpaceAt(b string, i int) (bool, int) {
	r, n := utf8.DecodeRuneInString(b[i:])
	return unicode.IsSpace(r), n
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
