package bounce

import (
	"bytes"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// looksLikeMessage reports whether b starts with an RFC 5322 header block.
func looksLikeMessage(b []byte) bool {
	if bytes.HasPrefix(b, []byte("From ")) {
		return true
	}
	// The first blank line, however the lines end. Only a match that
	// starts before the one found so far counts, so each later search
	// reads no further than that; text without a CR needs none.
	end := bytes.Index(b, []byte("\n\n"))
	crLim := len(b)
	if end >= 0 {
		crLim = end // a CR after the LF blank line starts no earlier one
	}
	if cr := bytes.IndexByte(b[:crLim], '\r'); cr >= 0 {
		lim := len(b)
		if end >= 0 {
			lim = min(end+3, len(b))
		}
		if e2 := bytes.Index(b[cr:lim], []byte("\r\n\r\n")); e2 >= 0 {
			end = cr + e2
			lim = end + 1
		}
		if e3 := bytes.Index(b[cr:min(lim, len(b))], []byte("\r\r")); e3 >= 0 && (end < 0 || cr+e3 < end) {
			end = cr + e3
		}
	}
	if end < 0 {
		return false
	}
	n := 0
	for hb := b[:end]; len(hb) > 0; {
		// The lines of the block, split at CR and LF, as bytes.FieldsFunc
		// would split them, without a slice of them.
		k := 0
		for k < len(hb) && hb[k] != '\n' && hb[k] != '\r' {
			k++
		}
		l := hb[:k]
		hb = hb[min(k+1, len(hb)):]
		if len(l) == 0 || l[0] == ' ' || l[0] == '\t' {
			continue
		}
		i := bytes.IndexByte(l, ':')
		if i <= 0 || !isFieldName(l[:i]) {
			return false
		}
		n++
	}
	return n > 0
}

// mailView is what message reading found in a message: its header, the
// readable text written by the reporting system, the machine-readable
// parts, and the headers of the returned original.
type mailView struct {
	top      header
	texts    []string // text parts outside the returned original, in order
	htmls    []string // HTML parts reduced to text, used when there is no plain text
	status   []string // message/delivery-status bodies
	feedback string   // message/feedback-report body
	original header   // header of the returned message
	hasOrig  bool
	inner    *entity // the first attached message, for bounces forwarded whole
}

// isCopy reports whether n, made from b by normalizeEOL, is a new buffer.
func isCopy(n, b []byte) bool {
	return len(n) > 0 && (len(b) == 0 || &n[0] != &b[0])
}

// parseMessage reads a whole bounce message. b may have any line ends;
// owned says that nothing writes b.
func parseMessage(b []byte, owned bool) (*Report, error) {
	n := normalizeEOL(b)
	owned = owned || isCopy(n, b) // a copy, without the CRs
	parts := 0
	root, err := parseEntity(n, owned, 0, &parts)
	if err != nil {
		return nil, err
	}
	v := &mailView{top: root.hdr}
	v.walk(root, false)
	rep, err := analyse(v)
	sanitize(rep)
	if err != nil {
		return rep, err
	}
	if (rep.Kind == KindNotBounce || onlyUndefined(rep)) && v.inner != nil {
		// A bounce forwarded as an attachment, maybe under a cover note
		// that itself reads like a bounce but says nothing definite.
		w := &mailView{top: v.inner.hdr}
		w.walk(v.inner, false)
		if r2, err := analyse(w); err == nil && r2.Kind != KindNotBounce && !onlyUndefined(r2) {
			if len(r2.Recipients) == len(rep.Recipients) {
				// The cover note may name the recipients the attached
				// bounce leaves unnamed.
				for i := range r2.Recipients {
					if r2.Recipients[i].Recipient == "" {
						r2.Recipients[i].Recipient = rep.Recipients[i].Recipient
					}
				}
			}
			return sanitize(r2), nil
		}
	}
	return rep, nil
}

// walk collects the parts of e.
func (v *mailView) walk(e *entity, nested bool) {
	switch {
	case e.parts != nil:
		for _, p := range e.parts {
			v.walk(p, true)
		}
	case e.msg != nil:
		if !v.hasOrig {
			v.original, v.hasOrig = e.msg.hdr, true
			v.inner = e.msg
		}
	case e.ctype == "message/delivery-status" || e.ctype == "message/global-delivery-status":
		v.status = append(v.status, e.text())
	case e.ctype == "message/feedback-report":
		v.feedback = string(e.body)
	case e.ctype == "text/rfc822-headers" || e.ctype == "message/rfc822-headers" ||
		e.ctype == "message/global-headers" || e.ctype == "text/rfc822-header":
		if !v.hasOrig {
			h, _ := readHeader(bytes.TrimLeft(e.body, "\n"))
			v.original, v.hasOrig = h, true
		}
	case e.ctype == "text/html":
		v.htmls = append(v.htmls, textOf(e))
	case strings.HasPrefix(e.ctype, "text/"):
		t := textOf(e)
		if !nested && !v.hasOrig {
			t = v.cutOriginal(t)
			if i := dsnBlockStart(t); i >= 0 && len(v.status) == 0 && isStatusText(t[i:]) {
				// A report whose parts were flattened into one text (a
				// multipart/report without its boundary) still holds the
				// RFC 3464 fields.
				v.status = append(v.status, t[i:])
			}
		} else if isStatusText(t) && len(v.status) == 0 {
			v.status = append(v.status, t)
			return
		} else if v.hasOrig && nested && looksLikeHeaderBlock(t) {
			return
		}
		v.texts = append(v.texts, t)
	}
}

// bodyText returns the text written by the reporting system.
func (v *mailView) bodyText() string {
	if len(v.texts) > 0 {
		return strings.Join(v.texts, "\n\n")
	}
	return strings.Join(v.htmls, "\n\n")
}

// isStatusText reports whether a text part holds RFC 3464 fields (some MTAs
// send the delivery status as text/plain).
func isStatusText(t string) bool {
	if !isASCII(t) {
		l := toLower(t)
		return (strings.Contains(l, "final-recipient:") || strings.Contains(l, "original-recipient:")) &&
			strings.Contains(l, "status:") && strings.Contains(l, "action:")
	}
	// ASCII: each field name stands before a colon, so one pass over the
	// colons finds them, in any case, without a lower-case copy.
	var recipient, status, action bool
	for i := 0; ; {
		k := strings.IndexByte(t[i:], ':')
		if k < 0 {
			return false
		}
		k += i
		before := t[:k]
		recipient = recipient || hasSuffixLower(before, "final-recipient") || hasSuffixLower(before, "original-recipient")
		status = status || hasSuffixLower(before, "status")
		action = action || hasSuffixLower(before, "action")
		if recipient && status && action {
			return true
		}
		i = k + 1
	}
}

// hasSuffixLower reports whether ASCII s ends with w (lower case) in any
// case.
func hasSuffixLower(s, w string) bool {
	return len(s) >= len(w) && equalLower(s[len(s)-len(w):], w)
}

// originalKeys are fields that mark a returned message's header block.
var originalKeys = map[string]bool{
	"received": true, "from": true, "subject": true, "message-id": true, "date": true,
	"return-path": true, "dkim-signature": true, "x-received": true, "delivered-to": true,
	"mime-version": true, "to": true, "content-type": true, "reply-to": true, "x-mailer": true,
	"authentication-results": true, "received-spf": true, "arc-seal": true, "x-original-to": true,
}

// statusKeys are RFC 3464 fields, which never start a returned message.
var statusKeys = map[string]bool{
	"reporting-mta": true, "final-recipient": true, "original-recipient": true, "action": true,
	"status": true, "diagnostic-code": true, "remote-mta": true, "arrival-date": true,
	"last-attempt-date": true, "received-from-mta": true, "x-postfix-queue-id": true,
	"x-postfix-sender": true, "will-retry-until": true, "x-actual-recipient": true,
}

// cutOriginal finds a returned message's header block inside a plain text
// bounce, records its header and returns the text before it (without the
// separator line that introduces it).
//
// Each header block is read at most twice, however many of its lines could
// start a returned header: a later start inside a block reads a tail of the
// same block, which can only pass goodOriginal where no RFC 3464 field
// follows it, and has no more known fields than the block's first start.
func (v *mailView) cutOriginal(t string) string {
	var tb []byte // t as bytes, made once on first use
	pos := 0
	prevBlank := true
	prevStart := 0
	skipTo := 0 // header starts before this offset are already judged
	for pos < len(t) {
		end := strings.IndexByte(t[pos:], '\n')
		if end < 0 {
			end = len(t)
		} else {
			end += pos
		}
		line := t[pos:end]
		if pos > 0 && pos >= skipTo && headerStart(line) {
			if tb == nil {
				tb = []byte(t)
			}
			h, rest := readHeader(tb[pos:])
			if goodOriginal(h) {
				cut := pos
				if !prevBlank && isSeparator(t[prevStart:pos]) {
					cut = prevStart
				}
				v.original, v.hasOrig = h, true
				return strings.TrimRight(t[:cut], "\n ")
			}
			skipTo = len(t) - len(rest)
			if after := afterLastStatusField(t[pos:skipTo]); after > 0 {
				skipTo = pos + after
			}
		}
		prevBlank = strings.TrimSpace(line) == ""
		prevStart = pos
		pos = end + 1
	}
	return t
}

// afterLastStatusField returns the offset in the header block hb of the
// line after its last RFC 3464 field, or 0 when it has none.
func afterLastStatusField(hb string) int {
	after := 0
	for pos := 0; pos < len(hb); {
		end := strings.IndexByte(hb[pos:], '\n')
		if end < 0 {
			end = len(hb)
		} else {
			end += pos
		}
		if c := strings.IndexByte(hb[pos:end], ':'); c > 0 && c <= 77 {
			if statusKeys[toLower(strings.TrimRight(hb[pos:pos+c], " \t"))] {
				after = end + 1
			}
		}
		pos = end + 1
	}
	return min(after, len(hb))
}

// headerStart reports whether line is a field of a returned header block.
func headerStart(line string) bool {
	c := strings.IndexByte(line, ':')
	if c <= 0 || !isFieldName([]byte(line[:c])) {
		return false
	}
	return originalKeys[toLower(line[:c])]
}

// goodOriginal reports whether h looks like a returned message's header.
func goodOriginal(h header) bool {
	if len(h) < 2 {
		return false
	}
	known, origin := 0, false
	for _, f := range h {
		if statusKeys[f.key] {
			return false
		}
		if originalKeys[f.key] {
			known++
		}
		switch f.key {
		case "from", "message-id", "received", "return-path", "sender":
			origin = true
		}
	}
	// A summary such as "To: ... Date: ... Subject: ..." above the error
	// is no returned message: a message header names where it came from.
	return known >= 2 && origin
}

// looksLikeHeaderBlock reports whether t is mostly a header block.
func looksLikeHeaderBlock(t string) bool {
	t = strings.TrimLeft(t, "\n")
	if !headerStart(firstLine(t)) {
		return false
	}
	h, _ := readHeader([]byte(t))
	return goodOriginal(h)
}

func firstLine(t string) string {
	if i := strings.IndexByte(t, '\n'); i >= 0 {
		return t[:i]
	}
	return t
}

// isSeparator reports whether line introduces a returned message, such as
// "----- Original message -----" or "--- Below this line is a copy of the
// message.".
func isSeparator(line string) bool {
	l := toLower(strings.TrimSpace(line))
	if strings.HasPrefix(l, "--") || strings.HasPrefix(l, "==") || strings.HasPrefix(l, "__") {
		return true
	}
	for _, w := range []string{"original message", "copy of the", "returned message", "unsent message",
		"message header", "original header", "headers follow", "below this line", "message follows"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// originalOf describes the returned message.
func originalOf(h header) *Original {
	o := &Original{
		Subject:   decodeWords(h.get("subject")),
		MessageID: strings.TrimSpace(h.get("message-id")),
		From:      decodeWords(h.get("from")),
		To:        decodeWords(h.get("to")),
		Date:      h.get("date"),
	}
	if *o == (Original{}) {
		return nil
	}
	return o
}

// parsePasted reads text pasted without its message header: a bounce's
// body, perhaps quoted with "> ", or bare reply text. owned says that
// nothing writes b.
func parsePasted(b []byte, owned bool) (*Report, error) {
	var text string
	if n := normalizeEOL(b); (owned || isCopy(n, b)) && len(n) > 0 {
		text = unsafe.String(&n[0], len(n))
	} else {
		text = string(n)
	}
	if bounceWording(text) {
		v := &mailView{}
		v.texts = []string{v.cutOriginal(text)}
		if rep, err := analyse(v); err != nil || rep.Kind == KindNDR {
			return sanitize(rep), err
		}
	}
	return parseText(text, ""), nil
}

// sanitize makes every text of a report valid UTF-8, since message headers
// and bodies may carry any bytes.
func sanitize(rep *Report) *Report {
	if rep == nil {
		return nil
	}
	v := func(s *string) {
		if !utf8.ValidString(*s) {
			*s = strings.ToValidUTF8(*s, "\uFFFD")
		}
	}
	if o := rep.Original; o != nil {
		v(&o.Subject)
		v(&o.MessageID)
		v(&o.From)
		v(&o.To)
		v(&o.Date)
	}
	for i := range rep.Recipients {
		r := &rep.Recipients[i]
		for _, s := range []*string{&r.Recipient, &r.Diagnostic, &r.DSNAction, &r.RemoteMTA, &r.ReportingMTA, &r.Date, &r.Match.Evidence} {
			v(s)
		}
	}
	return rep
}

// dsnBlockStart returns the offset of the first line of t that starts an
// RFC 3464 block (Reporting-MTA or Final-Recipient), or -1.
func dsnBlockStart(t string) int {
	for pos := 0; pos < len(t); {
		end := strings.IndexByte(t[pos:], '\n')
		if end < 0 {
			end = len(t) - pos
		}
		line := t[pos : pos+end]
		if len(line) > 14 {
			if p := line[:15]; isASCII(p) {
				if equalLower(p[:14], "reporting-mta:") || equalLower(p, "final-recipient") {
					return pos
				}
			} else if l := toLower(p); strings.HasPrefix(l, "reporting-mta:") || strings.HasPrefix(l, "final-recipient") {
				return pos
			}
		}
		pos += end + 1
	}
	return -1
}
