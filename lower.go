package bounce

import (
	"strings"
	"unicode/utf8"
	"unsafe"
)

// toLower is strings.ToLower, in one pass and one allocation for ASCII
// text (strings.ToLower writes ASCII byte by byte through a Builder, which
// made it the largest single cost of reading a bounce). Text with other
// runes goes to strings.ToLower, so the result is always the same.
func toLower(s string) string {
	i := 0
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		if 'A' <= c && c <= 'Z' {
			break
		}
	}
	if i == len(s) {
		return s // nothing to change, as strings.ToLower returns s
	}
	b := make([]byte, len(s))
	copy(b, s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			return strings.ToLower(s)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return unsafe.String(&b[0], len(b)) // b is not written again
}
