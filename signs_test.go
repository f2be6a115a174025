package bounce

import (
	"strings"
	"testing"

	"github.com/bouncekit/bounce/catalog"
)

// TestSignLists checks one rule of each list of catalog/data/signs.txt and
// signs-hints.txt, on text written for the test.
func TestSignLists(t *testing.T) {
	ts := textSignSet()
	// signs reads s as analyse reads a text: where each phrase of
	// textSignSet first stands, and the text as it was read.
	signs := func(s string) (string, []int32) {
		pos := make([]int32, len(ts.set.words))
		return ts.set.scanLower(s, pos), pos
	}
	has := func(l signList, s string) bool { _, pos := signs(s); return l.first(pos) >= 0 }
	aboutMail := func(s string) bool { return failureAboutMail(signs(s)) }
	format := func(h header, text string) string {
		_, pos := signs(text)
		return detectFormat(h, formatSignsIn(text, isASCII(text), pos))
	}
	checks := []struct {
		list string
		ok   bool
	}{
		// Sign: expiry; the first phrase found is the evidence.
		{"expiry", expiredWords(strings.ToLower("Status: 4.4.7 (retry timeout exceeded)")) == "retry timeout exceeded" &&
			expiredWords("550 user unknown") == ""},
		// Sign: expiry-note, blanked with the expiry phrases.
		{"expiry-note", func() bool {
			s := withoutExpiry("550 No such user. I'm not going to try again; this message has been in the queue too long.")
			return strings.Contains(s, "No such user") && !strings.Contains(s, "try again") && !strings.Contains(s, "queue too long")
		}()},
		{"delay", has(ts.delay, "Your message has been delayed and is still in the queue.") &&
			!has(ts.delay, "Your message was delivered.")},
		{"temporary", temporaryText("451 4.3.0 the mailbox is temporarily unavailable") && !temporaryText("550 5.1.1 no such user")},
		{"sender-refused", senderRefusedText("553 5.7.1 <a@example.org>: sender address rejected: not owned by user") &&
			!senderRefusedText("550 5.1.1 <b@example.org>: recipient address rejected")},
		// Sign: failure, and Sign: mail in the same paragraph.
		{"failure, mail", aboutMail("Hello,\n\nYour message could not be delivered to its recipient.\n") &&
			!aboutMail("Hello,\n\nYour parcel could not be delivered today.\n")},
		{"weak-failure", bounceWording("There was a delivery problem.") && !has(ts.failure, "There was a delivery problem.")},
		{"delay-warning", has(ts.delayWarning, "This is only a warning: we will keep trying.") &&
			!has(ts.delayWarning, "Your message could not be delivered.")},
		{"recipient-label", func() bool {
			addr, _, ok := addressLine("Recipient address: jane@example.org")
			return ok && addr == "jane@example.org"
		}()},
		{"address-label", addressLabel("recipient:") && !addressLabel("unknown user:")},
		{"header-label", func() bool { _, _, ok := addressLine("Reply-To: jane@example.org"); return !ok }()},
		{"not-name-end", displayName("Jane Doe") && !displayName("message sent to")},
		{"stop-line", stopLine("Original message headers:") && !stopLine("The mailbox is full.")},
		{"name-list-intro", func() bool {
			text := "Your message did not reach some or all of the intended recipients.\n\n" +
				"The following recipient(s) could not be reached:\n\n" +
				"      Jane Doe on 11/30/2026 10:00 AM\n            The e-mail account does not exist.\n"
			r := nameRecipients(text, header{{key: "to", value: "Jane Doe <jane@example.org>"}})
			return len(r) == 1 && r[0].addr == "jane@example.org"
		}()},
		{"help-address", helpAddress("For questions, please contact ") && !helpAddress("Delivery to ")},
		{"bounce-sender, report-sender, weak-sender", func() bool {
			ok1, weak1 := bounceSender("Mail Delivery System <mailer@example.org>")
			ok2, _ := bounceSender("noreply-dmarc-support@example.org")
			ok3, weak3 := bounceSender("Bounce Handler <handler@example.org>")
			return ok1 && !weak1 && !ok2 && ok3 && weak3
		}()},
		{"auto-reply-subject", isAutoReply(nil, "Out of Office: back on Monday") && !isAutoReply(nil, "Meeting notes")},
		{"checks-at-rcpt", checksAtRCPT("google") && !checksAtRCPT("postfix")},
		// Hints: provider; the longer host comes first.
		{"provider hints", providerOf("mx1.example-org.mail.protection.outlook.com") == "microsoft" &&
			providerOf("smtp-in.outlook.com") == "outlook" && providerOf("mx.example.org") == ""},
		// Hints: format; the text first, then the header fields of Sign:
		// format-field.
		{"format hints, format-field", func() bool {
			text := "This is the mail system at host mx.example.org.\n"
			h := header{{key: "x-postfix-queue-id", value: "ABC123"}}
			return format(nil, text) == "postfix" && format(h, "") == "postfix" && format(nil, "hello") == ""
		}()},
		// Hints: stage; the wording that stands first in the text decides.
		{"stage hints", stageOf("host mx.example.org said: 550 5.1.1 unknown user (in reply to RCPT TO command)") == "RCPT" &&
			stageOf("452 4.3.1 out of memory (in reply to end of DATA command) after RCPT TO") == "DATA" &&
			stageOf("550 5.1.1 unknown user") == ""},
		{"format-entry hints", catalog.Lookup(formatEntry["googlegroups"]) != nil && formatEntry["postfix"] == ""},
	}
	for _, c := range checks {
		if !c.ok {
			t.Errorf("%s: the rule does not hold on its test text", c.list)
		}
	}
}

// TestSendmailExpiryIsASign checks Sendmail's wording for a queue that gave
// up, written for the test.
func TestSendmailExpiryIsASign(t *testing.T) {
	l := "<ann@example.org>... deferred: connection refused by mx.example.org.\nmessage could not be delivered for 5 days\nmessage will be deleted from queue"
	if w := expiredWords(l); w != "message could not be delivered for" {
		t.Errorf("expiredWords = %q", w)
	}
}
