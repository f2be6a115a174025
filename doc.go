// Package bounce reads bounce messages and SMTP replies and says, for each
// failed recipient, why delivery failed, whether the failure is permanent or
// temporary, and what to do about it.
//
// [Parse] takes anything a person may paste: one SMTP reply line, a
// multi-line reply, or a whole bounce message. It finds every reply in it and
// classifies each with the [catalog]: first by the text of the reply (within
// the provider that the text or its trailer names), then by the enhanced
// status code, then by the reply code.
//
// Implemented:
//   - RFC 5321, section 4.2: reply lines, multi-line replies ("550-5.1.1 ..."
//     continued by "550 5.1.1 ...").
//   - RFC 3463 and the IANA registry: enhanced status codes, also written as
//     "#5.1.1" (qmail, Cisco) or "[5.1.1]".
//
// Departures:
//   - A line that follows a reply without a code of its own is taken as part
//     of that reply, since pasted text is often re-wrapped.
//   - Enhanced codes are scoped to the provider that sent them: Gmail's
//     5.7.27 is not IANA's X.7.27.
package bounce
