package bounce

import (
	"bufio"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bouncekit/bounce/catalog"
)

// seedRow is one row of the three reference tables the catalog was built
// from (testdata/seeds/rows.tsv).
type seedRow struct {
	doc, text string
	reply     int
	status    Status
	line      int
}

func readSeeds(t testing.TB) []seedRow {
	f, err := os.Open("testdata/seeds/rows.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []seedRow
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		if strings.HasPrefix(sc.Text(), "#") {
			continue
		}
		f := strings.Split(sc.Text(), "\t")
		if len(f) != 4 {
			t.Fatalf("rows.tsv:%d: want 4 fields", n)
		}
		code, _ := strconv.Atoi(f[1])
		st, ok := ParseStatus(f[2])
		if !ok {
			t.Fatalf("rows.tsv:%d: bad status %q", n, f[2])
		}
		rows = append(rows, seedRow{doc: f[0], reply: code, status: st, text: f[3], line: n})
	}
	return rows
}

// gmailWire writes text as Gmail sends it: wrapped at about 60 columns, the
// codes repeated on each line, a help link and the "- gsmtp" trailer last.
func gmailWire(code int, st Status, text string) string {
	var lines []string
	var cur strings.Builder
	for _, w := range strings.Fields(text) {
		if cur.Len() > 0 && cur.Len()+len(w) > 60 {
			lines = append(lines, cur.String())
			cur.Reset()
		}
		if cur.Len() > 0 {
			cur.WriteByte(' ')
		}
		cur.WriteString(w)
	}
	lines = append(lines, cur.String(), " https://support.google.com/mail/?p=Example a640c23a62f3a-7d1234567si12345.67 - gsmtp")
	var b strings.Builder
	for i, l := range lines {
		sep := "-"
		if i == len(lines)-1 {
			sep = " "
		}
		fmt.Fprintf(&b, "%d%s%s %s\r\n", code, sep, st, l)
	}
	return b.String()
}

// helpSentence starts the page's trailing pointer to further help, which is
// not part of the server's wording.
var helpSentence = []string{"For more information", "To learn more", "To review", "To view our", "To set up", "For instructions", "Go to About", "Learn more about"}

func coreText(s string) string {
	for _, h := range helpSentence {
		if i := strings.Index(s, h); i > 0 {
			s = s[:i]
		}
	}
	return strings.ToLower(strings.Join(strings.Fields(s), " "))
}

// TestSeedRows pastes every row of the three seed tables, as one line and in
// Gmail's multi-line wire form, and checks that it reaches a Google entry
// that lists the row's code and document.
func TestSeedRows(t *testing.T) {
	rows := readSeeds(t)
	if len(rows) < 230 {
		t.Fatalf("only %d seed rows", len(rows))
	}
	entryOf := map[string]string{} // code + core text -> entry
	for _, row := range rows {
		for form, in := range map[string]string{
			"line": fmt.Sprintf("%d %s %s", row.reply, row.status, row.text),
			"wire": gmailWire(row.reply, row.status, row.text),
		} {
			rep, err := ParseString(in)
			if err != nil {
				t.Fatalf("rows.tsv:%d %s: %v", row.line, form, err)
			}
			if len(rep.Recipients) != 1 {
				t.Errorf("rows.tsv:%d %s: %d records, want 1", row.line, form, len(rep.Recipients))
				continue
			}
			r := rep.Recipients[0]
			where := fmt.Sprintf("rows.tsv:%d (%s %d %s %.50q)", row.line, form, row.reply, row.status, row.text)
			if r.ReplyCode != row.reply || r.Status != row.status {
				t.Errorf("%s: codes %d %s", where, r.ReplyCode, r.Status)
			}
			if want := catalog.ClassOf(row.status[0]); r.Class != want {
				t.Errorf("%s: class %s, want %s", where, r.Class, want)
			}
			e := catalog.Lookup(r.Match.Entry)
			if r.Match.By != "text" || e == nil {
				t.Errorf("%s: matched by %q (%s), want by text", where, r.Match.By, r.Match.Entry)
				continue
			}
			if e.Provider != "google" {
				t.Errorf("%s: entry %s of provider %s", where, e.ID, e.Provider)
			}
			if !slices.Contains(e.Statuses, row.status.String()) && !slices.Contains(e.Replies, row.reply) {
				t.Errorf("%s: entry %s lists neither %d nor %s", where, e.ID, row.reply, row.status)
			}
			if !slices.Contains(e.Sources, row.doc) {
				t.Errorf("%s: entry %s does not cite %s", where, e.ID, row.doc)
			}
			if r.Reason == "" || r.Reason == "undefined" || r.Explanation == "" || r.Action == "" {
				t.Errorf("%s: no sensible verdict: %+v", where, r)
			}
			if form == "line" {
				entryOf[fmt.Sprintf("%d %s %s", row.reply, row.status, coreText(row.text))] = e.ID
			}
		}
	}
	// Two rows of one document with the same code but different texts (help
	// sentences aside) must reach different entries.
	perDoc := map[string]map[string]map[string]bool{}
	for _, row := range rows {
		key := fmt.Sprintf("%d %s", row.reply, row.status)
		if perDoc[key] == nil {
			perDoc[key] = map[string]map[string]bool{}
		}
		if perDoc[key][row.doc] == nil {
			perDoc[key][row.doc] = map[string]bool{}
		}
		perDoc[key][row.doc][coreText(row.text)] = true
	}
	for key, docs := range perDoc {
		for doc, texts := range docs {
			ids := map[string]bool{}
			for text := range texts {
				ids[entryOf[key+" "+text]] = true
			}
			if len(ids) < len(texts) {
				t.Errorf("%s: %d different %s texts reach only %d entries", key, len(texts), doc, len(ids))
			}
		}
	}
}
