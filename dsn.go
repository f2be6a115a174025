package bounce

import (
	"bytes"
	"strings"
	"unsafe"
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
		// Read only: readHeader and the loop below slice b and copy what
		// they keep.
		s := strings.TrimLeft(normalizeText(p), "\n")
		b := unsafe.Slice(unsafe.StringData(s), len(s))
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
	return u <= t
}

// parseDate reads an RFC 5322 date ("Mon, 2 Jan 2006 15:04:05 -0700", the
// weekday and the seconds optional, a zone name instead of the offset, a
// comment after it) as seconds since 1970. It reads what time.Parse read
// with the layouts this package used, without the time package's parser
// and formatter, which cost the .wasm some 120 KB.
func parseDate(s string) (int64, bool) {
	if i := strings.IndexByte(s, '('); i >= 0 {
		s = s[:i]
	}
	f := strings.Fields(s)
	if len(f) > 0 && strings.HasSuffix(f[0], ",") {
		if dayIndex(f[0][:len(f[0])-1]) < 0 {
			return 0, false
		}
		f = f[1:]
	}
	if len(f) != 5 {
		return 0, false
	}
	day, ok := digits(f[0], 1, 2)
	month := monthIndex(f[1]) + 1
	year, ok2 := digits(f[2], 4, 4)
	if !ok || !ok2 || month == 0 || day < 1 || day > daysIn(month, year) {
		return 0, false
	}
	clock := strings.Split(f[3], ":")
	if len(clock) != 2 && len(clock) != 3 {
		return 0, false
	}
	hour, ok := digits(clock[0], 1, 2)
	minute, ok2 := digits(clock[1], 2, 2)
	if !ok || !ok2 || hour > 23 || minute > 59 {
		return 0, false
	}
	sec := 0
	if len(clock) == 3 {
		if sec, ok = digits(clock[2], 2, 2); !ok || sec > 59 {
			return 0, false
		}
	}
	offset := 0
	switch z := f[4]; {
	case len(z) == 5 && (z[0] == '+' || z[0] == '-'):
		hh, ok := digits(z[1:3], 2, 2)
		mm, ok2 := digits(z[3:], 2, 2)
		if !ok || !ok2 || hh > 24 || mm > 60 {
			return 0, false
		}
		offset = (hh*60 + mm) * 60
		if z[0] == '-' {
			offset = -offset
		}
	case len(z) >= 3 && len(z) <= 5 && isUpperASCII(z),
		len(z) == 3 && (z[0] == '+' || z[0] == '-') && isDigits(z[1:]),
		len(z) > 3 && (z[:3] == "GMT" || z[:3] == "UTC") && (z[3] == '+' || z[3] == '-') && isDigits(z[4:]):
		// A zone name ("EST", "+09", "GMT+3"): read as UTC, as
		// time.Parse reads a name.
	default:
		return 0, false
	}
	return daysSinceEpoch(year, month, day)*86400 + int64(hour*3600+minute*60+sec-offset), true
}

var monthNames = [12]string{"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
var dayNames = [7]string{"mon", "tue", "wed", "thu", "fri", "sat", "sun"}

func monthIndex(s string) int { return indexFold(monthNames[:], s) }

func dayIndex(s string) int { return indexFold(dayNames[:], s) }

// indexFold is the index of s in names, in any case, or -1.
func indexFold(names []string, s string) int {
	for i, n := range names {
		if strings.EqualFold(s, n) {
			return i
		}
	}
	return -1
}

// digits reads s as a decimal number of min to max digits.
func digits(s string, min, max int) (int, bool) {
	if len(s) < min || len(s) > max {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if !digit(s[i]) {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

func isDigits(s string) bool {
	_, ok := digits(s, 1, len(s))
	return ok
}

func isUpperASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return false
		}
	}
	return true
}

func daysIn(month, year int) int {
	switch month {
	case 2:
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}

// daysSinceEpoch counts the days from 1970-01-01 to a date of the
// proleptic Gregorian calendar (Howard Hinnant's days_from_civil).
func daysSinceEpoch(y, m, d int) int64 {
	if m <= 2 {
		y--
	}
	era := y / 400
	yoe := y - era*400
	mp := (m + 9) % 12
	doy := (153*mp+2)/5 + d - 1
	doe := yoe*365 + yoe/4 - yoe/100 + doy
	return int64(era*146097 + doe - 719468)
}
