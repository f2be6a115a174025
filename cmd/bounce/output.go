package main

import (
	"bufio"
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"slices"
	"strings"
	"unicode"

	"github.com/bouncekit/bounce"
	"github.com/bouncekit/bounce/internal/csvrec"
)

// A sink receives the records in input order: it writes them, counts them
// for -summary and -suppress, and draws the progress line.
type sink struct {
	format string
	out    *bufio.Writer
	errw   io.Writer
	prog   *progress
	tally  *tally
	failed bool
	count  int // records written
}

// format1 formats one message's record for the output; it runs on the
// workers, so that formatting is shared among the cores too.
func (s *sink) format1(source string, named bool, rep *bounce.Report, err error) record {
	r := record{source: source, named: named, rep: rep, err: err}
	if err != nil {
		r.rep = nil
	} else {
		rep.Source = source
	}
	var b bytes.Buffer
	switch s.format {
	case "json":
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err != nil {
			enc.Encode(struct {
				Source string `json:"source"`
				Error  string `json:"error"`
			}{source, err.Error()})
		} else {
			enc.Encode(rep)
		}
	case "csv":
		writeCSV(&b, source, r.rep, err)
	default:
		if err == nil {
			summary(&b, rep, named)
		}
	}
	r.out = b.Bytes()
	return r
}

// emit writes the records of one task, in order.
func (s *sink) emit(t *task, recs []record) {
	for _, r := range recs {
		if s.prog != nil {
			s.prog.clear()
		}
		if r.err != nil {
			s.failed = true
			if s.format != "json" {
				fmt.Fprintf(s.errw, "bounce: %s: %v\n", r.source, r.err)
			}
		}
		if len(r.out) > 0 {
			if s.format == "text" && s.count > 0 && r.named {
				s.out.WriteByte('\n')
			}
			s.out.Write(r.out)
			s.count++
		}
		s.tally.add(r.rep, r.err)
	}
	if s.prog != nil {
		s.prog.done(t, len(recs))
	}
}

// The CSV table is package csvrec's, which the page's "Download CSV"
// writes too: the same columns, quoting and guard against formulas.
func writeCSVHeader(w io.Writer) {
	w.Write(csvrec.Append(nil, csvrec.Header))
}

// writeCSV writes one row per recipient; a message with no failed
// recipient (not a bounce, an auto-reply) gives one row with its kind, and
// an unreadable input one row with the error.
func writeCSV(w io.Writer, source string, rep *bounce.Report, err error) {
	var b []byte
	for _, row := range csvrec.Rows(source, rep, err) {
		b = csvrec.Append(b, row)
	}
	w.Write(b)
}

// suppressReasons are the permanent failures that say the address itself
// cannot take mail. Permanent failures caused by the sender (a blocklist,
// DMARC, content) are counted but not listed: the address is good.
var suppressReasons = map[string]bool{
	"userunknown": true, "hostunknown": true, "hasmoved": true, "notaccept": true, "suspend": true,
}

// tally counts what the records say, for -summary and -suppress.
type tally struct {
	Messages   int            `json:"messages"`
	Unreadable int            `json:"unreadable"`
	Recipients int            `json:"recipients"`
	Kinds      map[string]int `json:"kinds"`
	Classes    map[string]int `json:"classes"`
	Reasons    map[string]int `json:"reasons"`
	Domains    map[string]int `json:"domains"`
	Suppress   int            `json:"suppress"`

	suppress map[string]bool
}

func newTally() *tally {
	return &tally{Kinds: map[string]int{}, Classes: map[string]int{}, Reasons: map[string]int{},
		Domains: map[string]int{}, suppress: map[string]bool{}}
}

func (t *tally) add(rep *bounce.Report, err error) {
	if rep == nil {
		t.Unreadable++
		return
	}
	t.Messages++
	t.Kinds[string(rep.Kind)]++
	for _, r := range rep.Recipients {
		t.Recipients++
		t.Classes[string(r.Class)]++
		t.Reasons[r.Reason]++
		addr := strings.ToLower(strings.Trim(strings.TrimSpace(r.Recipient), "<>"))
		domain := "(no address)"
		if i := strings.LastIndexByte(addr, '@'); i > 0 && i < len(addr)-1 && !strings.ContainsFunc(addr, notAddr) {
			domain = addr[i+1:]
			if r.Class == "permanent" && suppressReasons[r.Reason] && !t.suppress[addr] {
				t.suppress[addr] = true
				t.Suppress++
			}
		}
		t.Domains[domain]++
	}
}

// notAddr reports the runes an address written one per line must not hold.
func notAddr(r rune) bool { return r <= ' ' || r == 0x7f || unicode.IsSpace(r) || unicode.IsControl(r) }

// write prints the summary after the records: a text block, or one last
// JSON line {"summary": ...}.
func (t *tally) write(w io.Writer, format, suppressFile string) {
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetEscapeHTML(false)
		enc.Encode(struct {
			Summary *tally `json:"summary"`
		}{t})
		return
	}
	fmt.Fprintln(w)
	t.writeText(w, suppressFile)
}

// domainsShown is how many recipient domains the text summary lists.
const domainsShown = 20

func (t *tally) writeText(w io.Writer, suppressFile string) {
	fmt.Fprintf(w, "== summary: %d messages read, %d unreadable, %d recipient records\n", t.Messages, t.Unreadable, t.Recipients)
	section := func(title string, m map[string]int, total, limit int) {
		if len(m) == 0 {
			return
		}
		keys := slices.SortedFunc(maps.Keys(m), func(a, b string) int {
			return cmp.Or(-cmp.Compare(m[a], m[b]), cmp.Compare(a, b))
		})
		width := len(title)
		for _, k := range keys[:min(limit, len(keys))] {
			width = max(width, len(k))
		}
		fmt.Fprintf(w, "\n%-*s  %8s\n", width, title, "count")
		for _, k := range keys[:min(limit, len(keys))] {
			fmt.Fprintf(w, "%-*s  %8d  %5.1f%%\n", width, k, m[k], 100*float64(m[k])/float64(max(total, 1)))
		}
		if len(keys) > limit {
			fmt.Fprintf(w, "(%d more; -format json lists them all)\n", len(keys)-limit)
		}
	}
	section("kind", t.Kinds, t.Messages, len(t.Kinds))
	section("class", t.Classes, t.Recipients, len(t.Classes))
	section("reason", t.Reasons, t.Recipients, len(t.Reasons))
	section("recipient domain", t.Domains, t.Recipients, domainsShown)
	fmt.Fprintf(w, "\nto suppress: %d addresses (permanent: userunknown, hostunknown, hasmoved, notaccept, suspend)", t.Suppress)
	if suppressFile != "" {
		fmt.Fprintf(w, ", written to %s", suppressFile)
	}
	fmt.Fprintln(w)
}

// writeSuppress writes the addresses to suppress, sorted, one per line.
func (t *tally) writeSuppress(w io.Writer) error {
	bw := bufio.NewWriter(w)
	for _, a := range slices.Sorted(maps.Keys(t.suppress)) {
		bw.WriteString(a)
		bw.WriteByte('\n')
	}
	return bw.Flush()
}
