package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Span is a byte range [Start, End) of a text.
type Span struct{ Start, End int }

type word struct {
	s          string
	start, end int
}

func words(s string) []word {
	var out []word
	start := -1
	for i, r := range s {
		w := unicode.IsLetter(r) || unicode.IsDigit(r)
		if w && start < 0 {
			start = i
		} else if !w && start >= 0 {
			out = append(out, word{s[start:i], start, i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, word{s[start:], start, len(s)})
	}
	return out
}

// maxSkip is how many code words ("550", "5", "1", "1" of "550-5.1.1")
// may stand between two words of the evidence in the pasted text, where a
// multi-line reply repeats its codes at the start of each line.
const maxSkip = 8

// FindEvidence locates evidence in text and returns the spans to mark:
// the evidence's words in order, compared without case, separated in text
// only by spaces, punctuation, line breaks and the reply codes that start
// continuation lines. It returns nil when evidence is empty or not found.
func FindEvidence(text, evidence string) []Span {
	ew := words(evidence)
	if len(ew) == 0 {
		return nil
	}
	tw := words(text)
	for i := range tw {
		if !strings.EqualFold(tw[i].s, ew[0].s) {
			continue
		}
		if spans, ok := matchFrom(tw, ew, i); ok {
			return balance(text, spans)
		}
	}
	return nil
}

func matchFrom(tw, ew []word, i int) ([]Span, bool) {
	spans := []Span{{tw[i].start, tw[i].end}}
	j := i + 1
	for _, w := range ew[1:] {
		skipped := 0
		for j < len(tw) && !strings.EqualFold(tw[j].s, w.s) {
			if !isCode(tw[j].s) || skipped == maxSkip {
				return nil, false
			}
			skipped++
			j++
		}
		if j == len(tw) {
			return nil, false
		}
		if skipped > 0 {
			spans = append(spans, Span{tw[j].start, tw[j].end})
		} else {
			spans[len(spans)-1].End = tw[j].end
		}
		j++
	}
	return spans, true
}

func isCode(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return utf8.RuneCountInString(s) <= 3
}

// Piece is a part of a text, marked or not.
type Piece struct {
	Text   string
	Marked bool
}

// Pieces cuts text at the spans (which may overlap and come in any order)
// into plain and marked pieces, in order.
func Pieces(text string, spans []Span) []Piece {
	marked := make([]bool, len(text)+1)
	for _, s := range spans {
		for k := max(s.Start, 0); k < min(s.End, len(text)); k++ {
			marked[k] = true
		}
	}
	var out []Piece
	start := 0
	for k := 1; k <= len(text); k++ {
		if k == len(text) || marked[k] != marked[start] {
			out = append(out, Piece{text[start:k], marked[start]})
			start = k
		}
	}
	return out
}

// balance widens the first span over an opening bracket just before it
// whose closing bracket the spans mark ("[TSS04]" marked whole, not
// "TSS04]").
func balance(text string, spans []Span) []Span {
	s := &spans[0]
	if s.Start == 0 {
		return spans
	}
	closer := map[byte]byte{'[': ']', '(': ')', '<': '>', '{': '}'}[text[s.Start-1]]
	if closer == 0 {
		return spans
	}
	for _, sp := range spans {
		if strings.IndexByte(text[sp.Start:sp.End], closer) >= 0 {
			s.Start--
			break
		}
	}
	return spans
}
