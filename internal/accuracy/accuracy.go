// Package accuracy compares the classifier with the labels of a bounce
// corpus (sisimai's set-of-emails sample in testdata/corpus): reason,
// status and class, per format and overall.
package accuracy

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/bouncekit/bounce"
)

// Label is one row of labels.tsv: the expected verdict for one recipient
// record of one file.
type Label struct {
	File   string // e.g. "eml/lhost-postfix-01.eml"
	Format string // sisimai's module name, e.g. "Postfix"
	Reason string
	Status string // may be a pseudo code such as "5.0.910"
	Reply  string
	Class  string // "permanent", "temporary", "success" or "unknown"
	Index  int    // 1-based position of the record
}

// Row is the comparison for one label.
type Row struct {
	Label
	GotReason, GotStatus, GotClass string
	ReasonOK, StatusOK, ClassOK    bool
	Known                          string // why the label is judged wrong, "" if it is not
	Err                            string
}

// Tally counts agreement.
type Tally struct {
	N, Reason, Status, Class int
}

func (t *Tally) add(r Row) {
	t.N++
	if r.ReasonOK {
		t.Reason++
	}
	if r.StatusOK {
		t.Status++
	}
	if r.ClassOK {
		t.Class++
	}
}

// Pct returns a share in percent.
func Pct(n, of int) float64 {
	if of == 0 {
		return 100
	}
	return float64(n) * 100 / float64(of)
}

// Result is the outcome of Run.
type Result struct {
	Rows     []Row
	Overall  Tally
	ByFormat map[string]*Tally
}

// ReadLabels reads labels.tsv.
func ReadLabels(path string) ([]Label, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []Label
	sc := bufio.NewScanner(f)
	first := true
	for sc.Scan() {
		if first {
			first = false
			continue
		}
		c := strings.Split(sc.Text(), "\t")
		if len(c) < 7 {
			continue
		}
		n, _ := strconv.Atoi(c[6])
		out = append(out, Label{File: c[0], Format: c[1], Reason: c[2], Status: c[3], Reply: c[4], Class: c[5], Index: n})
	}
	return out, sc.Err()
}

// ReadKnown reads the judged label errors: "file<TAB>index<TAB>field<TAB>why"
// lines, # comments.
func ReadKnown(path string) map[string]string {
	out := map[string]string{}
	b, err := os.ReadFile(path)
	if err != nil {
		return out
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "#") || strings.TrimSpace(l) == "" {
			continue
		}
		c := strings.SplitN(l, "\t", 4)
		if len(c) == 4 {
			out[c[0]+"#"+c[1]] = c[2] + ": " + c[3]
		}
	}
	return out
}

// Run classifies every labelled file of the corpus in dir. keep, if not
// nil, selects the files to include.
func Run(dir string, known map[string]string, keep func(file string) bool) (*Result, error) {
	labels, err := ReadLabels(filepath.Join(dir, "labels.tsv"))
	if err != nil {
		return nil, err
	}
	res := &Result{ByFormat: map[string]*Tally{}}
	cache := map[string]*bounce.Report{}
	errs := map[string]error{}
	for _, l := range labels {
		if keep != nil && !keep(l.File) {
			continue
		}
		rep, ok := cache[l.File]
		if !ok {
			b, err := os.ReadFile(filepath.Join(dir, l.File))
			if err != nil {
				return nil, err
			}
			rep, err = bounce.ParseBytes(b)
			cache[l.File], errs[l.File] = rep, err
		}
		row := Row{Label: l, Known: known[l.File+"#"+strconv.Itoa(l.Index)]}
		if errs[l.File] != nil {
			row.Err = errs[l.File].Error()
		}
		if rep != nil && l.Index-1 < len(rep.Recipients) {
			r := rep.Recipients[l.Index-1]
			row.GotReason, row.GotStatus, row.GotClass = r.Reason, r.Status.String(), string(r.Class)
		}
		row.ReasonOK = row.GotReason == l.Reason
		row.StatusOK = StatusAgrees(l.Status, row.GotStatus, row.GotClass)
		row.ClassOK = ClassAgrees(l.Class, l.Reason, row.GotClass)
		res.Rows = append(res.Rows, row)
		res.Overall.add(row)
		t := res.ByFormat[l.Format]
		if t == nil {
			t = &Tally{}
			res.ByFormat[l.Format] = t
		}
		t.add(row)
	}
	return res, nil
}

// StatusAgrees compares an expected status with ours. sisimai writes a
// pseudo code ("5.0.910", detail 900 and up) or a bare "5.0.0" where the
// message carries no specific code; those agree with an absent status or
// with the same class's "X.0.0", provided our class has the same digit.
func StatusAgrees(want, got, gotClass string) bool {
	if want == got {
		return true
	}
	p := strings.Split(want, ".")
	if len(p) != 3 || p[1] != "0" {
		return false
	}
	d, _ := strconv.Atoi(p[2])
	if d != 0 && d < 900 {
		return false
	}
	classDigit := map[string]string{"permanent": "5", "temporary": "4", "success": "2"}[gotClass]
	if got == "" {
		return classDigit == p[0]
	}
	return got == p[0]+".0.0"
}

// ClassAgrees compares classes. sisimai says "unknown" for complaints and
// auto-replies, which are not failures; we say "success" for them.
func ClassAgrees(want, reason, got string) bool {
	if want == got {
		return true
	}
	return want == "unknown" && got == "success" && (reason == "feedback" || reason == "vacation")
}

// Print writes the table and the disagreements. The set-aside half's
// formats appear only in its total, and its disagreements only with
// showSetAside: while rules are written, nobody reads those messages.
func Print(w io.Writer, res *Result, showSetAside bool) {
	fmt.Fprintf(w, "%-18s %5s %8s %8s %8s\n", "format", "recs", "reason", "status", "class")
	names := make([]string, 0, len(res.ByFormat))
	for k := range res.ByFormat {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if IsSetAside(k) && !showSetAside {
			continue
		}
		t := res.ByFormat[k]
		fmt.Fprintf(w, "%-18s %5d %7.1f%% %7.1f%% %7.1f%%\n", k, t.N, Pct(t.Reason, t.N), Pct(t.Status, t.N), Pct(t.Class, t.N))
	}
	line := func(name string, t Tally, note string) {
		fmt.Fprintf(w, "%-18s %5d %7.1f%% %7.1f%% %7.1f%%%s\n", name, t.N, Pct(t.Reason, t.N), Pct(t.Status, t.N), Pct(t.Class, t.N), note)
	}
	var trusted, worked, aside Tally
	for _, r := range res.Rows {
		if r.Known == "" {
			trusted.add(r)
		}
		if IsSetAside(r.Format) {
			aside.add(r)
		} else {
			worked.add(r)
		}
	}
	line("OVERALL", res.Overall, "")
	line("TRUSTED", trusted, "  (records whose label is not judged wrong)")
	line("WORKED-ON HALF", worked, "  (formats rules were written from)")
	line("SET-ASIDE HALF", aside, "  (formats kept unread: internal/accuracy/setaside.go)")
	fmt.Fprintln(w, "\ndisagreements (file#record: field want -> got):")
	hidden := 0
	for _, r := range res.Rows {
		if r.ReasonOK && r.StatusOK && r.ClassOK {
			continue
		}
		if IsSetAside(r.Format) && !showSetAside {
			hidden++
			continue
		}
		var diffs []string
		if !r.ReasonOK {
			diffs = append(diffs, fmt.Sprintf("reason %s -> %s", r.Reason, r.GotReason))
		}
		if !r.StatusOK {
			diffs = append(diffs, fmt.Sprintf("status %s -> %s", r.Status, r.GotStatus))
		}
		if !r.ClassOK {
			diffs = append(diffs, fmt.Sprintf("class %s -> %s", r.Class, r.GotClass))
		}
		note := ""
		if r.Known != "" {
			note = "  [label judged wrong: " + r.Known + "]"
		}
		if r.Err != "" {
			note += "  [error: " + r.Err + "]"
		}
		fmt.Fprintf(w, "  %s#%d: %s%s\n", r.File, r.Index, strings.Join(diffs, "; "), note)
	}
	if hidden > 0 {
		fmt.Fprintf(w, "  (%d disagreements of the set-aside half not shown; -show-set-aside lists them)\n", hidden)
	}
}

// HeldOut reports whether file is in the held-out set: the files of each
// format ("lhost-postfix") whose sample number is a multiple of n.
func HeldOut(file string, n int) bool {
	base := strings.TrimSuffix(filepath.Base(file), ".eml")
	i := strings.LastIndexByte(base, '-')
	if i < 0 {
		return false
	}
	num, err := strconv.Atoi(base[i+1:])
	return err == nil && num%n == 0
}
