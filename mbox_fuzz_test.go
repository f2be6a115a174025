package bounce

import (
	"bytes"
	"errors"
	"testing"
)

// FuzzSplitMbox checks splitMbox on any input: it never panics; without
// an error, its parts are the input cut in order (they join to it again),
// at least two and at most MaxMessages, and each but the first starts a
// message with a "From " line followed by a header field; over
// MaxMessages it gives ErrTooManyMessages. Parse must then give a result
// or one of the documented errors.
func FuzzSplitMbox(f *testing.F) {
	f.Add([]byte("From a\nSubject: x\n\n550 5.1.1 no\nFrom b\nFrom: y\n\n421 later\n"))
	f.Add([]byte("cover note\nFrom x\nA: b\n"))
	f.Add([]byte("From here on, nothing.\nthanks\n"))
	f.Add(bytes.Repeat([]byte("From x\nA: b\n"), 20))
	f.Add([]byte("From x\r\nA: b\r\n\r\nFrom y\r\nB: c\r\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		parts, err := splitMbox(b)
		switch {
		case errors.Is(err, ErrTooManyMessages):
			if n := bytes.Count(b, []byte("From ")); n < MaxMessages {
				t.Fatalf("ErrTooManyMessages with %d \"From \"", n)
			}
		case err != nil:
			t.Fatalf("error %v", err)
		case parts != nil:
			if len(parts) < 2 || len(parts) > MaxMessages {
				t.Fatalf("%d parts", len(parts))
			}
			if !bytes.Equal(bytes.Join(parts, nil), b) {
				t.Fatal("the parts do not join to the input")
			}
			for i, p := range parts[1:] {
				nl := bytes.IndexByte(p, '\n')
				if !bytes.HasPrefix(p, []byte("From ")) || nl < 0 || !fieldLine(p[nl+1:]) {
					t.Fatalf("part %d starts %.40q", i+1, p)
				}
			}
		}
		rep, err := ParseBytes(b)
		if err != nil {
			for _, e := range []error{ErrTooManyMessages, ErrTooManyRecipients, ErrTooManyParts, ErrTooDeep, ErrOutputTooLarge} {
				if errors.Is(err, e) {
					return
				}
			}
			t.Fatalf("undocumented error %v", err)
		}
		checkReport(t, rep)
	})
}
