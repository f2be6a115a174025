package bounce

import (
	"io"
	"strings"
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
	return ParseBytes([]byte(s))
}

// ParseBytes is Parse for a byte slice.
func ParseBytes(b []byte) (*Report, error) {
	if len(b) > MaxSize {
		return nil, ErrTooLarge
	}
	var rep *Report
	var err error
	if looksLikeMessage(b) {
		rep, err = parseMessage(b)
	} else {
		rep, err = parsePasted(b)
	}
	if err == nil && rep != nil && len(rep.Recipients) > MaxRecipients {
		// The readers stop one record past the limit so that the limit is
		// reported, never a silently shortened list.
		rep.Recipients = rep.Recipients[:MaxRecipients]
		err = ErrTooManyRecipients
	}
	return rep, err
}

// parseText classifies bare reply text: each reply found in it gives one
// recipient record with an empty address.
func parseText(text, provider string) *Report {
	rep := &Report{Kind: KindReply, Recipients: []Recipient{}}
	for _, r := range findReplies(text) {
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
