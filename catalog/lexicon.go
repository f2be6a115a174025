package catalog

import (
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// LexiconMaxBytes is the number of bytes of a text that Lexicon reads; the
// rest is ignored, which keeps its time bounded for any input.
const LexiconMaxBytes = 64 << 10

// pairGap is how far, in bytes of folded text, each part of a pair may
// begin after the end of the previous part.
const pairGap = 120

// PairSep joins the parts of a lexicon pair in Entry.Texts.
const PairSep = " \u2026 "

// Lexicon finds the reason the words of text name, by the lexicon's phrases
// and pairs in every language (entries of Provider "lexicon"), in the order
// of data/lexicon-order.txt: when wordings of several reasons occur, the
// reason earliest in that order wins, and among wordings of one reason the
// one that ends first (the longest of those that end there).
//
// Text is compared in Unicode lower case, with every run of white space
// read as one space. A wording that begins (ends) with a letter or digit
// must not have a letter or digit just before (after) it, so that "full"
// is not found in "successfully"; Han and kana characters need no such
// boundary, since those scripts do not separate words. The parts of a pair
// must occur in order, each beginning at most 120 bytes after the end of the
// previous one.
//
// The Hit's Entry is the lexicon stanza, Text the index of the wording in
// Entry.Texts (a pair is stored with its parts joined by PairSep), Coverage
// 1 and Start, End the byte range of the evidence in text (from the first to
// the last part of a pair). Lexicon runs in time linear in len(text), reads
// at most LexiconMaxBytes, and allocates nothing per call once its automaton
// is built (on the first call).
func Lexicon(text string) (Hit, bool) {
	a := lexicon()
	if len(text) > LexiconMaxBytes {
		text = text[:LexiconMaxBytes]
	}
	var (
		ring  [ringSize]uint32 // folded position -> original offset<<1 | word before
		sbuf  [lexiconSlots + 16]pairSlot
		best  = lexMatch{rank: -1}
		state int32
		npos  int32 // bytes of folded text fed so far
		space bool  // the last folded byte was a space
		prevW bool  // the previous rune was a word character
		enc   [utf8.UTFMax]byte
	)
	slots := sbuf[:]
	if a.nslots > len(sbuf) {
		slots = make([]pairSlot, a.nslots) // only for a test's own lexicon
	}
	feed := func(c byte, orig int, nextW bool, oend int) {
		ring[npos&ringMask] = uint32(orig)<<1 | b2u(prevW)
		npos++
		state = a.step(state, c)
		for n := a.nodes[state].out; n >= 0; n = a.nodes[n].dict {
			for p := a.nodes[n].pat; p >= 0; p = a.pats[p].next {
				if a.work != nil {
					*a.work++
				}
				a.found(p, npos, nextW, oend, &ring, slots, &best)
			}
		}
	}
	for i := 0; i < len(text) && best.rank != 0; {
		r, w := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, w = utf8.DecodeRuneInString(text[i:])
		}
		nextW := false
		if j := i + w; j < len(text) {
			nr := rune(text[j])
			if nr >= utf8.RuneSelf {
				nr, _ = utf8.DecodeRuneInString(text[j:])
			}
			nextW = isWordRune(nr)
		}
		switch {
		case r == utf8.RuneError && w == 1:
			// An invalid byte separates words and matches nothing.
			feed(0, i, nextW, i+w)
			space = false
		case isSpace(r):
			if !space {
				feed(' ', i, nextW, i+w)
			}
			space = true
		default:
			space = false
			lr := toLower(r)
			if lr < utf8.RuneSelf {
				feed(byte(lr), i, nextW, i+w)
			} else {
				n := utf8.EncodeRune(enc[:], lr)
				for k := range n {
					// Only the last byte can end a wording.
					feed(enc[k], i, nextW, i+w)
				}
			}
		}
		prevW = isWordRune(r) && !(r == utf8.RuneError && w == 1)
		i += w
	}
	if best.rank < 0 {
		return Hit{}, false
	}
	p := &a.pats[best.pat]
	return Hit{Entry: &a.ents[p.entry], Text: int(p.text), Coverage: 1, Start: best.start, End: best.end}, true
}

func b2u(b bool) uint32 {
	if b {
		return 1
	}
	return 0
}

const (
	ringSize = 1024 // more than the longest wording (gen checks 200 bytes)
	ringMask = ringSize - 1
)

// pairSlot is the state of one part of a pair after the first: where the
// previous part ended (folded position + 1; 0 if not seen) and where the
// pair's evidence begins in the text.
type pairSlot struct{ end, start int32 }

type lexMatch struct {
	rank       int
	pat        int32
	start, end int
}

// found handles an occurrence of pattern p ending at folded position npos
// (exclusive) and original offset oend.
func (a *lexAutomaton) found(p int32, npos int32, nextW bool, oend int, ring *[ringSize]uint32, slots []pairSlot, best *lexMatch) {
	pt := &a.pats[p]
	if pt.endB && nextW {
		return
	}
	nstart := npos - pt.length
	if nstart < 0 {
		return
	}
	rs := ring[nstart&ringMask]
	if pt.startB && rs&1 != 0 {
		return
	}
	ostart := int32(rs >> 1)
	if pt.nparts > 1 {
		if pt.part > 0 {
			s := slots[pt.slot+int32(pt.part)-1]
			if s.end == 0 || nstart < s.end-1 || nstart-(s.end-1) > pairGap {
				return
			}
			ostart = s.start
		}
		if int(pt.part) < int(pt.nparts)-1 {
			slots[pt.slot+int32(pt.part)] = pairSlot{end: npos + 1, start: ostart}
			return
		}
	}
	if best.rank < 0 || int(pt.rank) < best.rank || int(pt.rank) == best.rank && oend == best.end && int(ostart) < best.start {
		*best = lexMatch{rank: int(pt.rank), pat: pt.whole, start: int(ostart), end: oend}
	}
}

// isWordRune reports whether r is a letter, digit or mark of a script that
// separates words with spaces (Han and kana do not).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return (unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)) && !isCJK(r)
}

func isCJK(r rune) bool {
	return unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r)
}

func isSpace(r rune) bool {
	if r < utf8.RuneSelf {
		return r == ' ' || '\t' <= r && r <= '\r'
	}
	return unicode.IsSpace(r)
}

func toLower(r rune) rune {
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	return unicode.ToLower(r)
}

// foldLexicon folds a wording as Lexicon folds text: Unicode lower case,
// runs of white space to one space, trimmed.
func foldLexicon(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.TrimFunc(s, isSpace) {
		if isSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(toLower(r))
	}
	return b.String()
}

// lexAutomaton is an Aho-Corasick automaton over the folded bytes of every
// lexicon wording and pair part.
type lexAutomaton struct {
	root   [256]int32 // transitions of the root, complete
	nodes  []lexNode
	ebyte  []byte  // edges of every node, sorted by byte within a node
	enext  []int32 // target of each edge
	pats   []lexPattern
	ents   []Entry // the entries that pats index
	nslots int
	work   *int // when not nil, counts the steps taken (for tests)
}

type lexNode struct {
	edge, nedge int32 // edges [edge, edge+nedge)
	fail        int32 // longest proper suffix that is a node
	pat         int32 // first pattern that ends here, -1 if none
	out         int32 // this node if pat >= 0, else dict
	dict        int32 // nearest proper suffix node (via fail) with a pattern, -1
}

type lexPattern struct {
	entry        int32 // index in entries
	text         int16 // index in Entry.Texts
	part, nparts uint8 // which part of a pair; 1 part for a phrase
	startB, endB bool  // needs a word boundary before, after
	rank         int16 // position of the reason in lexiconOrder
	slot         int32 // first pair slot of this pair
	length       int32 // folded bytes
	next         int32 // next pattern with the same folded bytes, -1
	whole        int32 // the pattern of part 0, which Hit reports
}

var (
	lexOnce sync.Once
	lexAuto *lexAutomaton
)

func lexicon() *lexAutomaton {
	lexOnce.Do(func() { lexAuto = buildLexicon() })
	return lexAuto
}

// step moves the automaton from state s over byte c.
func (a *lexAutomaton) step(s int32, c byte) int32 {
	for s != 0 {
		if a.work != nil {
			*a.work++
		}
		n := &a.nodes[s]
		e := a.ebyte[n.edge : n.edge+n.nedge]
		if len(e) <= 8 {
			for i, b := range e {
				if b == c {
					return a.enext[n.edge+int32(i)]
				}
			}
		} else if i, ok := slices.BinarySearch(e, c); ok {
			return a.enext[n.edge+int32(i)]
		}
		s = n.fail
	}
	return a.root[c]
}

// buildLexicon builds the automaton from the lexicon entries.
func buildLexicon() *lexAutomaton { return buildLexiconFrom(loadEntries()[:], lexiconOrder[:]) }

// buildLexiconFrom builds an automaton from the entries of Provider
// "lexicon" among ents, with the given precedence among reasons.
func buildLexiconFrom(ents []Entry, order []string) *lexAutomaton {
	rank := map[string]int16{}
	for i, r := range order {
		rank[r] = int16(i)
	}
	a := &lexAutomaton{ents: ents}
	var folded []string // folded bytes of each pattern
	slot := int32(0)
	for ei := range ents {
		e := &ents[ei]
		if e.Provider != "lexicon" {
			continue
		}
		rk, ok := rank[e.Reason]
		if !ok {
			continue // gen rejects this
		}
		for ti, t := range e.Texts {
			parts := strings.Split(t, PairSep)
			whole := int32(len(a.pats))
			for pi, part := range parts {
				f := foldLexicon(part)
				if f == "" || len(f) >= ringSize {
					continue // gen rejects this
				}
				first, _ := utf8.DecodeRuneInString(f)
				last, _ := utf8.DecodeLastRuneInString(f)
				a.pats = append(a.pats, lexPattern{
					entry: int32(ei), text: int16(ti), part: uint8(pi), nparts: uint8(len(parts)),
					startB: isWordRune(first), endB: isWordRune(last), rank: rk,
					slot: slot, length: int32(len(f)), whole: whole, next: -1,
				})
				folded = append(folded, f)
			}
			if len(parts) > 1 {
				slot += int32(len(parts) - 1)
			}
		}
	}
	a.nslots = int(slot)

	// Build the trie from the patterns in sorted order, so that each node's
	// children are made in increasing byte order and no map is needed.
	byText := make([]int32, len(folded))
	for i := range byText {
		byText[i] = int32(i)
	}
	stableSortFunc(byText, func(x, y int32) int { return strings.Compare(folded[x], folded[y]) })
	type edge struct {
		from, to int32
		c        byte
	}
	total := 0
	for _, f := range folded {
		total += len(f)
	}
	edges := make([]edge, 0, total)
	a.nodes = make([]lexNode, 1, total+1)
	a.nodes[0].pat = -1
	var path []int32 // path[d]: the node at depth d on the previous pattern's path
	prev := ""
	for _, p := range byText {
		f := folded[p]
		l := 0
		for l < len(f) && l < len(prev) && f[l] == prev[l] {
			l++
		}
		if len(path) == 0 {
			path = append(path, 0) // the root
		}
		path = path[:l+1]
		for d := l; d < len(f); d++ {
			n := int32(len(a.nodes))
			a.nodes = append(a.nodes, lexNode{pat: -1})
			edges = append(edges, edge{path[d], n, f[d]})
			path = append(path, n)
		}
		end := path[len(f)]
		a.pats[p].next = a.nodes[end].pat
		a.nodes[end].pat = p
		prev = f
	}
	// Lay the edges out per node (they are in byte order within a node).
	count := make([]int32, len(a.nodes)+1)
	for _, e := range edges {
		count[e.from+1]++
	}
	for i := 1; i < len(count); i++ {
		count[i] += count[i-1]
	}
	a.ebyte = make([]byte, len(edges))
	a.enext = make([]int32, len(edges))
	fill := slices.Clone(count)
	for _, e := range edges {
		k := fill[e.from]
		fill[e.from]++
		a.ebyte[k], a.enext[k] = e.c, e.to
	}
	for n := range a.nodes {
		a.nodes[n].edge, a.nodes[n].nedge = count[n], count[n+1]-count[n]
	}
	// Fail and output links, breadth first, so that a node's fail link
	// points to a node already done.
	root := &a.nodes[0]
	root.out, root.dict = -1, -1
	for k := root.edge; k < root.edge+root.nedge; k++ {
		a.root[a.ebyte[k]] = a.enext[k]
	}
	queue := make([]int32, 1, len(a.nodes))
	for qi := 0; qi < len(queue); qi++ {
		n := queue[qi]
		nd := a.nodes[n]
		for k := nd.edge; k < nd.edge+nd.nedge; k++ {
			c, child := a.ebyte[k], a.enext[k]
			f := int32(0)
			if n != 0 {
				f = a.step(nd.fail, c)
			}
			cn := &a.nodes[child]
			cn.fail = f
			cn.dict = a.nodes[f].out
			cn.out = cn.dict
			if cn.pat >= 0 {
				cn.out = child
			}
			queue = append(queue, child)
		}
	}
	return a
}
