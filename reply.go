package bounce

import (
	"iter"
	"strings"
)

// reply is one SMTP reply found in text.
type reply struct {
	code   int    // reply code, 0 if absent
	status Status // enhanced code, zero if absent
	text   string // the reply's text, unfolded, without codes
}

// splitLines splits text at LF, CRLF or a bare CR, keeping empty lines.
func splitLines(text string) []string {
	if strings.IndexByte(text, '\r') >= 0 {
		text = strings.ReplaceAll(text, "\r\n", "\n")
		text = strings.ReplaceAll(text, "\r", "\n")
	}
	return strings.Split(text, "\n")
}

// stripQuote removes the leading white space and "> " quote markers that a
// mail client adds when a bounce is quoted in a reply.
func stripQuote(line string) string {
	for {
		line = strings.TrimLeft(line, " \t")
		if !strings.HasPrefix(line, ">") {
			return line
		}
		line = line[1:]
	}
}

// replyLine splits an RFC 5321 reply line: a code from 200 to 599, then a
// space, a hyphen (more lines follow) or the end of the line.
func replyLine(line string) (code int, more bool, rest string, ok bool) {
	if len(line) < 3 || line[0] < '2' || line[0] > '5' || !digit(line[1]) || !digit(line[2]) {
		return 0, false, "", false
	}
	code = int(line[0]-'0')*100 + int(line[1]-'0')*10 + int(line[2]-'0')
	switch {
	case len(line) == 3:
		return code, false, "", true
	case line[3] == ' ' || line[3] == '\t':
		return code, false, line[4:], true
	case line[3] == '-':
		return code, true, line[4:], true
	}
	return 0, false, "", false
}

func digit(c byte) bool { return '0' <= c && c <= '9' }

// leadingStatus reads an enhanced status code at the start of s, written
// plain, after '#' (qmail, Cisco) or in brackets, and returns it with the
// rest of s.
func leadingStatus(s string) (Status, string) {
	t := strings.TrimLeft(s, " \t")
	open := byte(0)
	if t != "" && (t[0] == '#' || t[0] == '[' || t[0] == '(' || t[0] == '\'' || t[0] == '"') {
		open = t[0]
		t = t[1:]
	}
	var st Status
	n, ok := scanStatus(t, 0, &st)
	if !ok {
		return Status{}, s
	}
	t = t[n:]
	if open == '[' && strings.HasPrefix(t, "]") || open == '(' && strings.HasPrefix(t, ")") {
		t = t[1:]
	}
	if t != "" && t[0] != ' ' && t[0] != '\t' && t[0] != ':' && t[0] != ',' && t[0] != ';' {
		return Status{}, s // "5.1.1abc" is no code
	}
	return st, strings.TrimLeft(t, " \t:")
}

// findReplies returns the replies whose lines start with a reply code
// (replies gives them one by one).
func findReplies(text string) []reply {
	var out []reply
	for r := range replies(text) {
		out = append(out, r)
	}
	return out
}

// replies yields the replies whose lines start with a reply code.
// Continuation lines ("550-5.1.1 ...") are joined to their reply, and so are
// lines without a code that follow a reply, up to a blank line, since pasted
// text is often re-wrapped. It reads the text only as far as the caller
// takes replies, so a caller that needs the first, or a capped number, pays
// for those alone. Its loop is eachReply, which is not inlined: inlined,
// the loop was copied into each of its four callers (some 3.5 KB of
// bounce.wasm's code each), while the caller's loop body runs once per
// reply, not per line. replies itself is inlined, so that neither the
// sequence nor the caller's loop body escapes to the heap.
func replies(text string) iter.Seq[reply] {
	return func(yield func(reply) bool) { eachReply(text, yield) }
}

// eachReply calls yield with each reply of text, as replies yields them,
// until yield returns false.
//
//go:noinline
func eachReply(text string, yield func(reply) bool) {
	var cur reply
	open := false
	var bbuf [512]byte // a reply's text, on the stack while it is short
	body := bbuf[:0]
	more := false
	// end yields the reply being read, if any; false means stop.
	end := func() bool {
		if !open {
			return true
		}
		open = false
		cur.text = joinFieldsBytes(body)
		body = body[:0]
		return yield(cur)
	}
	for rest := text; rest != ""; {
		var line string
		line, rest = nextLine(rest)
		l := stripQuote(line)
		if l == "" {
			if !end() {
				return
			}
			continue
		}
		code, m, after, ok := replyLine(l)
		if ok {
			st, after := leadingStatus(after)
			if !open || !more || cur.code != code {
				if !end() {
					return
				}
				cur, open = reply{code: code, status: st}, true
			} else if cur.status.IsZero() {
				cur.status = st
			}
			more = m
			body = append(body, after...)
			body = append(body, ' ')
			continue
		}
		if open {
			body = append(body, l...)
			body = append(body, ' ')
		}
	}
	end()
}

// nextLine returns the first line of text, without its line end (LF, CRLF
// or a bare CR, as splitLines splits), and the text after it.
func nextLine(text string) (line, rest string) {
	for i := 0; i < len(text); i++ {
		switch text[i] {
		case '\n':
			return text[:i], text[i+1:]
		case '\r':
			if i+1 < len(text) && text[i+1] == '\n' {
				return text[:i], text[i+2:]
			}
			return text[:i], text[i+1:]
		}
	}
	return text, ""
}

// failingReplyLine reports whether a line of text starts with a reply code
// of 400 or more: whether replies yields a failing reply, since every line
// of a reply carries the code it starts with.
func failingReplyLine(text string) bool {
	for rest := text; rest != ""; {
		var line string
		line, rest = nextLine(rest)
		if code, _, _, ok := replyLine(stripQuote(line)); ok && code >= 400 {
			return true
		}
	}
	return false
}

// findCodes looks for a reply code and an enhanced status code anywhere in
// text, for replies quoted inside a sentence ("host said: 550 5.1.1 ...").
// A reply code counts only when an enhanced code follows it, or when it
// follows "said:", "returned" or similar; an enhanced code counts alone.
func findCodes(text string) (code int, st Status, at int) {
	at = -1
	bare, bareAt := 0, -1 // a reply code quoted without an enhanced code
	for i := 0; i+5 <= len(text); i++ {
		c := text[i]
		if c != '2' && c != '4' && c != '5' || i > 0 && (digit(text[i-1]) || text[i-1] == '.') {
			continue
		}
		if digit(text[i+1]) && digit(text[i+2]) && (text[i+3] == ' ' || text[i+3] == '-') && (i+4 >= len(text) || !digit(text[i+4]) || text[i+4] != '.') {
			code := int(c-'0')*100 + int(text[i+1]-'0')*10 + int(text[i+2]-'0')
			if s, _ := leadingStatus(text[i+4:]); !s.IsZero() {
				return code, s, i
			}
			if code >= 400 && bare == 0 && quotesReply(text[:i]) {
				bare, bareAt = code, i
			}
		}
		var s Status
		if c == '2' {
			continue // "2.4.5" alone is more often a version than a success code
		}
		if n, ok := scanStatus(text, i, &s); ok && (n == len(text) || !digit(text[n]) && text[n] != '.') {
			if st.IsZero() {
				st, at = s, i
			}
		}
	}
	if bare != 0 {
		return bare, st, bareAt
	}
	return 0, st, at
}

// quotesReply reports whether the text before a code introduces a server's
// reply: "said:", "returned '", "error:" and the like.
func quotesReply(before string) bool {
	b := strings.TrimRight(before, " \t")
	b = toLower(b[max(len(b)-16, 0):]) // the longest word below is 8 bytes: the tail decides, in constant time
	for _, w := range []string{"said:", "said", "returned", ":", "'", "\"", "(", "answered"} {
		if strings.HasSuffix(b, w) {
			return true
		}
	}
	return false
}
