package bounce

import (
	"strings"
	"testing"

	"github.com/bouncekit/bounce/catalog"
)

// locateCase is a small bounce written for this test in the form one kind of
// MTA uses, with the recipients the form names.
type locateCase struct {
	name  string
	msg   string
	kind  Kind          // KindNDR or KindDSN
	rcpts []string      // the recipients, in order; "" for an unnamed one
	class catalog.Class // the class of every record, when set
}

// msg builds a message from header lines and a body.
func msg(header, body string) string {
	return strings.TrimSpace(header) + "\nMIME-Version: 1.0\nContent-Type: text/plain; charset=utf-8\n\n" + body
}

var locateCases = []locateCase{
	// Exchange 5.5 and 2000 name the recipient as "Name [SMTP:addr]".
	{name: "exchange55-smtp-bracket", kind: KindNDR, rcpts: []string{"bob.jones@corp.example.com"}, msg: msg(`
From: System Administrator <admin@corp.example.com>
To: alice@sender.example
Subject: Undeliverable: Quarterly figures
Date: Mon, 3 Mar 2003 10:12:50 +0100`, `Your message

  To:      Bob Jones
  Subject: Quarterly figures
  Sent:    Mon, 3 Mar 2003 10:12:44 +0100

did not reach the following recipient(s):

Bob Jones [SMTP:bob.jones@corp.example.com] on Mon, 3 Mar 2003 10:12:50 +0100
    The recipient name is not recognized
    The MTS-ID of the original message is: c=us;a= ;p=corp;l=MAIL1-030303091244Z-1234
    MSEXCH:IMS:Corp:Site:MAIL1 0 (000C05A6) Unknown Recipient
`)},
	// Old Exchange names only the display name, "on <date>": the address
	// comes from the returned message's To.
	{name: "exchange2000-name-on-date", kind: KindNDR, rcpts: []string{"karl.weber@corp.example.com"}, msg: msg(`
From: System Administrator <admin@corp.example.com>
To: alice@sender.example
Subject: Undeliverable: Budget`, `Your message did not reach some or all of the intended recipients.

      Subject:	Budget
      Sent:	4/7/2004 9:31 AM

The following recipient(s) could not be reached:

      Karl Weber on 4/7/2004 9:31 AM
            The e-mail account does not exist at the organization this message was sent to.
            <mail.corp.example.com #5.1.1>

----- Original message -----
From: Alice <alice@sender.example>
To: Karl Weber <karl.weber@corp.example.com>
Subject: Budget
Message-ID: <123@sender.example>
Date: Wed, 7 Apr 2004 09:31:00 +0200

Hello Karl
`)},
	// Old Exchange, two recipients quoted with an address each.
	{name: "exchange2000-quoted-two", kind: KindNDR, rcpts: []string{"ann@corp.example.com", "ben@corp.example.com"}, msg: msg(`
From: System Administrator <admin@corp.example.com>
To: alice@sender.example
Subject: Undeliverable: Lunch`, `Your message did not reach some or all of the intended recipients.

      Subject:	Lunch
      Sent:	4/7/2004 9:31 AM

The following recipient(s) could not be reached:

      'ann@corp.example.com' on 4/7/2004 9:31 AM
            The e-mail address could not be found.
            <mail.corp.example.com #5.1.1>

      'ben@corp.example.com' on 4/7/2004 9:31 AM
            The recipient's mailbox is full and can't accept messages now.
            <mail.corp.example.com #5.2.2>
`)},
	// qmail: "<addr>:" alone on a line, the reply below.
	{name: "qmail-angle-colon", kind: KindNDR, rcpts: []string{"carol@example.net"}, msg: msg(`
From: MAILER-DAEMON@mx.example.net
To: alice@sender.example
Subject: failure notice`, `Hi. This is the qmail-send program at mx.example.net.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<carol@example.net>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.
`)},
	// Sendmail: "addr... User unknown" lines without a code.
	{name: "sendmail-dots-user-unknown", kind: KindNDR, rcpts: []string{"dave@example.org"}, msg: msg(`
From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.org>
To: alice@sender.example
Subject: Returned mail: User unknown`, `The original message was received at Tue, 2 Mar 1999 11:00:01 GMT
from sender.example [192.0.2.10]

   ----- Transcript of session follows -----
dave@example.org... User unknown

   ----- Unsent message follows -----
`)},
	// The address starts the reason's first line.
	{name: "address-first-in-reason", kind: KindNDR, rcpts: []string{"erin@example.com"}, msg: msg(`
From: Mail System <mailsys@relay.example.com>
To: alice@sender.example
Subject: Message delivery failure`, `The following message could not be delivered.

erin@example.com: mailbox full, try again later
`)},
	// "Original address:" with the reason below.
	{name: "original-address", kind: KindNDR, rcpts: []string{"frank@example.com"}, msg: msg(`
From: Mail Router <router@example.com>
To: alice@sender.example
Subject: Nondeliverable mail`, `Your message could not be delivered.

Original address: frank@example.com
Reason: 550 5.1.1 mailbox unavailable
`)},
	// "Original-Recipient:" fields in a text without a DSN part, and no
	// Final-Recipient: the original address is the recipient.
	{name: "original-recipient-text", kind: KindNDR, rcpts: []string{"gina@example.com"}, msg: msg(`
From: Mail Router <router@example.com>
To: alice@sender.example
Subject: Delivery failure notice`, `Delivery to the following recipient failed.

Original-Recipient: rfc822;gina@example.com
Reason: 550 5.1.1 user unknown
`)},
	// "Recipient:" and "Recipient address:" labels.
	{name: "recipient-label", kind: KindNDR, rcpts: []string{"hal@example.com"}, msg: msg(`
From: Mail Router <router@example.com>
To: alice@sender.example
Subject: Undeliverable message`, `Your message could not be delivered.

Recipient: <hal@example.com>
Reason: 550 5.1.1 no such user
`)},
	// PMDF: "Recipient address:" then "Reason:".
	{name: "pmdf-recipient-address", kind: KindNDR, rcpts: []string{"judy@example.edu"}, msg: msg(`
From: PMDF Mail Server <Postmaster@vms.example.edu>
To: alice@sender.example
Subject: Delivery Notification: Delivery has failed`, `This report relates to a message you sent with the following header fields:

  Message-id: <abc@sender.example>
  Date: Tue, 01 Feb 2000 10:00:00 +0100
  From: alice@sender.example
  To: judy@example.edu
  Subject: Notes

Your message cannot be delivered to the following recipients:

  Recipient address: judy@example.edu
  Reason: Illegal host/domain name found
`)},
	// "Failed recipient(s):".
	{name: "failed-recipients-label", kind: KindNDR, rcpts: []string{"ivy@example.com", "jon@example.com"}, msg: msg(`
From: Mail Gateway <gateway@example.com>
To: alice@sender.example
Subject: Mail could not be delivered`, `Failed recipient(s):
  ivy@example.com
  jon@example.com

Reason: 550 5.1.1 Recipient address rejected: User unknown
`)},
	// Lotus Notes: "was not delivered to:" and the address on its own line.
	{name: "lotus-notes-not-delivered-to", kind: KindNDR, rcpts: []string{"grace@example.com"}, msg: msg(`
From: Postmaster@notes.example.com
To: alice@sender.example
Subject: DELIVERY FAILURE: User grace not listed in Domino Directory`, `Your message

  Subject: Meeting

was not delivered to:

  grace@example.com

because:

  User grace (grace@example.com) not listed in Domino Directory
`)},
	// Novell GroupWise: each recipient with its cause in brackets.
	{name: "groupwise-undeliverable-to", kind: KindNDR, rcpts: []string{"henry@example.org"}, msg: msg(`
From: Mail Delivery System <gwia@gw.example.org>
To: alice@sender.example
Subject: Message status - undeliverable`, `The message that you sent was undeliverable to the following:
	henry@example.org (user not found)

Possible causes:
	The e-mail address was incorrect
`)},
	// IMail: "Unknown user:".
	{name: "imail-unknown-user", kind: KindNDR, rcpts: []string{"ivan@imail.example.com"}, msg: msg(`
From: Postmaster <postmaster@imail.example.com>
To: alice@sender.example
Subject: Undeliverable Mail`, `Unknown user: ivan@imail.example.com

Original message follows.
`)},
	// Webmail: one sentence names the address and the cause.
	{name: "webmail-full-mailbox", kind: KindNDR, rcpts: []string{"liz@example.com"}, msg: msg(`
From: Webmail <noreply@webmail.example.com>
To: alice@sender.example
Subject: Your message`, `Your message could not be delivered to one or more recipients.

The delivery to liz@example.com has failed due to a full mailbox.
`)},
	// A webmail notice that names nobody: a bounce with an unnamed
	// recipient, never not-bounce.
	{name: "webmail-no-address", kind: KindNDR, rcpts: []string{""}, msg: msg(`
From: Webmail <noreply@webmail.example.com>
To: alice@sender.example
Subject: Notice`, `We are sorry. Your message could not be delivered to one or more recipients.
Please check the address and try again.
`)},
	// Only X-Failed-Recipients says who: a failed-recipient line.
	{name: "x-failed-recipients-only", kind: KindNDR, rcpts: []string{"mia@example.com"}, msg: msg(`
From: Relay <relay@example.com>
To: alice@sender.example
X-Failed-Recipients: mia@example.com
Subject: Notice`, `Something went wrong with your message.
`)},
	{name: "x-failed-recipients-two", kind: KindNDR, rcpts: []string{"mia@example.com", "max@example.com"}, msg: msg(`
From: Relay <relay@example.com>
To: alice@sender.example
X-Failed-Recipients: mia@example.com, max@example.com
Subject: Notice`, `Something went wrong with your message.
`)},
	// A bounce that its mail system marks as an auto-reply.
	{name: "bounce-marked-auto-replied", kind: KindNDR, rcpts: []string{"mona@example.com"}, msg: msg(`
From: Mail Gateway <gateway@relay.example.com>
To: alice@sender.example
Auto-Submitted: auto-replied
Subject: Your mail`, `Your message could not be delivered to its recipient.

------ Original message ------
From: alice@sender.example
To: mona@example.com
Subject: Hello
Message-ID: <11@sender.example>
Date: Mon, 1 Jan 2024 10:00:00 +0000

Hello Mona
`)},
	// A DSN part whose fields are broken is still a bounce.
	{name: "dsn-part-broken", kind: KindNDR, rcpts: []string{"ned@example.com"}, msg: `From: Relay <relay@example.com>
To: alice@sender.example
Subject: Report
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="b1"

--b1
Content-Type: text/plain

Report follows.

Recipient: ned@example.com

--b1
Content-Type: message/delivery-status

garbled status
--b1--
`},
	// The returned message's To as the last resort.
	{name: "returned-to-last-resort", kind: KindNDR, rcpts: []string{"olga@example.com"}, msg: msg(`
From: Mail Delivery System <MAILER-DAEMON@relay.example.com>
To: alice@sender.example
Subject: Undelivered Mail Returned to Sender`, `Your message could not be delivered. The remote server said the mailbox is disabled.

------ Original message ------
From: alice@sender.example
To: olga@example.com
Subject: Hello
Message-ID: <9@sender.example>
Date: Mon, 1 Jan 2024 10:00:00 +0000

Hello Olga
`)},
	// Non-English notices, from a sender that does not look like a mail
	// system, so the words alone decide.
	{name: "french", kind: KindNDR, rcpts: []string{"marie@example.fr"}, msg: msg(`
From: Messagerie <messagerie@example.fr>
To: alice@sender.example
Subject: Votre message`, `Votre message n'a pas pu être remis au destinataire suivant :

  marie@example.fr
  Raison : boîte aux lettres pleine
`)},
	{name: "german", kind: KindNDR, rcpts: []string{"nils@example.de"}, msg: msg(`
From: E-Mail-System <system@example.de>
To: alice@sender.example
Subject: Ihre Nachricht`, `Ihre Nachricht konnte nicht zugestellt werden an:

nils@example.de
Grund: Empfänger unbekannt
`)},
	{name: "german-unzustellbar-subject", kind: KindNDR, rcpts: []string{"otto@example.de"}, msg: msg(`
From: Systemverwalter <admin@example.de>
To: alice@sender.example
Subject: Unzustellbar: Termin`, `Die Nachricht erreichte einige Empfänger nicht.

otto@example.de
    Das Postfach ist voll.
`)},
	{name: "spanish", kind: KindNDR, rcpts: []string{"pablo@example.es"}, msg: msg(`
From: Sistema de correo <correo@example.es>
To: alice@sender.example
Subject: Su mensaje`, `No se pudo entregar el mensaje a los siguientes destinatarios:

pablo@example.es
Motivo: el buzón no existe
`)},
	{name: "portuguese", kind: KindNDR, rcpts: []string{"joao@example.com.br"}, msg: msg(`
From: Sistema de e-mail <sistema@example.com.br>
To: alice@sender.example
Subject: Sua mensagem`, `Sua mensagem não pôde ser entregue aos seguintes destinatários:

joao@example.com.br
Motivo: caixa postal cheia
`)},
	{name: "polish", kind: KindNDR, rcpts: []string{"anna@example.pl"}, msg: msg(`
From: System pocztowy <system@example.pl>
To: alice@sender.example
Subject: Twoja wiadomość`, `Wiadomość nie może zostać dostarczona do następujących adresatów:

anna@example.pl
Powód: skrzynka pocztowa nie istnieje
`)},
	{name: "russian", kind: KindNDR, rcpts: []string{"ivan@example.ru"}, msg: msg(`
From: Почтовая система <system@example.ru>
To: alice@sender.example
Subject: Ваше сообщение`, `Ваше сообщение не может быть доставлено следующим получателям:

ivan@example.ru
Причина: почтовый ящик переполнен
`)},
	{name: "chinese", kind: KindNDR, rcpts: []string{"wang@example.cn"}, msg: msg(`
From: 邮件系统 <system@example.cn>
To: alice@sender.example
Subject: 退信`, `您的邮件无法投递到以下收件人：

wang@example.cn
原因：邮箱不存在
`)},
	{name: "swedish", kind: KindNDR, rcpts: []string{"sven@example.se"}, msg: msg(`
From: E-postsystem <system@example.se>
To: alice@sender.example
Subject: Ditt meddelande`, `Meddelandet kunde inte levereras till följande mottagare:

sven@example.se
Orsak: brevlådan är full
`)},
	{name: "latvian", kind: KindNDR, rcpts: []string{"janis@example.lv"}, msg: msg(`
From: Pasta sistēma <system@example.lv>
To: alice@sender.example
Subject: Jūsu ziņojums`, `Jūsu ziņojumu nevarēja piegādāt šiem adresātiem:

janis@example.lv
Iemesls: pastkastīte ir pilna
`)},
	{name: "italian", kind: KindNDR, rcpts: []string{"mario@example.it"}, msg: msg(`
From: Sistema di posta <sistema@example.it>
To: alice@sender.example
Subject: Il tuo messaggio`, `Non è stato possibile recapitare il messaggio ai seguenti destinatari:

mario@example.it
Motivo: casella piena
`)},
	{name: "dutch", kind: KindNDR, rcpts: []string{"jan@example.nl"}, msg: msg(`
From: E-mailsysteem <systeem@example.nl>
To: alice@sender.example
Subject: Uw bericht`, `Uw bericht kon niet worden bezorgd bij de volgende ontvangers:

jan@example.nl
Reden: mailbox is vol
`)},
	// Old Exchange names two recipients by display name only; the
	// returned message's To and Cc give their addresses.
	{name: "exchange-names-to-and-cc", kind: KindNDR, rcpts: []string{"lena.roth@corp.example.com", "tom.berg@corp.example.com"}, msg: msg(`
From: System Administrator <admin@corp.example.com>
To: alice@sender.example
Subject: Undeliverable: Minutes`, `Your message did not reach some or all of the intended recipients.

      Subject:	Minutes
      Sent:	5/2/2005 4:10 PM

The following recipient(s) could not be reached:

      Lena Roth on 5/2/2005 4:10 PM
            The recipient's mailbox is full and can't accept messages now.
            <mail.corp.example.com #5.2.2>

      Tom Berg on 5/2/2005 4:10 PM
            The e-mail account does not exist at the organization this message was sent to.
            <mail.corp.example.com #5.1.1>

----- Original message -----
From: Alice <alice@sender.example>
To: "Roth, Lena" <lena.roth@corp.example.com>, Lena Roth <lena.roth@corp.example.com>
Cc: Tom Berg <tom.berg@corp.example.com>
Subject: Minutes
Message-ID: <77@sender.example>
Date: Mon, 2 May 2005 16:10:00 +0200

Minutes attached.
`)},
	// Lotus Notes: the reason first, then the address, then the returned
	// message.
	{name: "lotus-notes-failure-reasons", kind: KindNDR, rcpts: []string{"paul@example.com"}, msg: msg(`
From: Postmaster@notes.example.com
To: alice@sender.example
Subject: Delivery Failure Report`, `------- Failure Reasons --------

User not listed in public Name & Address Book
paul@example.com

------- Returned Message --------
`)},
	// Localised labels before the address.
	{name: "label-polish-odbiorca", kind: KindNDR, rcpts: []string{"ewa@example.pl"}, msg: msg(`
From: System pocztowy <system@example.pl>
To: alice@sender.example
Subject: Niedostarczona wiadomość`, `Wiadomość nie została dostarczona.

Odbiorca: ewa@example.pl
Powód: 550 5.1.1 nie ma takiego użytkownika
`)},
	{name: "label-russian-poluchatel", kind: KindNDR, rcpts: []string{"olga@example.ru"}, msg: msg(`
From: Почтовая система <system@example.ru>
To: alice@sender.example
Subject: Недоставленное сообщение`, `Сообщение не может быть доставлено.

Получатель: olga@example.ru
Причина: 550 5.1.1 пользователь не найден
`)},
	{name: "label-chinese-fullwidth-colon", kind: KindNDR, rcpts: []string{"li@example.cn"}, msg: msg(`
From: 邮件系统 <system@example.cn>
To: alice@sender.example
Subject: 系统退信`, `很抱歉，您的邮件投递失败。

收件人：li@example.cn
原因：550 5.1.1 用户不存在
`)},
	// The reporting system's postmaster signs the bounce, and a Received
	// line names another address: neither is a recipient.
	{name: "postmaster-signature-and-received-skipped", kind: KindNDR, rcpts: []string{"vera@example.com"}, msg: msg(`
From: Mail Delivery System <postmaster@relay.example.com>
To: alice@sender.example
Subject: Undelivered Mail Returned to Sender`, `I'm sorry to have to inform you that your message could not be delivered
to one or more recipients.

<vera@example.com>: host mx.example.com said: 550 5.1.1 unknown user

postmaster@relay.example.com

Received: from sender.example (sender.example [192.0.2.1])
	by relay.example.com for <walt@example.com>; Mon, 1 Jan 2024 10:00:00 +0000
`)},
	// Sendmail's transcript line alone names the recipient.
	{name: "sendmail-transcript-only", kind: KindNDR, rcpts: []string{"xena@example.org"}, msg: msg(`
From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.org>
To: alice@sender.example
Subject: Returned mail: see transcript for details`, `   ----- Transcript of session follows -----
550 5.1.1 xena@example.org... User unknown
`)},
	// A one-line reason that starts with the address.
	{name: "address-colon-reason-with-code", kind: KindNDR, rcpts: []string{"yuri@example.net"}, msg: msg(`
From: Mail Delivery System <mailer@relay.example.net>
To: alice@sender.example
Subject: Mail delivery failed`, `yuri@example.net: 552 5.2.2 mailbox over quota
`)},
	// A DSN block whose Final-Recipient is empty: the text's address line
	// names the recipient.
	{name: "dsn-empty-final-recipient", kind: KindDSN, rcpts: []string{"zoe@example.com"}, msg: `From: MAILER-DAEMON@relay.example.com
To: alice@sender.example
Subject: Delivery Status Notification (Failure)
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="b2"

--b2
Content-Type: text/plain

Delivery to the following recipient failed permanently:

     zoe@example.com

--b2
Content-Type: message/delivery-status

Reporting-MTA: dns; relay.example.com

Final-Recipient: rfc822;
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 no such user

--b2--
`},
	// AOL and Sendmail's "had delivery problems" list, each address with
	// its cause in brackets.
	{name: "delivery-problems-list", kind: KindNDR, rcpts: []string{"amy@example.com", "ben@example.com"}, msg: msg(`
From: Mail Delivery Subsystem <mailer@mx.example.com>
To: alice@sender.example
Subject: Notice`, `----- The following addresses had delivery problems -----
<amy@example.com>   (user unknown)
<ben@example.com>   (mailbox full)
`)},
	// IMail: "User mailbox exceeds allowed size:".
	{name: "imail-mailbox-size", kind: KindNDR, rcpts: []string{"bea@example.com"}, msg: msg(`
From: Postmaster <postmaster@imail.example.com>
To: alice@sender.example
Subject: Undeliverable Mail`, `User mailbox exceeds allowed size: bea@example.com

Original message follows.
`)},
	// Netscape Messaging Server: the cause, then the address alone.
	{name: "netscape-reason-then-address", kind: KindNDR, rcpts: []string{"cid@example.com"}, msg: msg(`
From: Mail Server <server@mail.example.com>
To: alice@sender.example
Subject: Notice`, `This Message was undeliverable due to the following reason:

The user(s) account is temporarily over quota.

<cid@example.com>

Please reply to Postmaster@mail.example.com
if you feel this message to be in error.
`)},
	// CompuServe: "Invalid receiver address:".
	{name: "invalid-receiver-address", kind: KindNDR, rcpts: []string{"dan@example.com"}, msg: msg(`
From: CompuServe Postmaster <postmaster@csi.example.com>
To: alice@sender.example
Subject: Undeliverable Message`, `Sender: alice@sender.example
Receiver: Invalid receiver address: dan@example.com
`)},
	// "The following recipients did not receive this message".
	{name: "did-not-receive", kind: KindNDR, rcpts: []string{"eva@example.com"}, msg: msg(`
From: Wireless Gateway <gateway@wireless.example.com>
To: alice@sender.example
Subject: Notice`, `The following recipients did not receive this message:

     <eva@example.com>

Please reply to gateway@wireless.example.com if you feel this message to be in error.
`)},
	// Exchange in Spanish: the subject and the body's wording.
	{name: "exchange-spanish", kind: KindNDR, rcpts: []string{"felix@example.es"}, msg: msg(`
From: Outlook <outlook@corp.example.es>
To: alice@sender.example
Subject: No se puede entregar: Informe`, `Error al entregar a estos destinatarios o grupos:

felix@example.es
No se encontró la dirección de correo electrónico que escribió.
`)},
	{name: "delay-just-a-warning", kind: KindNDR, rcpts: []string{"gus@example.com"}, class: catalog.ClassTemporary, msg: msg(`
From: Mail System <system@relay.example.com>
To: alice@sender.example
Subject: Notice`, `This is just a warning, you do not need to take any action.
Delivery attempts will continue to be made for 5 days.

gus@example.com: connection timed out
`)},
	// Exchange names the recipient by display name; the summary of the
	// returned message above gives the address.
	{name: "exchange-name-summary-to", kind: KindNDR, rcpts: []string{"kim.lee@corp.example.com"}, msg: msg(`
From: System Administrator <admin@corp.example.com>
To: alice@sender.example
Subject: Undeliverable: Offsite`, `Your message

  To:      Kim Lee <kim.lee@corp.example.com>
  Subject: Offsite
  Sent:    Tue, 8 Jun 2004 08:00:00 +0200

did not reach the following recipient(s):

Kim Lee on Tue, 8 Jun 2004 08:00:05 +0200
    The recipient name is not recognized
    MSEXCH:IMS:Corp:Site:MAIL1 0 (000C05A6) Unknown Recipient
`)},
	// The address stands inside the sentence that says what failed.
	{name: "address-in-failure-sentence", kind: KindNDR, rcpts: []string{"hugo@example.com"}, msg: msg(`
From: Mail Delivery System <MAILER-DAEMON@relay.example.com>
To: alice@sender.example
Subject: Mail delivery failed`, `This message was created automatically by the mail system.

Unable to deliver to hugo@example.com: no such user here.

Please check the address and try again.
`)},
	// A help address on the failure line is no recipient: the returned
	// message's To is.
	{name: "help-address-not-recipient", kind: KindNDR, rcpts: []string{"lars@example.com"}, msg: msg(`
From: Mail Delivery System <MAILER-DAEMON@relay.example.com>
To: alice@sender.example
Subject: Mail delivery failed`, `Your message was rejected by our filter; if in doubt contact help@relay.example.com for details.

------ Original message ------
From: alice@sender.example
To: lars@example.com
Subject: Hello
Message-ID: <10@sender.example>
Date: Mon, 1 Jan 2024 10:00:00 +0000

Hello Lars
`)},
	{name: "address-after-returned-errors", kind: KindNDR, rcpts: []string{"iris@example.com"}, msg: msg(`
From: Mail Gateway <gateway@relay.example.com>
To: alice@sender.example
Subject: There was an error sending your mail`, `We had trouble delivering your message. Full details follow:

The following recipients returned permanent errors: iris@example.com. Reason: mailbox unavailable
`)},
	{name: "addresses-in-two-sentences", kind: KindNDR, rcpts: []string{"jack@example.com", "kate@example.org"}, msg: msg(`
From: Mail System <mailsystem@relay.example.com>
To: alice@sender.example
Subject: Returned mail`, `Mail to jack@example.com could not be delivered: the mailbox is full.

Mail to kate@example.org could not be delivered: no such user.
`)},
	// Delay warnings: a bounce that only warns, temporary.
	{name: "delay-not-yet-delivered", kind: KindNDR, rcpts: []string{"quinn@example.com"}, class: catalog.ClassTemporary, msg: msg(`
From: Mail Delivery System <MAILER-DAEMON@relay.example.com>
To: alice@sender.example
Subject: Delivery delayed`, `This is an automatically generated message.
Your message has not yet been delivered to the following recipient:

quinn@example.com

The server will continue to try for 4 more days. You do not need to resend.
`)},
	{name: "delay-sendmail-still-undelivered", kind: KindNDR, rcpts: []string{"rosa@example.com"}, class: catalog.ClassTemporary, msg: msg(`
From: Mail Delivery Subsystem <MAILER-DAEMON@relay.example.com>
To: alice@sender.example
Subject: Warning: could not send message for past 4 hours`, `    **********************************************
    **      THIS IS A WARNING MESSAGE ONLY      **
    **  YOU DO NOT NEED TO RESEND YOUR MESSAGE  **
    **********************************************

The original message was received at Mon, 1 Jan 2024 06:00:00 GMT

   ----- Transcript of session follows -----
rosa@example.com... Deferred: Connection timed out with mx.example.com.
Warning: message still undelivered after 4 hours
Will keep trying until message is 5 days old
`)},
	{name: "delay-german", kind: KindNDR, rcpts: []string{"uwe@example.de"}, class: catalog.ClassTemporary, msg: msg(`
From: E-Mail-System <system@example.de>
To: alice@sender.example
Subject: Zustellung verzögert`, `Ihre Nachricht konnte noch nicht zugestellt werden an:

uwe@example.de

Der Server versucht es weiter.
`)},
	{name: "delay-french", kind: KindNDR, rcpts: []string{"luc@example.fr"}, class: catalog.ClassTemporary, msg: msg(`
From: Messagerie <messagerie@example.fr>
To: alice@sender.example
Subject: Remise différée`, `Votre message n'a pas encore été remis au destinataire suivant :

luc@example.fr

Le serveur réessaiera plus tard.
`)},
}

// TestLocate checks that each form's bounce is a bounce, with the
// recipients the form names.
func TestLocate(t *testing.T) {
	for _, c := range locateCases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := ParseString(c.msg)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Kind != c.kind {
				t.Fatalf("kind %s, want %s", rep.Kind, c.kind)
			}
			var got []string
			for _, r := range rep.Recipients {
				got = append(got, r.Recipient)
			}
			if strings.Join(got, ",") != strings.Join(c.rcpts, ",") || len(got) != len(c.rcpts) {
				t.Errorf("recipients %q, want %q", got, c.rcpts)
			}
			for _, r := range rep.Recipients {
				if c.class != "" && r.Class != c.class {
					t.Errorf("%s: class %s, want %s (%s)", r.Recipient, r.Class, c.class, r.Diagnostic)
				}
				if r.Class == catalog.ClassSuccess {
					t.Errorf("%s: class success in a bounce", r.Recipient)
				}
			}
		})
	}
}

// notBounceCases are messages that only look a little like bounces.
var notBounceCases = []struct{ name, msg string }{
	{"mentions-bounce", msg(`
From: Alice <alice@example.com>
To: bob@example.org
Subject: Re: the ball`, `Hi Bob,

the new ball does not bounce as well as the old one. Write to carol@example.com: she sells them.

Alice
`)},
	{"mentions-delivery", msg(`
From: Shop <orders@shop.example>
To: bob@example.org
Subject: Your order 1234`, `Hello Bob,

your delivery is scheduled for Monday. If the delivery failed to arrive, reply to
support@shop.example and we will send it again.
`)},
	{"mentions-rejected", msg(`
From: Alice <alice@example.com>
To: bob@example.org
Subject: The proposal`, `Bob, the committee rejected the proposal; an error occurred in the budget.
Please ask dan@example.org for the figures.
`)},
	{"newsletter-undelivered-parcel", msg(`
From: Parcel Service <news@parcel.example>
To: bob@example.org
Subject: Weekly news`, `Our parcels are rarely undelivered: read how we track 1,000 vans.

Questions: help@parcel.example
`)},
	{"parcel-could-not-be-delivered", msg(`
From: Parcel Service <notice@parcel.example>
To: bob@example.org
Subject: Your parcel 5512`, `Hello Bob,

we attempted delivery today but your parcel could not be delivered.
Please choose a new date at https://parcel.example/track

Parcel Service
help@parcel.example
`)},
	{"sender-named-bounce", msg(`
From: Bounce Fitness <hello@bouncefitness.example>
To: bob@example.org
Subject: Your class schedule`, `Hi Bob,

your classes start on Monday at 7. Questions go to your coach:

coach@bouncefitness.example
`)},
	{"subject-rejected", msg(`
From: Alice <alice@example.com>
To: bob@example.org
Subject: Re: proposal rejected`, `Bob,

a pity. Let us try again next year; ask

dan@example.org
`)},
	{"read-receipt", `From: Bob <bob@example.org>
To: alice@example.com
Subject: Read: Budget
MIME-Version: 1.0
Content-Type: multipart/report; report-type=disposition-notification; boundary="r"

--r
Content-Type: text/plain

Your message to bob@example.org was read on Monday.

--r
Content-Type: message/disposition-notification

Reporting-UA: bob.example.org; Mail
Final-Recipient: rfc822;bob@example.org
Original-Message-ID: <1@example.com>
Disposition: manual-action/MDN-sent-manually; displayed

--r--
`},
}

// TestLocateNotBounce checks that messages that only mention bouncing or
// delivery stay not-bounce.
func TestLocateNotBounce(t *testing.T) {
	for _, c := range notBounceCases {
		t.Run(c.name, func(t *testing.T) {
			rep, err := ParseString(c.msg)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Kind != KindNotBounce {
				t.Errorf("kind %s, want not-bounce (%+v)", rep.Kind, rep.Recipients)
			}
		})
	}
}

// TestLocateAutoReply checks that a vacation reply stays an auto-reply, also
// when it names another address to write to.
func TestLocateAutoReply(t *testing.T) {
	rep, err := ParseString(msg(`
From: Bob <bob@example.org>
To: alice@example.com
Subject: Out of Office: Budget
Auto-Submitted: auto-replied`, `I am away until Monday and will read your message when I return.
In urgent cases write to:

carol@example.org
`))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Kind != KindAutoReply {
		t.Errorf("kind %s, want autoreply", rep.Kind)
	}
}

// TestNotRecipients: the addresses a bounce names that are not its
// recipients, and the postmaster of its sender's domain, and no other.
func TestNotRecipients(t *testing.T) {
	var s notRecipients
	s.addrs[0], s.addrs[1], s.n = "mailer-daemon@mx.example.net", "sender@example.org", 2
	s.postmasterAt = "@mx.example.net"
	for a, want := range map[string]bool{
		"mailer-daemon@mx.example.net": true,
		"sender@example.org":           true,
		"postmaster@mx.example.net":    true,
		"postmaster@example.net":       false,
		"postmaster@mx.example.netx":   false,
		"postmastermx.example.net":     false,
		"user@example.com":             false,
		"":                             false,
	} {
		if got := s.has(a); got != want {
			t.Errorf("has(%q) = %v, want %v", a, got, want)
		}
	}
	var none notRecipients
	if none.has("") || none.has("postmaster") {
		t.Error("an empty set holds an address")
	}
}
