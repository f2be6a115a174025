package bounce

import (
	"strconv"
	"unicode/utf8"
)

// The JSON form of a Report is written by hand rather than by
// encoding/json: the WebAssembly build then needs no reflection-based
// encoder, which would add about 175 KB (gzip) to it. TestJSONMatchesTags
// checks that the output is exactly what encoding/json makes of the struct
// tags, so the schema has one definition.

// MarshalJSON returns the report as JSON, the schema of every surface.
func (r *Report) MarshalJSON() ([]byte, error) { return r.AppendJSON(nil), nil }

// AppendJSON appends the report's JSON form to b.
func (r *Report) AppendJSON(b []byte) []byte {
	if n := r.jsonSizeHint(); cap(b)-len(b) < n {
		// One allocation of about the final size instead of a dozen
		// doublings, each a copy of all before it.
		b = append(make([]byte, 0, len(b)+n), b...)
	}
	b = append(b, `{"kind":`...)
	b = appendString(b, string(r.Kind))
	b = optString(b, "format", r.Format)
	b = optString(b, "source", r.Source)
	if o := r.Original; o != nil {
		b = append(b, `,"original":{`...)
		n := len(b)
		b = optString(b, "subject", o.Subject)
		b = optString(b, "message_id", o.MessageID)
		b = optString(b, "from", o.From)
		b = optString(b, "to", o.To)
		b = optString(b, "date", o.Date)
		if len(b) > n {
			b = append(b[:n], b[n+1:]...) // drop the first field's comma
		}
		b = append(b, '}')
	}
	b = append(b, `,"recipients":`...)
	if r.Recipients == nil {
		b = append(b, "null"...)
	} else {
		b = append(b, '[')
		for i := range r.Recipients {
			if i > 0 {
				b = append(b, ',')
			}
			b = r.Recipients[i].appendJSON(b)
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

func (r *Recipient) appendJSON(b []byte) []byte {
	b = append(b, `{"recipient":`...)
	b = appendString(b, r.Recipient)
	b = append(b, `,"reply_code":`...)
	b = strconv.AppendInt(b, int64(r.ReplyCode), 10)
	b = field(b, "status", r.Status.String())
	b = field(b, "class", string(r.Class))
	b = field(b, "reason", r.Reason)
	b = field(b, "diagnostic", r.Diagnostic)
	b = field(b, "explanation", r.Explanation)
	b = field(b, "action", r.Action)
	b = field(b, "who_acts", r.WhoActs)
	b = field(b, "retry", r.Retry)
	m := &r.Match
	b = append(b, `,"match":{"entry":`...)
	b = appendString(b, m.Entry)
	b = field(b, "provider", m.Provider)
	b = field(b, "by", m.By)
	b = append(b, `,"confidence":`...)
	b = strconv.AppendFloat(b, m.Confidence, 'f', -1, 64)
	b = field(b, "evidence", m.Evidence)
	if len(m.Sources) > 0 {
		b = append(b, `,"sources":[`...)
		for i, d := range m.Sources {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, `{"id":`...)
			b = appendString(b, d.ID)
			b = field(b, "title", d.Title)
			b = optString(b, "url", d.URL)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	b = append(b, '}')
	b = optString(b, "dsn_action", r.DSNAction)
	b = optString(b, "remote_mta", r.RemoteMTA)
	b = optString(b, "reporting_mta", r.ReportingMTA)
	b = optString(b, "command", r.Command)
	b = optString(b, "date", r.Date)
	return append(b, '}')
}

// field appends ,"name":"value".
//
//go:noinline
func field(b []byte, name, value string) []byte {
	// Not inlined: the JSON writers call it, directly or through
	// optString, 25 times; each inlined copy was some 300 bytes of
	// bounce.wasm's code.
	b = append(b, ',', '"')
	b = append(b, name...)
	b = append(b, '"', ':')
	return appendString(b, value)
}

// optString appends the field unless value is empty (omitempty). It is not
// inlined: AppendJSON calls it 13 times, and each copy held field and its
// appends.
//
//go:noinline
func optString(b []byte, name, value string) []byte {
	if value == "" {
		return b
	}
	return field(b, name, value)
}

const hex = "0123456789abcdef"

// appendString appends s as a JSON string the way encoding/json does with
// HTML escaping off: invalid UTF-8 becomes U+FFFD, and U+2028 and U+2029
// are escaped.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x20 && c != '"' && c != '\\' {
				i = plainRun(s, i+1)
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			default:
				b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hex[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// plainRun returns the end of the run of bytes from i on that a JSON
// string holds as they are (printable ASCII other than '"' and '\\'),
// looked at eight at a time, or an index within eight bytes before it. It
// is what keeps appendString from handling texts byte by byte, which is
// slow above all under WebAssembly.
func plainRun(s string, i int) int {
	if len(s)-i < 8 {
		return i
	}
	const ones, highs = 0x0101010101010101, 0x8080808080808080
	for ; i+8 <= len(s); i += 8 {
		x := load64(s, i)
		q := x ^ ('"' * ones)
		bs := x ^ ('\\' * ones)
		// A byte of 0x80 and over, under 0x20, or equal to '"' or '\\'
		// sets its high bit in the sum (the usual test for a zero byte,
		// exact when no byte is 0x80 or over, and x's own high bits are
		// in it).
		if (x|(x-0x20*ones)|(q-ones)&^q|(bs-ones)&^bs)&highs != 0 {
			return i
		}
	}
	return i
}

// jsonSizeHint returns about the length of the report's JSON form, for a
// buffer: the bytes of its strings and of the names and punctuation
// around them, not counting escapes.
func (r *Report) jsonSizeHint() int {
	n := 96 + len(r.Kind) + len(r.Format) + len(r.Source)
	if o := r.Original; o != nil {
		n += 96 + len(o.Subject) + len(o.MessageID) + len(o.From) + len(o.To) + len(o.Date)
	}
	for i := range r.Recipients {
		rc := &r.Recipients[i]
		n += 352 + recipientTextLen(rc) + 32*len(rc.Match.Sources)
	}
	return n
}

// JSONFits reports whether the report's JSON form takes at most max bytes.
// A bound from the lengths of its strings settles most reports without
// counting (see JSONLen).
func (r *Report) JSONFits(max int) bool {
	return !r.jsonMayExceed(max) || r.JSONLen(max) <= max
}

// JSONLen returns len(r.AppendJSON(nil)) without writing the JSON, or a
// number over max as soon as the length is known to exceed max. Records
// can share one long string (a diagnostic, or a Reporting-MTA given to
// each of many recipients), so the raw lengths of the strings are summed
// first: they are a lower bound of the JSON's size, and the sum stops as
// soon as it passes max. Only when it does not is the JSON counted
// exactly, which then reads at most max bytes of text.
func (r *Report) JSONLen(max int) int {
	raw := 0
	for i := range r.Recipients {
		raw += recipientTextLen(&r.Recipients[i])
		if raw > max {
			return raw
		}
	}
	return r.jsonLen()
}

// jsonMayExceed reports whether the report's JSON could be longer than
// max, from an upper bound that costs a sum of lengths: a JSON string takes
// at most six bytes per byte of text (\u escapes) and its quotes, a source
// under 64 bytes beside its texts, and the rest of a record (keys, codes,
// numbers) under 1 KiB. Only a report that may exceed max is counted
// exactly.
func (r *Report) jsonMayExceed(max int) bool {
	n := 1024 + 6*(len(r.Kind)+len(r.Format)+len(r.Source))
	if o := r.Original; o != nil {
		n += 6 * (len(o.Subject) + len(o.MessageID) + len(o.From) + len(o.To) + len(o.Date))
	}
	for i := range r.Recipients {
		rc := &r.Recipients[i]
		n += 6*recipientTextLen(rc) + 64*len(rc.Match.Sources) + 1024
		if n > max {
			return true
		}
	}
	return n > max
}

// jsonLen returns len(r.AppendJSON(nil)) without writing the long strings:
// each record is written with every string cut to one byte, and the
// difference added back.
func (r *Report) jsonLen() int {
	head := *r
	head.Recipients = nil
	n := len(head.AppendJSON(nil)) - len("null")
	if r.Recipients == nil {
		return n + len("null")
	}
	n += 2 + max(len(r.Recipients)-1, 0) // [ ] and commas
	var buf []byte
	for i := range r.Recipients {
		rc := r.Recipients[i]
		extra := 0
		for _, s := range []*string{&rc.Recipient, &rc.Diagnostic, &rc.Explanation, &rc.Action, &rc.Retry,
			&rc.Match.Evidence, &rc.DSNAction, &rc.RemoteMTA, &rc.ReportingMTA, &rc.Command, &rc.Date} {
			if len(*s) > 1 {
				extra += jsonStringLen(*s) - 3 // the one byte "x" written instead, with its quotes
				*s = "x"
			}
		}
		buf = rc.appendJSON(buf[:0])
		n += len(buf) + extra
	}
	return n
}

// jsonStringLen returns len(appendString(nil, s)).
func jsonStringLen(s string) int {
	n := 2
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 0x20 && c != '"' && c != '\\':
				n++
			case c == '"' || c == '\\' || c == '\b' || c == '\f' || c == '\n' || c == '\r' || c == '\t':
				n += 2
			default:
				n += 6
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1, r == '\u2028', r == '\u2029':
			n += 6
		default:
			n += size
		}
		i += size
	}
	return n
}

// recipientTextLen returns the bytes of a record's strings: at most the
// bytes they take in its JSON form.
func recipientTextLen(r *Recipient) int {
	n := len(r.Recipient) + len(r.Diagnostic) + len(r.Explanation) + len(r.Action) + len(r.WhoActs) +
		len(r.Retry) + len(r.Reason) + len(r.Class) + len(r.Match.Entry) + len(r.Match.Provider) +
		len(r.Match.Evidence) + len(r.DSNAction) + len(r.RemoteMTA) + len(r.ReportingMTA) + len(r.Command) + len(r.Date)
	for _, d := range r.Match.Sources {
		n += len(d.ID) + len(d.Title) + len(d.URL)
	}
	return n
}
