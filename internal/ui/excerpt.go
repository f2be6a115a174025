package ui

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Excerpt is the part of a long bounce that the page shows under the
// cards: the lines around each deciding text, so that the evidence view of
// a 2 MB paste is a few KB of DOM and not one long task. The whole text
// stays in the paste area.
type Excerpt struct {
	Text  string // the lines shown, with a "[… N lines not shown …]" line for each gap
	Lines int    // lines in the whole text
	Cut   bool   // some of the text is left out
}

const (
	excerptContext = 6       // lines shown before and after a deciding line
	excerptBytes   = 2 << 10 // at most this much of one line around a mark (a text without line breaks)
	excerptMax     = 32 << 10
	excerptMarks   = 16 // distinct evidence texts looked for
)

// MakeExcerpt returns the lines of text around each evidence (as
// FindEvidence finds them), at most excerptMax bytes. Text no longer than
// excerptMax is returned whole. When no evidence is found, the excerpt is
// the start of the text.
func MakeExcerpt(text string, evidence []string) Excerpt {
	lines := strings.Count(text, "\n")
	if text != "" && !strings.HasSuffix(text, "\n") {
		lines++
	}
	if len(text) <= excerptMax {
		return Excerpt{Text: text, Lines: lines}
	}
	var spans []Span
	seen := map[string]bool{}
	for _, ev := range evidence {
		if ev == "" || seen[ev] || len(seen) == excerptMarks {
			continue
		}
		seen[ev] = true
		spans = append(spans, FindEvidence(text, ev)...)
	}
	if len(spans) == 0 {
		spans = []Span{{0, 0}}
	}
	// Each span widened to whole lines plus context, but never by more
	// than excerptBytes on a side; then merged.
	var parts []Span
	for _, s := range spans {
		lo, hi := s.Start, s.End
		lo = strings.LastIndexByte(text[:lo], '\n') + 1
		for range excerptContext {
			if lo == 0 {
				break
			}
			lo = strings.LastIndexByte(text[:lo-1], '\n') + 1
		}
		for range excerptContext + 1 {
			if hi >= len(text) {
				break
			}
			i := strings.IndexByte(text[hi:], '\n')
			if i < 0 {
				hi = len(text)
				break
			}
			hi += i + 1
		}
		lo = runeStart(text, max(lo, s.Start-excerptBytes))
		hi = runeStart(text, min(hi, s.End+excerptBytes))
		parts = append(parts, Span{lo, hi})
	}
	// By start; there are few (insertion sort: slices' sorts would add
	// their generic code to bounce.wasm).
	for i := 1; i < len(parts); i++ {
		for j := i; j > 0 && parts[j].Start < parts[j-1].Start; j-- {
			parts[j], parts[j-1] = parts[j-1], parts[j]
		}
	}
	merged := parts[:1]
	for _, p := range parts[1:] {
		last := &merged[len(merged)-1]
		if p.Start <= last.End {
			last.End = max(last.End, p.End)
		} else {
			merged = append(merged, p)
		}
	}
	var b strings.Builder
	gap := func(from, to int) {
		if from >= to {
			return
		}
		n := strings.Count(text[from:to], "\n")
		if b.Len() > 0 && !strings.HasSuffix(b.String(), "\n") {
			b.WriteByte('\n')
		}
		switch {
		case n > 1:
			b.WriteString("[… " + thousands(n) + " lines not shown …]\n")
		default:
			b.WriteString("[… " + thousands(to-from) + " bytes not shown …]\n")
		}
	}
	at := 0
	for _, p := range merged {
		if b.Len()+p.End-p.Start > excerptMax && b.Len() > 0 {
			break
		}
		gap(at, p.Start)
		end := min(p.End, runeStart(text, p.Start+excerptMax))
		b.WriteString(text[p.Start:end])
		at = end
	}
	gap(at, len(text))
	return Excerpt{Text: b.String(), Lines: lines, Cut: true}
}

// runeStart moves i back to the start of the UTF-8 sequence it is in.
func runeStart(s string, i int) int {
	i = max(0, min(i, len(s)))
	for i > 0 && i < len(s) && !utf8.RuneStart(s[i]) {
		i--
	}
	return i
}

// thousands formats n with commas between groups of three digits.
func thousands(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0 && s[i-1] != '-'; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// TrimmedText is a large bounce cut down so that it can be edited: head,
// its beginning, to its last whole line, then the lines of ex, the
// excerpt of the whole text, around its deciding text; the lines between
// them are replaced by one that says how many were left out, as ex's own
// gaps are. Where head and the excerpt's first lines meet or overlap, or
// head has no whole line, it is ex's text alone. ok is false when ex is
// not an excerpt (the text is short enough to edit whole).
func TrimmedText(head string, ex Excerpt) (text string, ok bool) {
	if !ex.Cut {
		return "", false
	}
	first, rest, _ := strings.Cut(ex.Text, "\n")
	const pre, post = "[… ", " lines not shown …]"
	nl := strings.LastIndexByte(head, '\n')
	if len(first) < len(pre)+len(post) || !strings.HasPrefix(first, pre) || !strings.HasSuffix(first, post) || nl < 0 {
		return ex.Text, true // the excerpt starts with the text's start, or head is one partial line
	}
	n := 0
	for _, c := range first[len(pre) : len(first)-len(post)] {
		switch {
		case c >= '0' && c <= '9':
			n = n*10 + int(c-'0')
		case c != ',':
			return ex.Text, true
		}
	}
	head = head[:nl]
	left := n - strings.Count(head, "\n") - 1 // the newlines of the gap after head and its line end
	if left < 2 {
		return ex.Text, true
	}
	return head + "\n[… " + thousands(left) + " lines not shown …]\n" + rest, true
}
