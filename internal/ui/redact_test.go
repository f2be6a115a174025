package ui

import (
	"math/rand/v2"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// The expressions that Redact's scanners implement: the reference the
// scanners are checked against. Only tests import regexp.
var (
	reAddress = regexp.MustCompile(`[A-Za-z0-9._%+=!#$&'*/?^{|}~-]+@(?:[A-Za-z0-9-]+\.)*[A-Za-z0-9-]+`)
	reIPv6    = regexp.MustCompile(`(?i)\b(?:[0-9a-f]{1,4}:){7}[0-9a-f]{1,4}\b|\b(?:[0-9a-f]{1,4}:)+:(?:[0-9a-f]{1,4}:)*[0-9a-f]{1,4}\b`)
	reIPv4    = regexp.MustCompile(`\b(?:\d{1,3}\.){3}\d{1,3}\b`)
	reHost    = regexp.MustCompile(`\b(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z][A-Za-z0-9-]{0,61}[A-Za-z0-9]\b`)
)

// numbering gives each distinct value (ignoring ASCII case) of a kind
// its own numbered mask, independently of the Redactor's code.
type numbering map[string][]string

func (n numbering) fn(kind string) func(string) string {
	return func(v string) string {
		v = strings.ToLower(v)
		for i, seen := range n[kind] {
			if seen == v {
				return "[" + kind + " " + strconv.Itoa(i+1) + "]"
			}
		}
		n[kind] = append(n[kind], v)
		return "[" + kind + " " + strconv.Itoa(len(n[kind])) + "]"
	}
}

func redactRegexpWith(n numbering, s string) string {
	s = reAddress.ReplaceAllStringFunc(s, n.fn(MaskAddress))
	s = reIPv6.ReplaceAllStringFunc(s, n.fn(MaskIP))
	s = reIPv4.ReplaceAllStringFunc(s, n.fn(MaskIP))
	return reHost.ReplaceAllStringFunc(s, n.fn(MaskHost))
}

func redactRegexp(s string) string { return redactRegexpWith(numbering{}, s) }

func fixed(mask string) func(string) string { return func(string) string { return mask } }

// checkRedact compares Redact with the expressions, and each scanner
// alone with its expression, on s.
func checkRedact(t *testing.T, s string) {
	t.Helper()
	for _, c := range []struct {
		name  string
		re    *regexp.Regexp
		match func(string, int) (int, int)
		mask  string
	}{
		{"address", reAddress, matchAddress, "[address]"},
		{"IPv6", reIPv6, matchIPv6, "[IP]"},
		{"IPv4", reIPv4, matchIPv4, "[IP]"},
		{"host", reHost, hostMatcher{map[int]int{}}.match, "[host]"},
	} {
		if got, want := replaceAll(s, c.match, fixed(c.mask)), c.re.ReplaceAllLiteralString(s, c.mask); got != want {
			t.Fatalf("%s scanner on %q:\n got %q\nwant %q", c.name, s, got, want)
		}
	}
	if got, want := Redact(s), redactRegexp(s); got != want {
		t.Fatalf("Redact(%q):\n got %q\nwant %q", s, got, want)
	}
	// One Redactor over two texts numbers on from the first: the text
	// twice, and its upper-cased form, give the masks of the first time.
	rd, n := NewRedactor(), numbering{}
	for _, x := range []string{s, s, strings.ToUpper(s)} {
		if got, want := rd.String(x), redactRegexpWith(n, x); got != want {
			t.Fatalf("Redactor.String(%q) after %q:\n got %q\nwant %q", x, s, got, want)
		}
	}
}

func TestRedactScannersTable(t *testing.T) {
	long := strings.Repeat("a", 62)
	for _, s := range []string{
		"", "@", "a@", "@b", "a@b", "a@b.", "a@b.c", "a@b..c", "a@b.c.@d", "x a.b@c-d.e_f g",
		"<bob@example.org>", "a@b@c", "a@@b", "é@b", "a@é", "a.@-.-", "%+@x.y.z.",
		"1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8:9", "1:2:3:4:5:6:7:8g", "1:2:3:4:5:6:7:12345",
		"1::2", "::1", "1::", "1::2:3", "1::2:3:", "1::2:3g", "1::2:3:x", "1:2::3::4", "fe80::1%eth0",
		"2001:DB8::1", "2001:db8:0:0:0:0:2:1", "[IPv6:2001:db8::1]", "a1::2", "_1::2", "12345::1",
		"10:23:45", "1:2:3:4:5:6:7:8:9:a:b:c::d",
		"1.2.3.4", "1.2.3.4.5", "1234.2.3.4", "1.2.3.4567", "v1.2.3.4", "1.2.3.4_", "[198.51.100.25]",
		"mx.example.org", "example.com-bar", "a.b", "a.bc", "a.1c", "1.2.3.com", "x.y-.com", "-a.com",
		"a-b.com", "a--b.c--d", "mx_1.example.org", "www.example.com.", "a." + long + "b.com",
		long + "bb.com", "a." + long + "bbb", "a.b." + long + "bb-c", "sub.example.co.uk:25",
		"https://support.google.com/mail/?p=NoSuchUser", "1.1.1.1.1.1.1.1.1.1.a",
		"\xff1.2.3.4", "1.2.3.4\xff", "é1.2.3.4", "a.b\xe2\x82", "ab.c.d.e9.f.1",
	} {
		checkRedact(t, s)
	}
}

// randomText makes text from the pieces that the expressions care about,
// so that near misses (too long, a wrong neighbour, a missing part) are
// frequent.
func randomText(r *rand.Rand) string {
	pieces := []string{"a", "b", "F", "z", "0", "1", "9", "12", "123", "1234", "12345", "abcd", "abcde",
		".", ".", ":", ":", "::", "@", "-", "_", " ", "%", "+", "~", "[", "]", "é", "\xff", "\n",
		"example", "com", "mx", strings.Repeat("x", 61), strings.Repeat("y", 62), strings.Repeat("9", 63)}
	var b strings.Builder
	for n := r.IntN(40); n > 0; n-- {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

func TestRedactScannersRandom(t *testing.T) {
	n := 50000
	if testing.Short() {
		n = 5000
	}
	r := rand.New(rand.NewPCG(1, 2))
	for range n {
		checkRedact(t, randomText(r))
	}
}

func FuzzRedact(f *testing.F) {
	for _, s := range []string{"<bob@example.org>: host mx.example.org[198.51.100.25] said: 550 5.1.1",
		"Client host [IPv6:2001:db8::1] blocked", "1::2:3:x", "a.b.c-d.e", "1.2.3.4"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { checkRedact(t, s) })
}

// TestRedactLinear runs the scanners on long runs of near misses (labels
// without a top-level label, groups without "::", '@' without a local
// part): a scanner that went back over the run for each start would take
// minutes here.
func TestRedactLinear(t *testing.T) {
	for _, s := range []string{strings.Repeat("1.", 200000), strings.Repeat("1a:", 200000),
		strings.Repeat("a-", 200000) + "a.1", strings.Repeat("1.2.", 100000), strings.Repeat("a@", 200000)} {
		if got, want := Redact(s), redactRegexp(s); got != want {
			t.Errorf("Redact differs from the expressions on a %d-byte text", len(s))
		}
	}
}

func TestFragmentEscaping(t *testing.T) {
	var all strings.Builder
	for c := range 256 {
		all.WriteByte(byte(c))
	}
	for _, s := range []string{all.String(), "550 5.1.1 <a+b@example.com> 100% & #x=1\r\nnext", "é 🙂", ""} {
		want := "text=" + strings.ReplaceAll(url.QueryEscape(s), "+", "%20")
		if got := PlainFragment(s); got != want {
			t.Errorf("PlainFragment(%q) = %q, want %q", s, got, want)
		}
	}
	for _, v := range []string{"", "%", "%4", "%41", "%4g", "%g4", "a%2", "a%20b", "%2B+", "%e2%82%AC", "%%41",
		"100%", "%zz", "%0A%0d", "plain", "%41%"} {
		got, ok := unescape(v)
		want, err := url.PathUnescape(v)
		if ok != (err == nil) || got != want {
			t.Errorf("unescape(%q) = %q, %v; PathUnescape gives %q, %v", v, got, ok, want, err)
		}
	}
}

func FuzzUnescape(f *testing.F) {
	f.Add("a%20b%")
	f.Fuzz(func(t *testing.T, v string) {
		got, ok := unescape(v)
		want, err := url.PathUnescape(v)
		if ok != (err == nil) || got != want {
			t.Errorf("unescape(%q) = %q, %v; PathUnescape gives %q, %v", v, got, ok, want, err)
		}
		if got, want := PlainFragment(v), "text="+strings.ReplaceAll(url.QueryEscape(v), "+", "%20"); got != want {
			t.Errorf("PlainFragment(%q) = %q, want %q", v, got, want)
		}
	})
}
