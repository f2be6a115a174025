package bounce

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// The fast text helpers must give what the strings functions they replace
// give, also for text that is not ASCII or not valid UTF-8.
var textHelperInputs = []string{
	"", " ", "Hello World", "  550 5.1.1  User\tUnknown \r\n", "ÄÖÜ Straße", "İSTANBUL K",
	"a\u00a0b\u2003c\u3000d", "\xff\xfeBAD \x80", "x\u0085y", "ΣΊΣΥΦΟΣ", "MiXeD-CaSe: Value\n",
}

func TestToLowerAsStrings(t *testing.T) {
	for _, s := range textHelperInputs {
		if got, want := toLower(s), strings.ToLower(s); got != want {
			t.Errorf("toLower(%q) = %q, want %q", s, got, want)
		}
	}
}

func TestFieldsHelpersAsStrings(t *testing.T) {
	for _, s := range textHelperInputs {
		if got, want := joinFieldsBytes([]byte(s)), strings.Join(strings.Fields(s), " "); got != want {
			t.Errorf("joinFields(%q) = %q, want %q", s, got, want)
		}
		if got, want := lowerFields(s), strings.ToLower(strings.Join(strings.Fields(s), " ")); got != want {
			t.Errorf("lowerFields(%q) = %q, want %q", s, got, want)
		}
		if got, want := fieldCount(s), len(strings.Fields(s)); got != want {
			t.Errorf("fieldCount(%q) = %d, want %d", s, got, want)
		}
	}
}

func TestStatusTextAnyCase(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"Final-Recipient: rfc822; a@b.example\nAction: failed\nStatus: 5.1.1\n", true},
		{"ORIGINAL-RECIPIENT: rfc822;a@b.example\nACTION: failed\nX-STATUS: 5.0.0", true},
		{"Final-Recipient: a@b.example\nStatus: 5.1.1\n", false},
		{"final-recipient status action", false},
		{"Final-Recipient: a@b.example\nAction: failed\nStatus: 5.1.1 — état\n", true},
	} {
		if got := isStatusText(tt.in); got != tt.want {
			t.Errorf("isStatusText(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

// looksLikeMessage finds the blank line after the header, whatever the
// line ends; each case ends at a different kind of blank line.
func TestLooksLikeMessageLineEnds(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"Subject: a\n\nbody", true},
		{"Subject: a\r\n\r\nbody", true},
		{"Subject: a\r\rbody", true},
		{"Subject: a\r\n\n", true},
		{"Subject: a\n\n\r", true},
		{"Subject: a\r\nnot a field\r\n\r\n", false},
		{"Subject: a\n\nnot a field\r\n\r\n", true},
		{"Subject: a\r\r\nnot a field\n\n", true},
		{"Subject: a", false},
		{"no field\n\n", false},
		{"\r", false},
	} {
		if got := looksLikeMessage([]byte(tt.in)); got != tt.want {
			t.Errorf("looksLikeMessage(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestHasPrefixLowerAsStrings(t *testing.T) {
	for _, s := range textHelperInputs {
		for _, w := range []string{"", "hello", "550", "straße", "ä", "i", "mixed-case: v", "σ"} {
			if got, want := hasPrefixLower(s, w), strings.HasPrefix(strings.ToLower(s), w); got != want {
				t.Errorf("hasPrefixLower(%q, %q) = %v, want %v", s, w, got, want)
			}
		}
	}
}

func TestMediaTypeParams(t *testing.T) {
	typ, ps := mediaType(`Multipart/Report; Report-Type=delivery-status;  boundary="a\"b\\c"; boundary=second; charset="utf-8`)
	if typ != "multipart/report" || ps.get("report-type") != "delivery-status" || ps.get("boundary") != `a"b\c` ||
		ps.get("charset") != "utf-8" || ps.get("none") != "" {
		t.Errorf("got %q %v", typ, ps)
	}
	if _, ps := mediaType(`text/plain; name="plain value"; x="\`); ps.get("name") != "plain value" || ps.get("x") != `\` {
		t.Errorf("got %v", ps)
	}
	// Past the four kept in place.
	_, ps = mediaType(`text/plain; a=1; b=2; c=3; d=4; e=5; charset=us-ascii; a=7`)
	for name, want := range map[string]string{"a": "1", "d": "4", "e": "5", "charset": "us-ascii", "f": ""} {
		if got := ps.get(name); got != want {
			t.Errorf("get(%q) = %q, want %q (params %v)", name, got, want, ps)
		}
	}
}

// TestReportsOutliveScratch parses every corpus message, then every one
// again: a report whose text shared a buffer that reading a later message
// reuses would change in between.
func TestReportsOutliveScratch(t *testing.T) {
	msgs, _ := perfCorpus(t)
	first := make([]string, len(msgs))
	reps := make([]*Report, len(msgs))
	for i, m := range msgs {
		reps[i], _ = ParseBytes(m)
		first[i] = reportJSON(t, reps[i])
	}
	for i, m := range msgs {
		again, _ := ParseBytes(m)
		if got := reportJSON(t, reps[i]); got != first[i] {
			t.Fatalf("message %d: report changed after later messages were read:\n%s\n%s", i, first[i], got)
		}
		if got := reportJSON(t, again); got != first[i] {
			t.Fatalf("message %d: a second reading differs:\n%s\n%s", i, first[i], got)
		}
	}
}

func reportJSON(t *testing.T, r *Report) string {
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestFieldsUpTo(t *testing.T) {
	for _, c := range []struct {
		s        string
		max, out int
	}{
		{"one two three four five six", 5, 5},
		{"one two three four five six", 2, 2},
		{"  one\ttwo  ", 5, 2},
		{"", 3, 0},
		{"one\u00a0two three", 5, 3}, // a no-break space separates fields, as for strings.Fields
		{"one two", 0, 0},
	} {
		if got := fieldsUpTo(c.s, c.max); got != c.out {
			t.Errorf("fieldsUpTo(%q, %d) = %d, want %d", c.s, c.max, got, c.out)
		}
	}
}

// TestReportsOutliveInput parses every corpus message from a copy, as
// plain, CRLF and mbox input, then overwrites the copy: text read in place
// (ParseString's string, a decoded body, a CR-free copy) may be kept
// without a copy, but never text of a caller's slice, which may change.
func TestReportsOutliveInput(t *testing.T) {
	msgs, _ := perfCorpus(t)
	for i, m := range msgs {
		for _, in := range [][]byte{m, bytes.ReplaceAll(m, []byte("\n"), []byte("\r\n"))} {
			buf := bytes.Clone(in)
			rep, err := ParseBytes(buf)
			if err != nil {
				continue
			}
			want := reportJSON(t, rep)
			for j := range buf {
				buf[j] = 'x'
			}
			if got := reportJSON(t, rep); got != want {
				t.Fatalf("message %d: report changed with its input slice:\n%s\n%s", i, want, got)
			}
			s, err := ParseString(string(in))
			if err != nil || reportJSON(t, s) != want {
				t.Fatalf("message %d: ParseString differs from ParseBytes (%v):\n%s\n%s", i, err, want, reportJSON(t, s))
			}
		}
	}
}
