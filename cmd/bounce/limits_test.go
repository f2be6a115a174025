package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bouncekit/bounce"
)

// TestClassifyLimits checks that input over each of the library's limits
// gives exit status 1 and the library's error, in the JSON line or on
// standard error, and that the other inputs are still read. (An mbox file
// is no such input: the CLI reads it as a mailbox, one report per message,
// so bounce.MaxMessages, the limit of one Parse, does not apply to it.)
func TestClassifyLimits(t *testing.T) {
	dir := t.TempDir()
	long := strings.Repeat("word ", 20000)
	inputs := map[string]struct {
		text string
		err  error
	}{
		"parts.eml":   {"From: a@b.example\nContent-Type: multipart/mixed; boundary=b\n\n" + strings.Repeat("--b\n", bounce.MaxParts+2), bounce.ErrTooManyParts},
		"records.txt": {strings.Repeat("550\n", bounce.MaxRecipients+1), bounce.ErrTooManyRecipients},
		"big.txt":     {strings.Repeat("a", bounce.MaxSize+1), bounce.ErrTooLarge},
		"repeated.eml": {"From: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; boundary=B\n\n--B\nContent-Type: text/plain\n\n<u1@x.example>: host x[192.0.2.1] said: 550 5.1.1 " + long +
			" (in reply to RCPT TO command)\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x\n\n" +
			strings.Repeat("Final-Recipient: rfc822; u1@x.example\nAction: failed\nStatus: 5.1.1\n\n", 5000) + "--B--\n", bounce.ErrOutputTooLarge},
	}
	var files []string
	for name, in := range inputs {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(in.text), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	ok := filepath.Join(dir, "ok.txt")
	os.WriteFile(ok, []byte("550 5.1.1 user unknown"), 0o644)
	files = append(files, ok)

	var stdout, stderr bytes.Buffer
	if code := run(append([]string{"classify", "-json"}, files...), nil, &stdout, &stderr); code != 1 {
		t.Errorf("exit status %d, want 1", code)
	}
	lines := strings.Split(strings.TrimSpace(stdout.String()), "\n")
	if len(lines) != len(files) {
		t.Fatalf("%d lines for %d inputs", len(lines), len(files))
	}
	for i, line := range lines {
		var got struct {
			Source, Error, Kind string
		}
		json.Unmarshal([]byte(line), &got)
		name := filepath.Base(files[i])
		if name == "ok.txt" {
			if got.Kind != "reply" {
				t.Errorf("%s: %.200s", name, line)
			}
			continue
		}
		if want := inputs[name].err.Error(); got.Error != want {
			t.Errorf("%s: error %q, want %q", name, got.Error, want)
		}
	}
	stdout.Reset()
	if code := run([]string{"classify", files[0]}, nil, &stdout, &stderr); code != 1 || !strings.Contains(stderr.String(), "bounce: ") {
		t.Errorf("without -json: exit %d, stderr %q", code, stderr.String())
	}
}
