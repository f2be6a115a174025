package catalog

import (
	"slices"
	"strings"
	"sync"

	"github.com/bouncekit/bounce/catalog/internal/token"
)

// Query gives Match what is known about a reply besides its text.
type Query struct {
	Provider string // provider that sent the reply, "" if unknown
	Reply    int    // reply code, 0 if absent
	Status   string // enhanced status code, "" if absent
}

// Hit is the result of Match.
type Hit struct {
	Entry      *Entry
	Text       int     // index of the wording in Entry.Texts that matched
	Coverage   float64 // share of the wording's words found in order, 0 to 1
	Score      float64 // ranking key: weight of words found less weight missing, plus context
	Start, End int     // byte range of the evidence in the matched text
}

// MaxWords is the number of words of a text that Match reads; the rest is
// ignored, which keeps matching time bounded for any input.
const MaxWords = 4096

const (
	minCoverage = 0.7
	// minCoverage as a fraction, for comparing integers: w/wsum < 0.7 is
	// 10w < 7wsum, without a division (the two never differ: a weight
	// ratio is a multiple of 1/wsum, far from 0.7 by more than a float64's
	// rounding, unless it is 0.7 exactly, which both count as enough).
	minCoverageNum, minCoverageDen = 7, 10
	window                         = 4  // words a template word may be away from the previous one
	wildWindow                     = 48 // the same, after a placeholder
	maxAnchors                     = 4
)

// Match finds the entry whose text best matches text, preferring entries of
// q.Provider and entries listing q's codes when several match equally. Words
// are compared case-insensitively, and punctuation, quotes and dashes are
// ignored, so line wrapping and typographic variants do not matter. It runs
// in time linear in the length of text (up to MaxWords words).
func Match(text string, q Query) (Hit, bool) {
	loadTemplates()
	var buf [256]token.Token
	toks := token.Split(buf[:0], text, MaxWords)
	if len(toks) == 0 {
		return Hit{}, false
	}
	var set wordSet
	for _, t := range toks {
		set.add(t.Hash)
	}
	left := *halfIndexed // a copy: candidates counts it down
	qs := statusKey(q.Status)
	var cbuf [64]candidate
	cands := cbuf[:0]
	ts, es := templates, entries // kept in registers across the calls below
	// Each template that may reach minCoverage gets an upper bound of its
	// ranking key, from the weight of its words the text may hold. They
	// are aligned best bound first, and the search stops at the first
	// bound below the best key found: no later template could win. Ties
	// go to the lower template index, as in a scan in table order.
	var tbuf [128]uint16
	var touched []uint16 // the templates with half their indexed words in the text
	if candidatesFunc != nil {
		touched = tbuf[:0]
		for ti, h := range candidatesFunc(slices.Clone(toks)) {
			if h >= halfIndexed[ti] { // as candidates lists them
				touched = append(touched, uint16(ti))
			}
		}
	} else {
		touched = candidates(toks, &left, tbuf[:0])
	}
	for _, ti := range touched {
		t := &ts[ti]
		w, ok := reachable(t, &set)
		if !ok {
			continue
		}
		cands = append(cands, candidate{bound: rankKey(w, t, &es[t.entry], q, qs), t: int32(ti), w: int32(w)})
	}
	var best Hit
	bestKey, bestT := -1e9, int32(-1)
	for i := range cands {
		if candidatesFunc == nil {
			// The candidates in order of before, taken one at a time:
			// the search nearly always stops at the first or second,
			// so a full sort of them (and its calls of a comparison,
			// which cost more under WebAssembly than natively) is
			// mostly wasted. After a few picks the rest is sorted,
			// which keeps the worst case at n log n.
			if i < maxPicks {
				k := i
				for j := i + 1; j < len(cands); j++ {
					if before(cands[j], cands[k]) {
						k = j
					}
				}
				cands[i], cands[k] = cands[k], cands[i]
			} else if i == maxPicks {
				sortFunc(cands[i:], before)
			}
		}
		c := cands[i]
		if candidatesFunc == nil && (c.bound < bestKey || c.bound == bestKey && c.t > bestT) {
			if c.bound < bestKey {
				break
			}
			continue
		}
		t := &ts[c.t]
		m := align(toks, t, &set, int(c.w))
		cov := float64(m.weight) / float64(t.wsum)
		if cov < minCoverage || (t.n <= 3 && m.count < int(t.n)) {
			continue
		}
		e := &es[t.entry]
		if key := rankKey(m.weight, t, e, q, qs); key > bestKey || key == bestKey && c.t < bestT {
			bestKey, bestT = key, c.t
			best = Hit{Entry: e, Text: int(t.alias), Coverage: cov, Score: key,
				Start: int(toks[m.start].Start), End: int(toks[m.end].End)}
		}
	}
	return best, best.Entry != nil
}

// candidate is a template that may match, with an upper bound of its key.
type candidate struct {
	bound float64
	t     int32
	w     int32 // weight of the template's words the text may hold
}

// before orders the candidates best bound first, then by template.
func before(a, b candidate) bool {
	return a.bound > b.bound || a.bound == b.bound && a.t < b.t
}

// maxPicks is how many candidates Match takes in order one by one before
// it sorts the rest.
const maxPicks = 4

// rankKey is the ranking key of template t of entry e when the words
// found weigh weight: the weight of the words found less the weight of
// those missing, in units of about one ordinary word, plus the context. It
// grows with weight, so the weight of the words a text may hold gives an
// upper bound. qs is statusKey(q.Status).
func rankKey(weight int, t *template, e *Entry, q Query, qs uint64) float64 {
	key := float64(2*weight-int(t.wsum)) / weightUnit
	own := e.Provider == q.Provider // one string comparison, not two
	if !own && !t.shared {
		// A provider's own wording, found in a reply that provider did
		// not send (or that nothing ties to it), yields to a wording
		// many servers share: MTAs and gateways pass the same generic
		// texts on. A phrase this short says nothing about who sent it
		// at all.
		key -= 1
		if t.n <= 3 {
			key -= 0.5
		}
	}
	if own && q.Provider != "" {
		key += 2
	}
	if qs != 0 && slices.Contains(t.statuses, qs) || qs == 0 && q.Status != "" && slices.Contains(e.Statuses, q.Status) {
		key += 1.5
	}
	if q.Reply != 0 && slices.Contains(e.Replies, q.Reply) {
		key += 0.5
	}
	return key
}

// statusKey packs a status code of up to 7 bytes and its length into a
// number, so that two such codes are equal if their keys are; 0 for ""
// and for a longer text. Comparing keys spares rankKey a string comparison
// per candidate and status.
func statusKey(s string) uint64 {
	if s == "" || len(s) > 7 {
		return 0
	}
	k := uint64(len(s)) << 56
	for i := range len(s) {
		k |= uint64(s[i]) << (8 * i)
	}
	return k
}

// weightUnit is about the weight of one word of middling rarity.
const weightUnit = 24

// candidatesFunc, when not nil, replaces candidates: tests set it to a full
// scan. Match calls candidates directly otherwise, so that its buffers stay
// on the stack.
var candidatesFunc func(toks []tokenT) []uint16

type tokenT = token.Token

// candidates counts down in left, a copy of halfIndexed, for each
// template, the indexed words of it that occur in toks (each distinct word
// once), and appends to touched each template whose count reaches zero,
// once, when it does: Match looks no further at the others. (A count
// that passes zero wraps round to 65535; it cannot reach zero again.)
func candidates(toks []token.Token, left *[tmplSlots]uint16, touched []uint16) []uint16 {
	pt := postings
	// The words already counted, by their slot in the posting table.
	var sbuf [128]uint64
	seen := sbuf[:]
	if n := (len(pt.slots) + 63) / 64; n > len(sbuf) {
		seen = make([]uint64, n)
	}
	for _, t := range toks {
		k, ok := pt.find(t.Hash)
		if !ok || seen[k/64]&(1<<(k%64)) != 0 {
			continue
		}
		seen[k/64] |= 1 << (k % 64)
		s := &pt.slots[k]
		ps := pt.tmpl[s.start:s.end]
		// Four at a time: under WebAssembly every turn of a loop goes
		// through the function's dispatch table.
		for ; len(ps) >= 4; ps = ps[4:] {
			a, b, c, d := ps[0]&(tmplSlots-1), ps[1]&(tmplSlots-1), ps[2]&(tmplSlots-1), ps[3]&(tmplSlots-1)
			if left[a]--; left[a] == 0 {
				touched = append(touched, a)
			}
			if left[b]--; left[b] == 0 {
				touched = append(touched, b)
			}
			if left[c]--; left[c] == 0 {
				touched = append(touched, c)
			}
			if left[d]--; left[d] == 0 {
				touched = append(touched, d)
			}
		}
		for _, ti := range ps {
			ti &= tmplSlots - 1 // no bounds checks below
			if left[ti]--; left[ti] == 0 {
				touched = append(touched, ti)
			}
		}
	}
	return touched
}

// tmplSlots is a power of two at least numTemplates: arrays of that many
// need no bounds checks when indexed by a template number masked with
// tmplSlots-1. Raise it when the catalog outgrows it (a compile error
// below says so).
const tmplSlots = 2048

const _ = uint(tmplSlots - numTemplates)

// halfIndexed holds, for each template, half its indexed words rounded up
// (at least 1): Match aligns no template with fewer of them in the text.
var halfIndexed *[tmplSlots]uint16

// postingTable gives the templates whose indexed words include a word
// hash: an open-addressed table over the index, built with it.
type postingTable struct {
	slots []postingSlot
	tmpl  []uint16 // the templates of each word, in index order
	mask  uint32
}

type postingSlot struct {
	hash       uint32 // 0: empty
	start, end uint32 // tmpl[start:end]
}

var postings *postingTable

// Template numbers are uint16 in the posting table.
const _ = uint16(numTemplates - 1)

// newPostingTable builds the table of idx (hash<<32 | template, sorted).
func newPostingTable(idx []uint64) *postingTable {
	words := 0
	for i := range idx {
		if i == 0 || idx[i]>>32 != idx[i-1]>>32 {
			words++
		}
	}
	size := 16
	for size < 2*words {
		size *= 2
	}
	pt := &postingTable{slots: make([]postingSlot, size), tmpl: make([]uint16, len(idx)), mask: uint32(size - 1)}
	for i := 0; i < len(idx); {
		h := uint32(idx[i] >> 32)
		j := i
		for j < len(idx) && uint32(idx[j]>>32) == h {
			pt.tmpl[j] = uint16(idx[j])
			j++
		}
		k := h * 0x9E3779B1 >> 7 & pt.mask
		for pt.slots[k].hash != 0 {
			k = (k + 1) & pt.mask
		}
		pt.slots[k] = postingSlot{hash: h, start: uint32(i), end: uint32(j)}
		i = j
	}
	return pt
}

// find returns the slot of word hash h, if the index holds it.
func (pt *postingTable) find(h uint32) (uint32, bool) {
	for k := h * 0x9E3779B1 >> 7 & pt.mask; ; k = (k + 1) & pt.mask {
		if s := pt.slots[k].hash; s == h || s == 0 {
			return k, s != 0
		}
	}
}

// wordSet is a 1024-bit Bloom filter of the word hashes of a text: a word
// it does not hold is surely absent, so the matcher can skip looking for it.
// False positives only cost the search they would have cost anyway.
type wordSet [16]uint64

func (s *wordSet) add(h uint32)      { s[h>>6&15] |= 1 << (h & 63) }
func (s *wordSet) has(h uint32) bool { return s[h>>6&15]&(1<<(h&63)) != 0 }

// reachable reports whether the template could reach minCoverage in a text
// of the words in set, and returns the weight of its words that may occur
// there: an upper bound of what align can find. Skipping the others
// changes no result.
func reachable(t *template, set *wordSet) (int, bool) {
	w := 0
	ws := t.weights[:len(t.words)]
	for i, h := range t.words {
		// Without a branch, whose way the Bloom filter makes a coin
		// toss; a placeholder (0) weighs 0.
		w += int(ws[i]) * int(set[h>>6&15]>>(h&63)&1)
	}
	return w, minCoverageDen*w >= minCoverageNum*int(t.wsum)
}

// alignment is how much of a template align found in a text.
type alignment struct {
	count, weight int // words found, and their weight
	start, end    int // token indexes of the first and last word found
}

// align walks the template's words through toks in order, allowing small
// gaps, and returns the words found. It tries a few anchors for the first
// words and keeps the best, the first of the greatest weight; it stops
// when one reaches limit, the weight of the words the text may hold, which
// no later one could pass. Work is bounded by len(words) * window per
// anchor.
func align(toks []token.Token, t *template, set *wordSet, limit int) alignment {
	var best alignment
	anchors := 0
	for k := 0; k < len(t.words) && anchors < maxAnchors; k++ {
		if t.words[k] == 0 {
			continue
		}
		// A word surely absent needs no search, but still counts towards
		// the k >= 2 cut-off below.
		present := set.has(t.words[k])
		for p := 0; present && p < len(toks) && anchors < maxAnchors; p++ {
			if toks[p].Hash != t.words[k] {
				continue
			}
			anchors++
			m := walk(toks, t, k, p, set)
			if m.weight > best.weight {
				best = m
				if m.weight >= limit {
					return best
				}
			}
		}
		if best.count > 0 && k >= 2 {
			break
		}
	}
	return best
}

// walk follows the template from t.words[k], found at toks[p], onwards.
func walk(toks []token.Token, t *template, k, p int, set *wordSet) alignment {
	m := alignment{count: 1, weight: int(t.weights[k]), start: p, end: p}
	pos := p + 1
	w := window
	for i := k + 1; i < len(t.words); i++ {
		h := t.words[i]
		if h == 0 {
			w = wildWindow
			continue
		}
		found := false
		if set.has(h) {
			for j, lim := pos, min(pos+w, len(toks)); j < lim; j++ {
				if toks[j].Hash == h {
					m.count++
					m.weight += int(t.weights[i])
					m.end, pos, found = j, j+1, true
					break
				}
			}
		}
		if found {
			w = window
		} else {
			w = min(w+window, wildWindow) // a word is missing: look further for the next
		}
	}
	return m
}

// template is one wording of an entry, as a list of word hashes (0 stands
// for a placeholder).
type template struct {
	entry, alias int32
	n, nidx      int32    // words, and words in the index
	wsum         int32    // sum of weights
	shared       bool     // SharedWording of the entry's provider
	statuses     []uint64 // statusKey of each of the entry's Statuses
	words        []uint32
	weights      []uint8 // weight of each word, higher for rarer words; 0 for a placeholder
}

// templates and index are built from the entries' Texts and the table's
// weights (see renderEntries in gen.go) by the first Match, so that a
// program that never matches, and the page until it is used, does not pay
// for them: about a millisecond.
var (
	templates     *[numTemplates]template
	index         []uint64
	templatesOnce sync.Once
)

// loadTemplates builds templates and index once.
func loadTemplates() {
	templatesOnce.Do(func() {
		templates, index = buildTemplates()
		postings = newPostingTable(index)
		halfIndexed = new([tmplSlots]uint16)
		for i := range templates {
			halfIndexed[i] = uint16(max(1, (templates[i].nidx+1)/2))
		}
	})
}

// buildTemplates splits the entries' texts into templates as gen.go does,
// with 0 for a placeholder, and gives their words the table's weights. The
// words marked indexed make the index: word hash<<32 | template, sorted.
func buildTemplates() (*[numTemplates]template, []uint64) {
	entries := loadEntries() // Match reads entries after this too
	ts := new([numTemplates]template)
	words := make([]uint32, 0, len(templateWeights))
	weights := make([]uint8, len(templateWeights))
	n := 0
	for _, w := range &templateWeights {
		if w&indexed != 0 {
			n++
		}
	}
	idx := make([]uint64, 0, n)
	var buf [64]token.Token
	k := 0
	var keys []uint64 // the entries' statuses, one array
	for ei := range entries {
		e := &entries[ei]
		if e.Provider == "lexicon" {
			continue // matched by Lexicon
		}
		if len(keys)+len(e.Statuses) > cap(keys) {
			keys = make([]uint64, 0, max(256, len(e.Statuses)))
		}
		for _, st := range e.Statuses {
			keys = append(keys, statusKey(st))
		}
		statuses := keys[len(keys)-len(e.Statuses):]
		for ai, text := range e.Texts {
			start := len(words)
			for rest := text; rest != ""; {
				lit, after, wild := cutPlaceholder(rest)
				for _, tok := range token.Split(buf[:0], lit, 0) {
					words = append(words, tok.Hash)
				}
				if wild {
					words = append(words, 0)
				}
				rest = after
			}
			t := &ts[k]
			*t = template{entry: int32(ei), alias: int32(ai), shared: SharedWording(e.Provider), statuses: statuses,
				words: words[start:len(words):len(words)], weights: weights[start:len(words):len(words)]}
			for j, h := range t.words {
				w := templateWeights[start+j]
				weights[start+j] = w &^ indexed
				if h != 0 {
					t.n++
					t.wsum += int32(w &^ indexed)
				}
				if w&indexed != 0 {
					t.nidx++
					idx = append(idx, uint64(h)<<32|uint64(k))
				}
			}
			k++
		}
	}
	return ts, sortIndex(idx)
}

// sortIndex sorts the index by word hash, keeping the template order of
// each word, by a radix sort on the hash's four bytes: linear time, where a
// comparison sort of the whole index took most of buildTemplates' time.
func sortIndex(idx []uint64) []uint64 {
	tmp := make([]uint64, len(idx))
	for shift := 32; shift < 64; shift += 8 {
		var count [257]int
		for _, v := range idx {
			count[v>>shift&0xff+1]++
		}
		for i := 1; i < len(count); i++ {
			count[i] += count[i-1]
		}
		for _, v := range idx {
			b := v >> shift & 0xff
			tmp[count[b]] = v
			count[b]++
		}
		idx, tmp = tmp, idx
	}
	return idx
}

// cutPlaceholder splits s at its first placeholder: the text before it, the
// text after it, and whether there was one.
func cutPlaceholder(s string) (before, after string, found bool) {
	i := strings.IndexByte(s, '{')
	if i < 0 {
		return s, "", false
	}
	j := strings.IndexByte(s[i:], '}')
	if j < 0 {
		return s, "", false // gen.go rejects an unclosed placeholder
	}
	return s[:i], s[i+j+1:], true
}

// indexed marks, in templateWeights, the words that the index holds.
const indexed = 0x80

// SharedWording reports whether a provider's texts are written by many
// servers whoever runs them: generic wordings, the code registries, and
// the MTAs' own wordings, which appear behind any provider.
func SharedWording(p string) bool {
	switch p {
	case "generic", "iana", "rfc5321", "postfix", "exim", "sendmail", "qmail", "courier", "exchange",
		"opensmtpd", "dragonfly", "domino", "imailserver", "amavis", "fml", "dovecot":
		return true
	}
	return false
}
