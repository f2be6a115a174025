package bounce

import "testing"

func TestFindRepliesValid(t *testing.T) {
	tests := []struct {
		name, in string
		code     int
		status   string
		text     string
	}{
		// RFC 5321, section 4.2: a one-line reply.
		{"one line", "550 5.1.1 User unknown", 550, "5.1.1", "User unknown"},
		// RFC 5321, section 4.2.1: a multi-line reply, code repeated with '-'.
		{"multi-line", "550-5.7.26 Unauthenticated email\n550-5.7.26 is not accepted\n550 5.7.26 here. - gsmtp", 550, "5.7.26", "Unauthenticated email is not accepted here. - gsmtp"},
		// RFC 5321, section 4.2: the text may be absent.
		{"code only", "421", 421, "", ""},
		{"no enhanced code", "554 Transaction failed", 554, "", "Transaction failed"},
		// qmail and Cisco write the enhanced code after '#'.
		{"hash code", "553 #5.1.1 Sorry, no mailbox here", 553, "5.1.1", "Sorry, no mailbox here"},
		{"bracket code", "550 [5.7.1] Rejected", 550, "5.7.1", "Rejected"},
		// Microsoft sends three-digit details.
		{"three-digit detail", "550 5.7.606 Access denied, banned sending IP [192.0.2.1]", 550, "5.7.606", "Access denied, banned sending IP [192.0.2.1]"},
		// A pasted reply re-wrapped by a mail client.
		{"rewrapped", "550 5.1.1 The email account that you\ntried to reach does not exist.", 550, "5.1.1", "The email account that you tried to reach does not exist."},
		{"quoted", "> 452 4.2.2 The email account that you tried to reach is over quota.", 452, "4.2.2", "The email account that you tried to reach is over quota."},
		{"crlf", "550-5.1.1 a\r\n550 5.1.1 b\r\n", 550, "5.1.1", "a b"},
		{"bare cr", "550-5.1.1 a\r550 5.1.1 b\r", 550, "5.1.1", "a b"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := findReplies(tt.in)
			if len(got) != 1 {
				t.Fatalf("findReplies(%q) = %d replies, want 1", tt.in, len(got))
			}
			r := got[0]
			if r.code != tt.code || r.status.String() != tt.status || r.text != tt.text {
				t.Errorf("got %d %q %q, want %d %q %q", r.code, r.status, r.text, tt.code, tt.status, tt.text)
			}
		})
	}
}

func TestFindRepliesInvalid(t *testing.T) {
	for _, in := range []string{
		"",
		"hello world",
		"1234 not a code",
		"650 6.1.1 no such class",
		"55 5.1.1 short",
		"550x5.1.1 glued",
	} {
		if got := findReplies(in); len(got) != 0 {
			t.Errorf("findReplies(%q) = %+v, want none", in, got)
		}
	}
}

func TestFindRepliesSeveral(t *testing.T) {
	in := "550 5.1.1 first\n\n452 4.2.2 second\n550-5.7.1 third\n550 5.7.1 continued"
	got := findReplies(in)
	if len(got) != 3 {
		t.Fatalf("got %d replies, want 3: %+v", len(got), got)
	}
	if got[2].text != "third continued" || got[1].code != 452 {
		t.Errorf("got %+v", got)
	}
}

func TestParseStatus(t *testing.T) {
	valid := map[string]Status{"5.1.1": {5, 1, 1}, "4.7.28": {4, 7, 28}, "5.7.606": {5, 7, 606}, "2.0.0": {2, 0, 0}}
	for in, want := range valid {
		if got, ok := ParseStatus(in); !ok || got != want {
			t.Errorf("ParseStatus(%q) = %v, %v", in, got, ok)
		}
	}
	for _, in := range []string{"", "5.1", "5.1.1.1", "6.1.1", "5.1.1000", "5..1", "x.1.1", "5.1.1 "} {
		if _, ok := ParseStatus(in); ok {
			t.Errorf("ParseStatus(%q) accepted", in)
		}
	}
}

func TestFindCodesInSentence(t *testing.T) {
	code, st, _ := findCodes("host mx.example.com said: 550 5.1.1 <a@example.com>: Recipient address rejected")
	if code != 550 || st != (Status{5, 1, 1}) {
		t.Errorf("got %d %v", code, st)
	}
	code, st, _ = findCodes("Remote server returned '550 #5.1.1 not found'")
	if code != 550 || st != (Status{5, 1, 1}) {
		t.Errorf("hash form: got %d %v", code, st)
	}
	if code, st, _ = findCodes("version 1.2.3 of 2024"); code != 0 || !st.IsZero() {
		t.Errorf("junk: got %d %v", code, st)
	}
}
