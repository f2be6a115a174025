package bounce

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bouncekit/bounce/internal/testndr"
)

// memoDSN writes a DSN whose records repeat a few diagnostics, each with
// the record's own address in it or not, under the same and other codes,
// with a program recipient and local parts that spell words of failures.
func memoDSN() []byte {
	var b strings.Builder
	b.WriteString("From: MAILER-DAEMON@mx.example.net\nTo: sender@example.org\nSubject: Delivery Status Notification (Failure)\n" +
		"MIME-Version: 1.0\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"zz\"\n\n" +
		"--zz\nContent-Type: text/plain\n\nYour message could not be delivered to some recipients.\n\n" +
		"--zz\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\n")
	recs := []struct{ addr, status, diag string }{
		{"ann@example.com", "5.1.1", "550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown"},
		{"bob@example.com", "5.1.1", "550 5.1.1 <bob@example.com>: Recipient address rejected: User unknown"},
		{"Carl.Lee@example.com", "5.1.1", "550 5.1.1 <Carl.Lee@example.com>: Recipient address rejected: User unknown"},
		{"mailbox.full@example.com", "5.1.1", "550 5.1.1 <mailbox.full@example.com>: Recipient address rejected: User unknown"},
		{"dan@example.com", "4.2.2", "452 4.2.2 <dan@example.com>: Mailbox full"},
		{"eve@example.com", "4.2.2", "452 4.2.2 <eve@example.com>: Mailbox full"},
		{"fay@example.com", "5.2.2", "452 4.2.2 <fay@example.com>: Mailbox full"},
		{"gus@other.example", "5.1.1", "550 5.1.1 <gus@other.example>: Recipient address rejected: User unknown"},
		{"hal@example.com", "5.7.1", "550 5.7.1 Message rejected as spam"},
		{"ida@example.com", "5.7.1", "550 5.7.1 Message rejected as spam"},
		{"may@example.com", "4.2.2", "<may@example.com>: mailbox is full"},
		{"ned@example.com", "5.2.2", "<ned@example.com>: mailbox is full"},
		{"pat@gmail.com", "5.7.1", "550 5.7.1 Message rejected as spam"},
		{"quin@yahoo.com", "5.7.1", "550 5.7.1 Message rejected as spam"},
		{"rae@example.com", "5.7.30", "550 5.7.30 zzqx"},
		{"sam@googlemail.com", "5.7.30", "550 5.7.30 zzqx"},
		{"jo@example.com", "5.1.1", "550 5.1.1 <xjo@example.com>: unknown, and <jo@example.com.au> too; <jo@example.com>."},
		{"|/usr/bin/procmail", "5.0.0", "exit 75"},
		{"|/usr/bin/procmail", "5.0.0", "exit 75"},
		{"kim@example.com", "5.0.0", "Delivery time expired for <kim@example.com>"},
		{"lou@example.com", "5.0.0", "Delivery time expired for <lou@example.com>"},
	}
	for _, r := range recs {
		fmt.Fprintf(&b, "Final-Recipient: rfc822; %s\nAction: failed\nStatus: %s\nDiagnostic-Code: smtp; %s\n\n", r.addr, r.status, r.diag)
	}
	b.WriteString("--zz--\n")
	return []byte(b.String())
}

// TestDecideOnce checks that a verdict taken from the ones decided before
// in the same message is each record's own: every report is the same with
// each record decided alone.
func TestDecideOnce(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*", "*.eml"))
	if err != nil {
		t.Fatal(err)
	}
	inputs := map[string][]byte{"memoDSN": memoDSN(), "testndr": testndr.Postfix(50 << 10)}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		inputs[f] = b
	}
	if len(inputs) < 50 {
		t.Fatalf("%d inputs: testdata is missing", len(inputs))
	}
	report := func(in []byte) []byte {
		rep, err := ParseBytes(in)
		if err != nil && rep == nil {
			return []byte(err.Error())
		}
		return indentJSON(t, rep)
	}
	for name, in := range inputs {
		once := report(in)
		decideOnce = false
		alone := report(in)
		decideOnce = true
		if !bytes.Equal(once, alone) {
			t.Errorf("%s: decided once per diagnostic:\n%s\neach record alone:\n%s", name, once, alone)
		}
	}
}

// TestOwnAddressNotWords checks that a recipient's own local part is not
// read as words about the failure, and that the evidence quoting it still
// quotes it as written.
func TestOwnAddressNotWords(t *testing.T) {
	rep, err := ParseBytes(memoDSN())
	if err != nil {
		t.Fatal(err)
	}
	byAddr := map[string]Recipient{}
	for _, r := range rep.Recipients {
		byAddr[r.Recipient] = r
	}
	ann, full := byAddr["ann@example.com"], byAddr["mailbox.full@example.com"]
	if ann.Reason != "userunknown" || full.Reason != ann.Reason || full.Match.Entry != ann.Match.Entry {
		t.Errorf("mailbox.full@: reason %q (entry %q), want %q (entry %q) as for ann@", full.Reason, full.Match.Entry, ann.Reason, ann.Match.Entry)
	}
	for _, r := range rep.Recipients {
		if strings.ContainsRune(r.Match.Evidence, maskByte) && !strings.Contains(r.Diagnostic, r.Match.Evidence) {
			t.Errorf("%s: evidence %q is not in the diagnostic %q", r.Recipient, r.Match.Evidence, r.Diagnostic)
		}
	}
}

func TestOwnAddressMasked(t *testing.T) {
	for _, c := range []struct{ diag, addr, want string }{
		{"550 <user17@example.com>: User unknown", "user17@example.com", "550 <qqqqqq@example.com>: User unknown"},
		{"<Carl.Lee+x@example.com> unknown", "Carl.Lee+x@example.com", "<qqqq.qqq+q@example.com> unknown"},
		{"to ann@example.com.", "ann@example.com", "to qqq@example.com."},
		{"to ann@example.com, ann@example.com", "ann@example.com", "to qqq@example.com, qqq@example.com"},
		{"joann@example.com", "ann@example.com", "joann@example.com"},                  // another address
		{"ann@example.com.au", "ann@example.com", "ann@example.com.au"},                // another domain
		{"ANN@example.com", "ann@example.com", "ANN@example.com"},                      // not as written
		{"user unknown", "", "user unknown"},                                           // no address
		{"|/bin/prog failed", "|/bin/prog", "|/bin/prog failed"},                       // no domain
		{"ann@ unknown", "ann@", "ann@ unknown"},                                       // no domain
		{"<ann@example.com>", "ann@example.com", "<qqq@example.com>"},                  // all of it
		{"<ännä@example.com>", "ännä@example.com", "<\xc3\xa4qq\xc3\xa4@example.com>"}, // letters beyond ASCII stay
	} {
		if got := ownAddressMasked(c.diag, c.addr); got != c.want {
			t.Errorf("ownAddressMasked(%q, %q) = %q, want %q", c.diag, c.addr, got, c.want)
		}
	}
}
