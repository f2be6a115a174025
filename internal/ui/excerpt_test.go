package ui

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// quoted is n lines of filler, as the original message quoted in an NDR.
func quoted(n int) string {
	var b strings.Builder
	for i := range n {
		b.WriteString("Quoted line " + thousands(i) + " of the message that was sent, only to make it long.\n")
	}
	return b.String()
}

func TestExcerpt(t *testing.T) {
	deciding := "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in local recipient table\n"
	full := quoted(3000) + deciding + quoted(20000)
	ex := MakeExcerpt(full, []string{"Recipient address rejected: User unknown", "Recipient address rejected: User unknown"})
	if !ex.Cut || ex.Lines != 23001 {
		t.Errorf("Cut %v, Lines %d", ex.Cut, ex.Lines)
	}
	if len(ex.Text) > 4<<10 {
		t.Errorf("excerpt of %d bytes", len(ex.Text))
	}
	if !strings.Contains(ex.Text, deciding) || !strings.Contains(ex.Text, "Quoted line 2,994 ") || strings.Contains(ex.Text, "Quoted line 2,993 ") {
		t.Errorf("not the deciding line with six lines before it:\n%s", ex.Text)
	}
	for _, want := range []string{"[… 2,994 lines not shown …]\n", "[… 19,994 lines not shown …]\n"} {
		if !strings.Contains(ex.Text, want) {
			t.Errorf("no %q in\n%s", want, ex.Text)
		}
	}
	if FindEvidence(ex.Text, "Recipient address rejected: User unknown") == nil {
		t.Error("the evidence is not found in the excerpt")
	}

	// Two recipients far apart: two parts; near each other: one.
	two := quoted(2000) + deciding + quoted(2000) + strings.Replace(deciding, "bob", "carol", 1) + quoted(2000)
	ex = MakeExcerpt(two, []string{"Recipient address rejected: User unknown"})
	if n := strings.Count(ex.Text, "User unknown"); n != 1 {
		t.Errorf("FindEvidence marks the first place only: %d places in the excerpt", n)
	}
	ex = MakeExcerpt(two, []string{"<bob@example.org>: Recipient", "<carol@example.org>: Recipient"})
	if n := strings.Count(ex.Text, "User unknown"); n != 2 || strings.Count(ex.Text, "not shown") != 3 {
		t.Errorf("two recipients: %d deciding lines, %d gaps:\n%s", n, strings.Count(ex.Text, "not shown"), ex.Text)
	}
}

func TestExcerptEdges(t *testing.T) {
	short := "550 5.1.1 User unknown\n"
	if ex := MakeExcerpt(short, []string{"User unknown"}); ex.Text != short || ex.Cut || ex.Lines != 1 {
		t.Errorf("short text: %+v", ex)
	}
	// No evidence: the start of the text.
	long := quoted(5000)
	ex := MakeExcerpt(long, nil)
	if !strings.HasPrefix(ex.Text, "Quoted line 0 ") || !strings.HasSuffix(ex.Text, " lines not shown …]\n") {
		t.Errorf("no evidence: %.200q … %.200q", ex.Text, ex.Text[max(0, len(ex.Text)-200):])
	}
	// One 1 MB line with the mark in the middle, in multi-byte text: a
	// window of bytes, cut at rune boundaries.
	line := strings.Repeat("ü", 250000) + " User unknown " + strings.Repeat("é", 250000)
	ex = MakeExcerpt(line, []string{"User unknown"})
	if !utf8.ValidString(ex.Text) || !strings.Contains(ex.Text, " User unknown ") || len(ex.Text) > 6<<10 {
		t.Errorf("one long line: valid %v, %d bytes", utf8.ValidString(ex.Text), len(ex.Text))
	}
	if strings.Count(ex.Text, "bytes not shown") != 2 {
		t.Errorf("gaps: %.300q", ex.Text)
	}
	// Many marks: never more than excerptMax and the gaps.
	var b strings.Builder
	var evs []string
	for i := range 400 {
		b.WriteString(quoted(30))
		b.WriteString("550 no such user u" + thousands(i) + "x\n")
		evs = append(evs, "no such user u"+thousands(i)+"x")
	}
	ex = MakeExcerpt(b.String(), evs)
	if len(ex.Text) > excerptMax+1024 || strings.Count(ex.Text, "no such user") != excerptMarks {
		t.Errorf("many marks: %d bytes, %d marks", len(ex.Text), strings.Count(ex.Text, "no such user"))
	}
}

func TestThousands(t *testing.T) {
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -1234: "-1,234"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q", n, got)
		}
	}
}

// TrimmedText keeps the beginning and the excerpt's lines, and says how
// many lines it left out between them, counted in the whole text.
func TestTrimmedText(t *testing.T) {
	deciding := "550 5.1.1 <bob@example.org>: Recipient address rejected: User unknown in local recipient table"
	full := "Subject: Undelivered Mail\n\n" + quoted(3000) + deciding + "\n" + quoted(20000)
	ex := MakeExcerpt(full, []string{deciding})
	head := full[:4000] // a few lines and a partial one, as the paste area's beginning can end
	got, ok := TrimmedText(head, ex)
	if !ok {
		t.Fatal("not trimmed")
	}
	keep := head[:strings.LastIndexByte(head, '\n')]
	if !strings.HasPrefix(got, keep+"\n[… ") {
		t.Fatalf("does not start with the whole lines of the beginning, then a gap line: %.200q", got[len(keep)-20:])
	}
	if !strings.Contains(got, deciding) || len(got) > len(keep)+1+len(ex.Text) {
		t.Fatalf("the deciding line missing, or too long (%d bytes)", len(got))
	}
	// Every line left out is counted: the lines kept plus the counts of
	// the gap lines make the whole text's lines.
	lines := 0
	for _, l := range strings.Split(strings.TrimSuffix(got, "\n"), "\n") {
		if n, ok := strings.CutPrefix(l, "[… "); ok && strings.HasSuffix(n, " lines not shown …]") {
			var c int
			for _, r := range strings.TrimSuffix(n, " lines not shown …]") {
				if r != ',' {
					c = c*10 + int(r-'0')
				}
			}
			lines += c
			continue
		}
		lines++
	}
	if want := strings.Count(full, "\n"); lines != want {
		t.Errorf("lines kept and counted as left out: %d, the text has %d", lines, want)
	}

	// A deciding line within the beginning: the excerpt starts with the
	// text's start and is the trimmed text.
	early := "Subject: x\n\n" + deciding + "\n" + quoted(20000)
	ex = MakeExcerpt(early, []string{deciding})
	if got, ok := TrimmedText(early[:4000], ex); !ok || got != ex.Text {
		t.Errorf("deciding line at the start: %v %.80q, want the excerpt", ok, got)
	}
	// A first line that only looks like a gap line: the excerpt alone.
	for _, first := range []string{"[… lines not shown …]", "[… 12a lines not shown …]", "[… "} {
		odd := Excerpt{Text: first + "\nrest\n", Cut: true}
		if got, ok := TrimmedText("a\nb\nc", odd); !ok || got != odd.Text {
			t.Errorf("first line %q: %v %q", first, ok, got)
		}
	}
	// Not an excerpt: nothing to trim.
	if _, ok := TrimmedText("550 5.1.1 x", MakeExcerpt("550 5.1.1 x", nil)); ok {
		t.Error("a short text was trimmed")
	}
}
