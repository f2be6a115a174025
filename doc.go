// Package bounce reads bounce messages and SMTP replies and says, for each
// failed recipient, why delivery failed, whether the failure is permanent or
// temporary, and what to do about it.
//
// [Parse] takes anything a person may paste: one SMTP reply line, a
// multi-line reply, or a whole bounce message. It finds every reply in it and
// classifies each with the [catalog]: first by the text of the reply (within
// the provider that the text, its trailer or the remote host names), then by
// the enhanced status code, then by the reply code. For whole messages the
// structure of the bounce (DSN fields, the SMTP stage, an expired queue) is
// evidence too.
//
// A [Report] holds one [Recipient] per failed recipient, in the order of the
// bounce; each says its class (permanent or temporary), its reason, what to
// do and who acts, and in [Match] the catalog entry and the exact text that
// decided. [catalog.Lookup] gives that entry, [catalog.Search] finds entries
// by status code, reply code or words:
//
//	rep, err := bounce.Parse(f) // a file, a pasted reply, an mbox
//	if err != nil {
//		return err // unreadable, or over a limit
//	}
//	for _, r := range rep.Recipients {
//		if r.Class == catalog.ClassPermanent {
//			suppress(r.Recipient, r.Reason)
//		}
//	}
//
// Text in which nothing is recognised is not an error: it gives a report of
// kind "not-bounce", or a recipient whose reason is "undefined".
//
// Implemented:
//   - RFC 5321, section 4.2: reply lines and multi-line replies
//     ("550-5.1.1 ..." continued by "550 5.1.1 ...").
//   - RFC 3463 and the IANA registry: enhanced status codes, also written as
//     "#5.1.1" (qmail, Cisco) or "[5.1.1]".
//   - RFC 5322 headers; RFC 2045-2047 MIME: multipart at any depth up to
//     [MaxDepth], base64, quoted-printable, encoded words.
//   - RFC 3464 and RFC 6522 delivery status notifications, with the returned
//     message (message/rfc822 or text/rfc822-headers).
//   - RFC 3834 auto-replies and RFC 5965 (ARF) complaint reports, reported
//     as not failures.
//
// Departures:
//   - A line that follows a reply without a code of its own is taken as part
//     of that reply, since pasted text is often re-wrapped.
//   - Enhanced codes are scoped to the provider that sent them: Gmail's
//     5.7.27 is not IANA's X.7.27.
//   - Charsets: UTF-8, US-ASCII, ISO-8859-1/-15 and Windows-1252 are decoded;
//     of ISO-2022-JP, Shift_JIS, EUC-JP/KR, GB2312, GBK and Big5 only the
//     ASCII text is kept, which holds the codes, addresses and diagnostics.
//   - Non-standard bounce formats (Postfix, Exim, Sendmail, qmail, Exchange,
//     Gmail and others) are read from their wording.
//   - Input is refused over [MaxSize] bytes, [MaxRecipients] records or
//     [MaxDepth] MIME levels, never silently cut.
package bounce
