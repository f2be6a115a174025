package catalog

import (
	"testing"
	"unicode/utf8"
)

// FuzzMatch checks that Match never panics, that its evidence range lies in
// the text, and that a hit has a coverage in range.
func FuzzMatch(f *testing.F) {
	for _, e := range Entries() {
		for _, s := range e.Samples {
			f.Add(s)
		}
	}
	f.Add("")
	f.Add("\xff\xfe{ip}{text}")
	f.Fuzz(func(t *testing.T, s string) {
		hit, ok := Match(s, Query{})
		if !ok {
			return
		}
		if hit.Start < 0 || hit.End > len(s) || hit.Start > hit.End {
			t.Fatalf("evidence [%d:%d] outside text of %d bytes", hit.Start, hit.End, len(s))
		}
		if hit.Coverage < minCoverage || hit.Coverage > 1 {
			t.Fatalf("coverage %v", hit.Coverage)
		}
		if utf8.ValidString(s) && !utf8.ValidString(s[hit.Start:hit.End]) {
			t.Fatalf("evidence splits a character")
		}
	})
}
