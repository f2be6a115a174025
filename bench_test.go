package bounce

import "testing"

var sinkReport *Report

func BenchmarkParseReplyLine(b *testing.B) {
	line := []byte("550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. - gsmtp")
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		sinkReport, _ = ParseBytes(line)
	}
}

func BenchmarkParseGmailWire(b *testing.B) {
	in := []byte(gmailWire(550, Status{5, 7, 26}, "Unauthenticated email from example.com is not accepted due to domain's DMARC policy. Please contact the administrator of example.com domain if this was a legitimate mail. To learn about the DMARC initiative, go to"))
	b.SetBytes(int64(len(in)))
	b.ReportAllocs()
	for b.Loop() {
		sinkReport, _ = ParseBytes(in)
	}
}
