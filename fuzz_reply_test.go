package bounce

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"

	"github.com/bouncekit/bounce/catalog"
)

// checkReport checks the invariants every report must keep, whatever the
// input: each record has a class and a known reason, its status is absent
// or well-formed, and the JSON reads back to the same JSON.
func checkReport(t *testing.T, rep *Report) {
	t.Helper()
	for i, r := range rep.Recipients {
		switch r.Class {
		case catalog.ClassPermanent, catalog.ClassTemporary, catalog.ClassSuccess, catalog.ClassUnknown:
		default:
			t.Fatalf("record %d: class %q", i, r.Class)
		}
		if catalog.ReasonByName(r.Reason) == nil {
			t.Fatalf("record %d: reason %q not in reasons.tsv", i, r.Reason)
		}
		if !r.Status.IsZero() && !r.Status.Valid() {
			t.Fatalf("record %d: status %v", i, r.Status)
		}
		if r.Match.Confidence < 0 || r.Match.Confidence > 1 {
			t.Fatalf("record %d: confidence %v", i, r.Match.Confidence)
		}
	}
	b, _ := rep.MarshalJSON()
	var back Report
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatalf("JSON does not read back: %v\n%s", err, b)
	}
	if b2, _ := back.MarshalJSON(); !bytes.Equal(b, b2) {
		t.Fatalf("JSON does not round-trip:\n%s\n%s", b, b2)
	}
}

// FuzzParseReply feeds reply text (no message headers) to the parser.
func FuzzParseReply(f *testing.F) {
	for _, row := range readSeeds(f) {
		f.Add(fmt.Sprintf("%d %s %s", row.reply, row.status, row.text))
	}
	f.Add(gmailWire(550, Status{5, 7, 26}, "Unauthenticated email from example.com is not accepted due to domain's DMARC policy."))
	f.Add("550-5.1.1 a\r\n550 #5.1.1 b\r\n> 421 [4.7.0] c\r")
	f.Add("host mx.example.com said: 550 5.1.1 <a@b>: User unknown (in reply to RCPT TO command)")
	f.Fuzz(func(t *testing.T, s string) {
		rep, err := ParseString(s)
		if err != nil {
			return
		}
		checkReport(t, rep)
	})
}
