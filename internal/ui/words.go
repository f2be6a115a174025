package ui

import (
	"strconv"
	"strings"

	"github.com/bouncekit/bounce"
	"github.com/bouncekit/bounce/catalog"
)

// Verdict is how a card opens: a short headline and a sentence a support
// agent can repeat to a customer.
type Verdict struct {
	Headline string
	Sentence string
}

// VerdictOf puts a recipient's class in words.
func VerdictOf(r *bounce.Recipient) Verdict {
	h := Headline(r)
	if r.Reason == "feedback" {
		return Verdict{h, "Delivered, but the recipient reported it as spam: stop sending to this address."}
	}
	switch r.Class {
	case catalog.ClassPermanent:
		return Verdict{h, "This message was not delivered and will not be: sending it again unchanged will fail again."}
	case catalog.ClassTemporary:
		return Verdict{h, "Not delivered yet: the sending server keeps trying for a while, and a later attempt may succeed."}
	case catalog.ClassSuccess:
		return Verdict{h, "Nothing bounced: this is a notice, an auto-reply or a complaint report."}
	}
	return Verdict{h, "The codes and text do not say whether delivery failed for good; a person must read the bounce."}
}

// ReasonText returns the plain meaning of a reason name, or the name.
//
//go:noinline
func ReasonText(name string) string {
	if r := catalog.ReasonByName(name); r != nil {
		return r.Meaning
	}
	return name
}

// Codes returns the reply code and enhanced status code of r, e.g.
// "550 5.1.1", or "".
func Codes(r *bounce.Recipient) string {
	var parts []string
	if r.ReplyCode != 0 {
		parts = append(parts, strconv.Itoa(r.ReplyCode))
	}
	if s := r.Status.String(); s != "" {
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// KindText describes what the input was.
func KindText(rep *bounce.Report) string {
	var s string
	switch rep.Kind {
	case bounce.KindReply:
		s = "SMTP reply text"
	case bounce.KindDSN:
		s = "Delivery status notification (RFC 3464)"
	case bounce.KindNDR:
		s = "Bounce message"
	case bounce.KindAutoReply:
		s = "Auto-reply"
	case bounce.KindFeedback:
		s = "Complaint report (ARF)"
	default:
		s = "Not a bounce"
	}
	if rep.Format != "" && !formatSame[rep.Format] {
		s += " · " + rep.Format
	}
	return s
}
