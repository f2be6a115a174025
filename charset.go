package bounce

import (
	"errors"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// decodeCharset converts text in the named charset to UTF-8. owned says
// that nothing will write b, so that valid UTF-8 is returned as a string
// sharing its bytes.
//
// UTF-8, US-ASCII, ISO-8859-1, ISO-8859-15 and Windows-1252 are decoded in
// full. For the East Asian multi-byte charsets (ISO-2022-JP, Shift_JIS,
// EUC-JP, EUC-KR, GB2312, GBK, Big5) only the ASCII text is kept and each
// run of other characters becomes one space: bounce diagnostics, codes and
// addresses are ASCII, and the conversion tables would cost more in the
// WebAssembly build than the classification gains. Other charsets are read
// as UTF-8 where valid, and otherwise by their ASCII bytes.
func decodeCharset(charset string, b []byte, owned bool) string {
	cs := toLower(strings.Trim(strings.TrimSpace(charset), `"'`))
	switch cs {
	case "", "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968":
		if !utf8.Valid(b) {
			return strings.ToValidUTF8(string(b), "\uFFFD")
		}
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "cp819":
		return latin(b, nil)
	case "iso-8859-15", "iso8859-15", "latin-9", "latin9", "iso_8859-15":
		return latin(b, iso885915)
	case "windows-1252", "cp1252", "x-cp1252":
		return latin(b, cp1252)
	case "iso-2022-jp", "iso-2022-jp-2", "csiso2022jp", "iso-2022-kr", "iso-2022-cn":
		return asciiOf2022(b)
	case "shift_jis", "shift-jis", "sjis", "x-sjis", "cp932", "windows-31j", "ms932",
		"euc-jp", "x-euc-jp", "euc-kr", "ks_c_5601-1987", "cp949", "uhc",
		"gb2312", "gbk", "gb18030", "cp936", "big5", "big5-hkscs", "euc-cn", "euc-tw":
		if !utf8.Valid(b) || hasHigh(b) {
			return asciiOfMultibyte(b)
		}
	default:
		if !utf8.Valid(b) {
			return asciiOfMultibyte(b)
		}
	}
	// Valid UTF-8, kept as it is.
	if owned && len(b) > 0 {
		return unsafe.String(&b[0], len(b))
	}
	return string(b)
}

// text returns the body of e decoded from its charset to UTF-8. A body
// that is the parser's own and valid UTF-8 becomes the string without a
// copy.
func (e *entity) text() string {
	return decodeCharset(e.params.get("charset"), e.body, e.owned)
}

func hasHigh(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return true
		}
	}
	return false
}

// latin decodes a single-byte charset that is ISO-8859-1 except for the
// bytes in diff (at most 0x80 to 0xBF).
func latin(b []byte, diff map[byte]rune) string {
	var sb strings.Builder
	sb.Grow(len(b) + len(b)/8)
	for _, c := range b {
		if c < 0x80 {
			sb.WriteByte(c)
			continue
		}
		if r, ok := diff[c]; ok {
			sb.WriteRune(r)
			continue
		}
		sb.WriteRune(rune(c))
	}
	return sb.String()
}

// iso885915 lists where ISO-8859-15 differs from ISO-8859-1.
var iso885915 = map[byte]rune{
	0xA4: '€', 0xA6: 'Š', 0xA8: 'š', 0xB4: 'Ž', 0xB8: 'ž', 0xBC: 'Œ', 0xBD: 'œ', 0xBE: 'Ÿ',
}

// cp1252 lists the Windows-1252 characters in 0x80 to 0x9F.
var cp1252 = map[byte]rune{
	0x80: '€', 0x82: '‚', 0x83: 'ƒ', 0x84: '„', 0x85: '…', 0x86: '†', 0x87: '‡',
	0x88: 'ˆ', 0x89: '‰', 0x8A: 'Š', 0x8B: '‹', 0x8C: 'Œ', 0x8E: 'Ž',
	0x91: '‘', 0x92: '’', 0x93: '“', 0x94: '”', 0x95: '•', 0x96: '–', 0x97: '—',
	0x98: '˜', 0x99: '™', 0x9A: 'š', 0x9B: '›', 0x9C: 'œ', 0x9E: 'ž', 0x9F: 'Ÿ',
}

// asciiOf2022 keeps the ASCII (and JIS-Roman) runs of ISO-2022 text and
// turns each run in a two-byte set into one space.
func asciiOf2022(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	ascii := true
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c == 0x1B && i+2 < len(b) {
			switch {
			case b[i+1] == '(' && (b[i+2] == 'B' || b[i+2] == 'J'):
				ascii = true
				i += 2
				continue
			case b[i+1] == '$' || b[i+1] == '(' || b[i+1] == ')':
				if ascii {
					sb.WriteByte(' ')
				}
				ascii = false
				i += 2
				if b[i-1] == '$' && i+1 < len(b) && (b[i] == '(' || b[i] == ')') {
					i++
				}
				continue
			}
		}
		if c == '\n' {
			ascii = true // the set resets at a line end
		}
		if c == 0x0E || c == 0x0F {
			continue
		}
		if ascii && c < 0x80 {
			sb.WriteByte(c)
		}
	}
	return sb.String()
}

// asciiOfMultibyte keeps the ASCII bytes of a multi-byte charset and turns
// each run of multi-byte characters into one space. A lead byte takes the
// next byte with it, since in Shift_JIS, GBK and Big5 the trail byte may be
// ASCII.
func asciiOfMultibyte(b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	inRun := false
	for i := 0; i < len(b); i++ {
		c := b[i]
		if c < 0x80 {
			sb.WriteByte(c)
			inRun = false
			continue
		}
		if !inRun {
			sb.WriteByte(' ')
			inRun = true
		}
		if c >= 0x81 && c != 0xFF && !(c >= 0xA1 && c <= 0xDF && i+1 < len(b) && b[i+1] < 0x80) && i+1 < len(b) {
			i++
		}
	}
	return sb.String()
}

// ErrCharset is returned by DecodeText for a charset it does not decode in
// full.
var ErrCharset = errors.New("bounce: unsupported charset; use UTF-8, US-ASCII, ISO-8859-1, ISO-8859-15 or Windows-1252")

// DecodeText converts text in the named charset to UTF-8, for input that
// arrives with a charset outside of any message header (such as an HTTP
// body of type text/plain). The charsets are those Parse decodes in full:
// UTF-8 (also when charset is empty), US-ASCII, ISO-8859-1, ISO-8859-15 and
// Windows-1252, by their common names; any other gives ErrCharset rather
// than text with characters lost. Invalid UTF-8 becomes U+FFFD.
func DecodeText(charset string, b []byte) (string, error) {
	cs := toLower(strings.Trim(strings.TrimSpace(charset), `"'`))
	switch cs {
	case "", "utf-8", "utf8", "us-ascii", "ascii", "ansi_x3.4-1968",
		"iso-8859-1", "iso8859-1", "latin1", "latin-1", "l1", "iso_8859-1", "cp819",
		"iso-8859-15", "iso8859-15", "latin-9", "latin9", "iso_8859-15",
		"windows-1252", "cp1252", "x-cp1252":
		return decodeCharset(cs, b, false), nil
	}
	return "", ErrCharset
}
