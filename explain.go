package bounce

import (
	"math"
	"strings"

	"github.com/bouncekit/bounce/catalog"
)

// This file is the explain step: it turns a decided reason and class into
// what a person reads: what happened, what to do, who acts, whether to
// retry, and which entry and text decided.

// explain fills the reason, the words for people and the match of rec
// from the finding that decided it. rec.Class is already decided.
func explain(rec *Recipient, f finding) {
	rec.Match = Match{By: f.by, Confidence: f.conf, Evidence: f.evidence, score: f.score}
	if f.entry == nil {
		setReason(rec, f.reason, rec.Class)
		if f.by == "none" {
			rec.Action = "Read the server's text; if it stays unclear, ask the administrator of the receiving server."
		}
		return
	}
	e := f.entry
	rec.Reason, rec.Explanation, rec.Action, rec.WhoActs, rec.Retry = e.Reason, e.Explanation, e.Action, e.Who, e.Retry
	rec.Match.Entry = e.ID
	rec.Match.Provider = e.Provider
	rec.Match.Confidence = math.Round(min(rec.Match.Confidence, 0.99)*100) / 100
	for _, id := range e.Sources {
		if d := catalog.DocByID(id); d != nil {
			if rec.Match.Sources == nil {
				rec.Match.Sources = make([]catalog.Doc, 0, len(e.Sources)) // one allocation
			}
			rec.Match.Sources = append(rec.Match.Sources, *d)
		}
	}
	fitClass(rec)
}

// fitClass keeps a verdict from contradicting itself. An entry's retry
// advice and action are written for the class of its own codes; when the
// record's codes give the other class (a mailbox-full text sent with
// 5.2.2 instead of 4.2.2, a "user unknown" sent with 450), the advice for
// the record's class replaces theirs.
func fitClass(rec *Recipient) {
	switch rec.Class {
	case catalog.ClassPermanent:
		if saysYes(rec.Retry) {
			rec.Retry = "Not by the sending server: this failure is final. Send the message again yourself once the cause has cleared."
		}
		if saysWait(rec.Action) {
			rec.Action = "The sending server has given up and will not try again. If the message matters, tell the recipient another way, and send it again yourself once the cause has cleared."
		}
	case catalog.ClassTemporary:
		if saysNo(rec.Retry) {
			rec.Retry = "The server asked for a later try: the sending server retries on its own until its queue gives up. If the final bounce says the same, act on it then."
		}
	}
}

// saysYes reports whether retry advice says the message will go through
// when sent again.
func saysYes(s string) bool { return hasPrefixFold(s, "yes") }

// saysNo reports whether retry advice says sending again will fail.
func saysNo(s string) bool {
	return hasPrefixFold(s, "no.") || hasPrefixFold(s, "no;") || hasPrefixFold(s, "no,") || hasPrefixFold(s, "no ")
}

// saysWait reports whether an action leaves the work to the sending
// server's retries.
func saysWait(s string) bool {
	return hasPrefixFold(s, "nothing;") || hasPrefixFold(s, "usually nothing") || hasPrefixFold(s, "wait")
}

func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix)
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

func retryByClass(c catalog.Class) string {
	switch c {
	case catalog.ClassTemporary:
		return "The server asked for a later retry; mail servers retry on their own."
	case catalog.ClassPermanent:
		return "Not until the cause is understood and fixed."
	}
	return "Not applicable."
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	b := []byte{byte('0' + n/100%10), byte('0' + n/10%10), byte('0' + n%10)}
	return string(b)
}
