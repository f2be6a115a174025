package bounce

import (
	"bytes"
	"io"
	"strings"
	"unsafe"
)

// Parse reads a bounce message or SMTP reply text from r and classifies each
// failed recipient. It detects by itself whether the input is a delivery
// status notification, another MTA's bounce message, or bare reply text.
//
// Text in which nothing is recognised gives a Report of kind "not-bounce"
// and no error. A reply whose text and codes are unknown gives a recipient
// with reason "undefined". Input over MaxSize gives ErrTooLarge. Input with
// more than MaxRecipients records gives the first MaxRecipients of them and
// ErrTooManyRecipients: usable, but not the whole answer.
func Parse(r io.Reader) (*Report, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > MaxSize {
		return nil, ErrTooLarge
	}
	return ParseBytes(b)
}

// ParseString is Parse for a string.
func ParseString(s string) (*Report, error) {
	if len(s) > MaxSize {
		return nil, ErrTooLarge
	}
	// The parser only reads its input: s's bytes are read in place, and
	// text taken from them needs no copy, since a string never changes.
	return parse(unsafe.Slice(unsafe.StringData(s), len(s)), true)
}

// ParseBytes is Parse for a byte slice.
func ParseBytes(b []byte) (*Report, error) {
	return parse(b, false)
}

// parse is ParseBytes; owned says that nothing writes b (it is a string's
// bytes), so that text read from it need not be copied. The caller's
// slice may change once ParseBytes returns, so it is not owned.
func parse(b []byte, owned bool) (*Report, error) {
	if len(b) > MaxSize {
		return nil, ErrTooLarge
	}
	var rep *Report
	parts, err := splitMbox(b)
	if err != nil {
		return nil, err
	}
	if len(parts) > 1 {
		rep, err = parseMbox(parts, owned)
	} else if looksLikeMessage(b) {
		rep, err = parseMessage(b, owned)
	} else {
		rep, err = parsePasted(b, owned)
	}
	if err == nil && rep != nil && len(rep.Recipients) > MaxRecipients {
		// The readers stop one record past the limit so that the limit is
		// reported, never a silently shortened list.
		rep.Recipients = rep.Recipients[:MaxRecipients]
		err = ErrTooManyRecipients
	}
	if rep != nil && !rep.JSONFits(MaxOutput) {
		return nil, ErrOutputTooLarge
	}
	return rep, err
}

// parseText classifies bare reply text: each reply found in it gives one
// recipient record with an empty address.
func parseText(text, provider string) *Report {
	rep := &Report{Kind: KindReply, Recipients: []Recipient{}}
	for r := range replies(text) {
		if len(rep.Recipients) > MaxRecipients {
			break
		}
		if r.code < 400 && r.status.IsZero() && !hasWords(r.text) {
			continue // a bare greeting or "250 OK" carries no verdict
		}
		rec := Recipient{ReplyCode: r.code, Status: r.status, Diagnostic: r.text}
		classify(&rec, provider)
		rep.Recipients = append(rep.Recipients, rec)
	}
	if len(rep.Recipients) > 0 {
		return rep
	}
	diag := strings.Join(strings.Fields(text), " ")
	code, st, _ := findCodes(diag)
	rec := Recipient{ReplyCode: code, Status: st, Diagnostic: diag}
	classify(&rec, provider)
	if code == 0 && st.IsZero() && rec.Match.By == "none" {
		rep.Kind = KindNotBounce
		return rep
	}
	rep.Recipients = append(rep.Recipients, rec)
	return rep
}

func hasWords(s string) bool { return strings.TrimSpace(s) != "" }

// splitMbox splits b at the mbox "From " lines that start a message (the
// line after them is a header field), or returns nil when there is at most
// one message. Bounces saved from a mail client, and bounces of bounces,
// arrive this way. Over MaxMessages messages give ErrTooManyMessages.
func splitMbox(b []byte) ([][]byte, error) {
	var starts []int
	// Only lines that start with "From " need a look: the search jumps
	// from one "From " to the next (an 'F' is rarer than a line end) and
	// keeps those at the start of a line.
	for pos := 0; pos < len(b); {
		for pos > 0 && b[pos-1] != '\n' || !bytes.HasPrefix(b[pos:], []byte("From ")) {
			k := bytes.Index(b[pos+1:], []byte("From "))
			if k < 0 {
				pos = len(b)
				break
			}
			pos += 1 + k
		}
		if pos >= len(b) {
			break
		}
		end := bytes.IndexByte(b[pos:], '\n')
		if end < 0 {
			break
		}
		if fieldLine(b[pos+end+1:]) {
			if len(starts) == MaxMessages {
				return nil, ErrTooManyMessages
			}
			starts = append(starts, pos)
		}
		pos += end + 1
	}
	if len(starts) < 2 && !(len(starts) == 1 && starts[0] > 0) {
		return nil, nil
	}
	if starts[0] != 0 {
		if len(starts) == MaxMessages {
			return nil, ErrTooManyMessages
		}
		starts = append([]int{0}, starts...)
	}
	parts := make([][]byte, len(starts))
	for i, s := range starts {
		e := len(b)
		if i+1 < len(starts) {
			e = starts[i+1]
		}
		parts[i] = b[s:e]
	}
	return parts, nil
}

// fieldLine reports whether b starts with a header field "Name: value".
// It looks at most at the 77 bytes a field name and its colon may take, so
// that a check per line costs the same whatever follows the line.
func fieldLine(b []byte) bool {
	for i, c := range b[:min(len(b), 77)] {
		if c == ':' {
			return i > 0
		}
		if c <= ' ' || c >= 127 {
			return false
		}
	}
	return false
}

// parseMbox reads each message of an mbox and joins their recipients in
// order. A message that yields only undefined records (a cover note) gives
// way to the others.
func parseMbox(parts [][]byte, owned bool) (*Report, error) {
	var reps []*Report
	for _, p := range parts {
		var rep *Report
		var err error
		if looksLikeMessage(p) {
			rep, err = parseMessage(p, owned)
		} else {
			rep, err = parsePasted(p, owned)
		}
		if err != nil {
			return rep, err
		}
		reps = append(reps, rep)
	}
	var out *Report
	for _, rep := range reps {
		if rep.Kind == KindNotBounce || onlyUndefined(rep) && anyDefined(reps) {
			continue
		}
		if out == nil {
			out = rep
			continue
		}
		out.Recipients = append(out.Recipients, rep.Recipients...)
		if len(out.Recipients) > MaxRecipients {
			break
		}
	}
	if out == nil {
		out = reps[0]
	}
	return out, nil
}

func onlyUndefined(rep *Report) bool {
	for _, r := range rep.Recipients {
		if r.Reason != "undefined" {
			return false
		}
	}
	return true
}

func anyDefined(reps []*Report) bool {
	for _, r := range reps {
		if r.Kind != KindNotBounce && !onlyUndefined(r) {
			return true
		}
	}
	return false
}
