package ui

import "strings"

// Fragment returns the URL fragment (without "#") that carries text in a
// permalink: "text=" and the text percent-encoded, every byte but the
// unreserved characters of RFC 3986 (letters, digits, "-", ".", "_" and
// "~") as %XX. A fragment is never sent to a server.
func Fragment(text string) string {
	const hex = "0123456789ABCDEF"
	b := make([]byte, 0, len("text=")+len(text)+len(text)/2)
	b = append(b, "text="...)
	for i := 0; i < len(text); i++ {
		c := text[i]
		if isAlnum(c) || c == '-' || c == '.' || c == '_' || c == '~' {
			b = append(b, c)
		} else {
			b = append(b, '%', hex[c>>4], hex[c&15])
		}
	}
	return string(b)
}

// TextFromFragment returns the text that a permalink fragment (with or
// without its "#") carries, and whether it carries one.
func TextFromFragment(frag string) (string, bool) {
	frag = strings.TrimPrefix(frag, "#")
	for _, kv := range strings.Split(frag, "&") {
		v, ok := strings.CutPrefix(kv, "text=")
		if !ok {
			continue
		}
		return unescape(v)
	}
	return "", false
}

// unescape decodes the %XX escapes of s, and reports false when a '%' is
// not followed by two hex digits. Other bytes, '+' among them, are kept.
func unescape(s string) (string, bool) {
	if strings.IndexByte(s, '%') < 0 {
		return s, true
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b = append(b, s[i])
			continue
		}
		if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			return "", false
		}
		b = append(b, unhex(s[i+1])<<4|unhex(s[i+2]))
		i += 2
	}
	return string(b), true
}

func unhex(c byte) byte {
	if isDigit(c) {
		return c - '0'
	}
	return (c | 0x20) - 'a' + 10
}
