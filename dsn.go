package bounce

import (
	"bytes"
	"strings"
	"time"
)

// dsnRecipient is one per-recipient block of an RFC 3464 delivery status,
// with the per-message fields copied in.
type dsnRecipient struct {
	final, original, actual string // addresses
	action                  string // lower case
	status                  Status
	diagType, diag          string // Diagnostic-Code type ("smtp") and text
	remoteMTA, reportingMTA string
	lastAttempt, retryUntil string
	arrival                 string
	program                 bool   // the recipient is a program ("|/usr/bin/procmail ...")
	statusNote              string // comment after the Status code
}

// parseStatus reads message/delivery-status bodies: the per-message block
// and then one block per recipient, in order.
//
// QUIRK: RFC 3464, section 2.1: blocks are meant to be separated by blank
// lines; some MTAs omit the blank line between recipients, so a repeated
// Final-Recipient field also starts a new block.
func parseStatus(parts []string) []dsnRecipient {
	var out []dsnRecipient
	for _, p := range parts {
		var msg header
		b := []byte(strings.TrimLeft(normalizeText(p), "\n"))
		first := true
		for len(b) > 0 {
			var h header
			before := len(b)
			h, b = readHeader(b)
			if len(h) == 0 {
				if len(b) == before { // skip a line that is no field
					if i := bytes.IndexByte(b, '\n'); i >= 0 {
						b = b[i+1:]
					} else {
						b = nil
					}
				}
				continue
			}
			for _, blk := range splitRecipients(h) {
				if !blk.has("final-recipient") && !blk.has("original-recipient") && !blk.has("x-actual-recipient") {
					if first || blk.has("reporting-mta") {
						msg = append(msg, blk...)
					}
					continue
				}
				out = append(out, dsnRecord(msg, blk))
			}
			first = false
		}
	}
	return out
}

// splitRecipients splits a block at each repeated Final-Recipient.
func splitRecipients(h header) []header {
	var out []header
	start := 0
	seen := false
	for i, f := range h {
		if f.key == "final-recipient" {
			if seen {
				out = append(out, h[start:i])
				start = i
			}
			seen = true
		}
	}
	return append(out, h[start:])
}

func dsnRecord(msg, h header) dsnRecipient {
	r := dsnRecipient{
		final:        addrField(h.get("final-recipient")),
		original:     addrField(h.get("original-recipient")),
		actual:       addrField(h.get("x-actual-recipient")),
		action:       toLower(strings.TrimSpace(h.get("action"))),
		remoteMTA:    typedValue(h.get("remote-mta")),
		reportingMTA: typedValue(msg.get("reporting-mta")),
		lastAttempt:  h.get("last-attempt-date"),
		retryUntil:   h.get("will-retry-until"),
		arrival:      msg.get("arrival-date"),
		program:      strings.HasPrefix(strings.TrimSpace(typedValue(h.get("final-recipient"))), "|"),
	}
	if r.reportingMTA == "" {
		r.reportingMTA = typedValue(h.get("reporting-mta"))
	}
	if st := strings.Fields(h.get("status")); len(st) > 0 {
		r.status, _ = ParseStatus(strings.Trim(st[0], "()[];,"))
		// QUIRK: RFC 3464, Appendix: some MTAs put the cause in a comment
		// after the code ("4.0.0 (example.net: host name lookup failure)").
		if c := strings.TrimSpace(strings.Join(st[1:], " ")); strings.HasPrefix(c, "(") && strings.HasSuffix(c, ")") {
			r.statusNote = strings.TrimSpace(c[1 : len(c)-1])
		}
	}
	if d := h.get("diagnostic-code"); d != "" {
		if t, rest, ok := strings.Cut(d, ";"); ok && !strings.ContainsAny(strings.TrimSpace(t), " \t") {
			r.diagType, r.diag = toLower(strings.TrimSpace(t)), strings.TrimSpace(rest)
		} else {
			r.diag = strings.TrimSpace(d)
		}
	}
	return r
}

// typedValue strips the type of a "dns; host" value.
func typedValue(v string) string {
	if t, rest, ok := strings.Cut(v, ";"); ok && !strings.ContainsAny(strings.TrimSpace(t), " \t") {
		v = rest
	}
	return strings.TrimSpace(v)
}

// addrField returns the address of a "rfc822; user@example.com" value.
func addrField(v string) string {
	v = typedValue(v)
	if a := firstAddress(v); a != "" {
		return a
	}
	return strings.Trim(v, "<> \t")
}

// normalizeText turns CRLF and CR line ends of a string into LF.
func normalizeText(s string) string {
	if strings.IndexByte(s, '\r') < 0 {
		return s
	}
	return string(normalizeEOL([]byte(s)))
}

// retryPassed reports whether a Will-Retry-Until date lies before the
// report's own date (or the last attempt).
func retryPassed(until, at string) bool {
	u, ok := parseDate(until)
	if !ok {
		return false
	}
	t, ok := parseDate(at)
	if !ok {
		return false
	}
	return !u.After(t)
}

var dateLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 -0700 (MST)",
	"2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 02 Jan 2006 15:04:05 -0700",
}

func parseDate(s string) (time.Time, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.IndexByte(s, '('); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}
