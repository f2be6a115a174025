package catalog

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// testLexicon replaces the lexicon's automaton with one built from the
// given stanzas and order, for tests of the rules that must not depend on
// the data.
func testLexicon(t testing.TB, order []string, stanzas ...Entry) {
	t.Helper()
	a := buildLexiconFrom(stanzas, order)
	lexicon() // build the real one first, so that the Once does not undo this
	saved := lexAuto
	lexAuto = a
	t.Cleanup(func() { lexAuto = saved })
}

func stanza(reason string, texts ...string) Entry {
	return Entry{ID: "lexicon.test." + reason, Provider: "lexicon", Reason: reason, Texts: texts}
}

// TestLexiconRules checks the rules that hold whatever the data: word
// boundaries, folding, pairs, precedence and the evidence range.
func TestLexiconRules(t *testing.T) {
	testLexicon(t, []string{"mailboxfull", "userunknown", "spamdetected", "blocked", "expired"},
		stanza("mailboxfull", "mailbox full", "quota"+PairSep+"exceeded", "Größe überschritten", "邮箱已满"),
		stanza("userunknown", "user unknown", "no such user", "Нет такого пользователя", "utilisateur inconnu", "—user"),
		stanza("spamdetected", "spam", "message"+PairSep+"classified"+PairSep+"spam"),
		stanza("blocked", "blocked", "listed at"),
		stanza("expired", "expired"),
	)
	for _, c := range []struct {
		text, reason, evidence string
	}{
		// Case and white space folding.
		{"550 MAILBOX FULL", "mailboxfull", "MAILBOX FULL"},
		{"550 Mailbox\r\n\t  Full, sorry", "mailboxfull", "Mailbox\r\n\t  Full"},
		{"550 mailbox\u00a0full", "mailboxfull", "mailbox\u00a0full"},
		// Word boundaries.
		{"successfully spammed", "", ""},
		{"the spam filter said so", "spamdetected", "spam"},
		{"(spam)", "spamdetected", "spam"},
		{"spam2", "", ""},
		{"antispam", "", ""},
		{"user unknownish", "", ""},
		{"superuser unknown", "", ""},
		{"x—user here", "userunknown", "—user"}, // starts with a dash: no boundary before
		{"user_unknown", "", ""},
		// Unicode lower case: Cyrillic, accented Latin.
		{"550 НЕТ ТАКОГО ПОЛЬЗОВАТЕЛЯ", "userunknown", "НЕТ ТАКОГО ПОЛЬЗОВАТЕЛЯ"},
		{"550 Utilisateur INCONNU", "userunknown", "Utilisateur INCONNU"},
		{"GRÖSSE ÜBERSCHRITTEN", "", ""}, // ß has no one-rune upper case; ẞ would be needed
		{"Größe Überschritten", "mailboxfull", "Größe Überschritten"},
		{"Größe überschrittenen", "", ""},
		// CJK: no boundary needed next to Han characters.
		{"收件人邮箱已满，请稍后再试", "mailboxfull", "邮箱已满"},
		{"550 邮箱已满.", "mailboxfull", "邮箱已满"},
		// Pairs: order and distance.
		{"quota for this user exceeded", "mailboxfull", "quota for this user exceeded"},
		{"exceeded the quota", "", ""},
		{"quota" + strings.Repeat(" x", 59) + " exceeded", "mailboxfull", "quota" + strings.Repeat(" x", 59) + " exceeded"},
		{"quota" + strings.Repeat(" x", 61) + " exceeded", "", ""},
		{"quota" + strings.Repeat("\n ", 200) + "exceeded", "mailboxfull", "quota" + strings.Repeat("\n ", 200) + "exceeded"},
		{"quotas exceeded", "", ""},
		{"quota quota exceeded", "mailboxfull", "quota exceeded"},
		{"message was classified as spam", "spamdetected", "message was classified as spam"}, // ends with "spam", and is longer
		{"message classified", "", ""},
		// Precedence: the reason earliest in the order wins, wherever it is.
		{"spam: user unknown", "userunknown", "user unknown"},
		{"user unknown; mailbox full", "mailboxfull", "mailbox full"},
		{"blocked and spam", "spamdetected", "spam"},
		{"expired: blocked", "blocked", "blocked"},
		{"delivery time expired", "expired", "expired"},
		// Nothing to find.
		{"", "", ""},
		{"lorem ipsum dolor sit amet", "", ""},
		{"\xff\xfemailbox full", "mailboxfull", "mailbox full"},
		{"mailbox\xfffull", "", ""},
	} {
		hit, ok := Lexicon(c.text)
		got := ""
		if ok {
			got = hit.Entry.Reason
		}
		if got != c.reason {
			t.Errorf("Lexicon(%.60q) = %q, want %q", c.text, got, c.reason)
			continue
		}
		if !ok {
			continue
		}
		if ev := c.text[hit.Start:hit.End]; ev != c.evidence {
			t.Errorf("Lexicon(%.60q): evidence %q, want %q", c.text, ev, c.evidence)
		}
		if hit.Coverage != 1 || hit.Entry.Provider != "lexicon" {
			t.Errorf("Lexicon(%.60q): %+v", c.text, hit)
		}
	}
}

// TestLexiconHitText checks that Hit.Text names the wording found.
func TestLexiconHitText(t *testing.T) {
	testLexicon(t, []string{"mailboxfull"}, stanza("mailboxfull", "mailbox full", "over"+PairSep+"quota"))
	for text, want := range map[string]int{"mailbox full": 0, "over the quota": 1} {
		hit, ok := Lexicon(text)
		if !ok || hit.Text != want {
			t.Errorf("Lexicon(%q) = %v, %d; want text %d", text, ok, hit.Text, want)
		}
	}
}

// TestLexiconBounded checks that the text beyond LexiconMaxBytes is not
// read, and that the work on huge and hostile texts grows linearly with
// their length.
func TestLexiconBounded(t *testing.T) {
	hostile := []string{
		strings.Repeat("quota ", 20000),               // many first parts of a pair
		strings.Repeat("mailbox mailbox ", 10000),     // a prefix of a phrase, over and over
		strings.Repeat("a", 200000),                   // one long word
		strings.Repeat("\xff", 200000),                // invalid bytes
		strings.Repeat(" \t\r\n", 50000),              // white space
		strings.Repeat("邮箱", 50000),                   // multibyte
		strings.Repeat("over quot", 20000) + "a full", // almost phrases
	}
	for _, h := range hostile {
		if _, ok := Lexicon(h + " mailbox full"); ok && len(h) > LexiconMaxBytes {
			t.Errorf("Lexicon read past LexiconMaxBytes in %.20q", h)
		}
	}
	// Linear time: count the automaton's steps (fail links followed and
	// wordings reported) on hostile texts and on one 16 times as long.
	a := buildLexicon()
	work := 0
	a.work = &work
	saved := lexAuto
	lexicon()
	lexAuto = a
	defer func() { lexAuto = saved }()
	for _, h := range hostile {
		small := h[:LexiconMaxBytes/16]
		work = 0
		Lexicon(small)
		ws := work
		work = 0
		Lexicon(strings.Repeat(small, 16))
		t.Logf("%.12q: %d steps for %d bytes, %d for %d bytes", h, ws, len(small), work, 16*len(small))
		if work > 16*ws+1024 || work > 8*LexiconMaxBytes {
			t.Errorf("%.20q: %d steps for %d bytes, %d for 16 times as many", h, ws, len(small), work)
		}
	}
}

// TestLexiconNoAlloc checks that a call allocates nothing once the
// automaton is built.
func TestLexiconNoAlloc(t *testing.T) {
	Lexicon("")
	n := testing.AllocsPerRun(20, func() { Lexicon("550 5.2.2 mailbox full; quota exceeded for user") })
	if n != 0 {
		t.Errorf("%v allocations per call", n)
	}
}

// filler surrounds a wording in the data test; no lexicon has these words.
const fillerBefore, fillerAfter, fillerGap = "lorem ipsum ", " dolor sit amet", " vel "

// TestLexiconData checks every phrase and pair of every lexicon stanza: put
// between filler words, it must be found with its stanza's reason. A
// wording of another reason found instead shadows it (it contains a
// wording of a reason earlier in the order): the data must not hold such a
// wording, since it could never decide.
func TestLexiconData(t *testing.T) {
	rank := map[string]int{}
	for i, r := range lexiconOrder {
		rank[r] = i
	}
	n := 0
	for i := range entries {
		e := &entries[i]
		if e.Provider != "lexicon" {
			continue
		}
		if _, ok := rank[e.Reason]; !ok {
			t.Errorf("%s: reason %s not in the order", e.ID, e.Reason)
		}
		for _, w := range e.Texts {
			n++
			text := fillerBefore + strings.ReplaceAll(w, PairSep, fillerGap) + fillerAfter
			hit, ok := Lexicon(text)
			switch {
			case !ok:
				t.Errorf("%s: %q is not found in %q", e.ID, w, text)
			case hit.Entry.Reason != e.Reason:
				t.Errorf("%s: %q is shadowed by %s %q (%s is earlier in the order than %s)",
					e.ID, w, hit.Entry.ID, hit.Entry.Texts[hit.Text], hit.Entry.Reason, e.Reason)
			}
		}
	}
	t.Logf("%d lexicon wordings", n)
}

// TestLexiconEntriesApart checks that Match never returns a lexicon entry
// and that every lexicon stanza has the reader-facing fields.
func TestLexiconEntriesApart(t *testing.T) {
	for i := range entries {
		e := &entries[i]
		if e.Provider != "lexicon" {
			continue
		}
		if e.Explanation == "" || e.Action == "" || e.Who == "" || e.Retry == "" {
			t.Errorf("%s: missing explanation, action, who or retry", e.ID)
		}
		for _, w := range e.Texts {
			s := strings.ReplaceAll(w, PairSep, " ")
			if hit, ok := Match(s, Query{}); ok && hit.Entry.Provider == "lexicon" {
				t.Errorf("Match(%q) returned lexicon entry %s", s, hit.Entry.ID)
			}
		}
	}
}

// FuzzLexicon checks that Lexicon never panics and that its evidence is a
// part of the text that folds to the wording found.
func FuzzLexicon(f *testing.F) {
	for _, s := range []string{"", "mailbox full", "quota for user exceeded", "\xff邮箱已满", "User Unknown\r\n", "НЕТ ТАКОГО"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		hit, ok := Lexicon(s)
		if !ok {
			return
		}
		if hit.Start < 0 || hit.End > len(s) || hit.Start >= hit.End {
			t.Fatalf("evidence [%d:%d] outside text of %d bytes", hit.Start, hit.End, len(s))
		}
		ev := foldLexicon(s[hit.Start:hit.End])
		parts := strings.Split(hit.Entry.Texts[hit.Text], PairSep)
		first, last := foldLexicon(parts[0]), foldLexicon(parts[len(parts)-1])
		if !strings.HasPrefix(ev, first) || !strings.HasSuffix(ev, last) || len(parts) == 1 && ev != first {
			t.Fatalf("evidence %q for wording %q", s[hit.Start:hit.End], hit.Entry.Texts[hit.Text])
		}
		if utf8.ValidString(s) && !utf8.ValidString(s[hit.Start:hit.End]) {
			t.Fatalf("evidence splits a character")
		}
	})
}

// BenchmarkLexicon measures building the automaton and matching a hit, a
// miss and a long text.
func BenchmarkLexicon(b *testing.B) {
	b.Run("build", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buildLexicon()
		}
	})
	for _, c := range []struct{ name, text string }{
		{"hit", "550 5.2.2 <user@example.net>: Recipient address rejected: mailbox full (in reply to RCPT TO command)"},
		{"miss", "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua"},
		{"4KiB", strings.Repeat("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor ", 52)},
	} {
		b.Run(c.name, func(b *testing.B) {
			Lexicon("")
			b.ReportAllocs()
			b.SetBytes(int64(len(c.text)))
			for b.Loop() {
				Lexicon(c.text)
			}
		})
	}
}

// TestLexiconEnglish checks the English lexicon on replies written for the
// test in the ways servers word them, including texts that name two reasons,
// where the order of lexicon-order.txt decides.
func TestLexiconEnglish(t *testing.T) {
	for _, c := range []struct{ text, reason string }{
		{"550 5.1.1 <ann@example.org>: Recipient address rejected: User unknown in local recipient table", "userunknown"},
		{"550 Mailbox not found.", "userunknown"},
		{"550 No such mailbox here", "userunknown"},
		{"Your message to bob@example.org has failed due to a full mailbox.", "mailboxfull"},
		{"The message could not be delivered because the recipient's mailbox is full.", "mailboxfull"},
		{"552 5.2.2 Mailbox size limit exceeded for this user", "mailboxfull"},
		{"452 4.2.2 Insufficient disk space; try again later", "mailboxfull"},
		{"552 5.3.4 Message size exceeds fixed limit", "emailtoolarge"},
		{"550 5.4.4 Domain name not found: example.invalid", "hostunknown"},
		{"Host or domain name not found. Name service error for name=example.invalid type=MX", "hostunknown"},
		{"connect to example.invalid: Name or service not known", "hostunknown"},
		{"554 5.7.1 <bob@example.org>: Relay access denied", "norelaying"},
		{"550 relaying denied for <bob@example.org>", "norelaying"},
		{"554 Message rejected as spam by content filter", "spamdetected"},
		{"550 Your IP 192.0.2.1 is blacklisted, see the blocklist's page", "blocked"},
		{"554 Rejected: 192.0.2.1 listed at zen.spamhaus.org", "blocked"},
		{"421 Too many connections from your IP, slow down", "ratelimited"},
		{"451 4.7.1 Greylisted, please try again in 300 seconds", "ratelimited"},
		{"550 5.2.1 This account has been disabled", "suspend"},
		{"550 Mailbox inactive for more than a year", "suspend"},
		{"554 5.7.1 Virus detected: Eicar-Test-Signature", "virusdetected"},
		{"550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy", "authfailure"},
		{"550 5.7.1 Client host rejected: cannot find your reverse hostname, [192.0.2.1]", "requireptr"},
		{"553 5.1.8 <a@example.invalid>: Sender address rejected: Domain not found", "rejected"},
		{"530 5.7.0 Must issue a STARTTLS command first", "failedstarttls"},
		{"503 5.5.1 Bad sequence of commands", "syntaxerror"},
		{"Delivery time expired; the message could not be delivered within 5 days", "expired"},
		{"454 4.7.0 TLS not available: the server certificate has expired", "failedstarttls"},
		{"552 5.2.2 The email account that you tried to reach is over quota", "mailboxfull"},
		{"554 5.4.14 Hop count exceeded - possible mail loop", "networkerror"},
		{"421 4.4.2 lost connection with mx.example.org while sending RCPT TO", "networkerror"},
		// Two reasons in one text: the order decides.
		{"550 User unknown; mailbox full", "mailboxfull"},
		{"Message expired after 5 days; last error: 552 mailbox full", "mailboxfull"},
		{"550 Relay access denied: user unknown", "norelaying"},
		{"554 IP blacklisted for sending spam", "blocked"},
		// Words that name nothing.
		{"Please try again later.", ""},
		{"The message was delivered successfully to the relay host.", ""},
		{"Authentication-Results: mx.example.org; spf=pass; dkim=pass; dmarc=pass", ""},
	} {
		hit, ok := Lexicon(c.text)
		got := ""
		if ok {
			got = hit.Entry.Reason
		}
		if got != c.reason {
			ev := ""
			if ok {
				ev = c.text[hit.Start:hit.End]
			}
			t.Errorf("Lexicon(%q) = %q (by %q), want %q", c.text, got, ev, c.reason)
		}
	}
}
