//go:build ignore

// gen reads data/*.txt and reasons.tsv and writes table.go, and what only
// the tests read (the entries' samples, a digest of the templates) to
// table_test.go.
//
//	go run gen.go [-o table.go] [-test table_test.go]
//
// It rejects duplicate IDs, malformed codes, unknown classes, reasons, actors
// and documents, and entries without an explanation, and exits non-zero.
package main

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"flag"
	"fmt"
	"go/format"
	"log"
	"maps"
	"math"
	"net/textproto"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bouncekit/bounce/catalog/internal/token"
)

type doc struct{ ID, Title, URL string }

type reason struct{ Name, Meaning, Class, WhoActs string }

type entry struct {
	ID, Provider, Lang         string
	Replies                    []int
	Statuses, Texts            []string
	Reason, Class, Who         string
	Explanation, Action, Retry string
	Sources, Samples           []string
	where                      string
	phrases, pairs             int // lexicon wordings, in Texts in that order
}

// pairSep joins the parts of a lexicon Pair.
const pairSep = " \u2026 "

// The lexicon's precedence among reasons, from lexicon-order.txt.
var (
	order      []string
	orderWhere string
)

type template struct {
	entry, alias int
	words        []uint32
	weights      []uint8
	n, nidx      int
	wsum         int
}

var (
	out = flag.String("o", "table.go", "output file")
	// What only the tests read goes to a _test.go file.
	testOut = flag.String("test", "", "output file for the entries' samples and the templates' digest (default: table_test.go beside -o)")
	dir     = flag.String("dir", ".", "folder holding reasons.tsv and data/")
	errs    []string
	actors  = set("sender", "sender-admin", "sender-developer", "sender-provider", "recipient", "recipient-admin", "nobody")
	classes = set("permanent", "temporary", "success", "unknown")
	// Placeholders and the values that fill them in default samples.
	placeholders = map[string]string{
		"ip": "192.0.2.25", "domain": "example.net", "address": "user@example.net",
		"number": "12345", "header": "X-Example", "word": "example", "text": "some detail",
	}
)

func main() {
	log.SetFlags(0)
	log.SetPrefix("gen: ")
	flag.Parse()

	sum := sha256.New()
	reasons := readReasons(filepath.Join(*dir, "reasons.tsv"), sum)
	known := map[string]bool{}
	for _, r := range reasons {
		known[r.Name] = true
	}

	files, err := filepath.Glob(filepath.Join(*dir, "data", "*.txt"))
	if err != nil || len(files) == 0 {
		log.Fatalf("no data/*.txt: %v", err)
	}
	sort.Strings(files)
	var docs []doc
	var entries []entry
	var signFiles []string
	for _, f := range files {
		if strings.HasPrefix(filepath.Base(f), "signs") {
			signFiles = append(signFiles, f) // read by readSigns
			continue
		}
		d, e := readFile(f, sum)
		docs = append(docs, d...)
		entries = append(entries, e...)
	}
	lexiconDefaults(entries, reasons)

	docIDs := map[string]bool{}
	for _, d := range docs {
		if docIDs[d.ID] {
			fail("doc %q defined twice", d.ID)
		}
		docIDs[d.ID] = true
		if d.Title == "" {
			fail("doc %q has no Title", d.ID)
		}
	}
	ids := map[string]string{}
	for i := range entries {
		check(&entries[i], ids, known, docIDs)
	}
	checkLexicon(entries, known)
	signs := readSigns(signFiles, sum, ids)
	templates := buildTemplates(entries)
	index := buildIndex(templates)
	if len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(os.Stderr, "gen:", e)
		}
		os.Exit(1)
	}
	version := fmt.Sprintf("%x", sum.Sum(nil))[:12]
	src := render(version, docs, reasons, entries, templates)
	if len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(os.Stderr, "gen:", e)
		}
		os.Exit(1)
	}
	src = append(src, renderSigns(signs)...)
	if *testOut == "" {
		*testOut = filepath.Join(filepath.Dir(*out), "table_test.go")
	}
	write(*out, src)
	write(*testOut, renderTestTable(entries, templates, index))
}

// write formats Go source and writes it to name.
func write(name string, src []byte) {
	b, err := format.Source(src)
	if err != nil {
		log.Fatalf("format %s: %v", name, err)
	}
	if err := os.WriteFile(name, b, 0o644); err != nil {
		log.Fatal(err)
	}
}

func set(xs ...string) map[string]bool {
	m := map[string]bool{}
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func fail(format string, args ...any) { errs = append(errs, fmt.Sprintf(format, args...)) }

func readReasons(name string, sum interface{ Write([]byte) (int, error) }) []reason {
	b, err := os.ReadFile(name)
	if err != nil {
		log.Fatal(err)
	}
	sum.Write(b)
	var rs []reason
	for i, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		if i == 0 {
			continue // header
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 {
			log.Fatalf("%s:%d: want 4 fields", name, i+1)
		}
		rs = append(rs, reason{f[0], f[1], f[2], f[3]})
	}
	return rs
}

// readFile splits a data file into stanzas and reads each as a MIME header.
func readFile(name string, sum interface{ Write([]byte) (int, error) }) ([]doc, []entry) {
	b, err := os.ReadFile(name)
	if err != nil {
		log.Fatal(err)
	}
	sum.Write(b)
	var docs []doc
	var entries []entry
	eachStanza(name, b, func(where string, h textproto.MIMEHeader) {
		one := func(k string) string { return strings.TrimSpace(h.Get(k)) }
		switch {
		case one("Doc") != "":
			docs = append(docs, doc{one("Doc"), one("Title"), one("Url")})
		case one("Order") != "":
			if order != nil {
				fail("%s: a second Order stanza", where)
			}
			order = list(one("Order"))
			orderWhere = where
			if len(h) != 1 {
				fail("%s: an Order stanza holds only Order", where)
			}
		case one("Id") != "":
			e := entry{
				ID: one("Id"), Provider: one("Provider"), Reason: one("Reason"),
				Class: one("Class"), Who: one("Who"), Explanation: one("Explanation"),
				Action: one("Action"), Retry: one("Retry"), where: where,
				Statuses: list(one("Status")), Sources: list(one("Source")),
				Lang: one("Lang"),
			}
			for _, r := range list(one("Reply")) {
				n, err := strconv.Atoi(r)
				if err != nil || n < 200 || n > 599 {
					fail("%s: %s: bad reply code %q", where, e.ID, r)
				}
				e.Replies = append(e.Replies, n)
			}
			for _, t := range h.Values("Text") {
				e.Texts = append(e.Texts, strings.Join(strings.Fields(t), " "))
			}
			for _, s := range h.Values("Sample") {
				e.Samples = append(e.Samples, strings.TrimSpace(s))
			}
			for _, t := range h.Values("Phrase") {
				e.phrases++
				e.Texts = append(e.Texts, strings.Join(strings.Fields(t), " "))
			}
			for _, t := range h.Values("Pair") {
				parts := strings.Split(strings.TrimSpace(t), pairSep)
				for i, p := range parts {
					parts[i] = strings.Join(strings.Fields(p), " ")
				}
				e.pairs++
				e.Texts = append(e.Texts, strings.Join(parts, pairSep))
			}
			for k := range h {
				switch k {
				case "Id", "Provider", "Reply", "Status", "Text", "Reason", "Class", "Who",
					"Explanation", "Action", "Retry", "Source", "Sample", "Lang", "Phrase", "Pair":
				default:
					fail("%s: %s: unknown key %q", where, e.ID, k)
				}
			}
			entries = append(entries, e)
		default:
			fail("%s: stanza has neither Doc nor ID", where)
		}
	})
	return docs, entries
}

// eachStanza reads the stanzas of a data file (runs of lines between blank
// lines, comment lines left out) as RFC 822 headers, and calls fn with
// each and where it starts ("file:line"). A stanza that does not read as
// a header fails the generation.
func eachStanza(name string, b []byte, fn func(where string, h textproto.MIMEHeader)) {
	var lines []string
	start := 0
	flush := func() {
		if len(lines) == 0 {
			return
		}
		where := fmt.Sprintf("%s:%d", name, start)
		r := textproto.NewReader(bufio.NewReader(strings.NewReader(strings.Join(lines, "\n") + "\n\n")))
		h, err := r.ReadMIMEHeader()
		lines = lines[:0]
		if err != nil {
			fail("%s: %v", where, err)
			return
		}
		fn(where, h)
	}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case strings.HasPrefix(line, "#"):
		case strings.TrimSpace(line) == "":
			flush()
		default:
			if len(lines) == 0 {
				start = i + 1
			}
			lines = append(lines, line)
		}
	}
	flush()
}

func list(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

func check(e *entry, ids map[string]string, reasons, docs map[string]bool) {
	w := e.where + ": " + e.ID
	if prev, ok := ids[e.ID]; ok {
		fail("%s: duplicate ID (first at %s)", w, prev)
	}
	ids[e.ID] = e.where
	for _, c := range e.ID {
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '.' || c == '-') {
			fail("%s: ID may hold only a-z, 0-9, '.' and '-'", w)
			break
		}
	}
	if e.Provider == "" {
		fail("%s: no Provider", w)
	}
	for _, s := range e.Statuses {
		if !validStatus(s, e.Provider == "iana") {
			fail("%s: bad status code %q", w, s)
		}
	}
	code := e.Provider == "iana" || e.Provider == "rfc5321"
	if e.Provider == "lexicon" {
		if e.Class == "" {
			e.Class = "unknown"
		}
	} else if e.Lang != "" || e.phrases+e.pairs > 0 {
		fail("%s: Lang, Phrase and Pair belong to Provider lexicon", w)
	}
	if len(e.Texts) == 0 && !code {
		fail("%s: no Text", w)
	}
	if !reasons[e.Reason] {
		fail("%s: unknown reason %q", w, e.Reason)
	}
	if e.Class == "" {
		e.Class = defaultClass(e)
	} else if !classes[e.Class] {
		fail("%s: unknown class %q", w, e.Class)
	}
	if !actors[e.Who] {
		fail("%s: unknown Who %q", w, e.Who)
	}
	for k, v := range map[string]string{"Explanation": e.Explanation, "Action": e.Action, "Retry": e.Retry} {
		if v == "" {
			fail("%s: no %s", w, k)
		}
	}
	if len(e.Sources) == 0 {
		fail("%s: no Source", w)
	}
	for _, s := range e.Sources {
		if !docs[s] {
			fail("%s: unknown Source %q", w, s)
		}
	}
	if len(e.Samples) == 0 && len(e.Texts) > 0 && e.Provider != "lexicon" {
		e.Samples = []string{defaultSample(e)}
	}
}

func validStatus(s string, x bool) bool {
	p := strings.Split(s, ".")
	if len(p) != 3 {
		return false
	}
	if x != (p[0] == "X") || !x && p[0] != "2" && p[0] != "4" && p[0] != "5" {
		return false
	}
	for _, q := range p[1:] {
		if n, err := strconv.Atoi(q); err != nil || n < 0 || n > 999 || len(q) > 3 {
			return false
		}
	}
	return true
}

func defaultClass(e *entry) string {
	if len(e.Statuses) > 0 && e.Statuses[0][0] != 'X' {
		return digitClass(int(e.Statuses[0][0] - '0'))
	}
	if len(e.Replies) > 0 {
		return digitClass(e.Replies[0] / 100)
	}
	return "unknown"
}

func digitClass(d int) string {
	switch d {
	case 2:
		return "success"
	case 4:
		return "temporary"
	case 5:
		return "permanent"
	}
	return "unknown"
}

// fill replaces placeholders in a template with sample values.
func fill(t string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(t, '{')
		j := strings.IndexByte(t, '}')
		if i < 0 || j < i {
			b.WriteString(t)
			return b.String()
		}
		b.WriteString(t[:i])
		b.WriteString(placeholders[t[i+1:j]])
		t = t[j+1:]
	}
}

func defaultSample(e *entry) string {
	var parts []string
	if len(e.Replies) > 0 {
		parts = append(parts, strconv.Itoa(e.Replies[0]))
	}
	if len(e.Statuses) > 0 {
		parts = append(parts, e.Statuses[0])
	}
	return strings.Join(append(parts, fill(e.Texts[0])), " ")
}

// buildTemplates turns every text into a word list, with 0 for a placeholder.
func buildTemplates(entries []entry) []template {
	var ts []template
	for ei, e := range entries {
		if e.Provider == "lexicon" {
			continue // matched by Lexicon, not by Match
		}
		for ai, text := range e.Texts {
			t := template{entry: ei, alias: ai}
			rest := text
			for rest != "" {
				i := strings.IndexByte(rest, '{')
				lit := rest
				if i >= 0 {
					lit = rest[:i]
				}
				for _, tok := range token.Split(nil, lit, 0) {
					t.words = append(t.words, tok.Hash)
					t.n++
				}
				if i < 0 {
					break
				}
				j := strings.IndexByte(rest[i:], '}')
				if j < 0 {
					fail("%s: %s: unclosed placeholder in %q", e.where, e.ID, text)
					break
				}
				name := rest[i+1 : i+j]
				if _, ok := placeholders[name]; !ok {
					fail("%s: %s: unknown placeholder {%s}", e.where, e.ID, name)
				}
				t.words = append(t.words, 0)
				rest = rest[i+j+1:]
			}
			if t.n == 0 {
				fail("%s: %s: text %q has no words", e.where, e.ID, text)
			}
			ts = append(ts, t)
		}
	}
	return ts
}

// indexed marks, in the table's weights, the words that the index holds.
const indexed = 0x80

// buildIndex maps each template's distinctive words to the template.
// Words in more than stop templates are left out, unless a template has no
// other word.
func buildIndex(ts []template) []uint64 {
	df := map[uint32]int{}
	distinct := make([][]uint32, len(ts))
	for i, t := range ts {
		seen := map[uint32]bool{}
		for _, w := range t.words {
			if w != 0 && !seen[w] {
				seen[w] = true
				distinct[i] = append(distinct[i], w)
				df[w]++
			}
		}
	}
	// A word weighs more the fewer templates use it (inverse document
	// frequency), so that matching the rare words of a wording counts more
	// than matching "message could not be delivered".
	for i := range ts {
		t := &ts[i]
		t.weights = make([]uint8, len(t.words))
		t.wsum = 0
		for j, w := range t.words {
			if w == 0 {
				continue
			}
			x := 1 + math.Log(float64(len(ts))/float64(df[w]))
			q := int(math.Round(x * 8))
			if q >= indexed {
				fail("table: a word weighs %d, over the %d that a weight may hold", q, indexed-1)
			}
			q = max(q, 1)
			t.weights[j] = uint8(q)
			t.wsum += q
		}
	}
	stop := max(8, len(ts)/20)
	var idx []uint64
	for i := range ts {
		var keep []uint32
		for _, w := range distinct[i] {
			if df[w] <= stop {
				keep = append(keep, w)
			}
		}
		if len(keep) == 0 {
			keep = distinct[i]
		}
		ts[i].nidx = len(keep)
		for _, w := range keep {
			idx = append(idx, uint64(w)<<32|uint64(i))
			// The table marks the word's first place as indexed.
			ts[i].weights[slices.Index(ts[i].words, w)] |= indexed
		}
	}
	sort.Slice(idx, func(a, b int) bool { return idx[a] < idx[b] })
	return idx
}

func render(version string, docs []doc, reasons []reason, entries []entry, ts []template) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("// Code generated by \"go run gen.go\"; DO NOT EDIT.\n\npackage catalog\n\n")
	p("// Version identifies the catalog data: a hash of its sources.\nconst Version = %q\n\n", version)
	p("var docs = [...]Doc{\n")
	for _, d := range docs {
		p("{ID: %q, Title: %q, URL: %q},\n", d.ID, d.Title, d.URL)
	}
	p("}\n\nvar reasons = [...]Reason{\n")
	for _, r := range reasons {
		p("{Name: %q, Meaning: %q, Class: %q, WhoActs: %q},\n", r.Name, r.Meaning, r.Class, r.WhoActs)
	}
	p("}\n\n// lexiconOrder is the precedence among reasons of Lexicon, from\n// data/lexicon-order.txt: the earlier wins.\nvar lexiconOrder = [...]string{")
	for _, r := range order {
		p("%q,", r)
	}
	slots := 0
	for _, e := range entries {
		if e.Provider == "lexicon" {
			for _, t := range e.Texts[e.phrases:] {
				slots += strings.Count(t, pairSep)
			}
		}
	}
	p("}\n\n// lexiconSlots is the number of pair parts after the first, over all\n// lexicon pairs: the state Lexicon keeps per call.\nconst lexiconSlots = %d\n\n", slots)
	renderEntries(p, entries, ts)
	return b.Bytes()
}

// lexiconDefaults fills the Explanation, Action, Who and Retry that a
// lexicon stanza leaves out from the English stanza of its reason,
// lexicon.en.<reason>.
func lexiconDefaults(entries []entry, reasons []reason) {
	en := map[string]*entry{}
	for i := range entries {
		e := &entries[i]
		if e.Provider == "lexicon" && e.ID == "lexicon.en."+e.Reason {
			en[e.Reason] = e
		}
	}
	for i := range entries {
		e := &entries[i]
		if e.Provider != "lexicon" {
			continue
		}
		src := en[e.Reason]
		if src == nil {
			fail("%s: %s: no stanza lexicon.en.%s for reason %q", e.where, e.ID, e.Reason, e.Reason)
			continue
		}
		for _, f := range []struct{ dst, src *string }{
			{&e.Explanation, &src.Explanation}, {&e.Action, &src.Action},
			{&e.Who, &src.Who}, {&e.Retry, &src.Retry},
		} {
			if *f.dst == "" {
				*f.dst = *f.src
			}
		}
	}
}

// maxPhrase is the longest lexicon wording or pair part, in bytes once
// folded; Lexicon keeps a window of 1024 bytes.
const maxPhrase = 200

// checkLexicon checks the lexicon stanzas and the Order stanza.
func checkLexicon(entries []entry, reasons map[string]bool) {
	inOrder := map[string]bool{}
	if order == nil {
		fail("data: no Order stanza (lexicon-order.txt)")
	}
	for _, r := range order {
		if !reasons[r] {
			fail("%s: Order: unknown reason %q", orderWhere, r)
		}
		if inOrder[r] {
			fail("%s: Order: %q listed twice", orderWhere, r)
		}
		inOrder[r] = true
	}
	seen := map[string]string{} // lang, reason, folded wording -> ID
	for i := range entries {
		e := &entries[i]
		if e.Provider != "lexicon" {
			continue
		}
		w := e.where + ": " + e.ID
		if e.Lang == "" || strings.Trim(e.Lang, "abcdefghijklmnopqrstuvwxyz-") != "" {
			fail("%s: Lang %q: want a lower-case language tag", w, e.Lang)
		}
		if want := "lexicon." + e.Lang + "." + e.Reason; e.ID != want && !strings.HasPrefix(e.ID, want+"-") {
			fail("%s: ID must be %s or %s-<source>", w, want, want)
		}
		if len(e.Replies)+len(e.Statuses)+len(e.Samples) > 0 || e.phrases+e.pairs != len(e.Texts) {
			fail("%s: a lexicon stanza has Phrase and Pair, no Text, Reply, Status or Sample", w)
		}
		if len(e.Texts) == 0 {
			fail("%s: no Phrase or Pair", w)
		}
		if !inOrder[e.Reason] {
			fail("%s: reason %q is not in Order", w, e.Reason)
		}
		for k, t := range e.Texts {
			parts := strings.Split(t, pairSep)
			if k < e.phrases && len(parts) != 1 {
				fail("%s: Phrase %q holds %q: write it as a Pair", w, t, pairSep)
			}
			if k >= e.phrases && len(parts) < 2 {
				fail("%s: Pair %q: want parts joined by %q", w, t, pairSep)
			}
			for _, p := range parts {
				if p == "" || strings.Contains(p, "\u2026") {
					fail("%s: %q: empty part, or a stray \u2026", w, t)
				}
				if len(p) > maxPhrase {
					fail("%s: %q: a part is over %d bytes", w, t, maxPhrase)
				}
				for _, r := range p {
					if r == utf8.RuneError || unicode.IsControl(r) {
						fail("%s: %q: bad character %U", w, t, r)
						break
					}
				}
			}
			key := e.Lang + "\x00" + e.Reason + "\x00" + strings.ToLower(t)
			if prev, ok := seen[key]; ok {
				fail("%s: %q repeats a wording of %s", w, t, prev)
			}
			seen[key] = e.ID
		}
	}
}

// limit fails unless every value of a table fits the Go type that holds it.
func limit(what string, n, max int) {
	if n > max {
		fail("table: %s is %d, over %d: widen its type in gen.go and table.go's readers", what, n, max)
	}
}

// renderEntries writes the entries and templates as flat arrays of small
// integers: strings are stored once in one constant and named by their
// number, and lists are runs of one shared array. A template is an entry's
// text, so only the weights of its words are stored. catalog.go and
// match.go rebuild the Entry and template values and the index from them
// on first use, so the table's share of a binary holds no pointers and no
// slice headers, and a program's start builds nothing.
func renderEntries(p func(string, ...any), entries []entry, ts []template) {
	// The string table, in order of first use.
	var blob []string
	strIdx := map[string]int{}
	size := 0
	intern := func(s string) int {
		if i, ok := strIdx[s]; ok {
			return i
		}
		strIdx[s] = len(blob)
		blob = append(blob, s)
		size += len(s)
		return len(blob) - 1
	}
	// Strings are interned a field at a time (every ID, then every
	// Provider, ...), so that alike strings lie together and compress well.
	fields := make([][8]int, len(entries))
	for k := range 8 {
		for i, e := range entries {
			fields[i][k] = intern([8]string{e.ID, e.Provider, e.Reason, e.Class, e.Who, e.Explanation, e.Action, e.Retry}[k])
		}
	}
	lists := func(e entry) [4][]string {
		return [4][]string{nil, e.Statuses, e.Texts, e.Sources}
	}
	for k := 1; k < 4; k++ {
		for _, e := range entries {
			for _, s := range lists(e)[k] {
				intern(s)
			}
		}
	}
	// The lists, a kind at a time: reply codes, and the numbers in strs of
	// the statuses, texts and sources, each stored as its difference from
	// the one before it (mod 1<<16): texts are mostly new strings, whose
	// numbers follow each other, so the differences are mostly 1.
	counts := make([][4]int, len(entries))
	var list [4][]uint16
	var prev [4]uint16
	for i, e := range entries {
		for _, r := range e.Replies {
			list[0] = append(list[0], uint16(r))
		}
		counts[i][0] = len(e.Replies)
		for k := 1; k < 4; k++ {
			for _, s := range lists(e)[k] {
				n := uint16(strIdx[s])
				list[k] = append(list[k], n-prev[k])
				prev[k] = n
			}
			counts[i][k] = len(lists(e)[k])
		}
		for k := range 4 {
			limit("the length of an entry's list", counts[i][k], math.MaxUint8)
		}
	}
	maxLen := 0
	for _, s := range blob {
		maxLen = max(maxLen, len(s))
	}
	limit("the number of distinct strings", len(blob), math.MaxUint16)
	limit("the length of a string", maxLen, math.MaxUint16)
	limit("the number of entries", len(entries), math.MaxUint16)
	limit("the bytes of the string table", size, math.MaxUint32)

	for i, str := range blob {
		if strings.IndexByte(str, 0) >= 0 {
			fail("table: string %q holds a NUL byte, which ends a string of strs", str)
		}
		if i < len(fields) && fields[i][0] != i {
			fail("table: entry %d's ID is not string %d of strs", i, i)
		}
	}
	p("// strs holds every string of the entries once, each ended by a NUL byte;\n// string i is the ID of entry i.\n")
	p("const strs = \"\" +\n")
	for i, s := range blob {
		if i == len(blob)-1 {
			p("%q\n\n", s+"\x00")
		} else {
			p("%q +\n", s+"\x00")
		}
	}
	p("const numStrings = %d\n\n", len(blob))
	p("// numEntries is the number of entries.\nconst numEntries = %d\n\n", len(entries))
	// Provider, Reason, Class and Who take a few dozen values, interned
	// right after the IDs: their numbers are stored as bytes, less the
	// first of them. Explanation, Action and Retry take hundreds.
	column := func(k int) []int {
		c := make([]int, len(fields))
		for i, f := range fields {
			c[i] = f[k]
		}
		return c
	}
	lo, hi := len(blob), 0
	for k := 1; k <= 4; k++ {
		lo, hi = min(lo, slices.Min(column(k))), max(hi, slices.Max(column(k)))
	}
	limit("the span of the numbers of Provider, Reason, Class and Who", hi-lo, math.MaxUint8)
	rows := func(k, base int) {
		p("{")
		for i, v := range column(k) {
			if i%16 == 0 {
				p("\n")
			}
			p("%d,", v-base)
		}
		p("\n},\n")
	}
	p("// entryKinds holds, for each entry, the numbers in strs of its Provider,\n// Reason, Class and Who, less kindStrs: a column each.\n")
	p("var entryKinds = [4][numEntries]uint8{\n")
	for k := 1; k <= 4; k++ {
		rows(k, lo)
	}
	p("}\n\n// kindStrs is the first number in strs of entryKinds.\nconst kindStrs = %d\n\n", lo)
	p("// entryStrs holds, for each entry, the numbers in strs of its\n// Explanation, Action and Retry: a column each.\nvar entryStrs = [3][numEntries]uint16{\n")
	for k := 5; k < 8; k++ {
		rows(k, 0)
	}
	p("}\n\n")
	p("// entryCounts holds, for each entry, the number of its Replies, Statuses,\n// Texts and Sources.\nvar entryCounts = [...][4]uint8{\n")
	for _, c := range counts {
		p("{%d, %d, %d, %d},\n", c[0], c[1], c[2], c[3])
	}
	p("}\n\n")
	p("// entryLists holds the entries' reply codes, and the numbers in strs of\n// their statuses, texts and sources, each as its difference (mod 1<<16)\n// from the one before it of its kind: a list of each kind, entry by entry.\n")
	p("var (\n")
	for k, name := range []string{"entryReplies", "entryStatuses", "entryTexts", "entrySources"} {
		p("%s = [...]uint16{", name)
		for i, v := range list[k] {
			if i%16 == 0 {
				p("\n")
			}
			p("%d,", v)
		}
		p("\n}\n")
	}
	p(")\n\n")

	order := make([]int, len(entries))
	for i := range order {
		order[i] = i
	}
	sort.Slice(order, func(a, b int) bool { return entries[order[a]].ID < entries[order[b]].ID })
	p("// byID lists entry indexes sorted by ID.\nvar byID = [...]uint16{")
	for i, o := range order {
		if i%16 == 0 {
			p("\n")
		}
		p("%d,", o)
	}
	p("\n}\n\n")

	// The templates are the entries' Texts (but the lexicon's), split into
	// words as here, with their weights; the words of the index carry the
	// indexed bit. match.go rebuilds the templates and the index from them.
	nwords := 0
	for _, t := range ts {
		nwords += len(t.words)
	}
	limit("the words of all templates", nwords, math.MaxInt32)
	p("// numTemplates is the number of the entries' Texts, but the lexicon's.\nconst numTemplates = %d\n\n", len(ts))
	p("// templateWeights holds the weight of each word of each template, in\n// order, 0 for a placeholder; the bit indexed marks the words of the index.\nvar templateWeights = [...]uint8{")
	i := 0
	for _, t := range ts {
		for _, w := range t.weights {
			if i%24 == 0 {
				p("\n")
			}
			i++
			p("%d,", w)
		}
	}
	p("\n}\n")
}

// renderTestTable writes what only the package's tests read to a _test.go
// file, so that it stays out of programs: the entries' samples, and a
// digest of the templates and the index that match.go builds.
func renderTestTable(entries []entry, ts []template, idx []uint64) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("// Code generated by \"go run gen.go\"; DO NOT EDIT.\n\npackage catalog\n\n")
	p("// templatesDigest is templateDigest of the templates and the index as\n// gen.go made them.\nconst templatesDigest = %q\n\n", templateDigest(ts, idx))
	p("// samples holds, by entry ID, the full reply lines that must match the\n// entry; init puts them in Entry.Samples for the tests.\n")
	p("var samples = map[string][]string{\n")
	for _, e := range entries {
		if len(e.Samples) > 0 {
			p("%q: %#v,\n", e.ID, e.Samples)
		}
	}
	p("}\n\nfunc init() {\n\tes := loadEntries()\n\tfor i := range es {\n\t\tes[i].Samples = samples[es[i].ID]\n\t}\n}\n")
	return b.Bytes()
}

// templateDigest is a hash of templates and an index; the tests compute
// the same of what match.go builds (see TestTemplatesAsGenerated).
func templateDigest(ts []template, idx []uint64) string {
	h := sha256.New()
	for _, t := range ts {
		w := make([]uint8, len(t.weights))
		for i, x := range t.weights {
			w[i] = x &^ indexed
		}
		fmt.Fprintf(h, "%d %d %d %d %d %v %v\n", t.entry, t.alias, t.n, t.nidx, t.wsum, t.words, w)
	}
	fmt.Fprintf(h, "%v\n", idx)
	return fmt.Sprintf("%x", h.Sum(nil))
}

// The lists of data/signs*.txt: a Sign stanza names one list of phrases,
// a Hints stanza adds phrases that name a Target to the list of its kind.
var (
	signNames = set("failure", "weak-failure", "mail", "delay-warning", "expiry", "expiry-note", "delay",
		"temporary", "sender-refused", "recipient-label", "address-label", "header-label", "not-name-end",
		"stop-line", "name-list-intro", "help-address", "bounce-sender", "report-sender", "weak-sender",
		"auto-reply-subject", "checks-at-rcpt", "format-field")
	hintKinds = set("provider", "format", "format-entry", "stage")
	// The SMTP stages that stage hints name.
	stages = set("CONN", "HELO", "STARTTLS", "AUTH", "MAIL", "RCPT", "DATA")
)

type hint struct{ phrase, target, key string }

type signData struct {
	lists map[string][]string // by sign name
	hints map[string][]hint   // by kind, in file order
}

// readSigns reads the Sign and Hints stanzas of files. It rejects unknown
// names and kinds, a list defined twice or missing, a stanza without a
// Note or Phrase, phrases repeated within a list, hints whose phrases
// lack their Key, and unknown stages; the targets of
// format-entry hints must be entry IDs (ids) and their phrases formats,
// and checks-at-rcpt must name providers of the provider hints. With no
// files (a data folder made for another test) the tables are empty.
func readSigns(files []string, sum interface{ Write([]byte) (int, error) }, ids map[string]string) signData {
	sd := signData{lists: map[string][]string{}, hints: map[string][]hint{}}
	noted := map[string]bool{}
	stanza := func(where string, h textproto.MIMEHeader) {
		sign, kind := strings.TrimSpace(h.Get("Sign")), strings.TrimSpace(h.Get("Hints"))
		var phrases []string
		seen := map[string]bool{}
		for _, v := range h.Values("Phrase") {
			p := strings.TrimSpace(v)
			if len(p) >= 2 && p[0] == '"' && p[len(p)-1] == '"' {
				p = p[1 : len(p)-1] // quoted to keep its spaces
			}
			if p == "" || strings.ContainsFunc(p, func(r rune) bool { return r == utf8.RuneError || unicode.IsControl(r) }) {
				fail("%s: empty phrase or bad character in %q", where, p)
			}
			phrases = append(phrases, p)
		}
		if len(phrases) == 0 {
			fail("%s: no Phrase", where)
		}
		note := strings.TrimSpace(h.Get("Note")) != ""
		switch {
		case sign != "" && kind == "":
			if !signNames[sign] {
				fail("%s: unknown sign %q", where, sign)
			}
			if _, dup := sd.lists[sign]; dup {
				fail("%s: sign %q defined twice", where, sign)
			}
			if !note {
				fail("%s: sign %q has no Note", where, sign)
			}
			for _, p := range phrases {
				if seen[p] {
					fail("%s: sign %q: phrase %q repeated", where, sign, p)
				}
				seen[p] = true
			}
			sd.lists[sign] = phrases
			for k := range h {
				if k != "Sign" && k != "Note" && k != "Phrase" {
					fail("%s: sign %q: unknown key %q", where, sign, k)
				}
			}
		case kind != "" && sign == "":
			target, key := strings.TrimSpace(h.Get("Target")), strings.TrimSpace(h.Get("Key"))
			if !hintKinds[kind] {
				fail("%s: unknown hint kind %q", where, kind)
			}
			if target == "" {
				fail("%s: hints %q: no Target", where, kind)
			}
			noted[kind] = noted[kind] || note
			for _, p := range phrases {
				for _, o := range sd.hints[kind] {
					if o.phrase == p {
						fail("%s: hints %q: phrase %q repeated", where, kind, p)
					}
				}
				if !strings.Contains(p, key) {
					fail("%s: hints %q: phrase %q does not hold the Key %q", where, kind, p, key)
				}
				sd.hints[kind] = append(sd.hints[kind], hint{p, target, key})
			}
			if kind == "stage" && !stages[target] {
				fail("%s: hints %q: unknown stage %q", where, kind, target)
			}
			for k := range h {
				if k != "Hints" && k != "Target" && k != "Key" && k != "Note" && k != "Phrase" {
					fail("%s: hints %q: unknown key %q", where, kind, k)
				}
			}
		default:
			fail("%s: want a Sign or a Hints stanza", where)
		}
	}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			log.Fatal(err)
		}
		sum.Write(b)
		eachStanza(name, b, stanza)
	}
	if len(files) == 0 {
		return sd // a data folder for other tests: empty tables
	}
	for n := range signNames {
		if _, ok := sd.lists[n]; !ok {
			fail("data/signs*.txt: no Sign: %s", n)
		}
	}
	for k := range hintKinds {
		if len(sd.hints[k]) == 0 {
			fail("data/signs*.txt: no Hints: %s", k)
		} else if !noted[k] {
			fail("data/signs*.txt: Hints: %s has no Note", k)
		}
	}
	targets := func(kind string) map[string]bool {
		m := map[string]bool{}
		for _, h := range sd.hints[kind] {
			m[h.target] = true
		}
		return m
	}
	formats, providers := targets("format"), targets("provider")
	for _, h := range sd.hints["format-entry"] {
		if _, ok := ids[h.target]; !ok {
			fail("data/signs*.txt: format-entry: unknown entry %q", h.target)
		}
		if !formats[h.phrase] {
			fail("data/signs*.txt: format-entry: %q is no format hint's Target", h.phrase)
		}
	}
	for _, p := range sd.lists["checks-at-rcpt"] {
		if !providers[p] {
			fail("data/signs*.txt: checks-at-rcpt: %q is no provider hint's Target", p)
		}
	}
	return sd
}

// renderSigns writes the tables of Sign and Hints, sorted by name.
func renderSigns(sd signData) []byte {
	var b bytes.Buffer
	p := func(format string, args ...any) { fmt.Fprintf(&b, format, args...) }
	p("\n// signLists holds the Sign stanzas of data/signs*.txt, by name.\nvar signLists = [...]signList{\n")
	for _, n := range slices.Sorted(maps.Keys(sd.lists)) {
		p("{name: %q, phrases: []string{\n", n)
		for _, ph := range sd.lists[n] {
			p("%q,\n", ph)
		}
		p("}},\n")
	}
	p("}\n\n// hintLists holds the Hints stanzas of data/signs*.txt, by kind, in\n// file order.\nvar hintLists = [...]hintList{\n")
	for _, k := range slices.Sorted(maps.Keys(sd.hints)) {
		p("{kind: %q, hints: []Hint{\n", k)
		for _, h := range sd.hints[k] {
			if h.key != "" {
				p("{Phrase: %q, Target: %q, Key: %q},\n", h.phrase, h.target, h.key)
			} else {
				p("{Phrase: %q, Target: %q},\n", h.phrase, h.target)
			}
		}
		p("}},\n")
	}
	p("}\n")
	return b.Bytes()
}
