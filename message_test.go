package bounce

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzParse feeds whole messages to the parser, seeded from the golden
// corpus: no panic, and every report keeps the invariants of checkReport.
func FuzzParse(f *testing.F) {
	for _, file := range goldenFiles(f) {
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("Content-Type: multipart/mixed; boundary=x\n\n--x\nContent-Type: message/rfc822\n\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		rep, err := ParseBytes(b)
		if err != nil {
			return
		}
		checkReport(t, rep)
	})
}

// TestRecipientsInOrder checks that every recipient of a multi-recipient
// report appears, in the order of the report.
func TestRecipientsInOrder(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "dsn", "own-postfix-multi.eml"))
	if err != nil {
		t.Fatal(err)
	}
	rep, err := ParseBytes(b)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ addr, reason string }{
		{"zed@example.net", "userunknown"}, {"amy@example.com", "mailboxfull"}, {"bob@example.edu", "hostunknown"},
	}
	if len(rep.Recipients) != len(want) {
		t.Fatalf("got %d recipients, want %d", len(rep.Recipients), len(want))
	}
	for i, w := range want {
		if r := rep.Recipients[i]; r.Recipient != w.addr || r.Reason != w.reason {
			t.Errorf("recipient %d = %s %s, want %s %s", i, r.Recipient, r.Reason, w.addr, w.reason)
		}
	}
	if rep.Original == nil || rep.Original.Subject != "Réunion" || rep.Original.MessageID != "<abc123@example.org>" {
		t.Errorf("original = %+v", rep.Original)
	}
}

// TestUnseen checks the classifier on messages written for these tests in
// known formats, which tuning never looked at.
func TestUnseen(t *testing.T) {
	cases := []struct{ file, kind, reason, status string }{
		{"dsn/own-postfix-multi.eml", "dsn", "userunknown", "5.1.1"},
		{"dsn/own-delayed-expired.eml", "dsn", "expired", "4.4.1"},
		{"ndr/own-exim-quota.eml", "ndr", "mailboxfull", "5.2.2"},
		{"ndr/own-qmail-nouser.eml", "ndr", "userunknown", "5.1.1"},
		{"ndr/own-exchange-notfound.eml", "ndr", "userunknown", "5.1.10"},
		{"ndr/own-quoted-paste.eml", "ndr", "authfailure", "5.7.26"},
	}
	for _, c := range cases {
		b, err := os.ReadFile(filepath.Join("testdata", c.file))
		if err != nil {
			t.Fatal(err)
		}
		rep, err := ParseBytes(b)
		if err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if string(rep.Kind) != c.kind || len(rep.Recipients) == 0 {
			t.Errorf("%s: kind %s, %d recipients", c.file, rep.Kind, len(rep.Recipients))
			continue
		}
		if r := rep.Recipients[0]; r.Reason != c.reason || r.Status.String() != c.status {
			t.Errorf("%s: %s %s, want %s %s", c.file, r.Reason, r.Status, c.reason, c.status)
		}
	}
}

// TestNastyInput checks that hostile input gives a result or a clear error,
// never a panic or a silently cut answer.
func TestNastyInput(t *testing.T) {
	deep := nested // hostile_test.go
	cases := []struct {
		name string
		in   []byte
		err  error
	}{
		{"one 16 MiB line", bytes.Repeat([]byte("a"), MaxSize), nil},
		{"over 16 MiB", bytes.Repeat([]byte("a"), MaxSize+1), ErrTooLarge},
		{"16 MiB of newlines", bytes.Repeat([]byte("\n"), MaxSize), nil},
		{"16 MiB of header", append([]byte("Subject: "), bytes.Repeat([]byte("x "), MaxSize/2-8)...), nil},
		{"16 MiB of bare CR", bytes.Repeat([]byte("550 x\r"), MaxSize/6), nil},
		{"MIME nested within the limit", deep(MaxDepth - 2), nil},
		{"MIME nested too deep", deep(MaxDepth + 5), ErrTooDeep},
		{"unterminated boundary", []byte("From: MAILER-DAEMON@x.example\nContent-Type: multipart/report; boundary=zz\n\n--zz\nContent-Type: message/delivery-status\n\nFinal-Recipient: rfc822; a@b.example\nAction: failed\nStatus: 5.1.1\n"), nil},
		{"bad base64", []byte("From: MAILER-DAEMON@x.example\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n!!!*** not base64 ===\x00\xff"), nil},
		{"bad quoted-printable", []byte("From: MAILER-DAEMON@x.example\nContent-Transfer-Encoding: quoted-printable\n\n550 =ZZ =\n=4"), nil},
		{"NUL and invalid UTF-8", append([]byte("From: x@y.example\nSubject: \xff\xfe\x00\n\n550 5.1.1 \x00\xc3\x28 <a@b.example>: unknown\n"), bytes.Repeat([]byte{0, 0xff}, 1000)...), nil},
		{"many addresses", manyAddresses(20000), ErrTooManyRecipients},
		{"many reply lines", bytes.Repeat([]byte("550 5.1.1 no such user\n\n"), MaxRecipients+1), ErrTooManyRecipients},
		{"replies at the limit", bytes.Repeat([]byte("550 5.1.1 no such user\n\n"), MaxRecipients), nil},
		{"header folding bomb", append([]byte("Subject: x\n"), append(bytes.Repeat([]byte(" y\n"), MaxSize/3-8), "\n550 5.1.1 no\n"...)...), nil},
		{"many status blocks", append([]byte("Content-Type: message/delivery-status\n\n"), bytes.Repeat([]byte("Final-Recipient: rfc822; a@b.example\nAction: failed\nStatus: 5.1.1\n\n"), 20000)...), ErrTooManyRecipients},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			rep, err := ParseBytes(c.in)
			// How the work grows with the input is TestHostileLinear's
			// to check, as a ratio; a wall-clock limit here only measured
			// how busy the machine was.
			t.Logf("took %v", time.Since(start))
			if c.err != nil {
				if !errors.Is(err, c.err) {
					t.Fatalf("err = %v, want %v", err, c.err)
				}
				return
			}
			if err != nil {
				if !errors.Is(err, ErrTooManyRecipients) {
					t.Fatalf("err = %v", err)
				}
				return
			}
			checkReport(t, rep)
		})
	}
}

// BenchmarkCorpus parses every golden message once per iteration.
func BenchmarkCorpus(b *testing.B) {
	var msgs [][]byte
	size := 0
	for _, f := range goldenFiles(b) {
		m, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		msgs = append(msgs, m)
		size += len(m)
	}
	if len(msgs) == 0 {
		b.Skip("no golden files")
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, m := range msgs {
			ParseBytes(m)
		}
	}
	b.ReportMetric(float64(b.N*len(msgs))/b.Elapsed().Seconds(), "msgs/s")
}

// manyAddresses writes an NDR with n distinct failed recipients.
func manyAddresses(n int) []byte {
	var b bytes.Buffer
	b.WriteString("From: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail Returned to Sender\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "<user%d@example.com>: 550 5.1.1 no such user\n\n", i)
	}
	return b.Bytes()
}
