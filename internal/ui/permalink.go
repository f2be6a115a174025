package ui

import "strings"

// MaxFragment is the longest fragment a permalink may have: 32 KiB.
// Longer links are cut or refused by mail clients, chat tools and some
// browsers.
const MaxFragment = 32 << 10

// MaxLinkText caps what a link may expand to, as the page caps a paste.
const MaxLinkText = 16 << 20

// A permalink's fragment is "z=" and the text compressed with raw DEFLATE
// (RFC 1951; CompressionStream("deflate-raw") in the browser) in unpadded
// base64url (RFC 4648, section 5). The older form, "text=" and the text
// percent-encoded, is still read. A fragment is never sent to a server.

// Fragment returns the fragment (without "#") for the compressed text, and
// false when it would be longer than MaxFragment.
func Fragment(deflated []byte) (string, bool) {
	n := (len(deflated)*8 + 5) / 6
	if 2+n > MaxFragment {
		return "", false
	}
	return "z=" + base64URL(deflated), true
}

// PlainFragment is the older form of a permalink fragment: "text=" and the
// text percent-encoded, every byte but the unreserved characters of RFC
// 3986 as %XX.
func PlainFragment(text string) string {
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

// Link is what a permalink fragment carries.
type Link struct {
	Deflated []byte // "z=": the compressed text, to inflate
	Text     string // "text=": the text
	Entry    string // "entry=": a catalog entry's ID
	Browse   string // "catalog=": a provider or class to list, "provider:google"
	Kind     string // "z", "text", "entry" or "catalog"; "" for none
	Damaged  bool   // a z= or text= that could not be decoded
}

// ParseFragment reads a fragment (with or without its "#"): a bounce
// ("z=", "text="), a catalog entry ("entry=ID") or a part of the catalog
// to list ("catalog=provider:google", "catalog=class:permanent").
func ParseFragment(frag string) Link {
	frag = strings.TrimPrefix(frag, "#")
	for _, kv := range strings.Split(frag, "&") {
		k, v, _ := strings.Cut(kv, "=")
		switch k {
		case "z":
			b, ok := unbase64URL(v)
			return Link{Kind: k, Deflated: b, Damaged: !ok || len(b) == 0}
		case "text":
			t, ok := unescape(v)
			return Link{Kind: k, Text: t, Damaged: !ok}
		case "entry":
			id, ok := unescape(v)
			if ok && id != "" {
				return Link{Kind: k, Entry: id}
			}
		case "catalog":
			f, ok := unescape(v)
			if ok && f != "" {
				return Link{Kind: k, Browse: f}
			}
		}
	}
	return Link{}
}

// TextFromFragment returns the text of a "text=" fragment, and whether it
// carries one.
func TextFromFragment(frag string) (string, bool) {
	l := ParseFragment(frag)
	return l.Text, l.Kind == "text" && !l.Damaged
}

const b64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"

// base64URL is unpadded base64url (package encoding/base64 would bring
// encoding/binary and reflect into bounce.wasm).
func base64URL(b []byte) string {
	out := make([]byte, 0, (len(b)*8+5)/6)
	for i := 0; i < len(b); i += 3 {
		var v uint32
		n := min(3, len(b)-i)
		for k := 0; k < 3; k++ {
			v <<= 8
			if k < n {
				v |= uint32(b[i+k])
			}
		}
		for k := 0; k <= n; k++ {
			out = append(out, b64[v>>(18-6*k)&63])
		}
	}
	return string(out)
}

// unbase64URL decodes unpadded (or padded) base64url.
func unbase64URL(s string) ([]byte, bool) {
	s = strings.TrimRight(s, "=")
	if len(s)%4 == 1 {
		return nil, false
	}
	out := make([]byte, 0, len(s)*3/4)
	var v uint32
	bits := 0
	for i := 0; i < len(s); i++ {
		d := strings.IndexByte(b64, s[i])
		if d < 0 {
			return nil, false
		}
		v = v<<6 | uint32(d)
		bits += 6
		if bits >= 8 {
			bits -= 8
			out = append(out, byte(v>>bits))
		}
	}
	return out, true
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
