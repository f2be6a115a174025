package bounce

import (
	"strings"
	"sync"
)

// phraseSet finds, in one pass over a text, where each phrase of a fixed
// set first occurs, so that the structural signs of a text are looked up
// afterwards instead of searched for list by list.
//
// Each phrase is filed under one of its three-byte sequences (its anchor),
// hashed into a bucket; the pass hashes the text's sequences as it reads
// them and checks the few phrases of each bucket it meets in place. Work
// is linear in the text's length: the set is fixed, so the phrases checked
// at one position, and the bytes each check reads, are bounded.
//
// The text is compared in ASCII lower case: a caller passes an ASCII text
// as it is, and any other text lowered by toLower (in which the pass
// lowers nothing), which gives the same answers as searching toLower(text).
// A phrase marked fields is compared with the text's fields instead: each
// of its spaces stands for a run of ASCII white space, as in
// lowerFields(text), and only within the first wsEnd bytes given to scan.
type phraseSet struct {
	words    []string
	fields   []bool
	bucket   [anchorBuckets + 1]uint16  // the anchors of bucket b are anchors[bucket[b]:bucket[b+1]]
	used     [anchorBuckets / 64]uint64 // the buckets that hold anchors
	anchors  []anchor
	short    []anchor  // phrases filed under one sequence, checked at odd offsets too
	shortEnd [256]bool // the last bytes of their sequences
	slow     []uint16  // phrases with no usable anchor, tried at every position
}

// anchorHash is the bucket of the three bytes at the bottom of x, each
// or'ed with 0x20 (which lowers ASCII letters; that it also changes some
// other bytes only files their phrases in other buckets).
func anchorHash(x uint32) uint32 {
	return (x & 0xFFFFFF) * 0x9E3779B1 >> (32 - anchorBits)
}

// gram is the sequence of three bytes as the pass reads it: the first in
// the lowest byte, as a little-endian load of the text gives them, each
// or'ed with 0x20.
func gram(a, b, c byte) uint32 {
	return uint32(a|0x20) | uint32(b|0x20)<<8 | uint32(c|0x20)<<16
}

// gramBucket is anchorHash of a phrase's three bytes.
func gramBucket(a, b, c byte) uint32 {
	return anchorHash(gram(a, b, c))
}

// anchor files phrase under the sequence at byte off of it.
type anchor struct {
	gram        uint32 // the sequence, as anchorHash reads it
	phrase, off uint16
}

const (
	anchorBits    = 14
	anchorBuckets = 1 << anchorBits
)

// commonGrams are three-byte sequences, one after the other, (as anchorHash reads them) that
// abound in bounces (header fields, addresses, English, separator lines):
// a phrase is better filed under another of its own, since only speed
// depends on the choice.
const commonGrams = "   000le.plemplampxamexamaiail.coent.excom.jpe: ontivent-ess---e.cvernteage=3dcon 20 thssamessag" +
	"d: frotenrome.jrecioningom t-t man: smtmtpp rtypateypeostted:ththe+0oradelted ecetor fo-tyceieiv" +
	"t: elilivporvedort.ne wi frme.0.onedernyer-ter:  <on::tpe:ectge-or  nobyr toignans seto:sub: m: " +
	"fid 900 deis 090dinda1autretiohe an of andin is  to reer re nd es on atiherterdelil failedureser" +
	"useerrroripipiecipiennt ddrdreressseforor texextxt//pllaiainin;chahararsrsesetet=utftf-f-8ividom" +
	"omao: om:ubjbjejecectct:datte:ge-e-i-idid:"

// newPhraseSet files words; fields[i] marks the phrases compared with a
// text's fields (fields may be nil).
//
// The pass hashes only the sequences that end at even offsets, so each
// phrase is filed twice, under two sequences that start one byte apart:
// one of them ends at an even offset wherever the phrase stands. A phrase
// with no such pair (three bytes long) is filed once and also checked,
// without hashing, at the odd offsets where its sequence may end.
func newPhraseSet(words []string, fields []bool) *phraseSet {
	ps := &phraseSet{words: words, fields: make([]bool, len(words))}
	copy(ps.fields, fields)
	common := map[uint32]bool{}
	for i := 0; i+2 < len(commonGrams); i += 3 {
		common[gramBucket(commonGrams[i], commonGrams[i+1], commonGrams[i+2])] = true
	}
	load := make([]int, anchorBuckets)
	type filed struct {
		bucket uint32
		a      anchor
	}
	var all []filed
	var cost []int
	for p, w := range words {
		// The cost of each sequence of w as an anchor, -1 where white
		// space of a text compared with the fields may be any run.
		cost = cost[:0]
		for i := 0; i+2 < len(w); i++ {
			c := -1
			if !ps.fields[p] || w[i] != ' ' && w[i+1] != ' ' && w[i+2] != ' ' {
				b := gramBucket(w[i], w[i+1], w[i+2])
				c = load[b]
				if common[b] {
					c += 100
				}
			}
			cost = append(cost, c)
		}
		pair, one := -1, -1
		for i, c := range cost {
			if c >= 0 && (one < 0 || c < cost[one]) {
				one = i
			}
			if i+1 < len(cost) && c >= 0 && cost[i+1] >= 0 && (pair < 0 || c+cost[i+1] < cost[pair]+cost[pair+1]) {
				pair = i
			}
		}
		offs := []int{pair, pair + 1}
		switch {
		case len(words) >= 1<<16 || len(w) >= 1<<16 || one < 0:
			ps.slow = append(ps.slow, uint16(p))
			continue
		case pair < 0:
			offs = offs[:1]
			offs[0] = one
		}
		for _, i := range offs {
			b := gramBucket(w[i], w[i+1], w[i+2])
			load[b]++
			ps.used[b>>6] |= 1 << (b & 63)
			all = append(all, filed{b, anchor{gram(w[i], w[i+1], w[i+2]), uint16(p), uint16(i)}})
		}
		if pair < 0 {
			ps.short = append(ps.short, all[len(all)-1].a)
			ps.shortEnd[w[one+2]|0x20] = true
		}
	}
	// Counting sort by bucket, keeping the phrases' order within one.
	for _, f := range all {
		ps.bucket[f.bucket+1]++
	}
	for b := 1; b <= anchorBuckets; b++ {
		ps.bucket[b] += ps.bucket[b-1]
	}
	ps.anchors = make([]anchor, len(all))
	next := ps.bucket
	for _, f := range all {
		ps.anchors[next[f.bucket]] = f.a
		next[f.bucket]++
	}
	return ps
}

// lowerASCII maps each byte to its ASCII lower case.
var lowerASCII = func() (t [256]byte) {
	for c := range t {
		t[c] = byte(c)
		if 'A' <= c && c <= 'Z' {
			t[c] = byte(c) + 'a' - 'A'
		}
	}
	return t
}()

// scan sets pos[i] (len(pos) >= len(ps.words)) to the offset in s of the
// first occurrence of phrase i, or -1. Phrases compared with the fields
// are looked for in s[:wsEnd] only.
func (ps *phraseSet) scan(s string, wsEnd int, pos []int32) {
	pos = pos[:len(ps.words)]
	for i := range pos {
		pos[i] = -1
	}
	wsEnd = min(wsEnd, len(s))
	i := 2
	// Six bytes a turn: one load of the eight bytes from s[i-2] holds the
	// sequences that end at i, i+2 and i+4, and the bytes at i-1, i+1 and
	// i+3, where a short phrase's sequence may end. Under js/wasm a turn
	// of a loop costs several times what it costs natively.
	for ; i+6 <= len(s); i += 6 {
		x := load64(s, i-2) | 0x2020202020202020
		// Written out three times: a loop of three would give back
		// the turns saved.
		if g := uint32(x) & 0xFFFFFF; ps.holds(g) {
			ps.checkBucket(s, wsEnd, g, i, pos)
		}
		if ps.shortEnd[byte(x>>8)] && i >= 4 {
			ps.checkShort(s, wsEnd, i-1, pos)
		}
		if g := uint32(x>>16) & 0xFFFFFF; ps.holds(g) {
			ps.checkBucket(s, wsEnd, g, i+2, pos)
		}
		if ps.shortEnd[byte(x>>24)] {
			ps.checkShort(s, wsEnd, i+1, pos)
		}
		if g := uint32(x>>32) & 0xFFFFFF; ps.holds(g) {
			ps.checkBucket(s, wsEnd, g, i+4, pos)
		}
		if ps.shortEnd[byte(x>>40)] {
			ps.checkShort(s, wsEnd, i+3, pos)
		}
	}
	for ; i < len(s); i += 2 {
		if g := gram(s[i-2], s[i-1], s[i]); ps.holds(g) {
			ps.checkBucket(s, wsEnd, g, i, pos)
		}
		if ps.shortEnd[s[i-1]|0x20] && i >= 4 {
			ps.checkShort(s, wsEnd, i-1, pos)
		}
	}
	if n := len(s); n%2 == 0 && n >= 4 && ps.shortEnd[s[n-1]|0x20] {
		ps.checkShort(s, wsEnd, n-1, pos)
	}
	for _, p := range ps.slow {
		w := ps.words[p]
		if !ps.fields[p] {
			if i := indexLowerASCII(s, w); i >= 0 {
				pos[p] = int32(i)
			}
			continue
		}
		for i := 0; i < wsEnd; i++ {
			if start := ps.matchAt(s, wsEnd, int(p), i, 0); start >= 0 {
				pos[p] = int32(start)
				break
			}
		}
	}
}

// holds reports whether g's bucket holds anchors.
func (ps *phraseSet) holds(g uint32) bool {
	h := anchorHash(g)
	return ps.used[h>>6]&(1<<(h&63)) != 0
}

// checkBucket checks the phrases filed under g, the sequence that ends at
// s[end].
func (ps *phraseSet) checkBucket(s string, wsEnd int, g uint32, end int, pos []int32) {
	h := anchorHash(g)
	for k := ps.bucket[h]; k < ps.bucket[h+1]; k++ {
		if an := ps.anchors[k]; an.gram == g {
			ps.check(s, wsEnd, an, end-2, pos)
		}
	}
}

// check records where the anchor's phrase starts when its sequence stands
// at s[at], if it starts there and before where it was found so far (two
// occurrences one byte apart may be found in the other order).
func (ps *phraseSet) check(s string, wsEnd int, an anchor, at int, pos []int32) {
	p := int(an.phrase)
	if q := pos[p]; q >= 0 && !ps.fields[p] && int(q) <= at-int(an.off) {
		return
	}
	if start := ps.matchAt(s, wsEnd, p, at, int(an.off)); start >= 0 && (pos[p] < 0 || int32(start) < pos[p]) {
		pos[p] = int32(start)
	}
}

// checkShort checks the phrases filed under one sequence that ends at
// s[end].
func (ps *phraseSet) checkShort(s string, wsEnd, end int, pos []int32) {
	x := gram(s[end-2], s[end-1], s[end])
	for _, an := range ps.short {
		if an.gram == x {
			ps.check(s, wsEnd, an, end-2, pos)
		}
	}
}

// matchAt reports where phrase p starts in s when its byte off stands at
// s[at], or -1.
func (ps *phraseSet) matchAt(s string, wsEnd, p, at, off int) int {
	w := ps.words[p]
	if !ps.fields[p] {
		start := at - off
		if start < 0 || start+len(w) > len(s) {
			return -1
		}
		for j := 0; j < len(w); j++ {
			if lowerASCII[s[start+j]] != w[j] {
				return -1
			}
		}
		return start
	}
	if at >= wsEnd {
		return -1
	}
	// Forwards from the anchor, then backwards from it; a space of the
	// phrase takes a whole run of white space, which, as in the fields,
	// must have a word on either side.
	i := at
	for j := off; j < len(w); j++ {
		if w[j] == ' ' {
			k := i
			for k < wsEnd && asciiSpace(s[k]) {
				k++
			}
			if k == i || k == wsEnd {
				return -1
			}
			i = k
			continue
		}
		if i >= wsEnd || lowerASCII[s[i]] != w[j] || asciiSpace(s[i]) {
			return -1
		}
		i++
	}
	i = at
	for j := off - 1; j >= 0; j-- {
		if w[j] == ' ' {
			k := i
			for k > 0 && asciiSpace(s[k-1]) {
				k--
			}
			if k == i || k == 0 {
				return -1
			}
			i = k
			continue
		}
		if i == 0 || lowerASCII[s[i-1]] != w[j] || asciiSpace(s[i-1]) {
			return -1
		}
		i--
	}
	return i
}

// indexLowerASCII is strings.Index of the lower-case w in s compared in
// ASCII lower case.
func indexLowerASCII(s, w string) int {
	for i := 0; i+len(w) <= len(s); i++ {
		j := 0
		for j < len(w) && lowerASCII[s[i+j]] == w[j] {
			j++
		}
		if j == len(w) {
			return i
		}
	}
	return -1
}

// scanLower is scan of s as toLower(s) reads: s itself when it is ASCII.
// It returns the text scanned.
func (ps *phraseSet) scanLower(s string, pos []int32) string {
	if !isASCII(s) {
		s = strings.ToLower(s)
	}
	ps.scan(s, len(s), pos)
	return s
}

// lazy returns a function that calls f once, on its first call, and
// returns f's result from then on.
//
//go:noinline
func lazy[T any](f func() T) func() T {
	// Not inlined: each inlined copy of sync.OnceValue and its closures was
	// some 2 KB of bounce.wasm's code in the package's init.
	return sync.OnceValue(f)
}

// signList is one list of phrases within a phraseSet: phrases
// [base, base+len(words)).
type signList struct {
	words []string
	base  int
}

// first returns the index in the list of its first phrase that occurs by
// pos, or -1.
func (l signList) first(pos []int32) int {
	for i := range l.words {
		if pos[l.base+i] >= 0 {
			return i
		}
	}
	return -1
}

// firstWord is first's phrase, or "".
func (l signList) firstWord(pos []int32) string {
	if i := l.first(pos); i >= 0 {
		return l.words[i]
	}
	return ""
}

// at returns where the list's phrase i first occurs by pos, or -1.
func (l signList) at(pos []int32, i int) int { return int(pos[l.base+i]) }

// setBuilder puts lists together into one phraseSet.
type setBuilder struct {
	words  []string
	fields []bool
}

// add appends a list of phrases to the set (not inlined: the copies were
// some KB of bounce.wasm's code).
//
//go:noinline
func (b *setBuilder) add(words []string, fields bool) signList {
	l := signList{words: words, base: len(b.words)}
	b.words = append(b.words, words...)
	for range words {
		b.fields = append(b.fields, fields)
	}
	return l
}

// textSigns are the sign lists read in a bounce's whole text (and its
// subject), in one phraseSet.
type textSigns struct {
	set                                    *phraseSet
	format, expiry, delay, failure, bounce signList
	delayWarning                           signList
	stage                                  stageList
}

var textSignSet = lazy(func() *textSigns {
	var b setBuilder
	t := &textSigns{}
	t.format = b.add(formatWords(), false)
	t.expiry = b.add(expiryWords, false)
	t.delay = b.add(delayWords, false)
	t.bounce = b.add(bounceWords, false) // failureWords, then weakFailureWords
	t.failure = signList{words: bounceWords[:len(failureWords)], base: t.bounce.base}
	t.delayWarning = b.add(delayWarningWords, false)
	t.stage = addStages(&b)
	t.set = newPhraseSet(b.words, b.fields)
	return t
})

// maxTextSigns bounds the phrases of textSignSet, for a buffer on the
// stack.
const maxTextSigns = 512

// positions returns buf, or a larger slice, for the positions of the
// set's phrases: the callers give a buffer on their stack.
func (ps *phraseSet) positions(buf []int32) []int32 {
	if len(ps.words) > len(buf) {
		return make([]int32, len(ps.words))
	}
	return buf[:len(ps.words)]
}

// stageList is the list of the phrases of stageSigns, compared with a
// text's fields, and the stage each names.
type stageList struct {
	signList
	targets []string
}

// addStages adds the phrases of stageSigns to b.
//
//go:noinline
func addStages(b *setBuilder) stageList {
	var words, targets []string
	for _, g := range stageSigns {
		for _, h := range g.signs {
			words = append(words, h.Phrase)
			targets = append(targets, h.Target)
		}
	}
	return stageList{b.add(words, true), targets}
}

// stageAt returns the stage whose phrase stands first in the text by pos,
// the earliest of the list at one offset, or "". (Every phrase of a group
// of stageSigns holds its key: looking for the key first, as a search
// does, changes nothing.)
func (l stageList) stageAt(pos []int32) string {
	best, at := "", int32(-1)
	for i := range l.words {
		if p := pos[l.base+i]; p >= 0 && (at < 0 || p < at) {
			best, at = l.targets[i], p
		}
	}
	return best
}

// stageSignSet holds the phrases of stageSigns alone, for stageOf.
var stageSignSet = lazy(func() *stageSet {
	var b setBuilder
	st := &stageSet{stageList: addStages(&b)}
	st.set = newPhraseSet(b.words, b.fields)
	return st
})

type stageSet struct {
	set *phraseSet
	stageList
}

// maxStageSigns bounds the phrases of stageSignSet, for a buffer on the
// stack.
const maxStageSigns = 64

// formatWords returns the phrases of formatSigns.
func formatWords() []string {
	words := make([]string, len(formatSigns))
	for i, s := range formatSigns {
		words[i] = s.Phrase
	}
	return words
}

// diagSigns are the sign lists read in one recipient's diagnostic.
type diagSigns struct {
	set                             *phraseSet
	provider, expiry, senderRefused signList
}

var diagSignSet = lazy(func() *diagSigns {
	var b setBuilder
	d := &diagSigns{}
	d.provider = b.add(providerWordList(), false)
	d.expiry = b.add(expiryWords, false)
	d.senderRefused = b.add(senderRefusedWords, false)
	d.set = newPhraseSet(b.words, b.fields)
	return d
})

// maxDiagSigns bounds the phrases of diagSignSet, for a buffer on the
// stack.
const maxDiagSigns = 256

// diagFacts are the signs found in a diagnostic.
type diagFacts struct {
	provider      string // the provider the text names, or ""
	expiry        string // the first expiry phrase, or ""
	senderRefused bool   // it says the address refused is the sender's
}

// diagFactsOf reads the signs of a diagnostic in one pass.
func diagFactsOf(diag string) diagFacts {
	d := diagSignSet()
	var f diagFacts
	var buf [maxDiagSigns]int32
	pos := d.set.positions(buf[:])
	d.set.scanLower(diag, pos)
	if i := d.provider.first(pos); i >= 0 {
		f.provider = providerHints[i].Target
	}
	f.expiry = d.expiry.firstWord(pos)
	f.senderRefused = d.senderRefused.first(pos) >= 0
	return f
}
