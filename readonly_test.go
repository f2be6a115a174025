//go:build linux

package bounce

import (
	"bytes"
	"os"
	"path/filepath"
	"syscall"
	"testing"
	"unsafe"
)

// readOnly returns a string whose bytes lie in memory the process may
// only read: writing them faults.
func readOnly(t *testing.T, b []byte) string {
	t.Helper()
	m, err := syscall.Mmap(-1, 0, max(len(b), 1), syscall.PROT_READ|syscall.PROT_WRITE, syscall.MAP_ANON|syscall.MAP_PRIVATE)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { syscall.Munmap(m) })
	copy(m, b)
	if err := syscall.Mprotect(m, syscall.PROT_READ); err != nil {
		t.Fatal(err)
	}
	return unsafe.String(&m[0], len(b))
}

// ParseString reads its string's bytes in place, without a copy, and so
// must never write them: a string never changes. Here every message of
// the corpus and of testdata, with LF and with CRLF line ends, lies in
// read-only memory, where a write would crash the test.
func TestParseStringWritesNothing(t *testing.T) {
	msgs, _ := perfCorpus(t)
	for _, dir := range []string{"reply", "dsn", "ndr", "autoreply", "feedback", "not-bounce"} {
		files, _ := filepath.Glob(filepath.Join("testdata", dir, "*"))
		for _, f := range files {
			if b, err := os.ReadFile(f); err == nil {
				msgs = append(msgs, b)
			}
		}
	}
	if len(msgs) < 100 {
		t.Fatalf("only %d messages", len(msgs))
	}
	for i, m := range msgs {
		for _, in := range [][]byte{m, bytes.ReplaceAll(m, []byte("\n"), []byte("\r\n"))} {
			want, errWant := ParseBytes(bytes.Clone(in))
			got, err := ParseString(readOnly(t, in))
			if (err == nil) != (errWant == nil) || (err == nil && reportJSON(t, got) != reportJSON(t, want)) {
				t.Fatalf("message %d: ParseString of read-only memory differs from ParseBytes (%v, %v)", i, err, errWant)
			}
		}
	}
}
