package bounce

import (
	"bytes"
	"io"
	"net/mail"
)

// looksLikeMessage reports whether b starts with an RFC 5322 header block.
func looksLikeMessage(b []byte) bool {
	if bytes.HasPrefix(b, []byte("From ")) {
		return true
	}
	end := bytes.Index(b, []byte("\n\n"))
	if end < 0 {
		end = bytes.Index(b, []byte("\r\n\r\n"))
	}
	if end < 0 {
		return false
	}
	for _, l := range bytes.Split(b[:end], []byte("\n")) {
		l = bytes.TrimRight(l, "\r")
		if len(l) == 0 || l[0] == ' ' || l[0] == '\t' {
			continue
		}
		i := bytes.IndexByte(l, ':')
		if i <= 0 || bytes.ContainsAny(l[:i], " \t") {
			return false
		}
	}
	return true
}

// parseMessage reads a whole bounce message.
func parseMessage(b []byte) (*Report, error) {
	m, err := mail.ReadMessage(bytes.NewReader(b))
	if err != nil {
		return parseText(string(b), ""), nil
	}
	body, _ := io.ReadAll(m.Body)
	return parseText(string(body), ""), nil
}
