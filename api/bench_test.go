package api

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// bigNDR writes a Postfix-style DSN with as many recipients as make it at
// least size bytes long: the same text as bigNDR in wasm/worker/bench.mjs.
func bigNDR(size int) string {
	head := []string{
		"From: MAILER-DAEMON@mail.example.org (Mail Delivery System)",
		"To: alice@example.org",
		"Subject: Undelivered Mail Returned to Sender",
		"MIME-Version: 1.0",
		`Content-Type: multipart/report; report-type=delivery-status; boundary="b1"`,
		"",
		"--b1",
		"Content-Type: text/plain; charset=us-ascii",
		"",
		"This is the mail system at host mail.example.org.",
		"",
	}
	var human, status []string
	for i := 0; len(strings.Join(head, "\n"))+len(strings.Join(human, "\n"))+len(strings.Join(status, "\n")) < size; i++ {
		human = append(human,
			fmt.Sprintf("<user%d@example.com>: host mx.example.com[198.51.100.7] said: 550 5.1.1", i),
			fmt.Sprintf("    <user%d@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command)", i),
			"",
		)
		status = append(status,
			fmt.Sprintf("Final-Recipient: rfc822; user%d@example.com", i),
			"Action: failed",
			"Status: 5.1.1",
			"Remote-MTA: dns; mx.example.com",
			fmt.Sprintf("Diagnostic-Code: smtp; 550 5.1.1 <user%d@example.com>: Recipient address rejected: User unknown", i),
			"",
		)
	}
	all := append(append(head, human...), "--b1", "Content-Type: message/delivery-status", "",
		"Reporting-MTA: dns; mail.example.org", "")
	all = append(append(all, status...), "--b1--", "")
	return strings.Join(all, "\n")
}

// BenchmarkClassify measures POST /v1/classify through the handler, for
// the cases of wasm/worker/bench.mjs: the Worker's cost per request, less
// the bridge between JavaScript and Go. Under js/wasm:
//
//	GOOS=js GOARCH=wasm go test -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" -run '^$' -bench Classify ./api
func BenchmarkClassify(b *testing.B) {
	cases := []struct{ name, body string }{
		{"reply", gmail},
		{"ndr50k", bigNDR(50 * 1024)},
	}
	h := New(Options{})
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest("POST", "/v1/classify", strings.NewReader(c.body))
				req.Header.Set("Content-Type", "text/plain")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
				io.Copy(io.Discard, rec.Body)
			}
		})
	}
}
