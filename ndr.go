package bounce

import (
	"slices"
	"strings"
	"unicode/utf8"
	"unsafe"

	"github.com/bouncekit/bounce/catalog"
)

// ndrRecord is one failed recipient found in the text of a bounce.
type ndrRecord struct {
	addr string // address as written
	diag string // text about it, unfolded
}

// addrChar reports whether c may appear in the local part or domain of an
// address as bounces write it.
func addrChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '.' || c == '-' || c == '_' || c == '+' || c == '=' || c == '%' || c == '!' ||
		c == '#' || c == '$' || c == '&' || c == '\'' || c == '*' || c == '/' || c == '?' ||
		c == '^' || c == '`' || c == '{' || c == '|' || c == '}' || c == '~'
}

func domainChar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-' || c == '_'
}

// nextAddress finds the first address in s at or after i and returns its
// byte range, or -1.
func nextAddress(s string, i int) (int, int) {
	for i < len(s) {
		at := strings.IndexByte(s[i:], '@')
		if at < 0 {
			return -1, -1
		}
		at += i
		l := at
		for l > 0 && addrChar(s[l-1]) {
			l--
		}
		r := at + 1
		for r < len(s) && domainChar(s[r]) {
			r++
		}
		for r > at+1 && (s[r-1] == '.' || s[r-1] == '-') {
			r--
		}
		for l < at && (s[l] == '.' || s[l] == '\'' || s[l] == '=') {
			l++
		}
		if l < at && r > at+1 && strings.IndexByte(s[at+1:r], '.') > 0 {
			return l, r
		}
		i = at + 1
	}
	return -1, -1
}

// firstAddress returns the first address in s, or "". It is not inlined:
// it is called from 13 places, none in a loop over the text.
//
//go:noinline
func firstAddress(s string) string {
	l, r := nextAddress(s, 0)
	if l < 0 {
		return ""
	}
	return s[l:r]
}

// headerLabels are line prefixes that introduce addresses that are not
// failed recipients.
var headerLabels = catalog.Sign("header-label")

// recipientLabels end the text before an address on an address line.
var recipientLabels = catalog.Sign("recipient-label")

// addressLine reports whether line names a failed recipient, and returns
// the address and the text after it on the line.
func addressLine(line string) (addr, rest string, ok bool) {
	t := strings.TrimSpace(line)
	l, r := nextAddress(t, 0)
	if l < 0 {
		return "", "", false
	}
	for _, h := range headerLabels {
		if hasPrefixLower(t, h) {
			return "", "", false
		}
	}
	addr = t[l:r]
	prefix := strings.TrimSpace(t[:l])
	prefix = strings.TrimLeft(prefix, "*-•+ \t")
	prefix = strings.TrimRight(prefix, "<\"'([ ")
	prefix = strings.TrimSuffix(prefix, "mailto:")
	if n := len(prefix); n >= 5 && strings.EqualFold(prefix[n-5:], "smtp:") && l > 0 && t[l-1] == ':' {
		// Exchange 5.5 and 2000: "Display Name [SMTP:addr]".
		prefix = strings.TrimSpace(strings.TrimRight(prefix[:n-5], "[ "))
	}
	prefix = strings.TrimSpace(strings.TrimRight(prefix, "<\"'([ "))
	lp := toLower(prefix)
	bracketed := l > 0 && (t[l-1] == '<' || t[l-1] == ':' || t[l-1] == '"' || t[l-1] == '\'')
	label := ""
	switch {
	case prefix == "":
	case strings.HasSuffix(lp, "original-recipient: rfc822;"), strings.HasSuffix(lp, "original-recipient:"):
		return "", "", false
	case hasLabelSuffix(strings.TrimSpace(strings.TrimSuffix(lp, ":"))) || hasLabelSuffix(lp):
		if !addressLabel(lp) {
			label = strings.TrimSuffix(prefix, ":")
		}
	case bracketed && displayName(prefix):
	default:
		return "", "", false
	}
	s := strings.TrimLeft(t[r:], ">\"')] \t")
	if strings.HasPrefix(s, "<mailto:") {
		if k := strings.IndexByte(s, '>'); k >= 0 {
			s = strings.TrimSpace(s[k+1:])
		}
	}
	switch {
	case strings.HasPrefix(s, ":"):
		s = s[1:]
	case strings.HasPrefix(s, "..."):
		s = s[3:]
	}
	if label != "" {
		s = label + ": " + s
	}
	return addr, strings.TrimSpace(s), true
}

// replyCodes reports whether p is a reply code, alone or with an enhanced
// status code ("550", "550 5.1.1").
func replyCodes(p string) bool {
	f := strings.Fields(p)
	if len(f) == 0 || len(f) > 2 || len(f[0]) != 3 || !digit(f[0][0]) || !digit(f[0][1]) || !digit(f[0][2]) {
		return false
	}
	if len(f) == 2 {
		st, rest := leadingStatus(f[1])
		return !st.IsZero() && rest == ""
	}
	return true
}

// addressLabelWords are the first words of labels that only say that an
// address follows.
var addressLabelWords = catalog.Sign("address-label")

// addressLabel reports whether a label before an address only says that an
// address follows ("Recipient:"), rather than what happened to it ("Unknown
// user:").
func addressLabel(lp string) bool {
	f := strings.Fields(strings.Trim(lp, ": "))
	if len(f) == 0 {
		return true
	}
	return slices.Contains(addressLabelWords, f[0])
}

func hasLabelSuffix(lp string) bool {
	for _, w := range recipientLabels {
		if strings.HasSuffix(lp, w) {
			if w == "for" && lp != "for" && !strings.HasSuffix(lp, " for") {
				continue
			}
			return w != "for" // "for <addr>" is a Received line
		}
	}
	return false
}

// notNameEnds are last words of a sentence before "<addr>", which no
// display name ends with.
var notNameEnds = catalog.Sign("not-name-end")

// displayName reports whether p may be the display name before "<addr>".
func displayName(p string) bool {
	if strings.ContainsAny(p, ":;,.!?") || len(p) > 60 {
		return false
	}
	f := strings.Fields(toLower(p))
	if len(f) == 0 || len(f) > 4 {
		return false
	}
	return !slices.Contains(notNameEnds, f[len(f)-1])
}

// unquote removes one level of "> " quoting when most lines carry it.
func unquote(lines []string) []string {
	quoted, total := 0, 0
	for _, l := range lines {
		if strings.TrimSpace(l) == "" {
			continue
		}
		total++
		if strings.HasPrefix(strings.TrimLeft(l, " "), ">") && !strings.HasPrefix(strings.TrimLeft(l, " "), ">>>") {
			quoted++
		}
	}
	if total == 0 || quoted*10 < total*6 {
		return lines
	}
	out := make([]string, len(lines))
	for i, l := range lines {
		t := strings.TrimLeft(l, " ")
		for strings.HasPrefix(t, ">") {
			t = strings.TrimPrefix(strings.TrimPrefix(t, ">"), " ")
		}
		out[i] = t
	}
	return out
}

// stopLineWords are the line beginnings that end the text about a
// recipient, besides separator lines.
var stopLineWords = catalog.Sign("stop-line")

// hasAnyPrefix reports whether l begins with one of list.
func hasAnyPrefix(l string, list []string) bool {
	for _, w := range list {
		if strings.HasPrefix(l, w) {
			return true
		}
	}
	return false
}

// stopLine reports whether line ends the text about a recipient: a
// separator line that starts with "--", "==" or "__" (isSeparator holds
// for each of those), or one of stopLineWords.
func stopLine(line string) bool {
	l := strings.TrimSpace(line)
	if strings.HasPrefix(l, "--") || strings.HasPrefix(l, "==") || strings.HasPrefix(l, "__") {
		return true
	}
	for _, w := range stopLineWords {
		if hasPrefixLower(l, w) {
			return true
		}
	}
	return false
}

// scanNDR finds failed recipients in the text of a bounce: lines that name
// an address alone (or after a label, or before the error), each followed
// by the text about it. Addresses in skip are not recipients.
func scanNDR(text string, skip *notRecipients) []ndrRecord {
	lines := unquote(splitLines(text))
	var out []ndrRecord
	index := map[string]int{}
	// listed[k] says that record k's line is followed at once by another
	// address line: a list of recipients, which the text after the list
	// is about.
	var listed []bool
	for i := 0; i < len(lines); i++ {
		addr, rest, ok := addressLine(lines[i])
		if !ok || skip.has(toLower(addr)) || isDaemon(addr) {
			continue
		}
		var sb strings.Builder
		sb.WriteString(rest)
		j := i + 1
		paras := 0
		inList := false
		for ; j < len(lines) && j < i+40; j++ {
			l := lines[j]
			if strings.TrimSpace(l) == "" {
				if sb.Len() > 0 && (hasCode(sb.String()) || paras > 0 || fieldsUpTo(sb.String(), 4) >= 4) {
					break
				}
				paras++
				if paras > 3 {
					break
				}
				continue
			}
			if stopLine(l) {
				if sb.Len() > 0 {
					break
				}
				continue
			}
			if a, _, ok := addressLine(l); ok && !skip.has(toLower(a)) && !isDaemon(a) {
				inList = sb.Len() == 0 && j == i+1
				break
			}
			if sb.Len() > 0 && (sendmailVerdict(l) || strings.HasPrefix(l, "While talking to ")) {
				break // the next item of a Sendmail transcript
			}
			sb.WriteByte(' ')
			sb.WriteString(strings.TrimSpace(l))
		}
		if sendmailVerdict(lines[i]) {
			// A Sendmail transcript names the recipient in its own verdict
			// line; the remote server's reply and the command it answered
			// stand above it, in the same "While talking to" block.
			if ctx := transcriptContext(lines, i); ctx != "" {
				sb.Reset()
				sb.WriteString(ctx)
				sb.WriteByte(' ')
				_, rest, _ := addressLine(lines[i])
				sb.WriteString(rest)
			}
		}
		diag := joinFields(sb.String())
		key := toLower(addr)
		if k, dup := index[key]; dup {
			if diag != "" && !strings.Contains(out[k].diag, diag) {
				out[k].diag = strings.TrimSpace(out[k].diag + " " + diag)
			}
			continue
		}
		index[key] = len(out)
		out = append(out, ndrRecord{addr: addr, diag: diag})
		listed = append(listed, inList)
		if len(out) > MaxRecipients {
			break // one past the limit: ParseBytes reports it
		}
	}
	// The addresses of a list share the text that follows the list.
	for k := len(out) - 2; k >= 0; k-- {
		if listed[k] && out[k].diag == "" {
			out[k].diag = out[k+1].diag
		}
	}
	// An address with nothing said about it, beside others with an error,
	// was only mentioned ("please contact <support@...>").
	withCode := 0
	for _, r := range out {
		if hasCode(r.diag) {
			withCode++
		}
	}
	if withCode > 0 && withCode < len(out) {
		kept := out[:0]
		for _, r := range out {
			if strings.TrimSpace(r.diag) != "" {
				kept = append(kept, r)
			}
		}
		out = kept
	}
	// A recipient whose own text has no code takes the transcript line that
	// names it (Sendmail "<<< 550 5.1.1 <addr>... User unknown").
	for k := range out {
		if hasCode(out[k].diag) {
			continue
		}
		for _, l := range lines {
			if strings.Contains(l, out[k].addr) && hasCode(l) && !strings.Contains(out[k].diag, strings.TrimSpace(l)) {
				if _, _, isAddr := addressLine(l); isAddr && !strings.HasPrefix(strings.TrimSpace(l), "<<<") {
					continue
				}
				out[k].diag = strings.TrimSpace(out[k].diag + " " + strings.TrimLeft(strings.TrimSpace(l), "<> "))
				break
			}
		}
	}
	return out
}

// hasCode reports whether s holds a reply code or an enhanced status code.
func hasCode(s string) bool {
	c, st, _ := findCodes(s)
	if c != 0 || !st.IsZero() {
		return true
	}
	return failingReplyLine(s)
}

// isDaemon reports whether addr is a bounce sender rather than a recipient.
func isDaemon(addr string) bool {
	l := toLower(addr)
	return strings.HasPrefix(l, "mailer-daemon@") || strings.HasPrefix(l, "postmaster@") && false ||
		strings.HasPrefix(l, "bounce") && strings.Contains(l, "bounce")
}

// firstFailingReply returns the first reply with code 4xx or 5xx in text.
func firstFailingReply(text string) (reply, bool) {
	for r := range replies(text) {
		if r.code >= 400 {
			return r, true
		}
	}
	return reply{}, false
}

// stageOf returns the SMTP command after which a reply was given, from
// wording such as "in reply to RCPT TO command" (Postfix), "after RCPT TO"
// (Exim), ">>> RCPT To:" (Sendmail transcripts) or "RCPT TO response"
// (qmail), or "".
func stageOf(text string) string {
	return stageOfInto(nil, text)
}

// stageOfInto is stageOf, making its lower-case copy of a text that is not
// ASCII in *scratch's array when it is large enough (and leaving the array
// there).
func stageOfInto(scratch *[]byte, text string) string {
	if len(text) > 64<<10 {
		text = text[:64<<10] // the stage is named beside the reply, near the top
	}
	ss := stageSignSet()
	var buf [maxStageSigns]int32
	pos := ss.set.positions(buf[:])
	if isASCII(text) {
		// The phrases' spaces stand for the runs of white space.
		ss.set.scan(text, len(text), pos)
		return ss.stageAt(pos)
	}
	var l string
	if scratch != nil {
		l, *scratch = lowerFieldsInto(*scratch, text)
	} else {
		l, _ = lowerFieldsInto(nil, text)
	}
	ss.set.scan(l, len(l), pos)
	return ss.stageAt(pos)
}

// lowerFields returns toLower(strings.Join(strings.Fields(s), " ")),
// in one pass and one allocation when s is ASCII.
func lowerFields(s string) string {
	l, _ := lowerFieldsInto(nil, s)
	return l
}

// lowerFieldsInto is lowerFields, writing an ASCII result into dst's
// array when it is large enough; it returns the result and the buffer.
// The result shares dst's array: it is valid until dst is written again.
func lowerFieldsInto(dst []byte, s string) (string, []byte) {
	b := dst[:0]
	if cap(b) < len(s) {
		b = make([]byte, len(s))
	}
	b = b[:len(s)]
	n := 0
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch asciiClass[c] {
		case classOther:
			return strings.ToLower(strings.Join(strings.Fields(s), " ")), b
		case classSpace:
			space = true
			continue
		case classUpper:
			c += 'a' - 'A'
		}
		if space && n > 0 {
			b[n] = ' '
			n++
		}
		space = false
		b[n] = c
		n++
	}
	if n == 0 {
		return "", b
	}
	return unsafe.String(&b[0], n), b
}

// asciiClass sorts the bytes for lowerFields.
var asciiClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case c >= utf8.RuneSelf:
			t[c] = classOther
		case asciiSpace(byte(c)):
			t[c] = classSpace
		case 'A' <= c && c <= 'Z':
			t[c] = classUpper
		}
	}
	return t
}()

const (
	classPlain = iota // kept as it is
	classSpace        // white space
	classUpper        // an upper-case letter
	classOther        // not ASCII
)

// stageGroup is a group of stage hints that share a Key.
type stageGroup struct {
	key   string
	signs []catalog.Hint
}

// stageSigns are the wordings that name the SMTP stage (Hints: stage in
// catalog/data/signs-hints.txt), grouped by the Key each phrase of the
// group contains.
var stageSigns = func() []stageGroup {
	var out []stageGroup
	for _, h := range catalog.Hints("stage") {
		if n := len(out); n == 0 || out[n-1].key != h.Key {
			out = append(out, stageGroup{key: h.Key})
		}
		out[len(out)-1].signs = append(out[len(out)-1].signs, h)
	}
	return out
}()

// The words of a From field that name a mail system (bounceSenderWords),
// a sender of reports rather than bounces (reportSenderWords), or a mail
// system only weakly (weakSenderWords), read in that order.
var (
	bounceSenderWords = catalog.Sign("bounce-sender")
	reportSenderWords = catalog.Sign("report-sender")
	weakSenderWords   = catalog.Sign("weak-sender")
)

// bounceSender reports whether a From header names a mail system. weak
// says that it does so only by a word that other senders use too ("bounce"
// in a company's name, "administrator").
func bounceSender(from string) (ok, weak bool) {
	l := toLower(from)
	for _, w := range bounceSenderWords {
		if strings.Contains(l, w) {
			return true, false
		}
	}
	for _, w := range reportSenderWords {
		if strings.Contains(l, w) {
			return false, false
		}
	}
	for _, w := range weakSenderWords {
		if strings.Contains(l, w) {
			return true, true
		}
	}
	return false, false
}

// The signs that a message is a bounce, kept in one place (their phrases
// in catalog/data/signs.txt). A message is a bounce when it has a
// structural sign (a delivery-status part, an X-Failed-Recipients field, a
// report content type, a mail system as sender, a bounce's subject) or
// failureWords in its text. weakFailureWords are words bounces use that
// ordinary mail uses too: they make a bounce only beside a reply code or a
// returned message. delayWarningWords make it a warning that the message
// is still queued.

// failureWords are the phrases in which a mail system says that a message
// was not delivered, in the languages bounces use (lower case).
var failureWords = catalog.Sign("failure")

// mailWords name a message or its recipient. Failure wording is a bounce's
// when its paragraph names what failed to arrive as mail: "your message
// could not be delivered", not "your parcel could not be delivered".
var mailWords = catalog.Sign("mail")

// weakFailureWords are words of bounces that ordinary mail uses as well.
var weakFailureWords = catalog.Sign("weak-failure")

// delayWarningWords are the phrases in which a mail system warns that a
// message is delayed and will be retried: the bounce is only a warning.
var delayWarningWords = catalog.Sign("delay-warning")

// bounceWords are failureWords and weakFailureWords: every word of a
// bounce.
var bounceWords = append(append([]string{}, failureWords...), weakFailureWords...)

// bounceWording reports whether text or subject reads like a bounce.
func bounceWording(s string) bool {
	ts := textSignSet()
	var buf [maxTextSigns]int32
	pos := ts.set.positions(buf[:])
	ts.set.scanLower(s, pos)
	return ts.bounce.first(pos) >= 0
}

// failureAboutMail reports whether one of failureWords stands in a text in
// a paragraph that also holds one of mailWords. l is the text as
// textSignSet reads it (ASCII, or in lower case), pos where its phrases
// first stand.
func failureAboutMail(l string, pos []int32) bool {
	list := textSignSet().failure
	for i, w := range list.words {
		k := list.at(pos, i)
		if k < 0 {
			continue
		}
		start, end := max(k-300, 0), min(k+len(w)+300, len(l))
		if j := strings.LastIndex(l[start:k], "\n\n"); j >= 0 {
			start += j + 2
		}
		if j := strings.Index(l[k:end], "\n\n"); j >= 0 {
			end = k + j
		}
		var buf [1024]byte
		para, _ := toLowerInto(buf[:0], l[start:end])
		for _, m := range mailWords {
			if strings.Contains(para, m) {
				return true
			}
		}
	}
	return false
}

// sendmailVerdict reports whether line is a Sendmail transcript verdict:
// a reply code, a space, then "<addr>... text" or "host (smtp)... text",
// not indented.
func sendmailVerdict(line string) bool {
	if len(line) < 8 || !digit(line[0]) || !digit(line[1]) || !digit(line[2]) || line[3] != ' ' {
		return false
	}
	return strings.Contains(line, "... ")
}

// transcriptContext returns the ">>> command" and "<<< reply" lines above
// line i of a Sendmail transcript, within its "While talking to" block.
func transcriptContext(lines []string, i int) string {
	var cmd, reply string
	for j := i - 1; j >= 0 && j >= i-20; j-- {
		l := strings.TrimSpace(lines[j])
		if l == "" || strings.HasPrefix(l, "While talking to ") || strings.HasPrefix(l, "-----") || sendmailVerdict(lines[j]) {
			break // the block, or the context of another recipient, ends here
		}
		if strings.HasPrefix(l, "<<< ") {
			reply = strings.TrimPrefix(l, "<<< ") + " " + reply // a multi-line reply
		} else if strings.HasPrefix(l, ">>> ") && cmd == "" {
			cmd = l
			break
		}
	}
	if cmd == "" && reply == "" {
		return ""
	}
	return strings.TrimSpace(cmd + " " + reply)
}

// verdictRecipients returns a record for each Sendmail verdict line of
// text ("550 5.1.1 addr... User unknown") whose address is not in skip,
// the line being the diagnostic.
func verdictRecipients(text string, skip *notRecipients) []ndrRecord {
	var out []ndrRecord
	seen := map[string]bool{}
	for _, l := range splitLines(text) {
		if !sendmailVerdict(l) {
			continue
		}
		a, b := nextAddress(l, 0)
		if a < 0 || !replyCodes(strings.TrimRight(l[:a], "<\" ")) || !strings.HasPrefix(strings.TrimLeft(l[b:], ">"), "...") {
			continue
		}
		addr := l[a:b]
		if k := toLower(addr); !skip.has(k) && !isDaemon(addr) && !seen[k] && len(out) <= MaxRecipients {
			seen[k] = true
			out = append(out, ndrRecord{addr: addr, diag: strings.TrimSpace(l)})
		}
	}
	return out
}

// wordingRecipients returns a record for each address that stands in a
// line of text beside the wording of a bounce ("Unable to deliver to addr:
// user unknown", "Mail to addr could not be delivered"), the line's
// paragraph being the diagnostic. Addresses in skip, those of
// mail systems and those of header lines are left out.
func wordingRecipients(text string, skip *notRecipients) []ndrRecord {
	lines := unquote(splitLines(text))
	var out []ndrRecord
	seen := map[string]bool{}
	ts := textSignSet()
	var buf [maxTextSigns]int32
	pos := ts.set.positions(buf[:])
	for i, l := range lines {
		a, b := nextAddress(l, 0)
		if a < 0 || len(out) > MaxRecipients {
			continue
		}
		ll := toLower(strings.TrimSpace(l))
		header := false
		for _, h := range headerLabels {
			header = header || strings.HasPrefix(ll, h)
		}
		if header {
			continue
		}
		if ts.set.scan(ll, len(ll), pos); ts.bounce.first(pos) < 0 {
			continue
		}
		for ; a >= 0; a, b = nextAddress(l, b) {
			addr := l[a:b]
			k := toLower(addr)
			if skip.has(k) || isDaemon(addr) || seen[k] || helpAddress(l[:a]) {
				continue
			}
			seen[k] = true
			// The paragraph of the line.
			from, to := i, i+1
			for from > 0 && strings.TrimSpace(lines[from-1]) != "" && i-from < 5 {
				from--
			}
			for to < len(lines) && strings.TrimSpace(lines[to]) != "" && to-i < 5 {
				to++
			}
			out = append(out, ndrRecord{addr: addr, diag: strings.Join(strings.Fields(strings.Join(lines[from:to], " ")), " ")})
		}
	}
	return out
}

// helpWords end the text before an address offered for help.
var helpWords = catalog.Sign("help-address")

// helpAddress reports whether the words before an address offer it for
// help ("contact help@...", "write to ...") rather than name a recipient.
func helpAddress(before string) bool {
	b := toLower(strings.TrimRight(before, " <\"'("))
	for _, w := range helpWords {
		if strings.HasSuffix(b, w) {
			return true
		}
	}
	return false
}

// nameListIntros are the wordings after which old Exchange servers list
// the recipients they could not reach, one "Display Name on <date>" line
// each, without an address.
var nameListIntros = catalog.Sign("name-list-intro")

// nameRecipients finds the "Display Name on <date>" lines under a
// nameListIntros line and returns one record for each, with the address
// that the returned message's To or Cc gives that name, or "".
func nameRecipients(text string, orig header) []ndrRecord {
	lines := splitLines(text)
	var out []ndrRecord
	in := false
	for i := 0; i < len(lines) && len(out) <= MaxRecipients; i++ {
		l := strings.TrimSpace(lines[i])
		ll := toLower(l)
		if !in {
			for _, w := range nameListIntros {
				if strings.Contains(ll, w) {
					in = true
				}
			}
			continue
		}
		if l == "" {
			continue
		}
		name, ok := nameOnDate(l)
		if !ok {
			// The list ends at the first line that names no one.
			if len(out) > 0 {
				break
			}
			in = false
			continue
		}
		var sb strings.Builder
		j := i + 1
		for ; j < len(lines); j++ {
			t := strings.TrimSpace(lines[j])
			if t == "" {
				break
			}
			if _, ok := nameOnDate(t); ok {
				break
			}
			sb.WriteString(t)
			sb.WriteByte(' ')
		}
		out = append(out, ndrRecord{addr: addressOfName(name, orig), diag: strings.TrimSpace(sb.String())})
		i = j - 1
	}
	return out
}

// nameOnDate reports whether l is a "Display Name on <date>" line, and
// returns the name.
func nameOnDate(l string) (string, bool) {
	k := strings.LastIndex(l, " on ")
	if k <= 0 || strings.IndexByte(l[:k], '@') >= 0 {
		return "", false
	}
	name := strings.Trim(strings.TrimSpace(l[:k]), `'"`)
	date := strings.TrimSpace(l[k+4:])
	if name == "" || len(strings.Fields(name)) > 5 || date == "" || !strings.ContainsAny(date, "0123456789") {
		return "", false
	}
	if !digit(date[0]) {
		switch toLower(date[:min(3, len(date))]) {
		case "mon", "tue", "wed", "thu", "fri", "sat", "sun":
		default:
			return "", false
		}
	}
	return name, true
}

// addressOfName returns the address that the To or Cc field of h gives
// the display name, or "".
func addressOfName(name string, h header) string {
	for _, f := range []string{"to", "cc"} {
		for _, part := range splitAddressList(h.get(f)) {
			lt := strings.IndexByte(part, '<')
			if lt < 0 {
				continue
			}
			n := strings.Trim(strings.TrimSpace(decodeWords(part[:lt])), `"' `)
			if strings.EqualFold(n, name) {
				return firstAddress(part[lt:])
			}
		}
	}
	return ""
}

// splitAddressList splits an address list at the commas outside quotes
// and angle brackets.
func splitAddressList(s string) []string {
	var out []string
	quoted, angle, start := false, false, 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '"':
			quoted = !quoted
		case '<':
			angle = true
		case '>':
			angle = false
		case ',':
			if !quoted && !angle {
				out = append(out, s[start:i])
				start = i + 1
			}
		}
	}
	return append(out, s[start:])
}
