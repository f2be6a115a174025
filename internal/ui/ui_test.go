package ui

import (
	"encoding/base64"
	"strings"
	"testing"

	"github.com/bouncekit/bounce"
	"github.com/bouncekit/bounce/catalog"
)

func TestRedact(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"<bob@example.org>: host mx.example.org[198.51.100.25] said: 550 5.1.1",
			"<[address 1]>: host [host 1][[IP 1]] said: 550 5.1.1"},
		{"Client host [IPv6:2001:db8::1] blocked", "Client host [IPv6:[IP 1]] blocked"},
		{"Status: 5.7.26, reply 550, at 10:23:45", "Status: 5.7.26, reply 550, at 10:23:45"},
		{"see https://support.google.com/mail/?p=NoSuchUser", "see https://[host 1]/mail/?p=NoSuchUser"},
		{"Please try again.", "Please try again."},
		// Distinct values get distinct masks; a repeat (in any case) the same.
		{"ann@example.org, carl@example.org, Ann@Example.ORG", "[address 1], [address 2], [address 1]"},
		{"[192.0.2.1] [2001:db8::1] [192.0.2.2] [192.0.2.1] mx1.example.net MX1.example.net mx2.example.net",
			"[[IP 2]] [[IP 1]] [[IP 3]] [[IP 2]] [host 1] [host 1] [host 2]"},
	} {
		if got := Redact(c.in); got != c.want {
			t.Errorf("Redact(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestRedactReport(t *testing.T) {
	rep := &bounce.Report{Kind: bounce.KindDSN, Source: "from carl@example.org",
		Original: &bounce.Original{From: "news@example.com", To: "ann@example.org"},
		Recipients: []bounce.Recipient{{
			Recipient: "bob@example.org", RemoteMTA: "mx.example.org", Explanation: "See example.com docs.",
			Diagnostic: "550 <bob@example.org> unknown (ann@example.org is fine)",
			Match:      bounce.Match{Evidence: "user bob@example.org unknown"}}, {
			Recipient: "ann@example.org", RemoteMTA: "mx.example.org", ReportingMTA: "relay.example.net",
			Match: bounce.Match{Evidence: "ann@example.org: mailbox full"}}}}
	got := RedactReport(rep)
	r, r2 := got.Recipients[0], got.Recipients[1]
	// The recipients are numbered first, in order; every other field
	// gives the same value the same mask.
	if r.Recipient != "[address 1]" || r.RemoteMTA != "[host 1]" || r.Match.Evidence != "user [address 1] unknown" ||
		r.Diagnostic != "550 <[address 1]> unknown ([address 2] is fine)" {
		t.Errorf("redacted recipient 1 = %+v", r)
	}
	if r2.Recipient != "[address 2]" || r2.RemoteMTA != "[host 1]" || r2.ReportingMTA != "[host 2]" ||
		r2.Match.Evidence != "[address 2]: mailbox full" {
		t.Errorf("redacted recipient 2 = %+v", r2)
	}
	if got.Original.From != "[address 3]" || got.Original.To != "[address 2]" || got.Source != "from [address 4]" {
		t.Errorf("redacted original %+v, source %q", got.Original, got.Source)
	}
	if r.Explanation != "See example.com docs." {
		t.Errorf("catalog text changed: %q", r.Explanation)
	}
	if rep.Recipients[0].Recipient != "bob@example.org" || rep.Original.From != "news@example.com" {
		t.Error("RedactReport changed its argument")
	}
	// A view masks the input with the report's masks.
	_, text := RedactView(rep, "To: ann@example.org\n<bob@example.org>: host mx.example.org said 550")
	if text != "To: [address 2]\n<[address 1]>: host [host 1] said 550" {
		t.Errorf("RedactView text %q", text)
	}
	if _, text := RedactView(nil, "a@b.example c@d.example"); text != "[address 1] [address 2]" {
		t.Errorf("RedactView without a report: %q", text)
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
	for _, b := range [][]byte{nil, {0}, {0xff, 0xfe}, {1, 2, 3}, []byte("550 5.1.1 <a+b@example.com> 100% & #x=1\r\nnext é 🙂")} {
		frag, ok := Fragment(b)
		if want := "z=" + base64.RawURLEncoding.EncodeToString(b); !ok || frag != want {
			t.Errorf("Fragment(%q) = %q, %v; want %q", b, frag, ok, want)
		}
		l := ParseFragment("#" + frag)
		if l.Kind != "z" || string(l.Deflated) != string(b) || l.Damaged != (len(b) == 0) {
			t.Errorf("ParseFragment(%q) = %+v", frag, l)
		}
	}
	if _, ok := Fragment(make([]byte, MaxFragment*3/4)); ok {
		t.Error("a fragment over MaxFragment made")
	}
	if frag, ok := Fragment(make([]byte, MaxFragment*3/4-3)); !ok || len(frag) > MaxFragment {
		t.Errorf("a fragment just under MaxFragment: %v, %d bytes", ok, len(frag))
	}
	for _, bad := range []string{"#z=!!!", "#z=A", "#z="} {
		if l := ParseFragment(bad); !l.Damaged {
			t.Errorf("%q read as %+v", bad, l)
		}
	}
	for _, s := range []string{"550 5.1.1 <a+b@example.com> 100% & #x=1\r\nnext", "é 🙂"} {
		if got, ok := TextFromFragment("#" + PlainFragment(s)); !ok || got != s {
			t.Errorf("round trip of %q = %q, %v", s, got, ok)
		}
	}
	if _, ok := TextFromFragment("#other=1"); ok {
		t.Error("text found in a fragment without one")
	}
	if got, _ := TextFromFragment("a=1&text=550%205.1.1"); got != "550 5.1.1" {
		t.Errorf("second parameter: %q", got)
	}
	if l := ParseFragment("#entry=google.5.7.26.unauthenticated"); l.Kind != "entry" || l.Entry != "google.5.7.26.unauthenticated" {
		t.Errorf("entry link: %+v", l)
	}
}

func FuzzBase64URL(f *testing.F) {
	f.Add([]byte("hello"))
	f.Fuzz(func(t *testing.T, b []byte) {
		if got, want := base64URL(b), base64.RawURLEncoding.EncodeToString(b); got != want {
			t.Fatalf("base64URL(%q) = %q, want %q", b, got, want)
		}
		if got, ok := unbase64URL(base64URL(b)); !ok || string(got) != string(b) {
			t.Fatalf("round trip of %q = %q, %v", b, got, ok)
		}
	})
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

func TestFindEvidenceBracket(t *testing.T) {
	text := "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred"
	spans := FindEvidence(text, "TSS04] Messages from 192.0.2.1")
	if len(spans) != 1 || text[spans[0].Start:spans[0].End] != "[TSS04] Messages from 192.0.2.1" {
		t.Errorf("spans %v", spans)
	}
	spans = FindEvidence("a (b c", "b c")
	if len(spans) != 1 || spans[0].Start != 3 {
		t.Errorf("unbalanced bracket taken: %v", spans)
	}
}

func TestNextSteps(t *testing.T) {
	r := &bounce.Recipient{Reason: "blocked", Diagnostic: "554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.example"}
	steps, ip := NextSteps(r, "")
	if len(steps) == 0 || ip != "192.0.2.25" {
		t.Fatalf("steps %v, ip %q", steps, ip)
	}
	// The lookups take the IP from the bounce.
	want := map[string]bool{
		"https://mxtoolbox.com/SuperTool.aspx?action=blacklist%3a192.0.2.25&run=toolpage": false,
		"https://talosintelligence.com/reputation_center/lookup?search=192.0.2.25":        false,
	}
	for _, s := range steps {
		if !strings.HasPrefix(s.URL, "https://") || s.Title == "" {
			t.Errorf("step %+v", s)
		}
		if _, ok := want[s.URL]; ok {
			want[s.URL] = true
		}
	}
	for u, seen := range want {
		if !seen {
			t.Errorf("no step links %s: %v", u, steps)
		}
	}
	// Authentication: the SPF and DMARC checks of the sender's domain,
	// the forms when it is not known.
	rep := &bounce.Report{Original: &bounce.Original{From: "News <News@Mail.Example.com>"}}
	auth := &bounce.Recipient{Reason: "authfailure"}
	steps, _ = NextSteps(auth, SenderDomain(rep))
	if steps[0].URL != "https://mxtoolbox.com/SuperTool.aspx?action=spf%3amail.example.com&run=toolpage" ||
		steps[1].URL != "https://mxtoolbox.com/SuperTool.aspx?action=dmarc%3amail.example.com&run=toolpage" {
		t.Errorf("auth steps %v", steps[:2])
	}
	masked := RedactReport(rep)
	steps, _ = NextSteps(auth, SenderDomain(masked))
	if steps[0].URL != "https://mxtoolbox.com/spf.aspx" || steps[1].URL != "https://mxtoolbox.com/dmarc.aspx" {
		t.Errorf("auth steps with the sender masked %v", steps[:2])
	}
	// A masked IP is not looked up.
	steps, ip = NextSteps(&RedactReport(&bounce.Report{Recipients: []bounce.Recipient{*r}}).Recipients[0], "")
	if ip != "" || steps[0].URL != "https://mxtoolbox.com/blacklists.aspx" {
		t.Errorf("masked: ip %q, steps %v", ip, steps)
	}
	if steps, _ := NextSteps(&bounce.Recipient{Reason: "userunknown"}, "example.com"); steps != nil {
		t.Errorf("steps for an unknown user: %v", steps)
	}
	for _, from := range []string{"", "nobody", "a@localhost"} {
		if d := SenderDomain(&bounce.Report{Original: &bounce.Original{From: from}}); d != "" {
			t.Errorf("SenderDomain(%q) = %q", from, d)
		}
	}
}

func TestBrowse(t *testing.T) {
	classes, providers := BrowseFacets()
	if len(classes) == 0 || classes[0].Value != "permanent" || len(providers) < 10 {
		t.Fatalf("classes %v, %d providers", classes, len(providers))
	}
	total := 0
	for i, f := range providers {
		total += f.Count
		if i > 0 && strings.ToLower(providers[i-1].Title) > strings.ToLower(f.Title) {
			t.Errorf("providers not in order: %q before %q", providers[i-1].Title, f.Title)
		}
		es := BrowseEntries(f)
		if len(es) != f.Count {
			t.Errorf("%s: %d entries, counted %d", f.Value, len(es), f.Count)
		}
		for _, e := range es {
			if e.Provider != f.Value {
				t.Errorf("%s lists %s", f.Value, e.ID)
			}
		}
	}
	if n := len(catalog.Entries()); total != n {
		t.Errorf("providers count %d entries, the catalog has %d", total, n)
	}
	f, ok := ParseFacet("provider:google")
	if !ok || f.Title != "Gmail" || f.Fragment() != "catalog=provider:google" {
		t.Errorf("ParseFacet(provider:google) = %+v, %v", f, ok)
	}
	for _, bad := range []string{"", "provider:", "provider:nosuch", "class:nosuch", "kind:google", "google"} {
		if _, ok := ParseFacet(bad); ok {
			t.Errorf("ParseFacet(%q) accepted", bad)
		}
	}
	if l := ParseFragment("#catalog=class%3Apermanent"); l.Kind != "catalog" || l.Browse != "class:permanent" {
		t.Errorf("ParseFragment: %+v", l)
	}
}
