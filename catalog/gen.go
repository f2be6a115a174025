//go:build ignore

// gen reads data/*.txt and reasons.tsv and writes table.go.
//
//	go run gen.go [-o table.go]
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
	"math"
	"net/textproto"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/bouncekit/bounce/catalog/internal/token"
)

type doc struct{ ID, Title, URL string }

type reason struct{ Name, Meaning, Class, WhoActs string }

type entry struct {
	ID, Provider               string
	Replies                    []int
	Statuses, Texts            []string
	Reason, Class, Who         string
	Explanation, Action, Retry string
	Sources, Samples           []string
	where                      string
}

type template struct {
	entry, alias int
	words        []uint32
	weights      []uint8
	n, nidx      int
	wsum         int
}

var (
	out     = flag.String("o", "table.go", "output file")
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
	reasons := readReasons("reasons.tsv", sum)
	known := map[string]bool{}
	for _, r := range reasons {
		known[r.Name] = true
	}

	files, err := filepath.Glob("data/*.txt")
	if err != nil || len(files) == 0 {
		log.Fatalf("no data/*.txt: %v", err)
	}
	sort.Strings(files)
	var docs []doc
	var entries []entry
	for _, f := range files {
		d, e := readFile(f, sum)
		docs = append(docs, d...)
		entries = append(entries, e...)
	}

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
	templates := buildTemplates(entries)
	if len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(os.Stderr, "gen:", e)
		}
		os.Exit(1)
	}
	version := fmt.Sprintf("%x", sum.Sum(nil))[:12]
	src := render(version, docs, reasons, entries, templates)
	b, err := format.Source(src)
	if err != nil {
		log.Fatalf("format: %v", err)
	}
	if err := os.WriteFile(*out, b, 0o644); err != nil {
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
	var stanza []string
	startLine := 0
	flush := func() {
		if len(stanza) == 0 {
			return
		}
		where := fmt.Sprintf("%s:%d", name, startLine)
		r := textproto.NewReader(bufio.NewReader(strings.NewReader(strings.Join(stanza, "\n") + "\n\n")))
		h, err := r.ReadMIMEHeader()
		stanza = stanza[:0]
		if err != nil {
			fail("%s: %v", where, err)
			return
		}
		one := func(k string) string { return strings.TrimSpace(h.Get(k)) }
		switch {
		case one("Doc") != "":
			docs = append(docs, doc{one("Doc"), one("Title"), one("Url")})
		case one("Id") != "":
			e := entry{
				ID: one("Id"), Provider: one("Provider"), Reason: one("Reason"),
				Class: one("Class"), Who: one("Who"), Explanation: one("Explanation"),
				Action: one("Action"), Retry: one("Retry"), where: where,
				Statuses: list(one("Status")), Sources: list(one("Source")),
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
			for k := range h {
				switch k {
				case "Id", "Provider", "Reply", "Status", "Text", "Reason", "Class", "Who",
					"Explanation", "Action", "Retry", "Source", "Sample":
				default:
					fail("%s: %s: unknown key %q", where, e.ID, k)
				}
			}
			entries = append(entries, e)
		default:
			fail("%s: stanza has neither Doc nor ID", where)
		}
	}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		switch {
		case strings.HasPrefix(line, "#"):
		case strings.TrimSpace(line) == "":
			flush()
		default:
			if len(stanza) == 0 {
				startLine = i + 1
			}
			stanza = append(stanza, line)
		}
	}
	flush()
	return docs, entries
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
	if len(e.Samples) == 0 && len(e.Texts) > 0 {
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
			q = min(max(q, 1), 255)
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
		}
	}
	sort.Slice(idx, func(a, b int) bool { return idx[a] < idx[b] })
	return idx
}

func render(version string, docs []doc, reasons []reason, entries []entry, ts []template) []byte {
	idx := buildIndex(ts)
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
	p("}\n\nvar entries = [...]Entry{\n")
	for _, e := range entries {
		p("{ID: %q, Provider: %q,", e.ID, e.Provider)
		if len(e.Replies) > 0 {
			p("Replies: %#v,", e.Replies)
		}
		if len(e.Statuses) > 0 {
			p("Statuses: %#v,", e.Statuses)
		}
		if len(e.Texts) > 0 {
			p("Texts: %#v,", e.Texts)
		}
		p("Reason: %q, Class: %q, Who: %q,\nExplanation: %q,\nAction: %q,\nRetry: %q,\nSources: %#v,",
			e.Reason, e.Class, e.Who, e.Explanation, e.Action, e.Retry, e.Sources)
		if len(e.Samples) > 0 {
			p("Samples: %#v,", e.Samples)
		}
		p("},\n")
	}
	p("}\n\n")
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
	p("var templates = [...]template{\n")
	for _, t := range ts {
		p("{entry: %d, alias: %d, n: %d, nidx: %d, wsum: %d, words: []uint32{", t.entry, t.alias, t.n, t.nidx, t.wsum)
		for _, w := range t.words {
			p("%#x,", w)
		}
		p("}, weights: []uint8{")
		for _, w := range t.weights {
			p("%d,", w)
		}
		p("}},\n")
	}
	p("}\n\n// index holds word<<32 | template, sorted.\nvar index = [...]uint64{")
	for i, v := range idx {
		if i%6 == 0 {
			p("\n")
		}
		p("%#x,", v)
	}
	p("\n}\n")
	return b.Bytes()
}
