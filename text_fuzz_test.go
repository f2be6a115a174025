package bounce

import (
	"strings"
	"testing"
)

// FuzzJoinFields: joinFields is strings.Join(strings.Fields(s), " ") for
// any text, whatever its white space, its runes or its invalid bytes.
func FuzzJoinFields(f *testing.F) {
	for _, s := range textHelperInputs {
		f.Add(s)
	}
	f.Add("a  b c\u00a0 d \u2003e\t f ")
	f.Add(" \u0085x y\u0085 z")
	f.Add("a \u00a0b c \u3000")
	f.Add("a b \xff c ")
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := joinFields(s), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("joinFields(%q) = %q, want %q", s, got, want)
		}
	})
}

// TestJoinFieldsEveryOffset puts each kind of white space, and bytes that
// look like it eight at a time, at every offset of a sentence, so that
// each falls at every place of an eight-byte look and across two.
func TestJoinFieldsEveryOffset(t *testing.T) {
	const sentence = "The email account that you tried to reach does not exist, please try again."
	for _, ins := range []string{" ", "  ", "\t", "\n", " \n", "\u00a0", " \u00a0", "\u00a0 ", "\u3000", "!", " !", "\x00", "é", "\xff", "\u0085"} {
		for k := 0; k <= len(sentence); k++ {
			s := sentence[:k] + ins + sentence[k:]
			if got, want := joinFields(s), strings.Join(strings.Fields(s), " "); got != want {
				t.Fatalf("joinFields(%q) = %q, want %q", s, got, want)
			}
		}
	}
}

// FuzzNormalizeEOL: normalizeEOL turns CRLF, then any CR left, into LF.
func FuzzNormalizeEOL(f *testing.F) {
	for _, s := range []string{"", "\r", "\n", "\r\n", "\n\r", "\r\r\n", "a\r\nb\rc\nd\r", "\r\n\r\n\r\r", "no line end", "x\r"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		want := strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
		if got := string(normalizeEOL([]byte(s))); got != want {
			t.Errorf("normalizeEOL(%q) = %q, want %q", s, got, want)
		}
	})
}
