package bounce

import (
	"math/rand/v2"
	"strings"
	"testing"
)

// slowFirst is what phraseSet.scan must find: where w first stands in
// toLower(s), or, for a phrase compared with the fields, in
// lowerFields(s[:wsEnd]) (as an offset of that text, which orders the
// phrases the same way).
func slowFirst(s string, wsEnd int, w string, fields bool) int {
	if !fields {
		return strings.Index(toLower(s), w+"")
	}
	return strings.Index(lowerFields(s[:min(wsEnd, len(s))]), w)
}

// TestPhraseSetAgreesWithSearch checks scan against a search of the
// lower-case text (and of its fields) for phrases and texts made to meet
// the edge cases: white space runs at either end, case, phrases that
// overlap, that share an anchor, that begin or end with a space, shorter
// than an anchor, and non-ASCII text.
func TestPhraseSetAgreesWithSearch(t *testing.T) {
	words := []string{"rcpt to", "in reply to rcpt to", "after data", " data", "data ", "ab", "a", "to  x",
		"delivery failed", "failed", "ailed", "ail", "end of", "a.b", "aaaa", "e.com", "x.", "\u00e9chec", "mail from", ">>> rcpt to",
		"rcpt to:<"}
	fields := make([]bool, len(words))
	for i, w := range words {
		// Some phrases with spaces are compared with the text itself.
		fields[i] = strings.Contains(w, " ") && w != "in reply to rcpt to" && w != "delivery failed" && w != "mail from"
	}
	ps := newPhraseSet(words, fields)
	pieces := []string{"rcpt", "RCPT", " ", "  ", "\n", "\t\r\n ", "to", "TO:<", "in", "reply", "after", "DATA", "data",
		"a", "b", "x", ".", "aaaaa", "e.com", "end", "of", "ail", "AIL", "a.b", "Delivery", "FAILED", "mail", "from", ">>>", "\u00e9", "\u00c9chec", "\u212a", "-"}
	rng := rand.New(rand.NewPCG(1, 2))
	pos := make([]int32, len(words))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rng.IntN(14); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		wsEnd := len(s)
		if n%3 == 0 {
			wsEnd = rng.IntN(len(s) + 1)
		}
		l := s
		if !isASCII(s) {
			// The fields of a text that is not ASCII are read from
			// lowerFields (stageOfInto): only the other phrases are
			// checked here.
			l = toLower(s)
		}
		ps.scan(l, wsEnd, pos)
		for i, w := range words {
			if fields[i] && !isASCII(s) {
				continue
			}
			want := slowFirst(s, wsEnd, w, fields[i])
			got := int(pos[i])
			if fields[i] {
				// Offsets differ between the text and its fields; only
				// whether and in which order phrases stand counts.
				if (got >= 0) != (want >= 0) {
					t.Fatalf("%q in %q (wsEnd %d): found at %d, want %d", w, s, wsEnd, got, want)
				}
				continue
			}
			if got != want {
				t.Fatalf("%q in %q: found at %d, want %d", w, s, got, want)
			}
		}
		// The order of the phrases compared with the fields.
		for i := range words {
			for j := range words {
				if !fields[i] || !fields[j] || !isASCII(s) || pos[i] < 0 || pos[j] < 0 {
					continue
				}
				wi, wj := slowFirst(s, wsEnd, words[i], true), slowFirst(s, wsEnd, words[j], true)
				if (pos[i] < pos[j]) != (wi < wj) {
					t.Fatalf("%q and %q in %q: order %d, %d, want %d, %d", words[i], words[j], s, pos[i], pos[j], wi, wj)
				}
			}
		}
	}
}

// TestStageOfAgreesWithFields checks stageOf on ASCII text, which reads
// the text itself, against the stage phrases searched in its fields.
func TestStageOfAgreesWithFields(t *testing.T) {
	pieces := []string{"in", "reply", "to", "RCPT", "rcpt", "TO:<", "end", "of", "DATA", "after", "mail", "from", "EHLO",
		">>>", "connection", "refused", "smtp:rcpt", "[data]", "x", " ", "  ", "\n", "\t", "\r\n"}
	rng := rand.New(rand.NewPCG(3, 4))
	for n := 0; n < 20000; n++ {
		var b strings.Builder
		for k := rng.IntN(16); k >= 0; k-- {
			b.WriteString(pieces[rng.IntN(len(pieces))])
		}
		s := b.String()
		l := lowerFields(s)
		best, at := "", len(l)+1
		for _, g := range stageSigns {
			for _, p := range g.signs {
				if i := strings.Index(l, p.Phrase); i >= 0 && i < at {
					best, at = p.Target, i
				}
			}
		}
		if got := stageOf(s); got != best {
			t.Fatalf("stageOf(%q) = %q, want %q", s, got, best)
		}
	}
}

// TestTextSignsAgreeWithSearch checks the lists read through textSignSet
// against a search of each list in the lower-case text, over the messages
// of the corpus read as text.
func TestTextSignsAgreeWithSearch(t *testing.T) {
	ts := textSignSet()
	pos := make([]int32, len(ts.set.words))
	msgs, _ := perfCorpus(t)
	for n, m := range msgs {
		text, f := string(m), n
		l := ts.set.scanLower(text, pos)
		lower := toLower(text)
		if l != text && l != lower {
			t.Fatalf("%d: scanLower read neither the text nor its lower case", f)
		}
		for name, list := range map[string]signList{"format": ts.format, "expiry": ts.expiry, "delay": ts.delay,
			"failure": ts.failure, "bounce": ts.bounce, "delay-warning": ts.delayWarning} {
			want := -1
			for i, w := range list.words {
				if strings.Contains(lower, w) {
					want = i
					break
				}
			}
			if got := list.first(pos); got != want {
				t.Errorf("%d: %s: first phrase %d, want %d", f, name, got, want)
			}
		}
	}
}

// TestIsASCII checks isASCII against a byte loop, with the first non-ASCII
// byte at every offset of texts that start at every alignment.
func TestIsASCII(t *testing.T) {
	buf := []byte(strings.Repeat("abcdefgh", 8))
	for start := 0; start < 8; start++ {
		for n := 0; start+n <= len(buf); n++ {
			for bad := -1; bad < n; bad++ {
				b := append([]byte(nil), buf...)
				if bad >= 0 {
					b[start+bad] = 0xC3
				}
				s := string(b)[start : start+n]
				want := true
				for i := 0; i < len(s); i++ {
					want = want && s[i] < 0x80
				}
				if got := isASCII(s); got != want {
					t.Fatalf("isASCII(%q) = %v, want %v", s, got, want)
				}
			}
		}
	}
}
