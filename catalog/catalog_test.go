package catalog

import (
	"crypto/sha256"
	"fmt"
	"slices"
	"strings"
	"testing"
)

func TestEntriesWellFormed(t *testing.T) {
	seen := map[string]bool{}
	for _, e := range Entries() {
		if seen[e.ID] {
			t.Errorf("duplicate ID %s", e.ID)
		}
		seen[e.ID] = true
		if ReasonByName(e.Reason) == nil {
			t.Errorf("%s: reason %q not in reasons.tsv", e.ID, e.Reason)
		}
		switch e.Class {
		case ClassPermanent, ClassTemporary, ClassSuccess, ClassUnknown:
		default:
			t.Errorf("%s: class %q", e.ID, e.Class)
		}
		if e.Explanation == "" || e.Action == "" || e.Retry == "" || e.Who == "" {
			t.Errorf("%s: missing explanation, action, retry or who", e.ID)
		}
		for _, s := range e.Sources {
			if DocByID(s) == nil {
				t.Errorf("%s: unknown source %q", e.ID, s)
			}
		}
		if Lookup(e.ID) == nil || Lookup(e.ID).ID != e.ID {
			t.Errorf("Lookup(%q) fails", e.ID)
		}
	}
	if Lookup("no.such.entry") != nil {
		t.Error("Lookup of an unknown ID found something")
	}
}

// TestSamplesMatchOwnEntry checks that every entry's template matches the
// sample text made from it, and that the matcher picks that very entry.
func TestSamplesMatchOwnEntry(t *testing.T) {
	n := 0
	for i := range Entries() {
		e := &Entries()[i]
		for _, s := range e.Samples {
			n++
			q := Query{Provider: e.Provider}
			if len(e.Replies) > 0 {
				q.Reply = e.Replies[0]
			}
			if len(e.Statuses) > 0 {
				q.Status = e.Statuses[0]
			}
			hit, ok := Match(s, q)
			if !ok {
				t.Errorf("%s: sample %q matches nothing", e.ID, s)
				continue
			}
			if hit.Entry.ID != e.ID && !sameTexts(hit.Entry, e) {
				t.Errorf("%s: sample %q matches %s instead", e.ID, s, hit.Entry.ID)
			}
		}
	}
	if n == 0 {
		t.Fatal("no entry has samples: samples_test.go is not filling Entry.Samples")
	}
	t.Logf("%d samples", n)
}

// sameTexts reports whether two entries share a wording, in which case
// either may win.
func sameTexts(a, b *Entry) bool {
	for _, x := range a.Texts {
		for _, y := range b.Texts {
			if strings.EqualFold(x, y) {
				return true
			}
		}
	}
	return false
}

func TestJunkMatchesNothing(t *testing.T) {
	junk := []string{
		"",
		"hello world",
		"Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.",
		"The quick brown fox jumps over the lazy dog",
		"Meeting moved to Thursday at 3pm, please bring the quarterly numbers.",
		strings.Repeat("a ", 5000),
		"\x00\xff\xfe invalid bytes",
		"550",
		"12345 67890",
	}
	for _, j := range junk {
		if hit, ok := Match(j, Query{}); ok {
			t.Errorf("Match(%.40q) = %s (coverage %.2f), want nothing", j, hit.Entry.ID, hit.Coverage)
		}
	}
}

// slowMatch scores every template without the word index, as a reference
// for the indexed matcher.
func slowMatch(text string, q Query) (Hit, bool) {
	saved := candidatesFunc
	candidatesFunc = func(toks []tokenT) []uint16 {
		h := make([]uint16, len(templates))
		for i := range h {
			h[i] = 1 << 15
		}
		return h
	}
	defer func() { candidatesFunc = saved }()
	return Match(text, q)
}

func TestIndexAgreesWithSlowMatch(t *testing.T) {
	for i := range Entries() {
		e := &Entries()[i]
		for _, s := range e.Samples {
			fast, ok1 := Match(s, Query{})
			slow, ok2 := slowMatch(s, Query{})
			if ok1 != ok2 || ok1 && fast.Entry != slow.Entry && !sameTexts(fast.Entry, slow.Entry) {
				t.Errorf("%q: index gives %v, full scan %v", s, name(fast), name(slow))
			}
		}
	}
}

func name(h Hit) string {
	if h.Entry == nil {
		return "nothing"
	}
	return h.Entry.ID
}

func TestByStatusScopedToProvider(t *testing.T) {
	iana := ByStatus("", "5.7.27")
	if iana == nil || iana.Provider != "iana" {
		t.Fatalf("ByStatus(\"\", 5.7.27) = %v, want IANA's entry", iana)
	}
	if g := ByStatus("google", "5.7.27"); g == nil || g.Provider != "google" || g.Reason == iana.Reason {
		t.Errorf("ByStatus(google, 5.7.27) = %+v, want Google's own meaning", g)
	}
	if ByStatus("", "5.9.99") != nil {
		t.Error("an unregistered code has an IANA entry")
	}
	for _, c := range []int{421, 450, 451, 452, 550, 552, 553, 554} {
		if e := ByReply(c); e == nil || e.Provider != "rfc5321" {
			t.Errorf("ByReply(%d) = %v", c, e)
		}
	}
}

func TestSearch(t *testing.T) {
	for _, q := range []string{"5.7.26", "550", "DMARC", "dmarc policy", ""} {
		if len(Search(q)) == 0 {
			t.Errorf("Search(%q) found nothing", q)
		}
	}
	for _, e := range Search("5.7.26") {
		if !slices.Contains(e.Statuses, "5.7.26") && !slices.Contains(e.Statuses, "X.7.26") {
			t.Errorf("Search(5.7.26) gave %s with %v", e.ID, e.Statuses)
		}
	}
	if got := Search("zzzqqqxxx"); len(got) != 0 {
		t.Errorf("Search(junk) = %d entries", len(got))
	}
}

// TestTemplatesAsGenerated checks that the templates and the index that
// match.go builds from the table are the ones gen.go made: the same digest.
func TestTemplatesAsGenerated(t *testing.T) {
	loadTemplates()
	h := sha256.New()
	for _, tp := range templates {
		fmt.Fprintf(h, "%d %d %d %d %d %v %v\n", tp.entry, tp.alias, tp.n, tp.nidx, tp.wsum, tp.words, tp.weights)
	}
	fmt.Fprintf(h, "%v\n", index)
	if got := fmt.Sprintf("%x", h.Sum(nil)); got != templatesDigest {
		t.Fatalf("templates digest %s, gen.go made %s", got, templatesDigest)
	}
	if tp := templates[len(templates)-1]; tp.wsum == 0 || len(tp.words) == 0 {
		t.Fatalf("last template is empty: %+v", tp)
	}
}

// TestEntryFacets checks the Provider and Class that EntryFacets reads from
// the table against the entries built from it.
func TestEntryFacets(t *testing.T) {
	es := Entries()
	i := 0
	EntryFacets(func(provider string, class Class) {
		if i >= len(es) {
			t.Fatalf("EntryFacets gave more than the %d entries", len(es))
		}
		if provider != es[i].Provider || class != es[i].Class {
			t.Errorf("entry %d (%s): EntryFacets gave %q, %q; want %q, %q", i, es[i].ID, provider, class, es[i].Provider, es[i].Class)
		}
		i++
	})
	if i != len(es) {
		t.Errorf("EntryFacets gave %d entries, want %d", i, len(es))
	}
}
