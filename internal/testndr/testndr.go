// Package testndr writes the large DSN that the benchmarks and the Worker's
// tests send. wasm/worker/bench.mjs reads the same text from
// wasm/worker/testdata/ndr-50k.eml, which TestFixture keeps equal to
// Postfix(50 << 10), so that the native handler, the Worker under wrangler
// dev and V8 alone measure one request.
package testndr

import (
	"fmt"
	"strings"
)

// Postfix writes a Postfix-style DSN with as many recipients as make it at
// least size bytes long, each refused with "550 5.1.1 ... User unknown".
func Postfix(size int) []byte {
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
	return []byte(strings.Join(all, "\n"))
}
