package catalog

import (
	"slices"
	"strings"
	"sync"
)

// Class says whether a failure is final.
type Class string

// The classes of a reply.
const (
	ClassPermanent Class = "permanent" // 5xx: the message will not be delivered
	ClassTemporary Class = "temporary" // 4xx: the sender may retry
	ClassSuccess   Class = "success"   // 2xx, auto-replies, complaints: not a delivery failure
	ClassUnknown   Class = "unknown"   // nothing tells
)

// ClassOf returns the class that the first digit of a reply or status code
// gives: 2 success, 4 temporary, 5 permanent, otherwise unknown.
func ClassOf(digit int) Class {
	switch digit {
	case 2:
		return ClassSuccess
	case 4:
		return ClassTemporary
	case 5:
		return ClassPermanent
	}
	return ClassUnknown
}

// Entry is one meaning of an SMTP reply: a server's text (with its older
// wordings), or, for providers "iana" and "rfc5321", a bare code.
type Entry struct {
	ID          string   // unique, e.g. "google.5.1.1.nosuchuser"
	Provider    string   // who sends it: "google", "postfix", "generic", "iana", "rfc5321", ...
	Replies     []int    // RFC 5321 reply codes it is sent with; may be empty
	Statuses    []string // enhanced status codes, e.g. "5.7.26"; IANA entries use "X.7.26"
	Texts       []string // server wordings with {placeholders}; the first is the current one
	Reason      string   // a reason name from Reasons
	Class       Class    // class when the reply itself carries no code
	Who         string   // who must act: "sender", "sender-admin", "recipient", ...
	Explanation string   // what happened, in plain words
	Action      string   // what to do now
	Retry       string   // retry advice
	Sources     []string // IDs of the documents that list it
	Samples     []string // full reply lines that must match it; only the package's tests fill it in
}

// entries holds the catalog once loadEntries has built it. The table
// stores it as numbers (see renderEntries in gen.go); buildEntries makes
// the Entry values on first use, not when the program starts, which a page
// waits for. Their strings are substrings of one constant and their lists
// share a few arrays, so this costs a few allocations. Code that reads
// entries directly calls loadEntries first.
var (
	entries     *[numEntries]Entry
	entriesOnce sync.Once
)

// loadEntries builds entries once and returns them.
func loadEntries() *[numEntries]Entry {
	entriesOnce.Do(setEntries) // a named function: a closure would be copied into every caller
	return entries
}

func setEntries() { entries = buildEntries() }

func buildEntries() *[numEntries]Entry {
	es := new([numEntries]Entry)
	t := newTableReader()
	statuses, texts, sources := &t.lists[0], &t.lists[1], &t.lists[2]
	statuses.list, texts.list, sources.list = entryStatuses[:], entryTexts[:], entrySources[:]
	for i := range es {
		c := &entryCounts[i]
		e := &es[i]
		e.ID = t.str(uint16(i))
		e.Provider = t.str(kindStrs + uint16(entryKinds[0][i]))
		e.Reason = t.str(kindStrs + uint16(entryKinds[1][i]))
		e.Class = Class(t.str(kindStrs + uint16(entryKinds[2][i])))
		e.Who = t.str(kindStrs + uint16(entryKinds[3][i]))
		e.Explanation = t.str(entryStrs[0][i])
		e.Action = t.str(entryStrs[1][i])
		e.Retry = t.str(entryStrs[2][i])
		e.Replies = t.intList(c[0])
		e.Statuses = t.strList(statuses, c[1])
		e.Texts = t.strList(texts, c[2])
		e.Sources = t.strList(sources, c[3])
	}
	return es
}

// tableReader reads the strings and lists of the table for buildEntries.
type tableReader struct {
	starts []uint32  // the strings' starts in strs, and len(strs)
	ints   []int     // the entries' Replies, one shared array
	ss     []string  // their Statuses, Texts and Sources, one shared array
	nreply int       // the next value of entryReplies
	lists  [3]cursor // statuses, texts, sources
}

// cursor is the next value of one of the table's string lists, which hold
// differences from the value before.
type cursor struct {
	list []uint16
	next int
	prev uint16
}

func newTableReader() *tableReader {
	t := &tableReader{
		starts: make([]uint32, 0, numStrings+1),
		ints:   make([]int, 0, len(entryReplies)),
		ss:     make([]string, 0, len(entryStatuses)+len(entryTexts)+len(entrySources)),
	}
	// Each string ends one byte (a NUL) before the next one starts.
	for i := 0; i < len(strs); {
		t.starts = append(t.starts, uint32(i))
		n := strings.IndexByte(strs[i:], 0)
		if n < 0 {
			break // gen.go ends every string with a NUL
		}
		i += n + 1
	}
	t.starts = append(t.starts, uint32(len(strs)))
	return t
}

// str is string i of strs.
//
//go:noinline
func (t *tableReader) str(i uint16) string { return strs[t.starts[i] : t.starts[i+1]-1] }

// intList and strList return the next n values of a list as a slice of
// their shared array, capped so that an append copies. Not inlined, as
// buildEntries calls them four times.
//
//go:noinline
func (t *tableReader) intList(n uint8) []int {
	if n == 0 {
		return nil
	}
	a := len(t.ints)
	for _, v := range entryReplies[t.nreply : t.nreply+int(n)] {
		t.ints = append(t.ints, int(v))
	}
	t.nreply += int(n)
	return t.ints[a:len(t.ints):len(t.ints)]
}

//go:noinline
func (t *tableReader) strList(c *cursor, n uint8) []string {
	if n == 0 {
		return nil
	}
	a := len(t.ss)
	for _, d := range c.list[c.next : c.next+int(n)] {
		c.prev += d
		t.ss = append(t.ss, t.str(c.prev))
	}
	c.next += int(n)
	return t.ss[a:len(t.ss):len(t.ss)]
}

// Doc is a reference document that entries cite.
type Doc struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	URL   string `json:"url,omitempty"`
}

// Reason describes one reason name (compatible with sisimai's).
type Reason struct {
	Name    string // e.g. "userunknown"
	Meaning string // what it means
	Class   string // usual class, e.g. "permanent" or "temporary or permanent"
	WhoActs string // who usually acts, in words
}

// Entries returns every catalog entry, in source order. The slice is shared:
// do not modify it.
func Entries() []Entry { return loadEntries()[:] }

// EntryFacets calls fn with the Provider and Class of each entry, in the
// order of Entries, read from the table without building the entries: a
// page lists its providers and classes when it starts, before any entry is
// needed.
func EntryFacets(fn func(provider string, class Class)) {
	// entryKinds numbers the strings that follow the entries' IDs in strs
	// (see renderEntries in gen.go).
	i := 0
	for range kindStrs {
		i += strings.IndexByte(strs[i:], 0) + 1
	}
	var kinds [256]string
	for k := 0; k < len(kinds) && i < len(strs); k++ {
		n := strings.IndexByte(strs[i:], 0)
		kinds[k] = strs[i : i+n]
		i += n + 1
	}
	for e := range numEntries {
		fn(kinds[entryKinds[0][e]], Class(kinds[entryKinds[2][e]]))
	}
}

// Docs returns every reference document.
func Docs() []Doc { return docs[:] }

// Reasons returns every reason name with its meaning.
func Reasons() []Reason { return reasons[:] }

// Lookup returns the entry with the given ID, or nil.
func Lookup(id string) *Entry {
	entries := loadEntries()
	lo, hi := 0, len(byID)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if entries[byID[m]].ID < id {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(byID) && entries[byID[lo]].ID == id {
		return &entries[byID[lo]]
	}
	return nil
}

// DocByID returns the document with the given ID, or nil.
func DocByID(id string) *Doc {
	for i := range docs {
		if docs[i].ID == id {
			return &docs[i]
		}
	}
	return nil
}

// ReasonByName returns the reason with the given name, or nil.
func ReasonByName(name string) *Reason {
	for i := range reasons {
		if reasons[i].Name == name {
			return &reasons[i]
		}
	}
	return nil
}

// ByStatus returns the entry that gives the meaning of an enhanced status
// code such as "5.7.26" when the text is unknown. For a provider that
// documents its own meaning of the code (all of its entries with that code
// agree on the reason), that provider's first entry is returned; otherwise
// IANA's entry for the code. It returns nil for an unregistered code.
func ByStatus(provider, status string) *Entry {
	if status == "" {
		return nil
	}
	entries := loadEntries()
	if completeCodes[provider] {
		var first *Entry
		for i := range entries {
			e := &entries[i]
			if e.Provider != provider || !slices.Contains(e.Statuses, status) {
				continue
			}
			if first == nil {
				first = e
			} else if first.Reason != e.Reason {
				first = nil
				break
			}
		}
		if first != nil {
			return first
		}
	}
	x := "X" + status[strings.IndexByte(status, '.'):]
	for i := range entries {
		e := &entries[i]
		if e.Provider == "iana" && slices.Contains(e.Statuses, x) {
			return e
		}
	}
	return nil
}

// completeCodes lists the providers whose catalog entries cover every use
// they document of their enhanced codes, so that a code alone may be read
// with their meaning. Google's page is such a list (its 5.7.27, 5.7.29 and
// 5.7.30 are not IANA's); for other providers the catalog knows only some
// of the texts they send with a code, and IANA's meaning is the safer one.
var completeCodes = map[string]bool{"google": true}

// ByReply returns the RFC 5321 entry for a reply code, or nil.
func ByReply(code int) *Entry {
	entries := loadEntries()
	for i := range entries {
		e := &entries[i]
		if e.Provider == "rfc5321" {
			for _, r := range e.Replies {
				if r == code {
					return e
				}
			}
		}
	}
	return nil
}

// Search returns the entries that match a query: an enhanced status code
// ("5.7.26"), a reply code ("550"), or words that must all appear in the
// entry's ID, provider, reason, texts or explanation. An empty query returns
// every entry.
func Search(q string) []*Entry {
	q = strings.TrimSpace(q)
	entries := loadEntries()
	var out []*Entry
	if q == "" {
		for i := range entries {
			out = append(out, &entries[i])
		}
		return out
	}
	if isStatus(q) {
		x := "X" + q[strings.IndexByte(q, '.'):]
		for i := range entries {
			if slices.Contains(entries[i].Statuses, q) || slices.Contains(entries[i].Statuses, x) {
				out = append(out, &entries[i])
			}
		}
		return out
	}
	if n, ok := ReplyCode(q); ok {
		for i := range entries {
			for _, r := range entries[i].Replies {
				if r == n {
					out = append(out, &entries[i])
					break
				}
			}
		}
		return out
	}
	words := strings.Fields(strings.ToLower(q))
	for i := range entries {
		e := &entries[i]
		hay := strings.ToLower(e.ID + " " + e.Provider + " " + e.Reason + " " + strings.Join(e.Texts, " ") + " " + e.Explanation + " " + strings.Join(e.Statuses, " "))
		ok := true
		for _, w := range words {
			if !strings.Contains(hay, w) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, e)
		}
	}
	return out
}

// isStatus reports whether s looks like an enhanced status code "c.s.d".
func isStatus(s string) bool {
	parts := strings.Split(s, ".")
	if len(parts) != 3 {
		return false
	}
	for _, p := range parts {
		if p == "" || len(p) > 3 {
			return false
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

// ReplyCode reads q as a reply code if it is three characters that
// strconv.Atoi reads as a number ("550", and also "+12" or "-12"). It is
// not strconv.Atoi because Atoi's error type alone keeps strconv's quoting
// and its Unicode print tables (some 15 KB) in bounce.wasm.
func ReplyCode(q string) (int, bool) {
	if len(q) != 3 {
		return 0, false
	}
	n, sign := 0, 1
	for i := 0; i < len(q); i++ {
		switch c := q[i]; {
		case '0' <= c && c <= '9':
			n = n*10 + int(c-'0')
		case i == 0 && c == '+':
		case i == 0 && c == '-':
			sign = -1
		default:
			return 0, false
		}
	}
	return sign * n, true
}
