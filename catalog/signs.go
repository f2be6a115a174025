package catalog

import "slices"

// Hint is one phrase of a hints list and what it names.
type Hint struct {
	Phrase string // lower case, found in lower-case text
	Target string // what the phrase names: a provider, a format, an entry ID, a stage
	Key    string // optional: a word the phrase holds, shared by the phrases of its stanza
}

type signList struct {
	name    string
	phrases []string
}

type hintList struct {
	kind  string
	hints []Hint
}

// Sign returns a copy of the phrases of the structural sign name (a Sign
// stanza of data/signs.txt, e.g. "expiry" or "failure"), in the order of
// the data, or nil if there is no such sign. How a list is read (anywhere
// in the text, as a line's beginning, the first one found) is up to the
// caller; data/README.md lists the signs.
//
//go:noinline
func Sign(name string) []string {
	// Not inlined: package bounce's init calls Sign and Hints 26 times,
	// and each inlined copy was some 600 bytes of bounce.wasm's code.
	for _, l := range signLists {
		if l.name == name {
			return slices.Clone(l.phrases)
		}
	}
	return nil
}

// Hints returns a copy of the hints of kind ("provider", "format",
// "format-entry" or "stage": the Hints stanzas of data/signs-hints.txt) in
// the order of the data, or nil if there is no such kind. For provider and
// format hints the first phrase found decides; for stage hints, the one
// that stands first in the text. A hint's phrase holds its Key, if any:
// a text without the Key holds none of the hints with that Key.
//
//go:noinline
func Hints(kind string) []Hint {
	// Not inlined: see Sign.
	for _, l := range hintLists {
		if l.kind == kind {
			return slices.Clone(l.hints)
		}
	}
	return nil
}

// SignNames returns the names of the signs, sorted.
func SignNames() []string {
	out := make([]string, len(signLists))
	for i, l := range signLists {
		out[i] = l.name
	}
	return out
}

// HintKinds returns the kinds of hints, sorted.
func HintKinds() []string {
	out := make([]string, len(hintLists))
	for i, l := range hintLists {
		out[i] = l.kind
	}
	return out
}
