package catalog

import (
	"strconv"
	"testing"
)

// ReplyCode must take a query as a reply code exactly when strconv.Atoi
// read a three-character query as a number, and give the same number.
func TestReplyCodeAsAtoi(t *testing.T) {
	const chars = "0123456789+-. a\x00\xff"
	var q [3]byte
	for _, a := range []byte(chars) {
		for _, b := range []byte(chars) {
			for _, c := range []byte(chars) {
				q = [3]byte{a, b, c}
				s := string(q[:])
				want, err := strconv.Atoi(s)
				got, ok := ReplyCode(s)
				if ok != (err == nil) || (ok && got != want) {
					t.Errorf("ReplyCode(%q) = %d, %v; strconv.Atoi: %d, %v", s, got, ok, want, err)
				}
			}
		}
	}
	for _, s := range []string{"", "5", "55", "5500", "+550", "-550", "0550"} {
		if n, ok := ReplyCode(s); ok {
			t.Errorf("ReplyCode(%q) = %d, true; want false (not three characters)", s, n)
		}
	}
}
