package bounce

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// unseenDir holds held-out bounce messages (msg/*.eml) and their expected
// verdicts (expected.tsv). The messages sit one level deeper than the
// golden corpus (testdata/<kind>/*.eml), so TestGolden and the fuzz seeds
// do not pick them up, and tuning never looks at them.
const unseenDir = "testdata/unseen"

// Agreement floors: a little under the 90% goal so that one changed verdict
// does not break the build; the log always shows the real figures.
const (
	unseenReasonFloor = 80.0
	unseenClassFloor  = 90.0
)

// unseenRow is one line of expected.tsv: the verdict wanted for one
// recipient record of one message. Record 0 means the message must give
// no record at all (not a bounce).
type unseenRow struct {
	file   string
	record int
	kind   string
	reason string
	status string
	class  string
	line   int
}

func readUnseenRows(t *testing.T) []unseenRow {
	t.Helper()
	f, err := os.Open(filepath.Join(unseenDir, "expected.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []unseenRow
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		n++
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") || strings.HasPrefix(line, "file\t") {
			continue
		}
		c := strings.Split(line, "\t")
		if len(c) != 6 {
			t.Fatalf("expected.tsv:%d: %d columns, want 6", n, len(c))
		}
		rec, err := strconv.Atoi(c[1])
		if err != nil || rec < 0 {
			t.Fatalf("expected.tsv:%d: bad record index %q", n, c[1])
		}
		rows = append(rows, unseenRow{c[0], rec, c[2], c[3], c[4], c[5], n})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestUnseenAgreement parses every held-out message and compares reason,
// status and class of each recipient record with expected.tsv. It logs
// every disagreement as "file#record field want -> got" and the agreement
// percentages, and fails when reason agreement is under 80% or class
// agreement under 90%. Kind is compared and logged but not scored.
func TestUnseenAgreement(t *testing.T) {
	rows := readUnseenRows(t)
	if len(rows) == 0 {
		t.Fatal("expected.tsv has no rows")
	}

	// Every message needs at least one expected row, and every row a message.
	files, err := filepath.Glob(filepath.Join(unseenDir, "msg", "*.eml"))
	if err != nil {
		t.Fatal(err)
	}
	byFile := map[string][]unseenRow{}
	for _, r := range rows {
		byFile[r.file] = append(byFile[r.file], r)
	}
	for _, f := range files {
		if _, ok := byFile[filepath.Base(f)]; !ok {
			t.Errorf("%s has no row in expected.tsv", filepath.Base(f))
		}
	}
	names := make([]string, 0, len(byFile))
	for name := range byFile {
		names = append(names, name)
	}
	sort.Strings(names)

	var total, reasonOK, statusOK, classOK, kindOK int
	var diffs []string
	diff := func(file string, rec int, field, want, got string) {
		diffs = append(diffs, fmt.Sprintf("%s#%d %s %q -> %q", file, rec, field, want, got))
	}
	for _, name := range names {
		in, err := os.ReadFile(filepath.Join(unseenDir, "msg", name))
		if err != nil {
			t.Errorf("expected.tsv:%d: %v", byFile[name][0].line, err)
			continue
		}
		rep, err := ParseBytes(in)
		if err != nil {
			t.Errorf("%s: Parse: %v", name, err)
			continue
		}
		kind := string(rep.Kind)
		maxRec := 0
		for _, r := range byFile[name] {
			total++
			if kind == r.kind {
				kindOK++
			} else {
				diff(name, r.record, "kind", r.kind, kind)
			}
			if r.record == 0 {
				// Not a bounce: no record must come out.
				if len(rep.Recipients) == 0 {
					reasonOK++
					statusOK++
					classOK++
				} else {
					g := rep.Recipients[0]
					diff(name, 0, "records", "none", fmt.Sprintf("%d (first: %s %s %s)", len(rep.Recipients), g.Reason, g.Status, g.Class))
				}
				continue
			}
			maxRec = max(maxRec, r.record)
			if r.record > len(rep.Recipients) {
				diff(name, r.record, "record", "present", fmt.Sprintf("only %d records", len(rep.Recipients)))
				continue
			}
			g := rep.Recipients[r.record-1]
			if g.Reason == r.reason {
				reasonOK++
			} else {
				diff(name, r.record, "reason", r.reason, g.Reason)
			}
			if got := g.Status.String(); got == r.status {
				statusOK++
			} else {
				diff(name, r.record, "status", r.status, got)
			}
			if got := string(g.Class); got == r.class {
				classOK++
			} else {
				diff(name, r.record, "class", r.class, got)
			}
		}
		// Records nobody expected count as wrong on every field.
		if maxRec > 0 {
			for i := maxRec; i < len(rep.Recipients); i++ {
				total++
				g := rep.Recipients[i]
				diff(name, i+1, "record", "absent", fmt.Sprintf("%s %s %s %s", g.Recipient, g.Reason, g.Status, g.Class))
			}
		}
	}

	for _, d := range diffs {
		t.Log(d)
	}
	pct := func(n int) float64 { return 100 * float64(n) / float64(total) }
	t.Logf("%d records in %d messages: reason %.1f%% (%d), status %.1f%% (%d), class %.1f%% (%d), kind %.1f%% (%d)",
		total, len(names), pct(reasonOK), reasonOK, pct(statusOK), statusOK, pct(classOK), classOK, pct(kindOK), kindOK)
	if p := pct(reasonOK); p < unseenReasonFloor {
		t.Errorf("reason agreement %.1f%% is under %.0f%%", p, unseenReasonFloor)
	}
	if p := pct(classOK); p < unseenClassFloor {
		t.Errorf("class agreement %.1f%% is under %.0f%%", p, unseenClassFloor)
	}
}
