package bounce

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/bouncekit/bounce/catalog"
)

// plainReport has Report's fields and tags but not its MarshalJSON method,
// so encoding/json writes it by reflection.
type plainReport Report

func tagJSON(t *testing.T, r *Report) []byte {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode((*plainReport)(r)); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n"))
}

// TestJSONMatchesTags checks that the hand-written encoder writes exactly
// what encoding/json makes of the struct tags.
func TestJSONMatchesTags(t *testing.T) {
	reports := []*Report{
		{Kind: KindNotBounce, Recipients: []Recipient{}},
		{Kind: KindReply},
		{Kind: KindDSN, Format: "postfix", Source: "a\"b\\c.eml",
			Original: &Original{Subject: "Héllo <x> & \u2028 \x01 \xff", MessageID: "<a@b>", From: "a@b", To: "c@d", Date: "Mon"},
			Recipients: []Recipient{{
				Recipient: "user@example.com", ReplyCode: 550, Status: Status{5, 1, 1},
				Class: catalog.ClassPermanent, Reason: "userunknown", Diagnostic: "line\nnext\ttab\r\b\f",
				Explanation: "e", Action: "a", WhoActs: "sender", Retry: "no",
				Match: Match{Entry: "x", Provider: "google", By: "text", Confidence: 0.97, Evidence: "ev",
					Sources: []catalog.Doc{{ID: "gmail", Title: "T", URL: "https://x"}, {ID: "n", Title: "no url"}}},
				DSNAction: "failed", RemoteMTA: "mx", ReportingMTA: "r", Command: "RCPT", Date: "d",
			}, {Class: catalog.ClassUnknown, Reason: "undefined", Match: Match{By: "none"}}},
		},
		{Kind: KindReply, Original: &Original{}},
	}
	for _, s := range []string{
		"550 5.1.1 The email account that you tried to reach does not exist. - gsmtp",
		"421-4.7.28 Gmail has detected an unusual rate\n421 4.7.28 of email. - gsmtp\n\n452 4.2.2 over quota",
	} {
		rep, err := ParseString(s)
		if err != nil {
			t.Fatal(err)
		}
		reports = append(reports, rep)
	}
	for i, r := range reports {
		got, _ := r.MarshalJSON()
		if want := tagJSON(t, r); !bytes.Equal(got, want) {
			t.Errorf("report %d:\n got %s\nwant %s", i, got, want)
		}
		var back Report
		if err := json.Unmarshal(got, &back); err != nil {
			t.Errorf("report %d does not read back: %v", i, err)
		}
	}
}

func TestStatusJSON(t *testing.T) {
	var s Status
	for in, want := range map[string]Status{`"5.7.26"`: {5, 7, 26}, `""`: {}} {
		if err := json.Unmarshal([]byte(in), &s); err != nil || s != want {
			t.Errorf("%s: %v %v", in, s, err)
		}
	}
	for _, in := range []string{`"9.9.9"`, `5`, `"5.1"`} {
		if err := json.Unmarshal([]byte(in), &s); err == nil {
			t.Errorf("%s accepted", in)
		}
	}
}

// TestJSONMayExceedBounds checks that the cheap bound is an upper bound of
// the JSON's length, on texts written to need escapes, so that no report
// over MaxOutput passes unchecked.
func TestJSONMayExceedBounds(t *testing.T) {
	for _, in := range []string{
		"550 5.1.1 <a@b.example> user unknown",
		"550 5.1.1 \x01\x02\"\\\u2028<>&" + strings.Repeat("\x1f", 300),
		strings.Repeat("550 5.1.1 \x01\"\\ no such user\n\n", 200),
	} {
		rep, err := ParseString(in)
		if err != nil {
			t.Fatal(err)
		}
		n := len(rep.AppendJSON(nil))
		if !rep.jsonMayExceed(n - 1) {
			t.Errorf("%.40q: bound below the JSON's %d bytes", in, n)
		}
	}
}

// TestAppendStringMatchesEncoding checks appendString, whose fast path
// reads eight bytes at a time, against encoding/json: each byte that needs
// care (a control, '"', '\\', the first byte of U+2028, of "é", and an
// invalid one) at every offset of texts of 0 to 40 bytes.
func TestAppendStringMatchesEncoding(t *testing.T) {
	specials := []string{"\x00", "\x1f", "\"", "\\", "\u2028", "é", "\xff", "\x7f", " ", "~", "!", "]", "[", "#"}
	for n := 0; n <= 40; n++ {
		for at := 0; at < n; at++ {
			for _, sp := range specials {
				s := strings.Repeat("a", at) + sp + strings.Repeat("Z", n-at)
				var b bytes.Buffer
				enc := json.NewEncoder(&b)
				enc.SetEscapeHTML(false)
				enc.Encode(s)
				want := bytes.TrimSuffix(b.Bytes(), []byte("\n"))
				if got := appendString(nil, s); !bytes.Equal(got, want) {
					t.Fatalf("%q: got %s, want %s", s, got, want)
				}
				if got := jsonStringLen(s); got != len(want) {
					t.Fatalf("%q: jsonStringLen %d, want %d", s, got, len(want))
				}
			}
		}
	}
}

// TestJSONFits checks JSONFits against the JSON's length on either side
// of it.
func TestJSONFits(t *testing.T) {
	rep, err := ParseString(strings.Repeat("550 5.1.1 \x01\"\\ no such user\n\n", 50))
	if err != nil {
		t.Fatal(err)
	}
	n := len(rep.AppendJSON(nil))
	if !rep.JSONFits(n) || rep.JSONFits(n-1) || !rep.JSONFits(100*n) {
		t.Errorf("JSONFits wrong around the JSON's %d bytes", n)
	}
}
