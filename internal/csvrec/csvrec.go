// Package csvrec writes bounce records as CSV, one row per recipient: the
// table of "bounce classify -format csv" and of the page's "Download CSV",
// so both have the same columns, quoting and guard against formulas.
//
// It does not use encoding/csv, which would bring package fmt into
// bounce.wasm; Append writes what encoding/csv's Writer writes (a comma
// between fields, "\n" after each record), which the tests check.
package csvrec

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/bouncekit/bounce"
	"github.com/bouncekit/bounce/catalog"
)

// Header names the columns. The first ten are the CLI's original table;
// the others were added after them, so a reader that takes columns by
// position still finds the first ten where they were.
var Header = []string{"source", "recipient", "class", "reason", "status", "reply_code", "who_acts", "entry", "kind", "error",
	"bounce", "action", "retry", "evidence"}

// Rows returns the rows for one input named source: one per recipient; a
// message with no failed recipient (not a bounce, an auto-reply) gives
// one row with its kind, and an input that could not be read (err) one
// row with the error.
func Rows(source string, rep *bounce.Report, err error) [][]string {
	empty := func() []string { return make([]string, len(Header)) }
	switch {
	case err != nil:
		row := empty()
		row[0], row[9] = SourceCell(source), Cell(err.Error())
		return [][]string{row}
	case len(rep.Recipients) == 0:
		row := empty()
		row[0], row[8] = SourceCell(source), Cell(string(rep.Kind))
		return [][]string{row}
	}
	rows := make([][]string, 0, len(rep.Recipients))
	for i := range rep.Recipients {
		r := &rep.Recipients[i]
		code := ""
		if r.ReplyCode != 0 {
			code = strconv.Itoa(r.ReplyCode)
		}
		row := []string{SourceCell(source), r.Recipient, string(r.Class), r.Reason, r.Status.String(), code,
			r.WhoActs, r.Match.Entry, string(rep.Kind), "", Bounce(r), r.Action, r.Retry, r.Match.Evidence}
		for j := 1; j < len(row); j++ {
			row[j] = Cell(row[j])
		}
		rows = append(rows, row)
	}
	return rows
}

// Bounce is the "bounce" column: "hard" for a permanent failure, "soft"
// for a temporary one, "complaint" for a spam complaint, "none" for
// another notice that is not a failure (an auto-reply, a delivery
// report), "unknown" when nothing tells.
func Bounce(r *bounce.Recipient) string {
	switch {
	case r.Reason == "feedback":
		return "complaint"
	case r.Class == catalog.ClassPermanent:
		return "hard"
	case r.Class == catalog.ClassTemporary:
		return "soft"
	case r.Class == catalog.ClassSuccess:
		return "none"
	}
	return "unknown"
}

// Cell keeps a spreadsheet from reading text from a bounce as a formula
// (OWASP's CSV injection advice): a leading = + - @ tab or CR gets a quote.
func Cell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// SourceCell is Cell for an input's name; standard input's "-" and "-#N"
// are kept as they are.
func SourceCell(s string) string {
	if s == "-" || strings.HasPrefix(s, "-#") {
		return s
	}
	return Cell(s)
}

// Append appends one record to b as encoding/csv's Writer writes it: the
// fields separated by commas, a field quoted when it holds a comma, a
// quote, CR or LF, or starts with a space (a quote inside doubled), and
// "\n" at the end.
func Append(b []byte, fields []string) []byte {
	for i, f := range fields {
		if i > 0 {
			b = append(b, ',')
		}
		if !needsQuotes(f) {
			b = append(b, f...)
			continue
		}
		b = append(b, '"')
		for j := 0; j < len(f); j++ {
			if f[j] == '"' {
				b = append(b, '"')
			}
			b = append(b, f[j])
		}
		b = append(b, '"')
	}
	return append(b, '\n')
}

func needsQuotes(f string) bool {
	if f == "" {
		return false
	}
	if f == `\.` || strings.ContainsAny(f, "\"\r\n,") {
		return true
	}
	r, _ := utf8.DecodeRuneInString(f)
	return unicode.IsSpace(r)
}

// Table is the header and the rows of one input, as a CSV file.
func Table(source string, rep *bounce.Report, err error) []byte {
	b := Append(nil, Header)
	for _, row := range Rows(source, rep, err) {
		b = Append(b, row)
	}
	return b
}
