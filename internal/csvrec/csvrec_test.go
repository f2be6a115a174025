package csvrec

import (
	"bytes"
	"encoding/csv"
	"errors"
	"slices"
	"testing"

	"github.com/bouncekit/bounce"
)

// stdCSV is what encoding/csv's Writer makes of the records.
func stdCSV(records ...[]string) string {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(records)
	return b.String()
}

func TestAppendAsEncodingCSV(t *testing.T) {
	for _, rec := range [][]string{
		{}, {""}, {"", ""}, {"a", "b,c", `say "hi"`, "line\nbreak", "cr\rlf\r\n", " lead", "\tlead", `\.`, `\`, "é", "\u00a0nbsp", "\u2003em",
			"\xff", "trail ", "=1+2"},
	} {
		if got, want := string(Append(nil, rec)), stdCSV(rec); got != want {
			t.Errorf("Append(%q) = %q, encoding/csv gives %q", rec, got, want)
		}
	}
}

func FuzzAppend(f *testing.F) {
	f.Add("a,b", "\"q\"", " x\r\n")
	f.Fuzz(func(t *testing.T, a, b, c string) {
		rec := []string{a, b, c}
		if got, want := string(Append(nil, rec)), stdCSV(rec); got != want {
			t.Errorf("Append(%q) = %q, encoding/csv gives %q", rec, got, want)
		}
		// And it reads back.
		if got, want := string(Append(nil, []string{a})), stdCSV([]string{a}); got != want {
			t.Errorf("Append(%q) = %q, want %q", a, got, want)
		}
	})
}

func TestRows(t *testing.T) {
	rep, err := bounce.ParseString("<cmd@example.org>: host mx.example.org[192.0.2.2] said: 550 5.1.1 <cmd@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command)\n")
	if err != nil {
		t.Fatal(err)
	}
	rows, rerr := csv.NewReader(bytes.NewReader(Table("-", rep, nil))).ReadAll()
	if rerr != nil || len(rows) != 2 {
		t.Fatalf("%v: %q", rerr, rows)
	}
	if !slices.Equal(rows[0], Header) {
		t.Errorf("header %q", rows[0])
	}
	// Text from a bounce that a spreadsheet would take for a formula.
	rep.Recipients[0].Recipient = "=cmd@example.org"
	rep.Recipients[0].Match.Evidence = "@SUM(1+1)"
	rows, _ = csv.NewReader(bytes.NewReader(Table("-", rep, nil))).ReadAll()
	r := rows[1]
	if r[0] != "-" || r[1] != "'=cmd@example.org" || r[13] != "'@SUM(1+1)" || r[2] != "permanent" || r[3] != "userunknown" || r[4] != "5.1.1" ||
		r[5] != "550" || r[10] != "hard" || r[11] == "" || r[12] == "" || r[13] == "" || r[9] != "" {
		t.Errorf("row %q", r)
	}
	for i, c := range r {
		if c != "" && (c[0] == '=' || c[0] == '@') {
			t.Errorf("column %s starts with '=': %q", Header[i], c)
		}
	}
	if got := Rows("=x.eml", &bounce.Report{Kind: bounce.KindNotBounce}, nil); len(got) != 1 || got[0][0] != "'=x.eml" || got[0][8] != "not-bounce" {
		t.Errorf("no recipient: %q", got)
	}
	if got := Rows("a.eml", nil, errors.New("-no such file")); len(got) != 1 || got[0][9] != "'-no such file" || len(got[0]) != len(Header) {
		t.Errorf("error row: %q", got)
	}
}

func TestBounce(t *testing.T) {
	for _, c := range []struct {
		r    bounce.Recipient
		want string
	}{
		{bounce.Recipient{Class: "permanent", Reason: "userunknown"}, "hard"},
		{bounce.Recipient{Class: "temporary", Reason: "mailboxfull"}, "soft"},
		{bounce.Recipient{Class: "success", Reason: "feedback"}, "complaint"},
		{bounce.Recipient{Class: "success", Reason: "autoreply"}, "none"},
		{bounce.Recipient{Class: "unknown"}, "unknown"},
	} {
		if got := Bounce(&c.r); got != c.want {
			t.Errorf("Bounce(%+v) = %q, want %q", c.r, got, c.want)
		}
	}
}

func TestCell(t *testing.T) {
	for in, want := range map[string]string{
		"=HYPERLINK(\"http://x\")": "'=HYPERLINK(\"http://x\")", "+1": "'+1", "@SUM(A1)": "'@SUM(A1)",
		"-2+3": "'-2+3", "\tx": "'\tx", "\rx": "'\rx", "a@example.com": "a@example.com", "": "",
	} {
		if got := Cell(in); got != want {
			t.Errorf("Cell(%q) = %q, want %q", in, got, want)
		}
	}
	for _, s := range []string{"-", "-#12"} {
		if got := SourceCell(s); got != s {
			t.Errorf("SourceCell(%q) = %q", s, got)
		}
	}
	if got := SourceCell("=x.eml"); got != "'=x.eml" {
		t.Errorf("SourceCell: %q", got)
	}
}
