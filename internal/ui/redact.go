package ui

import (
	"regexp"

	"github.com/bouncekit/bounce"
)

// Masks put in place of what Redact hides.
const (
	MaskAddress = "[address]"
	MaskIP      = "[IP]"
	MaskHost    = "[host]"
)

var (
	reAddress = regexp.MustCompile(`[A-Za-z0-9._%+=!#$&'*/?^{|}~-]+@(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+`)
	reIPv6    = regexp.MustCompile(`(?i)\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:)+:(?:[0-9a-f]{1,4}:)*[0-9a-f]{1,4}\b`)
	reIPv4    = regexp.MustCompile(`\b(?:\d{1,3}\.){3}\d{1,3}\b`)
	reHost    = regexp.MustCompile(`\b(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]\b`)
)

// Redact masks e-mail addresses, IP addresses and host names in s. The
// same text always gives the same result, so redacted evidence can still
// be found in redacted input.
func Redact(s string) string {
	s = reAddress.ReplaceAllLiteralString(s, MaskAddress)
	s = reIPv6.ReplaceAllLiteralString(s, MaskIP)
	s = reIPv4.ReplaceAllLiteralString(s, MaskIP)
	return reHost.ReplaceAllLiteralString(s, MaskHost)
}

// RedactReport returns a copy of rep with Redact applied to every field
// that comes from the bounce (addresses, server text, hosts, evidence).
// Fields from the catalog are kept.
func RedactReport(rep *bounce.Report) *bounce.Report {
	c := *rep
	c.Source = Redact(c.Source)
	if rep.Original != nil {
		o := *rep.Original
		o.Subject, o.MessageID = Redact(o.Subject), Redact(o.MessageID)
		o.From, o.To = Redact(o.From), Redact(o.To)
		c.Original = &o
	}
	if rep.Recipients != nil {
		c.Recipients = make([]bounce.Recipient, len(rep.Recipients))
		for i, r := range rep.Recipients {
			r.Recipient = Redact(r.Recipient)
			r.Diagnostic = Redact(r.Diagnostic)
			r.RemoteMTA = Redact(r.RemoteMTA)
			r.ReportingMTA = Redact(r.ReportingMTA)
			r.Match.Evidence = Redact(r.Match.Evidence)
			c.Recipients[i] = r
		}
	}
	return &c
}
