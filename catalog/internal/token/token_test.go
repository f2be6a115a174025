package token

import (
	"math/rand/v2"
	"slices"
	"testing"
	"unicode/utf8"
)

// TestSplitAsReference checks Split, which reads a byte table, against
// splitRef, the tests the table stands for written out (Split before the
// table), on texts of every kind of byte: ASCII letters of both cases,
// digits, separators, accented and CJK letters, invalid UTF-8, and words
// cut short by max.
func TestSplitAsReference(t *testing.T) {
	pieces := []string{"a", "Z", "q", "M", "0", "9", " ", "-", "'", ".", "_", "\t", "\x00", "\x7f",
		"é", "É", "ß", "ǅ", "Ω", "ω", "日", "本", "カ", "한", "١", "\u00a0", "\u2019", "\xff", "\xc3", "\xe6\x97"}
	cases := []string{"", "The email account that you tried to reach does not exist.", "550-5.1.1 USER_UNKNOWN",
		"Ünbekannter Empfänger", "メールボックスが見つかりません", "abc\xffdef", "x\xc3", "ÉCOLE école"}
	r := rand.New(rand.NewPCG(1, 2))
	for range 20000 {
		var b []byte
		for range r.IntN(24) {
			b = append(b, pieces[r.IntN(len(pieces))]...)
		}
		cases = append(cases, string(b))
	}
	for _, s := range cases {
		for _, max := range []int{0, 1, 3} {
			got, want := Split(nil, s, max), splitRef(nil, s, max)
			if !slices.Equal(got, want) {
				t.Fatalf("Split(%q, %d) = %v, want %v", s, max, got, want)
			}
		}
	}
	if asciiFold['A'] != 'a' || asciiFold['z'] != 'z' || asciiFold['5'] != '5' || asciiFold[' '] != 0 || asciiFold[0x80] != 0xFF || !utf8.ValidString("é") {
		t.Fatal("asciiFold is wrong")
	}
}

func splitRef(dst []Token, s string, max int) []Token {
	i := 0
	for i < len(s) {
		if max > 0 && len(dst) >= max {
			break
		}
		c := s[i]
		if c < utf8.RuneSelf {
			if !isASCIIWord(c) {
				i++
				continue
			}
			start := i
			h := uint32(offset32)
			for i < len(s) {
				c = s[i]
				if c >= utf8.RuneSelf {
					r, _ := utf8.DecodeRuneInString(s[i:])
					if !wordRune(r) || ownWord(r) {
						break
					}
					h = hashRune(h, r)
					i += utf8.RuneLen(r)
					continue
				}
				if !isASCIIWord(c) {
					break
				}
				if 'A' <= c && c <= 'Z' {
					c += 'a' - 'A'
				}
				h = (h ^ uint32(c)) * prime32
				i++
			}
			dst = append(dst, Token{fix(h), int32(start), int32(i)})
			continue
		}
		dst, i = runeWord(dst, s, i)
	}
	return dst
}
