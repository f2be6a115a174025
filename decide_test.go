package bounce

import (
	"strings"
	"testing"
)

// TestMatchSurvivesPasting checks that the wording of a reply is recognised
// however it was pasted.
func TestMatchSurvivesPasting(t *testing.T) {
	tests := []struct {
		name, in, entry string
	}{
		// Gmail help page, 550 5.7.26 (DMARC), with real values.
		{"placeholders", "550 5.7.26 Unauthenticated email from shop.example.org is not accepted due to domain's DMARC policy. Please contact the administrator of shop.example.org domain if this was a legitimate mail.", "google.5.7.26.dmarc"},
		{"curly quotes", "550 5.7.26 Unauthenticated email from shop.example.org is not accepted due to domain\u2019s DMARC policy.", "google.5.7.26.dmarc"},
		{"rewrapped", "550 5.1.1 The email account that you tried to reach does\n   not exist. Please try double-checking the recipient's email\naddress for typos or unnecessary spaces.", "google.5.1.1.nosuchuser"},
		{"extra whitespace", "550   5.1.1    The  email account that   you tried to reach\tdoes not exist.", "google.5.1.1.nosuchuser"},
		{"help link and session id", "452 4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp 6a1803df08f44-6f0c0c2c6b3si12345676d6.123 - gsmtp", "google.4.2.2.overquota"},
		{"dashes", "451 4.4.2 Timeout \u2014 closing connection.", "google.4.4.2.timeout"},
		{"upper case", "550 5.2.1 THE EMAIL ACCOUNT THAT YOU TRIED TO REACH IS DISABLED.", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rep, err := ParseString(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			if len(rep.Recipients) != 1 {
				t.Fatalf("%d records", len(rep.Recipients))
			}
			m := rep.Recipients[0].Match
			if m.By != "text" {
				t.Fatalf("matched by %q (%s), want text", m.By, m.Entry)
			}
			if tt.entry != "" && !strings.HasPrefix(m.Entry, tt.entry) {
				t.Errorf("entry %s, want %s", m.Entry, tt.entry)
			}
			if m.Evidence == "" || !strings.Contains(strings.Join(strings.Fields(tt.in), " "), m.Evidence) {
				t.Errorf("evidence %q is not a part of the input", m.Evidence)
			}
		})
	}
}

// TestFallbacks checks the order text, enhanced code, reply code.
func TestFallbacks(t *testing.T) {
	tests := []struct {
		in, by, provider, reason string
		class                    string
	}{
		{"550 5.1.1 zzqx wvut", "status", "iana", "userunknown", "permanent"},
		{"421 4.7.27 zzqx wvut - gsmtp", "status", "google", "", "temporary"},
		{"550 5.7.27 zzqx wvut", "status", "iana", "", "permanent"},
		{"552 zzqx wvut", "reply", "rfc5321", "", "permanent"},
		{"599 9.9.9 zzqx", "none", "", "undefined", "permanent"},
		{"450 zzqx", "reply", "rfc5321", "", "temporary"},
	}
	for _, tt := range tests {
		rep, err := ParseString(tt.in)
		if err != nil || len(rep.Recipients) != 1 {
			t.Fatalf("%q: %v, %+v", tt.in, err, rep)
		}
		r := rep.Recipients[0]
		if r.Match.By != tt.by || r.Match.Provider != tt.provider || string(r.Class) != tt.class || tt.reason != "" && r.Reason != tt.reason {
			t.Errorf("%q: by %s provider %s reason %s class %s; want %s %s %s %s", tt.in,
				r.Match.By, r.Match.Provider, r.Reason, r.Class, tt.by, tt.provider, tt.reason, tt.class)
		}
	}
}

// TestSameCodeDifferentProvider checks that codes are scoped to providers:
// Gmail's 5.7.27 and 5.7.30 are not IANA's.
func TestSameCodeDifferentProvider(t *testing.T) {
	gmail, _ := ParseString("550 5.7.30 zzqx - gsmtp")
	plain, _ := ParseString("550 5.7.30 zzqx")
	g, p := gmail.Recipients[0], plain.Recipients[0]
	if g.Match.Provider != "google" || p.Match.Provider != "iana" || g.Reason == p.Reason && g.Explanation == p.Explanation {
		t.Errorf("gmail %s/%s, plain %s/%s", g.Match.Entry, g.Reason, p.Match.Entry, p.Reason)
	}
}

// TestSharedWordingWins checks that a wording many MTAs pass on is read as
// theirs, not as a gateway's that also writes it, unless the reply comes
// from that gateway.
func TestSharedWordingWins(t *testing.T) {
	tests := []struct{ in, provider string }{
		// Postfix's smtpd_recipient_restrictions reply, as any Postfix writes it.
		{"550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown", "generic"},
		{"550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown (in reply to RCPT TO command)", "generic"},
	}
	for _, tt := range tests {
		rep, err := ParseString(tt.in)
		if err != nil || len(rep.Recipients) != 1 {
			t.Fatalf("%q: %v", tt.in, err)
		}
		if m := rep.Recipients[0].Match; m.Provider != tt.provider || rep.Recipients[0].Reason != "userunknown" {
			t.Errorf("%q: entry %s of %s, reason %s; want a %s entry, userunknown", tt.in, m.Entry, m.Provider, rep.Recipients[0].Reason, tt.provider)
		}
	}
}

// TestWordsBeforeCodes checks the order of the list: when no catalog
// wording matches, the words of the reply decide (lexicon) before its
// status code, its reply code or the SMTP stage; and a shared wording
// found only in part yields to a lexicon phrase found whole.
func TestWordsBeforeCodes(t *testing.T) {
	tests := []struct{ in, reason, by string }{
		// Written for the test: the codes say something generic or other.
		{"554 5.7.1 Sorry, there is no mailbox here by that name", "userunknown", "lexicon"},
		{"550 5.0.0 zzqx wvut: the mailbox is full", "mailboxfull", ""},
		{"550 5.0.0 zzqx wvut", "undefined", "status"},
		{"552 5.2.2 Mailbox size limit exceeded", "mailboxfull", "lexicon"},
		{"552 5.3.4 Message size exceeds fixed limit", "emailtoolarge", "text"},
	}
	for _, tt := range tests {
		rep, err := ParseString(tt.in)
		if err != nil || len(rep.Recipients) != 1 {
			t.Fatalf("%q: %v", tt.in, err)
		}
		r := rep.Recipients[0]
		if r.Reason != tt.reason || tt.by != "" && r.Match.By != tt.by {
			t.Errorf("%q: %s by %s (%s); want %s by %s", tt.in, r.Reason, r.Match.By, r.Match.Entry, tt.reason, tt.by)
		}
	}
}
