package catalog

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// fieldIDs returns the IDs of the entries written in data/field-*.txt, the
// wordings taken from other classifiers' rule sets.
func fieldIDs(t *testing.T) []string {
	t.Helper()
	files, err := filepath.Glob("data/field-*.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no data/field-*.txt: %v", err)
	}
	var ids []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if id, ok := strings.CutPrefix(line, "ID:"); ok {
				ids = append(ids, strings.TrimSpace(id))
			}
		}
	}
	return ids
}

// fillSample replaces the placeholders of a wording with values a server
// could have written there.
var fillSample = strings.NewReplacer(
	"{ip}", "198.51.100.7", "{domain}", "mail.example.org",
	"{address}", "someone@example.org", "{number}", "250",
	"{header}", "X-Mailer", "{word}", "mx", "{text}", "for this message",
)

// TestFieldTextsMatchOwnEntry checks that every wording of the field's
// entries, sent as a reply line with the entry's codes, is read as that entry
// (or as one of the same reason) when the provider is known.
func TestFieldTextsMatchOwnEntry(t *testing.T) {
	ids := fieldIDs(t)
	n := 0
	for _, id := range ids {
		e := Lookup(id)
		if e == nil {
			t.Errorf("%s: in data/field-*.txt but not in the table; run go generate", id)
			continue
		}
		q := Query{Provider: e.Provider}
		prefix := ""
		if len(e.Replies) > 0 {
			q.Reply = e.Replies[0]
			prefix = strconv.Itoa(q.Reply)
		}
		if len(e.Statuses) > 0 {
			q.Status = e.Statuses[0]
			prefix = strings.TrimSpace(prefix + " " + q.Status)
		}
		for _, text := range e.Texts {
			n++
			line := strings.TrimSpace(prefix + " " + fillSample.Replace(text))
			hit, ok := Match(line, q)
			switch {
			case !ok:
				t.Errorf("%s: %q matches nothing", id, line)
			case hit.Entry.ID != id && hit.Entry.Reason != e.Reason:
				t.Errorf("%s (%s): %q matches %s (%s) instead", id, e.Reason, line, hit.Entry.ID, hit.Entry.Reason)
			}
		}
	}
	if n == 0 {
		t.Fatal("no wordings checked")
	}
	t.Logf("%d wordings of %d entries", n, len(ids))
}

// TestFieldCodesKeepApart checks that code tables whose codes differ only in
// their number are told apart: the code of one entry must not be read as a
// code of another entry with a different reason.
func TestFieldCodesKeepApart(t *testing.T) {
	for _, c := range []struct{ text, provider, want string }{
		{"550 5.7.1 POL-P7 https://www.facebook.com/postmaster/response_codes#pol-p7", "facebook", "authfailure"},
		{"550 5.7.1 POL-P5 https://www.facebook.com/postmaster/response_codes#pol-p5", "facebook", "virusdetected"},
		{"554 p3plibsmtp01.prod.phx3.secureserver.net bizsmtp IB108 Connection refused", "godaddy", "requireptr"},
		{"554 p3plibsmtp01.prod.phx3.secureserver.net bizsmtp IB103 Connection refused", "godaddy", "badreputation"},
		{"550 5.7.1 Service refuse. Veuillez essayer plus tard. OFR_416 [416]", "orange", "userunknown"},
		{"550 5.7.1 Service refuse. Veuillez essayer plus tard. OFR_417 [417]", "orange", "mailboxfull"},
		{"554 5.7.1 Your message was rejected. AUP#1530", "spectrum", "emailtoolarge"},
		{"554 5.7.1 Your message was rejected. AUP#1100", "spectrum", "requireptr"},
		{"550 5.1.0 Your IP is blocked. AUP#In-1220", "spectrum", "blocked"},
		{"550 Mailbox is frozen. See http://mail.i.ua/err/3/", "iua", "suspend"},
		{"550 Message rejected. See http://mail.i.ua/err/10/", "iua", "filtered"},
		{"550 Relay denied. See http://mail.i.ua/err/1/", "iua", "norelaying"},
		{"554 Mail rejected 192.0.2.1 AUP#IPBL1010", "cox", "blocked"},
	} {
		hit, ok := Match(c.text, Query{Provider: c.provider})
		if !ok {
			t.Errorf("%q matches nothing, want %s", c.text, c.want)
			continue
		}
		if hit.Entry.Reason != c.want {
			t.Errorf("%q matches %s (%s), want %s", c.text, hit.Entry.ID, hit.Entry.Reason, c.want)
		}
	}
}
