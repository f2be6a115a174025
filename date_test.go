package bounce

import (
	"strings"
	"testing"
	"time"
)

// timeParseDate is the reading parseDate replaces: time.Parse over the
// layouts of RFC 5322 dates.
func timeParseDate(s string) (int64, bool) {
	s = strings.Join(strings.Fields(s), " ")
	if i := strings.IndexByte(s, '('); i > 0 {
		s = strings.TrimSpace(s[:i])
	}
	for _, l := range []string{
		"Mon, 2 Jan 2006 15:04:05 -0700",
		"2 Jan 2006 15:04:05 -0700",
		"Mon, 2 Jan 2006 15:04:05 MST",
		"Mon, 2 Jan 2006 15:04 -0700",
	} {
		if t, err := time.Parse(l, s); err == nil {
			return t.Unix(), true
		}
	}
	return 0, false
}

func TestParseDateAgreesWithTime(t *testing.T) {
	for _, s := range []string{
		"Mon, 2 Jan 2006 15:04:05 -0700",
		"Mon, 02 Jan 2006 15:04:05 -0700",
		"mon, 2 JAN 2006 15:04:05 +0000",
		"Tue, 29 Feb 2000 23:59:59 +0130",
		"Thu, 31 Dec 1969 00:00:00 -1200",
		"Sat, 1 Mar 2100 00:00:00 +0000",
		"2 Jan 2006 15:04:05 -0700",
		"Wed, 30 Nov 2026 07:15:00 GMT",
		"Wed, 30 Nov 2026 07:15:00 EST",
		"Wed, 30 Nov 2026 07:15 +0900",
		"Wed, 30 Nov 2026 07:15:00 +0900 (JST)",
		"  Wed,   30 Nov 2026\t07:15:00  -0000 ",
		"Fri, 1 Jan 1601 12:00:00 +0000",
		"Wed, 30 Nov 2026 07:15:00 +09", "Wed, 30 Nov 2026 07:15:00 -03", "Wed, 30 Nov 2026 07:15:00 GMT+3",
		// Not dates.
		"", "yesterday", "Wed, 30 Nov 2026", "Wed, 31 Nov 2026 07:15:00 +0000",
		"Tue, 29 Feb 2001 00:00:00 +0000", "Wed, 30 Nov 26 07:15:00 +0000",
		"Wed, 30 Nov 2026 24:00:00 +0000", "Wed, 30 Nov 2026 07:60:00 +0000",
		"Wed, 30 Nov 2026 07:15:60 +0000", "Wed, 30 Nov 2026 07:15:00 +1",
		"Wed, 30 Nov 2026 07:15:00 gmt", "Wed, 30 Nov 2026 07:15:00", "Xyz, 30 Nov 2026 07:15:00 +0000",
		"30 Nov 2026 7:5:00 +0000", "Wed, 0 Nov 2026 07:15:00 +0000", "Wed, 30 Nov 2026 07:15:00 +0000 extra",
	} {
		got, ok := parseDate(s)
		want, wantOK := timeParseDate(s)
		if ok != wantOK || got != want {
			t.Errorf("parseDate(%q) = %d, %v; time.Parse gives %d, %v", s, got, ok, want, wantOK)
		}
	}
}

func TestRetryPassed(t *testing.T) {
	if !retryPassed("Mon, 2 Jan 2006 15:04:05 +0000", "Mon, 2 Jan 2006 16:04:05 +0100") {
		t.Error("the same instant in two zones: the retry time has passed")
	}
	if retryPassed("Tue, 3 Jan 2006 15:04:05 +0000", "Mon, 2 Jan 2006 15:04:05 +0000") {
		t.Error("a retry time after the report's date has not passed")
	}
	if retryPassed("soon", "Mon, 2 Jan 2006 15:04:05 +0000") {
		t.Error("an unreadable date is not passed")
	}
}
