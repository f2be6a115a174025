package bounce

import (
	"bytes"
	"errors"
	"strings"
	"unicode/utf8"
)

// ErrTooDeep is returned for a message whose MIME parts (multipart bodies
// and attached messages) nest deeper than MaxDepth.
var ErrTooDeep = errors.New("bounce: MIME parts nested deeper than 32 levels")

// hField is one header field, its name in lower case and its value unfolded.
type hField struct {
	key, value string
}

// header is a header block in input order.
type header []hField

// get returns the first value of the field named key (lower case), or "".
func (h header) get(key string) string {
	for _, f := range h {
		if f.key == key {
			return f.value
		}
	}
	return ""
}

// has reports whether the field named key is present.
func (h header) has(key string) bool {
	for _, f := range h {
		if f.key == key {
			return true
		}
	}
	return false
}

// normalizeEOL turns CRLF and bare CR line ends into LF. The text between
// two CRs is copied as one run, not byte by byte.
func normalizeEOL(b []byte) []byte {
	i := bytes.IndexByte(b, '\r')
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i >= 0 {
		out = append(out, b[:i]...)
		out = append(out, '\n')
		b = b[i+1:]
		if len(b) > 0 && b[0] == '\n' {
			b = b[1:]
		}
		i = bytes.IndexByte(b, '\r')
	}
	return append(out, b...)
}

// isFieldName reports whether s is an RFC 5322 field name (printable
// ASCII without colon or space).
func isFieldName(s []byte) bool {
	if len(s) == 0 || len(s) > 76 {
		return false
	}
	for _, c := range s {
		if c <= ' ' || c >= 0x7f || c == ':' {
			return false
		}
	}
	return true
}

// readHeader reads a header block from b (LF line ends) and returns it with
// the rest of b after the blank line. A line that is neither a field nor a
// continuation ends the block: the rest is body.
//
// QUIRK: RFC 5322, section 2.2: a header block needs no blank line before
// the body when a line that cannot be a field follows it; pasted bounces and
// some MTAs' attached headers omit it.
func readHeader(b []byte) (header, []byte) {
	if bytes.HasPrefix(b, []byte("From ")) { // mbox separator
		if i := bytes.IndexByte(b, '\n'); i >= 0 {
			b = b[i+1:]
		} else {
			return nil, nil
		}
	}
	// The fields are gathered on the stack, their values one after another
	// in vals, so that a header block costs two allocations (its fields and
	// one string of all its values) however many fields it has; a value
	// folded over many lines grows in place, in time linear in its length.
	// A name that fieldKey does not know is written in lower case into vals
	// too, before its value, rather than allocated on its own.
	type span struct {
		key                string // "": the name is vals[kstart:start]
		kstart, start, end int
	}
	var sbuf [64]span
	var vbuf [4096]byte // a top header block with its Received fields often passes 2 KB
	spans, vals := sbuf[:0], vbuf[:0]
	done := func(rest []byte) (header, []byte) {
		if len(spans) == 0 {
			return nil, rest
		}
		spans[len(spans)-1].end = len(vals)
		all := string(vals)
		h := make(header, len(spans))
		for i, sp := range spans {
			key := sp.key
			if key == "" {
				key = all[sp.kstart:sp.start]
			}
			h[i] = hField{key: key, value: all[sp.start:sp.end]}
		}
		return h, rest
	}
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		line := b
		next := b[len(b):]
		if i >= 0 {
			line, next = b[:i], b[i+1:]
		}
		if len(bytes.TrimSpace(line)) == 0 {
			return done(next)
		}
		if line[0] == ' ' || line[0] == '\t' {
			if len(spans) > 0 {
				t := bytes.TrimSpace(line)
				if len(vals) > spans[len(spans)-1].start && len(t) > 0 {
					vals = append(vals, ' ')
				}
				vals = append(vals, t...)
				b = next
				continue
			}
			return nil, b
		}
		c := bytes.IndexByte(line, ':')
		if c <= 0 || !isFieldName(bytes.TrimRight(line[:c], " \t")) {
			return done(b)
		}
		if len(spans) > 0 {
			spans[len(spans)-1].end = len(vals)
		}
		// The name in lower case, kept in vals unless it is a common one.
		sp := span{kstart: len(vals)}
		for _, c := range bytes.TrimRight(line[:c], " \t") {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			vals = append(vals, c)
		}
		if sp.key = knownKey(vals[sp.kstart:]); sp.key != "" {
			vals = vals[:sp.kstart]
		}
		sp.start = len(vals)
		spans = append(spans, sp)
		vals = append(vals, bytes.TrimSpace(line[c+1:])...)
		b = next
	}
	return done(nil)
}

// knownKey returns the common field name k (in lower case) as a constant,
// or "" for any other name.
func knownKey(k []byte) string {
	switch string(k) {
	case "received":
		return "received"
	case "from":
		return "from"
	case "to":
		return "to"
	case "subject":
		return "subject"
	case "date":
		return "date"
	case "message-id":
		return "message-id"
	case "content-type":
		return "content-type"
	case "content-transfer-encoding":
		return "content-transfer-encoding"
	case "content-description":
		return "content-description"
	case "content-disposition":
		return "content-disposition"
	case "mime-version":
		return "mime-version"
	case "return-path":
		return "return-path"
	case "dkim-signature":
		return "dkim-signature"
	case "x-received":
		return "x-received"
	case "authentication-results":
		return "authentication-results"
	case "received-spf":
		return "received-spf"
	case "reporting-mta":
		return "reporting-mta"
	case "final-recipient":
		return "final-recipient"
	case "original-recipient":
		return "original-recipient"
	case "action":
		return "action"
	case "status":
		return "status"
	case "diagnostic-code":
		return "diagnostic-code"
	case "remote-mta":
		return "remote-mta"
	case "arrival-date":
		return "arrival-date"
	case "last-attempt-date":
		return "last-attempt-date"
	case "x-postfix-queue-id":
		return "x-postfix-queue-id"
	case "x-postfix-sender":
		return "x-postfix-sender"
	case "reply-to":
		return "reply-to"
	case "delivered-to":
		return "delivered-to"
	case "x-original-to":
		return "x-original-to"
	case "auto-submitted":
		return "auto-submitted"
	case "x-mailer":
		return "x-mailer"
	case "x-failed-recipients":
		return "x-failed-recipients"
	}
	return ""
}

// mediaType splits a Content-Type value into its lower-case type and
// parameters (names in lower case). It is tolerant of missing quotes and
// stray semicolons.
func mediaType(v string) (string, mediaParams) {
	typ, rest, _ := strings.Cut(v, ";")
	typ = toLower(strings.TrimSpace(typ))
	if i := strings.IndexAny(typ, " \t"); i >= 0 {
		typ = typ[:i]
	}
	var params mediaParams
	for rest != "" {
		rest = strings.TrimLeft(rest, " \t;")
		eq := strings.IndexByte(rest, '=')
		if eq < 0 {
			break
		}
		name := toLower(strings.TrimSpace(rest[:eq]))
		rest = strings.TrimLeft(rest[eq+1:], " \t")
		var val string
		if strings.HasPrefix(rest, `"`) {
			end := 1
			var sb strings.Builder
			escaped := false
			for end < len(rest) && rest[end] != '"' {
				if rest[end] == '\\' && end+1 < len(rest) {
					if !escaped {
						sb.WriteString(rest[1:end]) // the value so far
						escaped = true
					}
					end++
				}
				if escaped {
					sb.WriteByte(rest[end])
				}
				end++
			}
			val = rest[1:end] // no escape: the value as it stands
			if escaped {
				val = sb.String()
			}
			if end < len(rest) {
				end++
			}
			rest = rest[end:]
		} else {
			end := strings.IndexAny(rest, "; \t")
			if end < 0 {
				end = len(rest)
			}
			val, rest = rest[:end], rest[end:]
		}
		params.add(mediaParam{name, val})
	}
	return typ, params
}

// mediaParams are the parameters of a Content-Type, in order: the first
// four in place, since a Content-Type seldom has more, so that a MIME
// entity costs no allocation for them.
type mediaParams struct {
	first [4]mediaParam
	n     int
	more  []mediaParam // after the first four
}

type mediaParam struct{ name, value string }

func (ps *mediaParams) add(p mediaParam) {
	if ps.n < len(ps.first) {
		ps.first[ps.n] = p
		ps.n++
		return
	}
	ps.more = append(ps.more, p)
}

// get returns the value of the first parameter called name (lower case),
// or "".
func (ps *mediaParams) get(name string) string {
	for _, p := range ps.first[:ps.n] {
		if p.name == name {
			return p.value
		}
	}
	for _, p := range ps.more {
		if p.name == name {
			return p.value
		}
	}
	return ""
}

// entity is one MIME entity: a header, and either a decoded body, child
// parts (multipart) or an attached message (message/rfc822).
type entity struct {
	hdr    header
	ctype  string      // media type in lower case; "text/plain" by default
	params mediaParams // Content-Type parameters
	body   []byte      // body with the transfer encoding undone
	parts  []*entity   // children of a multipart
	msg    *entity     // the attached message of message/rfc822
	owned  bool        // body is the parser's own buffer, which nothing writes
}

// parseEntity reads an entity (header and body) from b, which has LF line
// ends. owned says that b is the parser's own buffer (a copy or a
// decoding), which nothing writes: text read from it need not be copied.
// depth counts the enclosing entities; parts counts the entities read so
// far in the message, against MaxParts.
func parseEntity(b []byte, owned bool, depth int, parts *int) (*entity, error) {
	h, body := readHeader(b)
	return parseBody(h, body, owned, depth, parts)
}

func parseBody(h header, body []byte, owned bool, depth int, parts *int) (*entity, error) {
	if depth > MaxDepth {
		return nil, ErrTooDeep
	}
	if *parts++; *parts > MaxParts+1 { // the message itself is no part
		return nil, ErrTooManyParts
	}
	e := &entity{hdr: h}
	e.ctype, e.params = mediaType(h.get("content-type"))
	if e.ctype == "" || !strings.Contains(e.ctype, "/") {
		e.ctype = "text/plain"
	}
	switch {
	case strings.HasPrefix(e.ctype, "multipart/"):
		ps := splitMultipart(body, e.params.get("boundary"), MaxParts+2-*parts)
		if *parts+len(ps) > MaxParts+1 {
			return nil, ErrTooManyParts
		}
		if len(ps) > 0 {
			e.parts = make([]*entity, 0, len(ps)) // nil without parts: walk reads it as text
		}
		for _, p := range ps {
			c, err := parseEntity(p, owned, depth+1, parts)
			if err != nil {
				return nil, err
			}
			e.parts = append(e.parts, c)
		}
		if len(e.parts) == 0 { // no boundary found: keep the body as text
			e.ctype = "text/plain"
			e.body, e.owned = body, owned
		}
	case e.ctype == "message/rfc822" || e.ctype == "message/global" || e.ctype == "message/partial":
		e.body, e.owned = decodeTransfer(h.get("content-transfer-encoding"), body, owned)
		m, err := parseEntity(e.body, e.owned, depth+1, parts)
		if err != nil {
			return nil, err
		}
		e.msg = m
	default:
		e.body, e.owned = decodeTransfer(h.get("content-transfer-encoding"), body, owned)
	}
	return e, nil
}

// splitMultipart returns the bodies of the parts between boundary lines.
// Without a boundary parameter, the first line starting with "--" is taken
// as the boundary. A missing close delimiter ends the last part at the end
// of the input.
//
// It stops after max parts, so that a caller over its limit finds out
// without a slice of all of them.
//
// QUIRK: RFC 2046, section 5.1.1: an unterminated multipart is read up to
// the end rather than refused.
func splitMultipart(body []byte, boundary string, max int) [][]byte {
	if boundary == "" {
		i := 0
		for i < len(body) {
			j := bytes.IndexByte(body[i:], '\n')
			line := body[i:]
			if j >= 0 {
				line = body[i : i+j]
			}
			if bytes.HasPrefix(line, []byte("--")) && len(bytes.TrimSpace(line)) > 2 {
				boundary = string(bytes.TrimSpace(line[2:]))
				break
			}
			if j < 0 {
				break
			}
			i += j + 1
		}
		if boundary == "" {
			return nil
		}
	}
	var dbuf [80]byte // a boundary is at most 70 bytes (RFC 2046, section 5.1.1)
	delim := append(append(dbuf[:0], "--"...), boundary...)
	var parts [][]byte
	start := -1
	pos := 0
	for pos <= len(body) {
		j := bytes.IndexByte(body[pos:], '\n')
		end := len(body)
		if j >= 0 {
			end = pos + j
		}
		line := body[pos:end]
		if bytes.HasPrefix(line, delim) {
			rest := bytes.TrimRight(line[len(delim):], " \t")
			closing := bytes.Equal(rest, []byte("--"))
			if closing || len(rest) == 0 {
				if start >= 0 {
					p := body[start:pos]
					p = bytes.TrimSuffix(p, []byte("\n"))
					if parts == nil {
						parts = make([][]byte, 0, 4) // one allocation for the usual few
					}
					if parts = append(parts, p); len(parts) >= max {
						return parts
					}
				}
				if closing {
					return parts
				}
				start = end + 1
				if start > len(body) {
					start = len(body)
				}
			}
		}
		if j < 0 {
			break
		}
		pos = end + 1
	}
	if start >= 0 && start < len(body) {
		parts = append(parts, body[start:])
	}
	return parts
}

// decodeTransfer undoes a Content-Transfer-Encoding. Damaged base64 or
// quoted-printable is decoded as far as it goes. The result is the
// parser's own when it is a decoding (a new buffer) or when b was.
func decodeTransfer(cte string, b []byte, owned bool) ([]byte, bool) {
	switch toLower(strings.TrimSpace(cte)) {
	case "base64":
		return decodeBase64(b), true
	case "quoted-printable":
		return decodeQP(b, false), true
	}
	return b, owned
}

// decodeBase64 decodes base64, skipping characters outside the alphabet and
// stopping at padding.
func decodeBase64(b []byte) []byte {
	out := make([]byte, 0, len(b)*3/4)
	var acc uint32
	n := 0
	for _, c := range b {
		var v byte
		switch {
		case c >= 'A' && c <= 'Z':
			v = c - 'A'
		case c >= 'a' && c <= 'z':
			v = c - 'a' + 26
		case c >= '0' && c <= '9':
			v = c - '0' + 52
		case c == '+' || c == '-':
			v = 62
		case c == '/' || c == '_':
			v = 63
		case c == '=':
			n = -1
		default:
			continue
		}
		if n < 0 {
			break
		}
		acc = acc<<6 | uint32(v)
		n++
		if n == 4 {
			out = append(out, byte(acc>>16), byte(acc>>8), byte(acc))
			acc, n = 0, 0
		}
	}
	switch n {
	case 2:
		out = append(out, byte(acc>>4))
	case 3:
		out = append(out, byte(acc>>10), byte(acc>>2))
	}
	return out
}

// decodeQP decodes quoted-printable; with underscore set, "_" stands for a
// space (RFC 2047 "Q" encoding). Invalid escapes are kept as they are.
func decodeQP(b []byte, underscore bool) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		c := b[i]
		switch {
		case c == '=' && i+2 < len(b) && unhex(b[i+1]) >= 0 && unhex(b[i+2]) >= 0:
			out = append(out, byte(unhex(b[i+1])<<4|unhex(b[i+2])))
			i += 2
		case c == '=':
			// soft line break: "=" then optional white space, then LF
			j := i + 1
			for j < len(b) && (b[j] == ' ' || b[j] == '\t') {
				j++
			}
			if j < len(b) && b[j] == '\n' {
				i = j
			} else if j == len(b) {
				i = j
			} else {
				out = append(out, c)
			}
		case c == '_' && underscore:
			out = append(out, ' ')
		default:
			out = append(out, c)
		}
	}
	return out
}

func unhex(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'A' && c <= 'F':
		return int(c - 'A' + 10)
	case c >= 'a' && c <= 'f':
		return int(c - 'a' + 10)
	}
	return -1
}

// decodeWords decodes RFC 2047 encoded words ("=?utf-8?B?...?=") in a
// header value. White space between adjacent encoded words is dropped.
func decodeWords(s string) string {
	if !strings.Contains(s, "=?") {
		return s
	}
	var sb strings.Builder
	lastEncoded := false
	pendingSpace := ""
	for s != "" {
		i := strings.Index(s, "=?")
		if i < 0 {
			sb.WriteString(pendingSpace)
			sb.WriteString(s)
			break
		}
		pre := s[:i]
		word, rest, ok := encodedWord(s[i:])
		if !ok {
			sb.WriteString(pendingSpace)
			sb.WriteString(s[:i+2])
			s = s[i+2:]
			pendingSpace, lastEncoded = "", false
			continue
		}
		if !(lastEncoded && strings.TrimSpace(pre) == "") {
			sb.WriteString(pendingSpace)
			sb.WriteString(pre)
		}
		sb.WriteString(word)
		lastEncoded = true
		pendingSpace = ""
		s = rest
		// keep white space until we know whether another word follows
		j := 0
		for j < len(s) && (s[j] == ' ' || s[j] == '\t') {
			j++
		}
		pendingSpace, s = s[:j], s[j:]
	}
	return sb.String()
}

// encodedWord decodes one "=?charset?enc?text?=" at the start of s.
func encodedWord(s string) (string, string, bool) {
	parts := strings.SplitN(s[2:], "?", 4)
	if len(parts) < 4 || len(parts[1]) != 1 || !strings.HasPrefix(parts[3], "=") || len(parts[0]) > 64 {
		return "", "", false
	}
	end := len(parts[2])
	cs := parts[0]
	if k := strings.IndexByte(cs, '*'); k >= 0 { // RFC 2231 language
		cs = cs[:k]
	}
	text := parts[2][:end]
	consumed := 2 + len(parts[0]) + 1 + 1 + 1 + end + 2
	var raw []byte
	switch parts[1] {
	case "B", "b":
		raw = decodeBase64([]byte(text))
	case "Q", "q":
		raw = decodeQP([]byte(text), true)
	default:
		return "", "", false
	}
	return decodeCharset(cs, raw, true), s[consumed:], true // raw is a new decoding
}

// textOf returns the text of a text/* entity as UTF-8; HTML is reduced to
// its text.
func textOf(e *entity) string {
	s := e.text()
	if e.ctype == "text/html" {
		s = htmlText(s)
	}
	return s
}

// htmlText strips tags and comments from HTML, turns block ends into line
// ends and decodes the common entities.
func htmlText(s string) string {
	var sb strings.Builder
	sb.Grow(len(s))
	lastHigh := -1 // the last byte of s outside ASCII
	for k := len(s) - 1; k >= 0; k-- {
		if s[k] >= utf8.RuneSelf {
			lastHigh = k
			break
		}
	}
	for i := 0; i < len(s); {
		c := s[i]
		if c == '<' {
			if strings.HasPrefix(s[i:], "<!--") {
				if j := strings.Index(s[i+4:], "-->"); j >= 0 {
					i += 4 + j + 3
				} else {
					i = len(s)
				}
				continue
			}
			j := strings.IndexByte(s[i:], '>')
			if j < 0 {
				break
			}
			// Lower-casing leaves "/", space, tab and line end where they
			// are, so the name is cut out first and lower-cased alone.
			tag := strings.TrimLeft(s[i+1:i+j], "/")
			if k := strings.IndexAny(tag, " \t\n/"); k >= 0 {
				tag = tag[:k]
			}
			tag = toLower(tag)
			switch tag {
			case "br", "p", "div", "tr", "li", "h1", "h2", "h3", "h4", "table", "blockquote", "pre":
				sb.WriteByte('\n')
			case "td", "th":
				sb.WriteByte(' ')
			case "style", "script", "head", "title":
				if !strings.HasPrefix(s[i+1:], "/") {
					if k := indexLower(s[i+j:], i+j > lastHigh, "</"+tag); k >= 0 {
						i += j + k
						continue
					}
				}
			}
			i += j + 1
			continue
		}
		if c == '&' {
			if j := strings.IndexByte(s[i:min(i+10, len(s))], ';'); j > 1 {
				if r, ok := htmlEntity(s[i+1 : i+j]); ok {
					sb.WriteString(r)
					i += j + 1
					continue
				}
			}
		}
		sb.WriteByte(c)
		i++
	}
	return sb.String()
}

// indexLower is strings.Index(toLower(s), w) for a lower-case ASCII
// w. ascii says s is ASCII, when it is found without lower-casing s.
func indexLower(s string, ascii bool, w string) int {
	if !ascii {
		return strings.Index(toLower(s), w)
	}
	for i := 0; i+len(w) <= len(s); {
		k := strings.IndexByte(s[i:len(s)-len(w)+1], w[0])
		if k < 0 {
			return -1
		}
		i += k
		if equalLower(s[i:i+len(w)], w) {
			return i
		}
		i++
	}
	return -1
}

// equalLower reports whether ASCII s in lower case is w.
func equalLower(s, w string) bool {
	for k := 0; k < len(w); k++ {
		c := s[k]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != w[k] {
			return false
		}
	}
	return true
}

func htmlEntity(name string) (string, bool) {
	switch name {
	case "amp":
		return "&", true
	case "lt":
		return "<", true
	case "gt":
		return ">", true
	case "quot":
		return `"`, true
	case "apos", "#39":
		return "'", true
	case "nbsp", "#160":
		return " ", true
	}
	return "", false
}
