package bounce

import (
	"strings"
	"sync"

	"github.com/bouncekit/bounce/catalog"
)

// evidence is what a message tells about its recipients besides each
// recipient's diagnostic text and codes.
type evidence struct {
	reportingProvider string // provider that wrote the bounce, "" if unknown
	format            string // format of the bounce, e.g. "postfix"
	program           bool   // the recipient is a program (a pipe)
	stage             string // SMTP command the reply answered: RCPT, DATA, MAIL, HELO, CONN, ...
	retryPassed       bool   // Will-Retry-Until lies in the past
	date              string // the bounce's Date
	text              string // the bounce's readable text
	expired           bool   // the text says the queue gave up
	delayed           bool   // the text is only a delay warning
}

// decide fills the verdict of rec from its text and codes and from the
// message around it: the catalog match of the text first, then the DSN
// action, expiry, the status code, the reply code and the SMTP stage.
func decide(rec *Recipient, ev evidence) {
	// The codes in the server's own reply are more specific than the DSN
	// Status field that the reporting MTA derived from them.
	c, st := codesOf(rec.Diagnostic)
	if rec.ReplyCode == 0 {
		rec.ReplyCode = c
	}
	if !st.IsZero() && (rec.Status.IsZero() || st[0] == rec.Status[0] || c/100 == st[0]) {
		// The server's own reply wins, also over a DSN status of another
		// class, when its reply code agrees with it ("550 5.5.0" under
		// Status: 4.5.0).
		rec.Status = st
	}
	if rec.ReplyCode != 0 && rec.ReplyCode < 400 && rec.Status[0] >= 4 {
		rec.ReplyCode = 0 // a "250 OK" quoted before the failure
	}
	rec.Command = ev.stage
	switch rec.DSNAction {
	case "delivered", "relayed", "expanded":
		setReason(rec, "delivered", catalog.ClassSuccess)
		rec.Match = Match{By: "structure", Confidence: 0.9, Evidence: "Action: " + rec.DSNAction}
		return
	}
	if (ev.program || strings.HasPrefix(rec.Recipient, "|")) && !rec.Status.IsZero() && rec.Status[1] == 0 {
		// The recipient is a program (a pipe): the local delivery program
		// failed, whatever it printed.
		setReason(rec, "mailererror", catalog.ClassOf(rec.Status[0]))
		rec.Match = Match{By: "structure", Confidence: 0.7, Evidence: rec.Recipient}
		return
	}
	provider := providerOf(rec.RemoteMTA)
	if provider == "" {
		provider = providerOf(rec.Diagnostic)
	}
	if provider == "" {
		provider = ev.reportingProvider
	}
	if provider == "" {
		provider = providerOf(domainOf(rec.Recipient))
	}
	classify(rec, provider)
	refine(rec, provider)

	lower := strings.ToLower(rec.Diagnostic)
	switch {
	case ev.retryPassed || expiredText(lower) || rec.Reason == "expired" || ev.expired && rec.Match.By != "text":
		// The queue gave up. When the text also names the failure that
		// kept the message from going out (a full mailbox, a refused
		// connection), that failure is the reason; otherwise it expired.
		cause := *rec
		cause.Diagnostic = withoutExpiry(rec.Diagnostic)
		classify(&cause, provider)
		if cause.Match.By == "text" && cause.Reason != "expired" && cause.Reason != "onhold" {
			cause.Diagnostic = rec.Diagnostic
			*rec = cause
			break
		}
		if rec.Reason == "expired" && rec.Match.By == "text" {
			break // the catalog's own wording of an expiry
		}
		setReason(rec, "expired", rec.Class)
		rec.Match = Match{By: "structure", Confidence: 0.8, Evidence: firstNonEmpty(expiredWords(lower), "Will-Retry-Until")}
	case rec.Match.By != "text":
		if r := byStage(rec, ev.stage); r != "" {
			setReason(rec, r, rec.Class)
			rec.Match = Match{By: "stage", Confidence: 0.4, Evidence: ev.stage}
		}
	}
	// A recipient-level reason given at another stage of the dialogue says
	// something else: the sender was refused (MAIL), or the content (DATA).
	senderRefused := ev.stage == "MAIL" || rec.Status == Status{5, 1, 8} || rec.Status == Status{5, 1, 7} ||
		strings.Contains(lower, "sender address rejected") || strings.Contains(lower, "sender rejected") ||
		strings.Contains(lower, "sender was rejected")
	switch {
	case senderRefused && (rec.Reason == "userunknown" || rec.Reason == "hostunknown" || rec.Reason == "policyviolation" || rec.Reason == "undefined"):
		setReason(rec, "rejected", rec.Class)
		rec.Match = Match{By: "stage", Confidence: 0.5, Evidence: firstNonEmpty(ev.stage, rec.Status.String())}
	case rec.Reason == "userunknown" && rec.Status[1] != 1 && rec.ReplyCode != 0 && ev.stage != "RCPT" && ev.stage != "MAIL" && !checksAtRCPT(provider):
		// A remote server's "user unknown" that did not answer RCPT TO and
		// has no addressing status (X.1.x) behind it comes from a filter
		// that refused the message, not from a missing mailbox; or, with
		// X.2.1, from a disabled one.
		if rec.Status[1] == 2 && rec.Status[2] == 1 {
			setReason(rec, "suspend", rec.Class)
			rec.Match = Match{By: "status", Confidence: 0.5, Evidence: rec.Status.String()}
			break
		}
		setReason(rec, "filtered", rec.Class)
		rec.Match = Match{By: "stage", Confidence: 0.5, Evidence: firstNonEmpty(ev.stage, itoa(rec.ReplyCode))}
	}
	if rec.Reason == "filtered" && rec.Match.Provider == "docomo" && rec.Match.By == "text" && (ev.stage != "DATA" || rec.Status[1] == 1 && rec.Status[2] == 1) && strings.Contains(strings.ToLower(rec.Match.Evidence), "unknown") {
		// A Japanese carrier's "User unknown" means either a missing
		// mailbox or the recipient's filter. Given after the message was
		// sent (DATA) without an X.1.1 status it is the filter; otherwise the
		// mailbox.
		setReason(rec, "userunknown", rec.Class)
		rec.Match = Match{By: "status", Confidence: 0.6, Evidence: rec.Status.String()}
	}
	if e := catalog.Lookup(formatEntry[ev.format]); e != nil && rec.Reason == "undefined" {
		// The format has one meaning whatever its (often localised) text.
		setEntry(rec, e)
		rec.Match = Match{Entry: e.ID, Provider: e.Provider, By: "structure", Confidence: 0.7, Evidence: ev.format}
	}
	if rec.ReplyCode == 0 && rec.Status.IsZero() && rec.DSNAction == "" && rec.Class != catalog.ClassSuccess {
		// No code says it: the bounce itself does. A returned message is a
		// final failure unless the bounce is only a delay warning.
		rec.Class = catalog.ClassPermanent
		if ev.delayed {
			rec.Class = catalog.ClassTemporary
		}
	}
	switch {
	case rec.DSNAction == "delayed" && rec.Class != catalog.ClassTemporary && rec.Status[0] != 5:
		rec.Class = catalog.ClassTemporary
	case rec.DSNAction == "failed" && rec.Class == catalog.ClassUnknown:
		rec.Class = catalog.ClassPermanent
	case rec.Class == catalog.ClassUnknown && rec.Reason != "undefined":
		if r := catalog.ReasonByName(rec.Reason); r != nil && strings.HasPrefix(r.Class, "permanent") {
			rec.Class = catalog.ClassPermanent
		} else if r != nil && strings.HasPrefix(r.Class, "temporary") {
			rec.Class = catalog.ClassTemporary
		}
	}
	if rec.Class == catalog.ClassUnknown && rec.Reason == "expired" {
		rec.Class = catalog.ClassTemporary
	}
}

// byStage gives the reason that the SMTP stage implies for a permanent
// failure whose text and status say nothing more specific.
func byStage(rec *Recipient, stage string) string {
	generic := rec.Match.By == "none" || rec.Match.By == "reply" ||
		rec.Status[1] == 0 || rec.Status.IsZero()
	if !generic {
		return ""
	}
	switch stage {
	case "RCPT":
		if rec.Status[0] == 5 || rec.ReplyCode >= 500 {
			return "userunknown"
		}
	case "MAIL":
		return "rejected"
	case "DATA":
		return "filtered"
	case "CONN", "HELO":
		return "blocked"
	}
	return ""
}

var expiryWords = []string{"retry timeout exceeded", "cannot send message for", "message expired",
	"delivery time expired", "could not be delivered within", "was not delivered within",
	"has been delayed for too long", "exceeded the maximum time", "queue lifetime", "maximum queue time",
	"expired after", "time limit exceeded", "gave up after", "too long in queue", "message timed out",
	"timeout waiting", "giving up on it", "delivery expired", "ttl expired", "message has expired",
	"retry time not reached for any host after a long failure period", "has been in the queue too long",
	"unable to deliver in time"}

// expiryList holds expiryWords.
var expiryList = sync.OnceValue(func() *phraseList { return newPhraseList(expiryWords) })

func expiredText(l string) bool { return expiredWords(l) != "" }

func expiredWords(l string) string {
	for _, w := range expiryWords {
		if strings.Contains(l, w) {
			return w
		}
	}
	return ""
}

// setReason sets a reason by name, with its explanation from the reasons
// list.
func setReason(rec *Recipient, name string, class catalog.Class) {
	rec.Reason = name
	rec.Class = class
	rec.Match.Entry, rec.Match.Provider, rec.Match.Sources = "", "", nil
	if r := catalog.ReasonByName(name); r != nil {
		rec.Explanation = r.Meaning
		rec.WhoActs = r.WhoActs
	}
	switch name {
	case "vacation":
		rec.Action = "Nothing: the recipient is away; the message was delivered."
		rec.Retry = "Not applicable."
	case "feedback":
		rec.Action = "Stop sending to this recipient and review why the message was reported."
		rec.Retry = "Not applicable."
	case "delivered":
		rec.Action = "Nothing: the message was delivered."
		rec.Retry = "Not applicable."
	default:
		rec.Action = "Read the server's text; the reason was inferred from the bounce's structure."
		rec.Retry = retryByClass(class)
	}
}

// temporaryText reports whether a bounce's text says the failure is not
// final.
func temporaryText(l string) bool {
	for _, w := range []string{"temporar", "will be retried", "will retry", "delayed", "deferred", "try again", "not yet been delivered"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// refine looks past a short generic match such as "Recipient address
// rejected:" at the words that follow it, which name the actual cause.
func refine(rec *Recipient, provider string) {
	if rec.Match.By != "text" || len(strings.Fields(rec.Match.Evidence)) > 4 {
		return
	}
	i := strings.Index(rec.Diagnostic, rec.Match.Evidence)
	if i < 0 {
		return
	}
	after := strings.TrimLeft(rec.Diagnostic[i+len(rec.Match.Evidence):], " ")
	label := after != "" && strings.ContainsRune(":;.-", rune(after[0])) // "Recipient address rejected: ..."
	tail := strings.TrimLeft(after, " :;,.-")
	if len(strings.Fields(tail)) < 2 {
		return
	}
	t := *rec
	t.Diagnostic = tail
	classify(&t, provider)
	// The words after count when the match ends like a label ("...
	// rejected: Virus detected"), when they quote a server's reply of their
	// own, or when they match an entry at least as well.
	if t.Match.By == "text" && t.Reason != rec.Reason &&
		(label || hasCode(tail) || t.Match.score >= rec.Match.score) {
		t.Diagnostic = rec.Diagnostic
		*rec = t
	}
}

// domainOf returns the domain of an address, or "".
func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[i:]
	}
	return ""
}

// checksAtRCPT reports whether a provider refuses unknown mailboxes at RCPT
// TO, so that its "user unknown" means a missing mailbox whatever the stage
// the bounce names.
func checksAtRCPT(provider string) bool {
	switch provider {
	case "google", "microsoft", "outlook", "yahoo", "apple", "orange":
		return true
	}
	return false
}

// formatEntry gives the catalog entry of bounce formats that always mean
// the same thing.
var formatEntry = map[string]string{
	"googlegroups": "google.5.0.0.googlegroups-no-permission",
}

// setEntry takes the verdict of a catalog entry; the class follows the
// codes when there are any.
func setEntry(rec *Recipient, e *catalog.Entry) {
	rec.Reason, rec.Explanation, rec.Action, rec.WhoActs, rec.Retry = e.Reason, e.Explanation, e.Action, e.Who, e.Retry
	if rec.Status.IsZero() && rec.ReplyCode == 0 {
		rec.Class = e.Class
		if rec.Class == catalog.ClassUnknown {
			rec.Class = catalog.ClassPermanent
		}
	}
}

// expiryNotes are the sentences in which an MTA says it stopped retrying.
var expiryNotes = []string{"not going to try again", "will be deleted from queue", "will be retried for",
	"could not be delivered for", "giving up", "in the queue too long", "cannot send message for"}

// withoutExpiry blanks out of a diagnostic the phrases that only say the
// queue gave up, keeping the words that say why delivery failed.
func withoutExpiry(diag string) string {
	b := []byte(diag)
	l := strings.ToLower(diag) // same length: ToLower keeps ASCII in place
	if len(l) != len(b) {
		return diag
	}
	for _, list := range [][]string{expiryWords, expiryNotes} {
		for _, w := range list {
			for i := 0; ; {
				k := strings.Index(l[i:], w)
				if k < 0 {
					break
				}
				for j := i + k; j < i+k+len(w); j++ {
					b[j] = ' '
				}
				i += k + len(w)
			}
		}
	}
	return string(b)
}

var delayWords = []string{"has been delayed", "warning message only", "will be retried",
	"not yet been delivered", "will continue trying", "delivery is delayed", "still trying"}

// delayList holds delayWords.
var delayList = sync.OnceValue(func() *phraseList { return newPhraseList(delayWords) })
