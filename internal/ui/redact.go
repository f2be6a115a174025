package ui

import (
	"strconv"
	"strings"

	"github.com/bouncekit/bounce"
)

// The words of the masks Redact puts in place of what it hides: each
// distinct value gets its own number, "[address 1]", "[address 2]",
// "[IP 1]", "[host 1]".
const (
	MaskAddress = "address"
	MaskIP      = "IP"
	MaskHost    = "host"
)

// A Redactor masks e-mail addresses, IP addresses and host names. Each
// distinct value gets its own numbered mask, in the order the Redactor
// first meets it, and keeps it in every later text given to the same
// Redactor: so masked recipients can still be told apart, and a value
// masked in a card, the summary, the evidence and the input has the same
// mask everywhere. Values that differ only in ASCII case are the same
// value. The zero Redactor is not ready; use NewRedactor.
type Redactor struct {
	masks map[string]string // kind, NUL and the lower-cased value → mask
	count map[string]int    // kind → masks given
}

// NewRedactor returns a Redactor that has masked nothing yet.
//
//go:noinline
func NewRedactor() *Redactor {
	return &Redactor{masks: map[string]string{}, count: map[string]int{}}
}

// mask returns the mask of kind for value, making a new one the first time.
//
//go:noinline
func (rd *Redactor) mask(kind string) func(string) string {
	return func(value string) string {
		k := kind + "\x00" + strings.ToLower(value)
		if m, ok := rd.masks[k]; ok {
			return m
		}
		rd.count[kind]++
		m := "[" + kind + " " + strconv.Itoa(rd.count[kind]) + "]"
		rd.masks[k] = m
		return m
	}
}

// String masks the addresses, IPs and host names in s.
//
// Each mask is one pass over the text, in this order, as each of these
// regular expressions would make with ReplaceAllStringFunc (\b is an
// ASCII word boundary):
//
//	address  [A-Za-z0-9._%+=!#$&'*/?^{|}~-]+@(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+
//	IPv6     (?i)\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:)+:(?:[0-9a-f]{1,4}:)*[0-9a-f]{1,4}\b
//	IPv4     \b(?:\d{1,3}\.){3}\d{1,3}\b
//	host     \b(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]\b
//
// The passes are hand-written linear-time scanners rather than package
// regexp, which would add its code and its start-up compile work to
// bounce.wasm; the tests check them against the expressions. IPv6 and
// IPv4 addresses share the numbers of "IP".
func (rd *Redactor) String(s string) string {
	s = replaceAll(s, matchAddress, rd.mask(MaskAddress))
	s = replaceAll(s, matchIPv6, rd.mask(MaskIP))
	s = replaceAll(s, matchIPv4, rd.mask(MaskIP))
	h := hostMatcher{memo: map[int]int{}}
	return replaceAll(s, h.match, rd.mask(MaskHost))
}

// Redact masks e-mail addresses, IP addresses and host names in s with a
// Redactor of its own (see Redactor.String). The same text always gives
// the same result.
func Redact(s string) string { return NewRedactor().String(s) }

// replaceAll replaces each match that match finds in s, left to right and
// without overlap, with mask(the match). match returns the leftmost match
// at or after pos, or -1, -1.
func replaceAll(s string, match func(s string, pos int) (start, end int), mask func(string) string) string {
	var b strings.Builder
	last := 0
	for pos := 0; pos < len(s); {
		start, end := match(s, pos)
		if start < 0 {
			break
		}
		if b.Cap() == 0 {
			b.Grow(len(s))
		}
		b.WriteString(s[last:start])
		b.WriteString(mask(s[start:end]))
		last, pos = end, end
	}
	if b.Cap() == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c|0x20 && c|0x20 <= 'z' }
func isAlnum(c byte) bool  { return isDigit(c) || isLetter(c) }
func isHex(c byte) bool    { return isDigit(c) || 'a' <= c|0x20 && c|0x20 <= 'f' }

// isWord is \w, the ASCII word characters of \b. A byte of a multi-byte
// UTF-8 sequence is never one, as no non-ASCII rune is.
func isWord(c byte) bool { return isAlnum(c) || c == '_' }

// isLabel is [A-Za-z0-9-], the characters of a host name label.
func isLabel(c byte) bool { return isAlnum(c) || c == '-' }

// isLocal is the local part of an address: [A-Za-z0-9._%+=!#$&'*/?^{|}~-].
func isLocal(c byte) bool {
	return isAlnum(c) || strings.IndexByte("._%+=!#$&'*/?^{|}~-", c) >= 0
}

// wordStart is \b before s[p], a word character.
func wordStart(s string, p int) bool { return p == 0 || !isWord(s[p-1]) }

// wordEnd is \b after s[:e], which ends with a word character.
func wordEnd(s string, e int) bool { return e == len(s) || !isWord(s[e]) }

// run returns how many bytes of s from i are in class, at most max.
func run(s string, i int, class func(byte) bool, max int) int {
	n := 0
	for n < max && i+n < len(s) && class(s[i+n]) {
		n++
	}
	return n
}

// matchAddress finds local@domain. The local part is the run of local
// characters before an '@' (from pos at the earliest); the domain is
// labels joined by single dots, up to the last label that a dot and
// another label do not follow.
func matchAddress(s string, pos int) (int, int) {
	for j := pos + 1; j+1 < len(s); j++ {
		if s[j] != '@' || !isLocal(s[j-1]) || !isLabel(s[j+1]) {
			continue
		}
		start := j - 1
		for start > pos && isLocal(s[start-1]) {
			start--
		}
		end := j + 1
		for {
			for end < len(s) && isLabel(s[end]) {
				end++
			}
			if end+1 >= len(s) || s[end] != '.' || !isLabel(s[end+1]) {
				return start, end
			}
			end++
		}
	}
	return -1, -1
}

// hexGroup returns the length of the 1 to 4 hex digits at s[x:] that a
// ':' follows, or 0.
func hexGroup(s string, x int) int {
	n := run(s, x, isHex, 5)
	if n == 0 || n > 4 || x+n >= len(s) || s[x+n] != ':' {
		return 0
	}
	return n
}

// hexLast returns the length of the 1 to 4 hex digits at s[x:] that end
// a word, or 0.
func hexLast(s string, x int) int {
	n := run(s, x, isHex, 5)
	if n == 0 || n > 4 || !wordEnd(s, x+n) {
		return 0
	}
	return n
}

// matchIPv6 finds the IPv6 expression: eight full groups, or groups, "::"
// and groups. At a start both alternatives are tried in that order, as
// the expression's alternation does.
func matchIPv6(s string, pos int) (int, int) {
	for p := pos; p < len(s); p++ {
		if !isHex(s[p]) || !wordStart(s, p) {
			continue
		}
		if end := ipv6Full(s, p); end >= 0 {
			return p, end
		}
		if end := ipv6Short(s, p); end >= 0 {
			return p, end
		}
	}
	return -1, -1
}

func ipv6Full(s string, x int) int {
	for range 7 {
		n := hexGroup(s, x)
		if n == 0 {
			return -1
		}
		x += n + 1
	}
	if n := hexLast(s, x); n > 0 {
		return x + n
	}
	return -1
}

// ipv6Short matches groups, "::", groups and a last group. The groups
// before "::" are taken greedily; after it, the last group may be the
// digits of a group whose ':' ends the match, as backtracking would give.
// ipv6Full failed at x, so fewer than 8 groups follow x: the scan before
// "::" is short.
func ipv6Short(s string, x int) int {
	n := hexGroup(s, x)
	if n == 0 {
		return -1
	}
	for n > 0 {
		x += n + 1
		n = hexGroup(s, x)
	}
	if x >= len(s) || s[x] != ':' {
		return -1
	}
	x++
	prev := -1 // the end of the digits of the last group taken
	for n = hexGroup(s, x); n > 0; n = hexGroup(s, x) {
		prev = x + n
		x += n + 1
	}
	if n := hexLast(s, x); n > 0 {
		return x + n
	}
	return prev
}

// matchIPv4 finds four groups of 1 to 3 digits joined by dots, as a word.
func matchIPv4(s string, pos int) (int, int) {
	for p := pos; p < len(s); p++ {
		if !isDigit(s[p]) || !wordStart(s, p) {
			continue
		}
		x := p
		ok := true
		for range 3 {
			n := run(s, x, isDigit, 4)
			if n == 0 || n > 3 || x+n >= len(s) || s[x+n] != '.' {
				ok = false
				break
			}
			x += n + 1
		}
		if !ok {
			continue
		}
		if n := run(s, x, isDigit, 4); n > 0 && n <= 3 && wordEnd(s, x+n) {
			return p, x + n
		}
	}
	return -1, -1
}

// hostMatcher finds host names: one or more labels with their dots, then
// a top-level label. memo holds, by position, where a match that has
// taken at least one label there ends (-1 for none), so that a long run
// of labels without a top-level label is scanned once, not once per
// label.
type hostMatcher struct{ memo map[int]int }

func (h hostMatcher) match(s string, pos int) (int, int) {
	for p := pos; p < len(s); p++ {
		if !isAlnum(s[p]) || !wordStart(s, p) {
			continue
		}
		n := hostLabel(s, p)
		if n == 0 {
			continue
		}
		if end := h.rest(s, p+n+1); end >= 0 {
			return p, end
		}
	}
	return -1, -1
}

// rest returns the end of a match that has taken at least one label and
// is at x: the expression's greedy repetition takes all the labels it
// can, and backtracks label by label until a top-level label fits.
func (h hostMatcher) rest(s string, x int) int {
	var chain []int
	end, known := -1, false
	for {
		if end, known = h.memo[x]; known {
			break
		}
		chain = append(chain, x)
		n := hostLabel(s, x)
		if n == 0 {
			break
		}
		x += n + 1
	}
	if !known {
		// The last position of the chain has no label: only a
		// top-level label can end the match there.
		x, chain = chain[len(chain)-1], chain[:len(chain)-1]
		end = hostTop(s, x)
		h.memo[x] = end
	}
	for i := len(chain) - 1; i >= 0; i-- {
		if end < 0 {
			end = hostTop(s, chain[i])
		}
		h.memo[chain[i]] = end
	}
	return end
}

// hostLabel returns the length of the label at s[x:] that a dot follows:
// 1 to 63 label characters, the first and the last alphanumeric; or 0.
func hostLabel(s string, x int) int {
	n := run(s, x, isLabel, 64)
	if n == 0 || n > 63 || !isAlnum(s[x]) || !isAlnum(s[x+n-1]) || x+n >= len(s) || s[x+n] != '.' {
		return 0
	}
	return n
}

// hostTop returns the end of the longest top-level label at s[x:]: a
// letter, up to 61 label characters, an alphanumeric, then a word end;
// or -1.
func hostTop(s string, x int) int {
	if x >= len(s) || !isLetter(s[x]) {
		return -1
	}
	for k := run(s, x, isLabel, 63); k >= 2; k-- {
		if isAlnum(s[x+k-1]) && wordEnd(s, x+k) {
			return x + k
		}
	}
	return -1
}

// RedactReport returns a copy of rep with every field that comes from the
// bounce (addresses, server text, hosts, evidence) masked by a Redactor of
// its own. Fields from the catalog are kept.
func RedactReport(rep *bounce.Report) *bounce.Report { return NewRedactor().Report(rep) }

// Report returns a copy of rep with every field that comes from the bounce
// masked. The recipients' addresses are masked first, in order, so the
// first card's recipient is "[address 1]", the second's "[address 2]"
// (unless it is the same address).
func (rd *Redactor) Report(rep *bounce.Report) *bounce.Report {
	c := *rep
	if rep.Recipients != nil {
		c.Recipients = make([]bounce.Recipient, len(rep.Recipients))
		for i, r := range rep.Recipients {
			r.Recipient = rd.String(r.Recipient)
			c.Recipients[i] = r
		}
	}
	if rep.Original != nil {
		o := *rep.Original
		o.From, o.To = rd.String(o.From), rd.String(o.To)
		o.Subject, o.MessageID = rd.String(o.Subject), rd.String(o.MessageID)
		c.Original = &o
	}
	for i := range c.Recipients {
		r := &c.Recipients[i]
		r.Diagnostic = rd.String(r.Diagnostic)
		r.RemoteMTA = rd.String(r.RemoteMTA)
		r.ReportingMTA = rd.String(r.ReportingMTA)
		r.Match.Evidence = rd.String(r.Match.Evidence)
	}
	c.Source = rd.String(c.Source)
	return &c
}

// RedactView masks a report and the text it was read from with one
// Redactor, the report first: what a view shows (cards, summary, table,
// evidence, the input) and what it copies (JSON, CSV, a link) then use
// the same mask for the same value. The same report and text always give
// the same result.
func RedactView(rep *bounce.Report, text string) (*bounce.Report, string) {
	rd := NewRedactor()
	if rep != nil {
		rep = rd.Report(rep)
	}
	return rep, rd.String(text)
}
