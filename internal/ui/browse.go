package ui

import (
	"strings"

	"github.com/bouncekit/bounce/catalog"
)

// The catalog can be browsed by provider and by class: the page lists
// both with their counts, and "#catalog=provider:google" or
// "#catalog=class:permanent" lists the entries of one, each linking to
// its "#entry=ID" page.

// Facet is one provider or one class of the catalog, with the number of
// its entries.
type Facet struct {
	Kind  string // "provider" or "class"
	Value string // the provider key or the class name
	Title string // in words: "Gmail", "Permanent"
	Count int
}

// Fragment is the facet's link fragment, without "#".
func (f Facet) Fragment() string { return "catalog=" + f.Kind + ":" + f.Value }

// browseClasses is the order classes are listed in.
var browseClasses = []catalog.Class{catalog.ClassPermanent, catalog.ClassTemporary, catalog.ClassUnknown, catalog.ClassSuccess}

// BrowseFacets returns the catalog's classes (permanent, temporary,
// unclear, notices) and its providers (by name, case ignored), each with
// its number of entries; those without entries are left out.
func BrowseFacets() (classes, providers []Facet) {
	byClass := map[catalog.Class]int{}
	byProvider := map[string]int{}
	var keys []string
	// From the table: the page lists the facets when it starts, and
	// building the entries can wait for their first use.
	catalog.EntryFacets(func(provider string, class catalog.Class) {
		byClass[class]++
		if byProvider[provider] == 0 {
			keys = append(keys, provider)
		}
		byProvider[provider]++
	})
	for _, c := range browseClasses {
		if n := byClass[c]; n > 0 {
			classes = append(classes, Facet{"class", string(c), classWords(c), n})
		}
	}
	for _, k := range keys {
		providers = append(providers, Facet{"provider", k, ProviderName(k), byProvider[k]})
	}
	// An insertion sort: a few dozen providers, and no sort package's
	// generic code in bounce.wasm.
	for i := 1; i < len(providers); i++ {
		for j := i; j > 0 && strings.ToLower(providers[j].Title) < strings.ToLower(providers[j-1].Title); j-- {
			providers[j], providers[j-1] = providers[j-1], providers[j]
		}
	}
	return classes, providers
}

// ParseFacet reads "provider:KEY" or "class:NAME", and reports whether it
// names a provider or class that has entries.
func ParseFacet(s string) (Facet, bool) {
	kind, value, _ := strings.Cut(s, ":")
	classes, providers := BrowseFacets()
	list := providers
	if kind == "class" {
		list = classes
	} else if kind != "provider" {
		return Facet{}, false
	}
	for _, f := range list {
		if f.Value == value {
			return f, true
		}
	}
	return Facet{}, false
}

// BrowseEntries returns the entries of the facet, in catalog order.
func BrowseEntries(f Facet) []*catalog.Entry {
	var out []*catalog.Entry
	all := catalog.Entries()
	for i := range all {
		e := &all[i]
		if f.Kind == "provider" && e.Provider == f.Value || f.Kind == "class" && string(e.Class) == f.Value {
			out = append(out, e)
		}
	}
	return out
}
