// Package token splits text into the words that catalog matching compares.
//
// It is shared by the catalog generator and the runtime matcher, so that both
// hash words the same way. A word is a run of letters and digits, folded to
// lower case; every Han, kana or Hangul character is a word of its own, since
// those scripts do not separate words with spaces. Everything else (spaces,
// punctuation, straight or curly quotes, dashes) only separates words.
package token

import (
	"unicode"
	"unicode/utf8"
)

// Token is one word of a text: its hash and its byte offsets.
type Token struct {
	Hash       uint32
	Start, End int32
}

const (
	offset32 = 2166136261
	prime32  = 16777619
)

// Split appends the words of s to dst and returns it. At most max words are
// returned when max > 0.
func Split(dst []Token, s string, max int) []Token {
	i := 0
	for i < len(s) {
		if max > 0 && len(dst) >= max {
			break
		}
		f := asciiFold[s[i]]
		if f == 0 {
			i++
			continue
		}
		if f < utf8.RuneSelf {
			start := i
			h := uint32(offset32)
			for i < len(s) {
				f = asciiFold[s[i]]
				if f >= utf8.RuneSelf {
					r, _ := utf8.DecodeRuneInString(s[i:])
					if !wordRune(r) || ownWord(r) {
						break
					}
					h = hashRune(h, r)
					i += utf8.RuneLen(r)
					continue
				}
				if f == 0 {
					break
				}
				h = (h ^ uint32(f)) * prime32
				i++
			}
			dst = append(dst, Token{fix(h), int32(start), int32(i)})
			continue
		}
		dst, i = runeWord(dst, s, i)
	}
	return dst
}

// runeWord reads what starts with the non-ASCII character at s[i]: it
// appends the word that starts there, if it is a letter or a digit, to
// dst, and returns the index after what it read.
func runeWord(dst []Token, s string, i int) ([]Token, int) {
	r, n := utf8.DecodeRuneInString(s[i:])
	if !wordRune(r) {
		return dst, i + n
	}
	start := i
	if ownWord(r) {
		i += n
		return append(dst, Token{fix(hashRune(offset32, r)), int32(start), int32(i)}), i
	}
	h := uint32(offset32)
	for i < len(s) {
		r, n = utf8.DecodeRuneInString(s[i:])
		if !wordRune(r) || ownWord(r) {
			break
		}
		h = hashRune(h, r)
		i += n
	}
	return append(dst, Token{fix(h), int32(start), int32(i)}), i
}

// Hash returns the hash of one word, as Split computes it.
func Hash(word string) uint32 {
	t := Split(nil, word, 1)
	if len(t) == 0 {
		return 0
	}
	return t[0].Hash
}

// asciiFold gives each byte the byte Split hashes for it: an ASCII letter
// in lower case, a digit as it is, 0 for any other ASCII byte (it only
// separates words), and 0xFF for a byte of a multi-byte character (decoded
// and looked at as a rune). One table load a byte, where the tests it
// stands for were five branches, which cost more under WebAssembly.
var asciiFold = func() (t [256]byte) {
	for c := range 256 {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = 0xFF
		case isASCIIWord(byte(c)):
			t[c] = byte(unicode.ToLower(rune(c)))
		}
	}
	return t
}()

func isASCIIWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func wordRune(r rune) bool {
	return r != utf8.RuneError && (unicode.IsLetter(r) || unicode.IsDigit(r))
}

func ownWord(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Hangul)
}

func hashRune(h uint32, r rune) uint32 {
	r = unicode.ToLower(r)
	if r < utf8.RuneSelf {
		return (h ^ uint32(r)) * prime32
	}
	var b [utf8.UTFMax]byte
	n := utf8.EncodeRune(b[:], r)
	for _, c := range b[:n] {
		h = (h ^ uint32(c)) * prime32
	}
	return h
}

// fix keeps 0 free: it marks a placeholder in catalog templates.
func fix(h uint32) uint32 {
	if h == 0 {
		return 1
	}
	return h
}
