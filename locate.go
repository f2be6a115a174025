package bounce

import (
	"slices"
	"strings"

	"github.com/bouncekit/bounce/catalog"
)

// analyse turns what message reading found into a report.
func analyse(v *mailView) (*Report, error) {
	text := v.bodyText()
	rep := &Report{Recipients: []Recipient{}}
	if v.hasOrig {
		rep.Original = originalOf(v.original)
	}
	ctype, params := mediaType(v.top.get("content-type"))
	subject := decodeWords(v.top.get("subject"))
	from := decodeWords(v.top.get("from"))

	if strings.EqualFold(params.get("report-type"), "disposition-notification") {
		// RFC 8098 read receipts report a reading, not a delivery failure.
		rep.Kind = KindNotBounce
		return rep, nil
	}
	if v.feedback != "" || strings.EqualFold(params.get("report-type"), "feedback-report") {
		return feedbackReport(v, rep), nil
	}
	var skip notRecipients
	for _, a := range [...]string{firstAddress(from), firstAddress(v.top.get("to")), firstAddress(v.original.get("from")),
		firstAddress(v.top.get("return-path")), firstAddress(v.original.get("return-path")), firstAddress(v.original.get("sender"))} {
		if a != "" {
			skip.add(toLower(a))
		}
	}
	if d := domainOf(firstAddress(from)); d != "" {
		// The reporting system's own postmaster signs the bounce; it is
		// not a recipient.
		skip.postmasterAt = toLower(d)
	}
	// One pass over the text finds where each structural sign (format,
	// expiry, delay, failure wording, stage) first stands; the rules
	// below look them up. A text that is not ASCII is read in lower case,
	// in a buffer that the next message reuses: nothing kept from it may
	// outlive analyse (the phrases found are the catalog's own strings).
	sc := scratchPool.Get().(*scratch)
	defer sc.release()
	ts := textSignSet()
	ascii := isASCII(text)
	lower := text        // the text as the signs read it: in lower case, or ASCII
	stageEnd := 64 << 10 // the stage is named beside the reply, near the top
	if !ascii {
		lower, sc.lower = toLowerInto(sc.lower, text)
		stageEnd = 0 // read from the text's fields below
	}
	n := len(ts.set.words)
	if cap(sc.pos) < 2*n {
		sc.pos = make([]int32, 2*n)
	}
	pos, spos := sc.pos[:n], sc.pos[n:2*n]
	ts.set.scan(lower, stageEnd, pos)
	ts.set.scanLower(subject, spos)
	rep.Format = detectFormat(v.top, formatSignsIn(text, ascii, pos))
	ev := evidence{
		reportingProvider: providerOf(from, v.top.get("message-id"), firstLine(text)),
		format:            rep.Format,
		date:              v.top.get("date"),
		text:              text,
		memo:              &sc.memo,
	}
	if ascii {
		ev.stage = ts.stage.stageAt(pos)
	} else {
		ev.stage = stageOfInto(&sc.fields, text)
	}
	// Facts of the whole text, found once, not once per recipient.
	ev.expired, ev.delayed = ts.expiry.first(pos) >= 0, ts.delay.first(pos) >= 0
	dsn := parseStatus(v.status)
	if len(dsn) > 0 {
		rep.Recipients = make([]Recipient, 0, min(len(dsn), MaxRecipients)) // one record each
		rep.Kind = KindDSN
		if rep.Format == "" {
			rep.Format = "rfc3464"
		}
		prose := text
		if i := dsnBlockStart(text); i >= 0 {
			prose = text[:i] // RFC 3464 fields in the text are not prose about a recipient
		}
		// The prose's address lines serve only records without an address
		// or without words of their own: read them when one needs them.
		var ndr []ndrRecord
		var byAddr map[string]string
		ndrOf := func() ([]ndrRecord, map[string]string) {
			if byAddr == nil {
				ndr = scanNDR(prose, &skip)
				byAddr = make(map[string]string, len(ndr))
				for _, n := range ndr {
					if k := toLower(n.addr); byAddr[k] == "" {
						byAddr[k] = n.diag
					}
				}
			}
			return ndr, byAddr
		}
		for _, d := range dsn {
			if len(rep.Recipients) >= MaxRecipients {
				return rep, ErrTooManyRecipients
			}
			rec := Recipient{Recipient: d.final, DSNAction: d.action, Status: d.status,
				RemoteMTA: d.remoteMTA, ReportingMTA: d.reportingMTA, Date: d.lastAttempt}
			if rec.Recipient == "" {
				rec.Recipient = d.original
			}
			if rec.Recipient == "" {
				rec.Recipient = d.actual
			}
			if rec.Recipient == "" {
				// A block without an address: the text's address line for
				// it, else the one address the message gives otherwise.
				if ndr, _ := ndrOf(); len(ndr) == len(dsn) {
					rec.Recipient = ndr[len(rep.Recipients)].addr
				} else if fb := fallbackRecipients(v, text, &skip); len(dsn) == 1 && len(fb) == 1 {
					rec.Recipient = fb[0]
				}
			}
			diag := d.diag
			if diag == "" || !hasWords(stripCodes(diag)) {
				ndr, byAddr := ndrOf()
				if t := ndrTextFor(ndr, byAddr, len(dsn) == 1, rec.Recipient, d.original, d.actual); t != "" {
					// Records may share one long text: take only what a
					// record keeps, so the work stays linear.
					diag = strings.TrimSpace(diag + " " + clipText(t, MaxDiagnostic))
				}
			}
			if diag == "" {
				// Local deliveries name a file or a program, not an address:
				// take the lines that follow it in the text.
				diag = textAfter(prose, rec.Recipient)
			}
			if diag == "" && len(dsn) == 1 {
				// The one recipient's reply may stand only in the prose (a
				// Sendmail transcript line).
				if r, ok := firstFailingReply(prose); ok {
					diag = r.text2()
				}
			}
			if diag == "" && !strings.Contains(toLower(d.statusNote), "failure") {
				diag = d.statusNote
			} else if diag == "" && strings.Contains(d.statusNote, ":") {
				diag = d.statusNote
			}
			rec.Diagnostic = diag
			e := ev
			if s := stageOf(clipText(diag, MaxDiagnostic)); s != "" {
				e.stage = s
			}
			e.retryPassed = d.action == "delayed" && retryPassed(d.retryUntil, firstNonEmpty(d.lastAttempt, ev.date))
			e.program = d.program
			decide(&rec, e)
			rep.Recipients = append(rep.Recipients, rec)
		}
		return rep, nil
	}

	ndr := scanNDR(text, &skip)
	sign := bounceSigns(v, pos, spos, from, ctype)
	if sign == signWording && failureAboutMail(lower, pos) {
		// Failure wording about mail makes a bounce, also one that its
		// mail system marks as an auto-reply.
		sign = signFailure
	}
	if sign < signFailure && isAutoReply(v.top, subject) {
		return autoReply(v, rep, subject, from, text), nil
	}
	if sign >= signWeak && sign < signFailure && (anyCode(ndr) || v.hasOrig || hasCode(text)) {
		// Words of bounces that ordinary mail uses too, beside a failing
		// reply or a returned message.
		sign = signFailure
	}
	if sign < signFailure {
		r := parseText(text, "")
		if r.Kind == KindReply && len(r.Recipients) > 0 && anyFailure(r.Recipients) {
			r.Original = rep.Original
			return r, nil
		}
		rep.Kind = KindNotBounce
		rep.Format = ""
		return rep, nil
	}
	if len(ndr) == 0 {
		// No address line: the recipients come from another form.
		ndr = nameRecipients(text, v.original)
		if len(ndr) == 1 && ndr[0].addr == "" {
			// One recipient named by display name only: the one address
			// the message gives otherwise.
			if fb := fallbackRecipients(v, text, &skip); len(fb) == 1 {
				ndr[0].addr = fb[0]
			}
		}
		if len(ndr) == 0 {
			ndr = verdictRecipients(text, &skip)
		}
		if len(ndr) == 0 && !v.top.has("x-failed-recipients") {
			ndr = wordingRecipients(text, &skip)
			if len(ndr) == 1 {
				// One recipient: the bounce's diagnostic is about it, as
				// with the other ways of finding it below.
				ndr[0].diag = bounceDiagnostic(text)
			}
		}
		if len(ndr) == 0 {
			diag := bounceDiagnostic(text)
			addrs := fallbackRecipients(v, text, &skip)
			if len(addrs) == 0 {
				addrs = []string{""} // a bounce that names nobody is still a bounce
			}
			for _, a := range addrs {
				ndr = append(ndr, ndrRecord{addr: a, diag: diag})
			}
		}
	}
	if ts.delayWarning.first(pos) >= 0 || ts.delayWarning.first(spos) >= 0 {
		ev.delayed = true
	}
	rep.Kind = KindNDR
	single := len(ndr) == 1
	for _, n := range ndr {
		if len(rep.Recipients) >= MaxRecipients {
			return rep, ErrTooManyRecipients
		}
		diag := n.diag
		if single && !hasCode(diag) {
			if d := bounceDiagnostic(text); d != "" && !strings.Contains(diag, d) {
				diag = strings.TrimSpace(diag + " " + d)
			}
		}
		rec := Recipient{Recipient: n.addr, Diagnostic: diag}
		rec.ReplyCode, rec.Status = codesOf(diag)
		e := ev
		if s := stageOf(clipText(diag, MaxDiagnostic)); s != "" {
			e.stage = s
		} else if !single {
			// With several recipients the first stage in the text belongs
			// to one of them only.
			e.stage = ""
		}
		decide(&rec, e)
		if rec.Class == catalog.ClassUnknown {
			// A bounce message says the mail was returned: failed, unless
			// its words say the failure is temporary.
			rec.Class = catalog.ClassPermanent
			if temporaryText(toLower(diag)) {
				rec.Class = catalog.ClassTemporary
			}
		}
		rep.Recipients = append(rep.Recipients, rec)
	}
	return rep, nil
}

// Strengths of the signs that a message is a bounce.
const (
	signNone    = iota
	signWeak    // words bounces use, and ordinary mail too
	signWording // failure wording, which may be about something else than mail
	signFailure // a bounce: a structural sign, or failure wording about mail
)

// bounceSigns says, from where textSignSet's phrases stand in the text
// (pos) and the subject (spos), how surely a message without a usable
// delivery-status part is a bounce: a delivery-status part however broken,
// an X-Failed-Recipients field, a report content type, a mail system as
// the sender or failureWords in the subject make it one; failureWords in
// the text make it one when they speak of mail or beside a weak sign;
// weakFailureWords (in the subject or text) and a sender named only
// "bounce" are weak signs.
func bounceSigns(v *mailView, pos, spos []int32, from, ctype string) int {
	sender, weakSender := bounceSender(from)
	ts := textSignSet()
	switch {
	case len(v.status) > 0, v.top.has("x-failed-recipients"), strings.Contains(toLower(ctype), "report"),
		sender && !weakSender, ts.failure.first(spos) >= 0:
		return signFailure
	case ts.failure.first(pos) >= 0:
		if weakSender || ts.bounce.first(spos) >= 0 {
			return signFailure
		}
		return signWording
	case weakSender, ts.bounce.first(spos) >= 0, ts.bounce.first(pos) >= 0:
		return signWeak
	}
	return signNone
}

// fallbackRecipients returns the recipients of a bounce whose text has no
// address line: X-Failed-Recipients, the Original-Recipient fields of its
// text, else the first addressee of the returned message (its To, or a
// "To:" line of the text that sums it up). Addresses in skip and those of
// mail systems are left out.
func fallbackRecipients(v *mailView, text string, skip *notRecipients) []string {
	var out []string
	add := func(list string) {
		for _, a := range strings.Split(list, ",") {
			if a = firstAddress(a); a != "" && !skip.has(toLower(a)) && !isDaemon(a) {
				out = append(out, a)
			}
		}
	}
	add(v.top.get("x-failed-recipients"))
	if len(out) == 0 {
		for _, l := range splitLines(text) {
			t := strings.TrimLeft(l, " \t>")
			if len(t) > 19 && strings.EqualFold(t[:19], "original-recipient:") {
				add(t[19:])
			}
		}
	}
	if len(out) > 0 {
		return out
	}
	add(v.original.get("to"))
	if len(out) == 0 {
		// A summary of the returned message above the error ("To: ...").
		for _, l := range splitLines(text) {
			t := strings.TrimLeft(l, " \t>")
			if len(t) > 3 && strings.EqualFold(t[:3], "to:") {
				if add(t[3:]); len(out) > 0 {
					break
				}
			}
		}
	}
	if len(out) > 1 {
		out = out[:1] // the returned message's first addressee
	}
	return out
}

func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}

func anyCode(recs []ndrRecord) bool {
	for _, r := range recs {
		if hasCode(r.diag) {
			return true
		}
	}
	return false
}

func anyFailure(recs []Recipient) bool {
	for _, r := range recs {
		if r.ReplyCode >= 400 || r.Status[0] >= 4 {
			return true
		}
	}
	return false
}

// ndrTextFor returns the text that the bounce's readable part gives about a
// recipient, by any of its addresses, or "". single says the DSN has one
// recipient, which then takes the only text there is.
func ndrTextFor(ndr []ndrRecord, byAddr map[string]string, single bool, addrs ...string) string {
	for _, a := range addrs {
		if d, ok := byAddr[toLower(a)]; ok && a != "" {
			return d
		}
	}
	if single && len(ndr) == 1 {
		return ndr[0].diag
	}
	return ""
}

// stripCodes removes the codes at the start of a diagnostic.
func stripCodes(s string) string {
	if c, _, rest, ok := replyLine(strings.TrimSpace(s)); ok && c > 0 {
		s = rest
	}
	_, s = leadingStatus(s)
	return s
}

// codesOf finds the reply code and enhanced status code in a diagnostic.
func codesOf(diag string) (int, Status) {
	t := strings.TrimSpace(diag)
	if c, _, rest, ok := replyLine(t); ok {
		st, _ := leadingStatus(rest)
		if st.IsZero() {
			_, st, _ = findCodes(rest)
		}
		return c, st
	}
	if st, rest := leadingStatus(t); !st.IsZero() {
		c, st2, _ := findCodes(rest)
		if c != 0 && !st2.IsZero() {
			// "5.1.0 - Unknown address error 550-'5.7.1 ... Access denied'":
			// the leading code is the relay's summary, the quoted reply the
			// receiving server's own.
			return c, st2
		}
		if c == 0 {
			for r := range replies(rest) {
				c = r.code
				break
			}
			if c == 0 {
				c = codeAfterWords(rest)
			}
		}
		return c, st
	}
	c, st, _ := findCodes(t)
	if c == 0 {
		if r, ok := firstFailingReply(t); ok {
			c = r.code
			if st.IsZero() {
				st = r.status
			}
		}
	}
	if c == 0 {
		c = codeAfterWords(t)
	}
	return c, st
}

// codeAfterWords finds a reply code quoted inside a sentence: "said: 550
// ...", "(#5.5.0)" aside, or "550-'..." after other text.
func codeAfterWords(t string) int {
	for i := 0; i+3 <= len(t); i++ {
		c := t[i]
		if (c != '4' && c != '5') || i > 0 && (digit(t[i-1]) || t[i-1] == '.' || t[i-1] == '#' || isLetter(t[i-1])) {
			continue
		}
		if !digit(t[i+1]) || !digit(t[i+2]) || t[i+1] > '5' {
			continue
		}
		if i+3 < len(t) && (digit(t[i+3]) || t[i+3] == '.' || isLetter(t[i+3])) {
			continue
		}
		if i+3 < len(t) && t[i+3] != ' ' && t[i+3] != '-' && t[i+3] != ')' && t[i+3] != ':' && t[i+3] != ',' {
			continue
		}
		if i > 0 && t[i-1] != ' ' && t[i-1] != '(' && t[i-1] != ':' && t[i-1] != '\'' && t[i-1] != '"' && t[i-1] != '<' {
			continue
		}
		return int(c-'0')*100 + int(t[i+1]-'0')*10 + int(t[i+2]-'0')
	}
	return 0
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }

// bounceDiagnostic returns the server reply that a bounce quotes when it
// names no recipient line, or the paragraph that explains the failure.
func bounceDiagnostic(text string) string {
	if r, ok := firstFailingReply(text); ok {
		return r.text2()
	}
	paras := strings.Split(text, "\n\n")
	for _, p := range paras {
		if hasCode(p) {
			return strings.Join(strings.Fields(p), " ")
		}
	}
	// No reply quoted: the bounce's own words are the diagnostic. Take the
	// first paragraphs of some length, as a person reads them, up to the
	// returned message.
	var b strings.Builder
	for _, p := range paras {
		f := strings.Fields(p)
		if len(f) > 0 && strings.HasPrefix(toLower(strings.Join(f, " ")), "----- original message") {
			break
		}
		if len(f) < 4 {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.Join(f, " "))
		if b.Len() > 400 {
			break
		}
	}
	return b.String()
}

// text2 returns the reply with its codes, as a diagnostic.
func (r reply) text2() string {
	s := itoa(r.code)
	if !r.status.IsZero() {
		s += " " + r.status.String()
	}
	return strings.TrimSpace(s + " " + r.text)
}

// autoReplySubjects are the subject words of auto-replies.
var autoReplySubjects = catalog.Sign("auto-reply-subject")

// isAutoReply reports whether a message is an RFC 3834 auto-reply or a
// vacation message.
func isAutoReply(h header, subject string) bool {
	as := toLower(h.get("auto-submitted"))
	if strings.HasPrefix(as, "auto-replied") {
		return true
	}
	if h.has("x-autoreply") || h.has("x-autorespond") || h.has("x-autoresponder") || h.has("x-vacation") {
		return true
	}
	switch toLower(h.get("precedence")) {
	case "auto_reply", "auto-reply":
		return true
	}
	s := toLower(subject)
	for _, w := range autoReplySubjects {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// autoReply reports an auto-reply: one record for its sender.
func autoReply(v *mailView, rep *Report, subject, from, text string) *Report {
	rep.Kind = KindAutoReply
	rep.Format = "rfc3834"
	diag := strings.Join(strings.Fields(subject), " ")
	rec := Recipient{Recipient: firstAddress(from), Diagnostic: diag}
	setReason(&rec, "vacation", catalog.ClassSuccess)
	rec.Match = Match{By: "structure", Confidence: 0.9, Evidence: "auto-reply"}
	rep.Recipients = append(rep.Recipients, rec)
	return rep
}

// feedbackReport reports an ARF complaint: one record per reported
// recipient.
func feedbackReport(v *mailView, rep *Report) *Report {
	rep.Kind = KindFeedback
	rep.Format = "arf"
	fb, _ := readHeader([]byte(strings.TrimLeft(normalizeText(v.feedback), "\n")))
	var addrs []string
	for _, f := range fb {
		if f.key == "original-rcpt-to" || f.key == "removal-recipient" {
			if a := firstAddress(f.value); a != "" {
				addrs = append(addrs, a)
			}
		}
	}
	if len(addrs) == 0 {
		for _, a := range strings.Split(v.original.get("to"), ",") {
			if a = firstAddress(a); a != "" {
				addrs = append(addrs, a)
			}
		}
	}
	if len(addrs) == 0 {
		addrs = []string{""}
	}
	diag := strings.TrimSpace("Feedback-Type: " + fb.get("feedback-type"))
	if len(fb) == 0 {
		diag = strings.Join(strings.Fields(v.bodyText()), " ")
		if len(diag) > 200 {
			diag = diag[:200]
		}
	}
	for _, a := range addrs {
		if len(rep.Recipients) > MaxRecipients {
			break // one past the limit: ParseBytes reports it
		}
		rec := Recipient{Recipient: a, Diagnostic: diag, Date: fb.get("arrival-date")}
		setReason(&rec, "feedback", catalog.ClassSuccess)
		rec.Match = Match{By: "structure", Confidence: 0.95, Evidence: "message/feedback-report"}
		rep.Recipients = append(rep.Recipients, rec)
	}
	return rep
}

// textAfter returns the words on the lines that follow the first line
// naming target in text, up to a blank line, or "".
func textAfter(text, target string) string {
	target = strings.TrimSpace(target)
	if len(target) < 3 {
		return ""
	}
	i := strings.Index(text, target)
	if i < 0 {
		return ""
	}
	rest := text[i+len(target):]
	if j := strings.Index(rest, "\n\n"); j >= 0 {
		rest = rest[:j]
	}
	if len(rest) > 2000 {
		rest = rest[:2000]
	}
	return strings.Join(strings.Fields(rest), " ")
}

// notRecipients are the addresses a bounce names that are none of its
// recipients: its sender and addressee, the returned message's sender,
// and the reporting system's postmaster; all in lower case. A handful,
// kept in an array rather than a map, which each message would allocate.
type notRecipients struct {
	addrs        [6]string
	n            int
	postmasterAt string // "@" and the domain of the bounce's sender, or ""
}

// add adds the address a, in lower case.
func (s *notRecipients) add(a string) {
	s.addrs[s.n] = a
	s.n++
}

// has reports whether the address a, in lower case, is one of them.
func (s *notRecipients) has(a string) bool {
	if slices.Contains(s.addrs[:s.n], a) {
		return true
	}
	domain, ok := strings.CutPrefix(a, "postmaster")
	return ok && s.postmasterAt != "" && domain == s.postmasterAt
}
