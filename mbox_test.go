package bounce

import (
	"strings"
	"testing"
)

// TestMbox checks that every message of an mbox is read, in order.
func TestMbox(t *testing.T) {
	msg := func(rcpt, reply string) string {
		return "From MAILER-DAEMON  Thu Jul  2 12:05:05 2020\n" +
			"From: MAILER-DAEMON@mx.example.net (Mail Delivery System)\n" +
			"Subject: Undelivered Mail Returned to Sender\n" +
			"Content-Type: text/plain\n\n" +
			"This is the mail system at host mx.example.net.\n\n" +
			"<" + rcpt + ">: host mx.example.com[192.0.2.1] said: " + reply + " (in reply to RCPT TO command)\n\n"
	}
	in := msg("a@example.com", "550 5.1.1 <a@example.com>: Recipient address rejected: User unknown in virtual mailbox table") +
		msg("b@example.org", "552 5.2.2 <b@example.org>: Mailbox is full")
	if parts, _ := splitMbox([]byte(in)); len(parts) != 2 {
		t.Fatalf("splitMbox: %d parts, want 2", len(parts))
	}
	rep, err := ParseString(in)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rep.Recipients {
		got = append(got, r.Recipient+" "+r.Reason)
	}
	if want := "a@example.com userunknown|b@example.org mailboxfull"; strings.Join(got, "|") != want {
		t.Errorf("got %q, want %q", strings.Join(got, "|"), want)
	}
	// One message with a From_ line, and a body line that merely starts
	// with "From ", is one message.
	one := msg("a@example.com", "550 5.1.1 unknown") + "From here on, nothing.\nthanks\n"
	if parts, _ := splitMbox([]byte(one)); parts != nil {
		t.Errorf("a single message split into %d parts", len(parts))
	}
}
