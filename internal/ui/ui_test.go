package ui

import (
	"strings"
	"testing"

	"github.com/bouncekit/bounce"
)

func TestRedact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<bob@example.org>: host mx.example.org[198.51.100.25] said: 550 5.1.1",
			"<[address]>: host [host][[IP]] said: 550 5.1.1"},
		{"Client host [IPv6:2001:db8::1] blocked", "Client host [IPv6:[IP]] blocked"},
		{"Status: 5.7.26, reply 550, at 10:23:45", "Status: 5.7.26, reply 550, at 10:23:45"},
		{"see https://support.google.com/mail/?p=NoSuchUser", "see https://[host]/mail/?p=NoSuchUser"},
		{"Please try again.", "Please try again."},
	} {
		if got := Redact(c.in); got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRedactReport(t *testing.T) {
	rep := &bounce.Report{Kind: bounce.KindDSN, Recipients: []bounce.Recipient{{
		Recipient: "bob@example.org", RemoteMTA: "mx.example.org", Explanation: "See example.com docs.",
		Match: bounce.Match{Evidence: "user bob@example.org unknown"}}}}
	got := RedactReport(rep)
	r := got.Recipients[0]
	if r.Recipient != MaskAddress || r.RemoteMTA != MaskHost || r.Match.Evidence != "user [address] unknown" {
		t.Errorf("redacted recipient = %+v", r)
	}
	if r.Explanation != "See example.com docs." {
		t.Errorf("catalog text changed: %q", r.Explanation)
	}
	if rep.Recipients[0].Recipient != "bob@example.org" {
		t.Error("RedactReport changed its argument")
	}
}

func TestFindEvidence(t *testing.T) {
	text := Samples[0].Text
	ev := "The email account that you tried to reach does not exist. Please try double-checking the recipient's email address"
	spans := FindEvidence(text, ev)
	if len(spans) != 2 {
		t.Fatalf("spans = %v, want 2 (one per line)", spans)
	}
	var marked []string
	for _, p := range Pieces(text, spans) {
		if p.Marked {
			marked = append(marked, p.Text)
		}
	}
	want := []string{"The email account that you tried to reach does not exist. Please try",
		"double-checking the recipient's email address"}
	if strings.Join(marked, "|") != strings.Join(want, "|") {
		t.Errorf("marked %q, want %q", marked, want)
	}
	if FindEvidence(text, "no such words here") != nil || FindEvidence(text, "") != nil {
		t.Error("found evidence that is not there")
	}
}

func TestPieces(t *testing.T) {
	got := Pieces("abcdef", []Span{{3, 5}, {1, 2}})
	want := []Piece{{"a", false}, {"b", true}, {"c", false}, {"de", true}, {"f", false}}
	if len(got) != len(want) {
		t.Fatalf("Pieces = %v", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("piece %d = %v, want %v", i, got[i], want[i])
		}
	}
	if len(Pieces("", nil)) != 0 {
		t.Error("pieces of empty text")
	}
}

func TestFragment(t *testing.T) {
	for _, s := range []string{"550 5.1.1 <a+b@example.com> 100% & #x=1\r\nnext", "", "é 🙂"} {
		frag := Fragment(s)
		if strings.ContainsAny(frag[len("text="):], " #&+\n") {
			t.Errorf("Fragment(%q) = %q: unescaped characters", s, frag)
		}
		got, ok := TextFromFragment("#" + frag)
		if !ok || got != s {
			t.Errorf("round trip of %q = %q, %v", s, got, ok)
		}
	}
	if _, ok := TextFromFragment("#other=1"); ok {
		t.Error("text found in a fragment without one")
	}
	if got, _ := TextFromFragment("a=1&text=550%205.1.1"); got != "550 5.1.1" {
		t.Errorf("second parameter: %q", got)
	}
}

func TestSamplesClassify(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range Samples {
		if seen[s.ID] {
			t.Errorf("duplicate sample ID %q", s.ID)
		}
		seen[s.ID] = true
		rep, err := bounce.ParseString(s.Text)
		if err != nil || len(rep.Recipients) == 0 {
			t.Errorf("sample %s: %v, %+v", s.ID, err, rep)
			continue
		}
		t.Logf("%s: %s %s %s", s.ID, rep.Kind, rep.Recipients[0].Class, rep.Recipients[0].Reason)
	}
}
