package ui

// Sample is an example bounce for the page's menu.
type Sample struct {
	ID    string // stable key, used in the menu
	Title string // what it shows, in a few words
	Text  string
}

// Samples are made-up but real-looking bounces for the main reasons. They
// use documentation addresses (RFC 2606 names, RFC 5737 IPs).
var Samples = []Sample{
	{"gmail-nosuchuser", "Gmail: address does not exist", `550-5.1.1 The email account that you tried to reach does not exist. Please try
550-5.1.1 double-checking the recipient's email address for typos or
550-5.1.1 unnecessary spaces. For more information, go to
550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a640c23a62f3a-b7f1a2c3d4si12345a.123 - gsmtp
`},
	{"gmail-dmarc", "Gmail: DMARC policy rejected the mail", `550-5.7.26 Unauthenticated email from example.com is not accepted due to domain's
550-5.7.26 DMARC policy. Please contact the administrator of example.com domain
550-5.7.26 if this was a legitimate mail. To learn about the DMARC initiative,
550-5.7.26 go to
550 5.7.26  https://support.google.com/mail/?p=DmarcRejection 5b1f17b1804b1-4a8c9d0e1f2si987654f.42 - gsmtp
`},
	{"gmail-full", "Gmail: recipient's mailbox is full", `452-4.2.2 The recipient's inbox is out of storage space. Please direct the
452-4.2.2 recipient to
452 4.2.2  https://support.google.com/mail/?p=OverQuotaTemp d9443c01a7336-2a3b4c5d6e7si4567890ad.88 - gsmtp
`},
	{"outlook-notfound", "Microsoft 365: recipient not found", `Delivery has failed to these recipients or groups:

j.doe@contoso.example.com
The email address you entered couldn't be found. Please check the recipient's email address and try to resend the message. If the problem continues, please contact your helpdesk.

Diagnostic information for administrators:

Generating server: AM9PR07MB7090.eurprd07.prod.outlook.com

j.doe@contoso.example.com
Remote Server returned '550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup'
`},
	{"postfix-dsn", "Postfix DSN: user unknown", `Return-Path: <>
Received: by mail.example.net (Postfix)
	id 4F1A22C0B7; Tue, 10 Mar 2026 09:14:22 +0100 (CET)
Date: Tue, 10 Mar 2026 09:14:22 +0100 (CET)
From: MAILER-DAEMON@mail.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: alice@example.net
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4F1A22C0B7.1773130462/mail.example.net"
Message-Id: <20260310081422.6D1B92C0B8@mail.example.net>

This is a MIME-encapsulated message.

--4F1A22C0B7.1773130462/mail.example.net
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mail.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<bob@example.org>: host mx.example.org[198.51.100.25] said: 550 5.1.1
    <bob@example.org>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

--4F1A22C0B7.1773130462/mail.example.net
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mail.example.net
X-Postfix-Queue-ID: 4F1A22C0B7
Arrival-Date: Tue, 10 Mar 2026 09:14:21 +0100 (CET)

Final-Recipient: rfc822; bob@example.org
Original-Recipient: rfc822;bob@example.org
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.org
Diagnostic-Code: smtp; 550 5.1.1 <bob@example.org>: Recipient address
    rejected: User unknown in virtual mailbox table

--4F1A22C0B7.1773130462/mail.example.net
Content-Description: Undelivered Message Headers
Content-Type: text/rfc822-headers

From: Alice <alice@example.net>
To: bob@example.org
Subject: Invoice 2026-031
Message-ID: <a1b2c3@example.net>
Date: Tue, 10 Mar 2026 09:14:20 +0100

--4F1A22C0B7.1773130462/mail.example.net--
`},
	{"yahoo-deferred", "Yahoo: sending rate deferred", `421 4.7.0 [TSS04] Messages from 203.0.113.7 temporarily deferred due to unexpected volume or user complaints - 4.16.55.1; see https://postmaster.yahooinc.com/error-codes
`},
	{"spamhaus", "Blocklisted sending IP (Spamhaus)", `554 5.7.1 Service unavailable; Client host [192.0.2.44] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/192.0.2.44
`},
	{"too-large", "Message too large", `552 5.3.4 Message size exceeds fixed maximum message size
`},
	{"greylist", "Greylisted (try again later)", `450 4.2.0 <carol@example.com>: Recipient address rejected: Greylisted, see https://postgrey.schweikert.ch/help/example.com.html
`},
	{"relay", "Relaying denied", `554 5.7.1 <dave@example.org>: Relay access denied
`},
}
