package bounce_test

import (
	"fmt"
	"strings"

	"github.com/bouncekit/bounce"
	"github.com/bouncekit/bounce/catalog"
)

func ExampleParse() {
	reply := "550-5.1.1 The email account that you tried to reach does not exist. Please try\n" +
		"550-5.1.1 double-checking the recipient's email address for typos or\n" +
		"550-5.1.1 unnecessary spaces. Learn more at\n" +
		"550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d2si123 - gsmtp\n"
	rep, err := bounce.Parse(strings.NewReader(reply))
	if err != nil {
		panic(err)
	}
	r := rep.Recipients[0]
	fmt.Println(rep.Kind, r.ReplyCode, r.Status, r.Class, r.Reason)
	fmt.Println(r.Match.Provider, r.Match.By)
	// Output:
	// reply 550 5.1.1 permanent userunknown
	// google text
}

func ExampleParseString_unknown() {
	rep, _ := bounce.ParseString("599 9.9.9 Something nobody has ever seen")
	fmt.Println(len(rep.Recipients), rep.Recipients[0].Reason, rep.Recipients[0].Class)
	rep, _ = bounce.ParseString("Lunch at noon?")
	fmt.Println(rep.Kind, len(rep.Recipients))
	// Output:
	// 1 undefined permanent
	// not-bounce 0
}

func ExampleStatus() {
	st, ok := bounce.ParseStatus("4.7.28")
	fmt.Println(st, ok, st == bounce.Status{4, 7, 28})
	// Output: 4.7.28 true true
}

func ExampleParseString() {
	rep, err := bounce.ParseString("452 4.2.2 The recipient's inbox is out of storage space. Please direct the recipient to https://support.google.com/mail/?p=OverQuotaTemp - gsmtp")
	if err != nil {
		panic(err)
	}
	r := rep.Recipients[0]
	fmt.Println(r.Class, r.Reason, r.WhoActs)
	fmt.Println(r.Match.Entry)
	// Output:
	// temporary mailboxfull recipient
	// google.4.2.2.overquota
}

// A bounce message may name several recipients, each with its own reply.
// Report.Recipients keeps them in the order of the bounce.
func ExampleReport_recipients() {
	dsn := `From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
To: sender@example.org
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: text/plain

Your message could not be delivered to two recipients.

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; ann@example.com
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <ann@example.com>: Recipient address rejected: User unknown

Final-Recipient: rfc822; bob@example.org
Action: delayed
Status: 4.2.2
Diagnostic-Code: smtp; 452 4.2.2 <bob@example.org>: Mailbox is full

--B--
`
	rep, err := bounce.ParseString(dsn)
	if err != nil {
		panic(err)
	}
	fmt.Println(rep.Kind, rep.Format)
	for _, r := range rep.Recipients {
		fmt.Printf("%s %s %s %s retry=%v\n", r.Recipient, r.Status, r.Class, r.Reason, r.Class == "temporary")
	}
	// Output:
	// dsn rfc3464
	// ann@example.com 5.1.1 permanent userunknown retry=false
	// bob@example.org 4.2.2 temporary mailboxfull retry=true
}

// The catalog decides every verdict; a report names the entry that
// decided, and the entry holds the advice for people and its sources.
func Example_catalogLookup() {
	rep, _ := bounce.ParseString("550 5.7.26 This mail has been blocked because the sender is unauthenticated. " +
		"Gmail requires all senders to authenticate with either SPF or DKIM. Authentication results: " +
		"DKIM = did not pass SPF [example.com] with ip: [192.0.2.1] = did not pass. d2si123 - gsmtp")
	e := catalog.Lookup(rep.Recipients[0].Match.Entry)
	fmt.Println(e.ID, e.Reason, e.Who)
	fmt.Println(catalog.ReasonByName(e.Reason).Meaning)

	// Search takes a status code, a reply code or words.
	for _, e := range catalog.Search("5.7.26") {
		if e.Provider == "google" {
			fmt.Println(e.ID)
		}
	}
	// Output:
	// google.5.7.26.unauthenticated authfailure sender-admin
	// SPF, DKIM or DMARC did not pass or does not align.
	// google.5.7.26.unauthenticated
	// google.5.7.26.spfhardfail
	// google.5.7.26.dmarc
}
