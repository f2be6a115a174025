package bounce

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bouncekit/bounce/catalog"
)

// This file is the decide step: given one recipient's diagnostic and codes,
// and what the message around it tells, it decides the reason and the
// class. Reading the message and finding the recipients come before it
// (message.go, locate.go); explaining the verdict comes after (explain.go).
//
// The reason is decided by one ordered list; the first step that answers
// decides and names itself in match.by:
//
//	1. structure  the bounce's form leaves no choice: a DSN that says the
//	              message was delivered, a recipient that is a program
//	2. text       a catalog wording, by the words of the diagnostic: the
//	              provider's own wordings are preferred, then shared ones,
//	              then another provider's (catalog.Match ranks them); a
//	              short generic match gives way to the words after it
//	              ("rejected: Virus detected")
//	3. lexicon    the words name a reason: the lexicon's phrases, in every
//	              language it knows (catalog.Lexicon); a shared wording
//	              found only in part gives way to a lexicon phrase found
//	              whole within it, and where the provider's own meaning of
//	              its code says the same, that entry explains it
//	4. structure  the queue gave up (when no words above named the cause
//	              that kept the message from going out)
//	5. status     the enhanced status code: the provider's meaning, then IANA's
//	6. reply      the reply code's meaning (RFC 5321)
//	7. stage      the SMTP command the reply answered, for a failure whose
//	              codes are generic
//	8. none       undefined
//
// Then the context corrects what a reason cannot know by itself, each
// correction naming its own match.by: an address refused at MAIL FROM is
// the sender's (rejected), a "user unknown" given after the message was sent
// comes from a filter, and a format with one meaning. Last the class:
// the codes first, then the bounce (final or a delay warning).

// evidence is what a message tells about its recipients besides each
// recipient's diagnostic text and codes.
type evidence struct {
	reportingProvider string // provider that wrote the bounce, or that sent a bare reply; "" if unknown
	bare              bool   // a bare reply, with no message around it
	format            string // format of the bounce, e.g. "postfix"
	program           bool   // the recipient is a program (a pipe)
	stage             string // SMTP command the reply answered: RCPT, DATA, MAIL, HELO, CONN, ...
	retryPassed       bool   // Will-Retry-Until lies in the past
	date              string // the bounce's Date
	text              string // the bounce's readable text
	expired           bool   // the text says the queue gave up
	delayed           bool   // the text is only a delay warning
	memo              *memo  // the verdicts decided so far in this message; nil for a bare reply
}

// finding is the answer of one step of the list.
type finding struct {
	entry    *catalog.Entry // the catalog entry that decided; nil when a reason was decided by name
	reason   string         // the reason, also when entry is nil
	by       string         // the step: text, lexicon, structure, status, reply, stage, none
	conf     float64        // confidence, 0 to 1
	evidence string         // the input text that decided
	score    float64        // the catalog's ranking key, for text matches
}

// Confidence of a verdict by the way it was reached.
const (
	confLexicon        = 0.75 // a lexicon phrase names the reason
	confProviderStatus = 0.6  // the provider's own meaning of the status code
	confStatus         = 0.5  // IANA's meaning of the status code
	confReply          = 0.3  // RFC 5321's meaning of the reply code
	confMismatch       = 0.85 // factor when the text's provider differs from the reply's
)

// classify decides a bare reply, which has no message around it. provider
// is the provider known from elsewhere, or "".
func classify(rec *Recipient, provider string) {
	decide(rec, evidence{reportingProvider: provider, bare: true})
}

// decide fills the verdict of rec. The recipient's own address in its
// diagnostic is not read as words about the failure (ownAddressMasked):
// so the records of one message whose diagnostics differ only in their
// own addresses, and whose codes and context are the same, have one
// verdict, decided once (ev.memo).
func decide(rec *Recipient, ev evidence) {
	rec.Diagnostic = clipText(rec.Diagnostic, MaxDiagnostic)
	if !utf8.ValidString(rec.Diagnostic) { // which reads ASCII 8 bytes at a time
		rec.Diagnostic = strings.ToValidUTF8(rec.Diagnostic, "\uFFFD")
	}
	diag := rec.Diagnostic
	masked := ownAddressMasked(diag, rec.Recipient)
	// A program recipient's verdict quotes the recipient itself.
	remember := decideOnce && ev.memo != nil && !ev.program && !strings.HasPrefix(rec.Recipient, "|")
	var key memoKey
	if remember {
		key = memoKey{diag: masked, domain: domainOf(rec.Recipient), action: rec.DSNAction, status: rec.Status,
			reply: rec.ReplyCode, remoteMTA: rec.RemoteMTA, stage: ev.stage, retryPassed: ev.retryPassed,
			reportingProvider: ev.reportingProvider, format: ev.format, expired: ev.expired, delayed: ev.delayed}
		if d, ok := ev.memo.get(&key); ok {
			d.apply(rec, masked, diag)
			return
		}
	}
	rec.Diagnostic = masked
	decideMasked(rec, ev)
	rec.Diagnostic = diag
	if remember {
		ev.memo.put(&key, verdictOf(rec)) // Match.Evidence still as masked
	}
	rec.Match.Evidence = unmasked(rec.Match.Evidence, masked, diag)
}

// decideMasked is decide on a diagnostic whose recipient's own address is
// masked.
func decideMasked(rec *Recipient, ev evidence) {
	if !ev.bare {
		settleCodes(rec)
		rec.Command = ev.stage
	}
	// The provider known from the message around the reply (its remote
	// host, the bounce's writer, the recipient's domain) reads the context;
	// the one the reply's own text names, if any, ranks the wordings.
	df := diagFactsOf(rec.Diagnostic)
	named := df.provider
	sender := ev.reportingProvider
	if !ev.bare {
		sender = senderOf(rec, named, ev)
	}
	provider := firstNonEmpty(named, sender)
	f, classFrom := reasonOf(rec, df, ev, provider)
	if !ev.bare {
		f = corrected(f, rec, df, ev, sender)
	}
	rec.Class = classOf(rec, f, classFrom, ev)
	explain(rec, f)
}

// clipText returns the first n bytes of s or fewer, ending at a rune.
func clipText(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// settleCodes takes the codes of the server's own reply, quoted in the
// diagnostic, over those of the bounce around it.
func settleCodes(rec *Recipient) {
	// The codes in the server's own reply are more specific than the DSN
	// Status field that the reporting MTA derived from them.
	c, st := codesOf(rec.Diagnostic)
	if rec.ReplyCode == 0 {
		rec.ReplyCode = c
	}
	if !st.IsZero() && (rec.Status.IsZero() || st[0] == rec.Status[0] || c/100 == st[0]) {
		// The server's own reply wins, also over a DSN status of another
		// class, when its reply code agrees with it ("550 5.5.0" under
		// Status: 4.5.0).
		rec.Status = st
	}
	if rec.ReplyCode != 0 && rec.ReplyCode < 400 && rec.Status[0] >= 4 {
		rec.ReplyCode = 0 // a "250 OK" quoted before the failure
	}
}

// reasonOf runs the ordered list; df are the signs of the diagnostic. It
// also returns the entry whose class stands when the codes say none (the
// codes' own entry when a reason was decided by name).
func reasonOf(rec *Recipient, df diagFacts, ev evidence, provider string) (finding, *catalog.Entry) {
	// 1. structure: the form of the bounce.
	switch rec.DSNAction {
	case "delivered", "relayed", "expanded":
		return finding{reason: "delivered", by: "structure", conf: 0.9, evidence: "Action: " + rec.DSNAction}, nil
	}
	if (ev.program || strings.HasPrefix(rec.Recipient, "|")) && !rec.Status.IsZero() && rec.Status[1] == 0 {
		// The recipient is a program (a pipe): the local delivery program
		// failed, whatever it printed.
		return finding{reason: "mailererror", by: "structure", conf: 0.7, evidence: rec.Recipient}, nil
	}

	// 2 and 3. the words: a catalog wording, else the lexicon.
	words := byWords(rec, rec.Diagnostic, provider, true)
	codes := finding{reason: "undefined", by: "none"}
	if words.by != "text" {
		codes = byCodes(rec, provider) // not needed when a catalog wording decided
	}
	base := words
	if base.by == "none" {
		base = codes
	}

	// 4. structure: the queue gave up. When the words also name the
	// failure that kept the message from going out (a full mailbox, a
	// refused connection), that failure is the reason.
	expiry := df.expiry
	if ev.retryPassed || expiry != "" || base.reason == "expired" || ev.expired && words.by != "text" && words.by != "lexicon" {
		cause := byWords(rec, withoutExpiry(rec.Diagnostic), provider, false)
		switch {
		case cause.by != "none" && cause.reason != "expired" && cause.reason != "onhold":
			return cause, cause.entry
		case words.reason == "expired" && words.by == "text":
			return words, words.entry // the catalog's own wording of an expiry
		}
		return finding{reason: "expired", by: "structure", conf: 0.8,
			evidence: firstNonEmpty(expiry, "Will-Retry-Until")}, base.entry
	}
	if words.by == "lexicon" && codes.by == "status" && codes.entry.Provider != "iana" && codes.reason == words.reason {
		// The provider's own meaning of its code says what the words
		// say, in its own terms.
		return codes, codes.entry
	}
	if words.by != "none" {
		return words, words.entry
	}

	// 5 and 6. the status code, then the reply code; 7. the stage, when
	// those are generic.
	if r := byStage(rec, codes, ev.stage); r != "" {
		return finding{reason: r, by: "stage", conf: 0.4, evidence: ev.stage}, codes.entry
	}
	return codes, codes.entry
}

// byWords is steps 2 and 3: the catalog entry whose wording the text
// matches, else the reason the lexicon finds in it. refine lets a short
// generic match give way to the words after it.
func byWords(rec *Recipient, text, provider string, refine bool) finding {
	q := catalog.Query{Provider: provider, Reply: rec.ReplyCode, Status: rec.Status.String()}
	if hit, ok := catalog.Match(text, q); ok {
		f := fromHit(hit, text, provider)
		if refine {
			f = refined(f, rec, text, provider)
		}
		if f.entry == hit.Entry && hit.Coverage < 1 && catalog.SharedWording(hit.Entry.Provider) {
			// A shared wording found only in part ("Mailbox size limit
			// exceeded" for "Message size limit exceeded") yields to a
			// phrase found whole within it that names another reason.
			if lex, ok := catalog.Lexicon(text); ok && lex.Entry.Reason != hit.Entry.Reason && lex.Start < hit.End && hit.Start < lex.End {
				return byLexicon(lex, text)
			}
		}
		return f
	}
	if lex, ok := catalog.Lexicon(text); ok {
		return byLexicon(lex, text)
	}
	return finding{reason: "undefined", by: "none"}
}

func byLexicon(hit catalog.Hit, text string) finding {
	return finding{entry: hit.Entry, reason: hit.Entry.Reason, by: "lexicon", conf: confLexicon,
		evidence: text[hit.Start:hit.End]}
}

// fromHit turns a catalog text match into a finding.
func fromHit(hit catalog.Hit, text, provider string) finding {
	conf := hit.Coverage
	if provider != "" && hit.Entry.Provider != provider && !catalog.SharedWording(hit.Entry.Provider) {
		conf *= confMismatch
	}
	return finding{entry: hit.Entry, reason: hit.Entry.Reason, by: "text", conf: conf,
		evidence: text[hit.Start:hit.End], score: hit.Score}
}

// refined looks past a short generic match such as "Recipient address
// rejected:" at the words that follow it, which name the actual cause.
func refined(f finding, rec *Recipient, text, provider string) finding {
	if fieldsUpTo(f.evidence, 5) > 4 {
		return f
	}
	i := strings.Index(text, f.evidence)
	if i < 0 {
		return f
	}
	after := strings.TrimLeft(text[i+len(f.evidence):], " ")
	label := after != "" && strings.ContainsRune(":;.-", rune(after[0])) // "Recipient address rejected: ..."
	tail := strings.TrimLeft(after, " :;,.-")
	if fieldsUpTo(tail, 2) < 2 {
		return f
	}
	q := catalog.Query{Provider: provider, Reply: rec.ReplyCode, Status: rec.Status.String()}
	hit, ok := catalog.Match(tail, q)
	if !ok {
		return f
	}
	t := fromHit(hit, tail, provider)
	// The words after count when the match ends like a label ("...
	// rejected: Virus detected"), when they quote a server's reply of their
	// own, or when they match an entry at least as well.
	if t.reason != f.reason && (label || hasCode(tail) || t.score >= f.score) {
		return t
	}
	return f
}

// byCodes is steps 5 and 6: the meaning of the status code (the provider's
// own, then IANA's), else of the reply code.
func byCodes(rec *Recipient, provider string) finding {
	if e := catalog.ByStatus(provider, rec.Status.String()); e != nil {
		conf := confStatus
		if e.Provider != "iana" {
			conf = confProviderStatus
		}
		return finding{entry: e, reason: e.Reason, by: "status", conf: conf, evidence: rec.Status.String()}
	}
	if e := catalog.ByReply(rec.ReplyCode); e != nil {
		return finding{entry: e, reason: e.Reason, by: "reply", conf: confReply, evidence: itoa(rec.ReplyCode)}
	}
	return finding{reason: "undefined", by: "none"}
}

// byStage is step 7: the reason that the SMTP stage implies for a failure
// whose codes say nothing more specific.
func byStage(rec *Recipient, codes finding, stage string) string {
	generic := codes.by == "none" || codes.by == "reply" || rec.Status[1] == 0 || rec.Status.IsZero()
	if !generic {
		return ""
	}
	switch stage {
	case "RCPT":
		if rec.Status[0] == 5 || rec.ReplyCode >= 500 {
			return "userunknown"
		}
	case "MAIL":
		return "rejected"
	case "DATA":
		return "filtered"
	case "CONN", "HELO":
		return "blocked"
	}
	return ""
}

// corrected applies what the message around a reply tells and a reason
// cannot know by itself. df are the signs of the diagnostic.
func corrected(f finding, rec *Recipient, df diagFacts, ev evidence, provider string) finding {
	// A recipient-level reason given at another stage of the dialogue says
	// something else: the sender was refused (MAIL), or the content (DATA).
	senderRefused := ev.stage == "MAIL" || rec.Status == Status{5, 1, 8} || rec.Status == Status{5, 1, 7} ||
		df.senderRefused
	switch {
	case senderRefused && (f.reason == "userunknown" || f.reason == "hostunknown" || f.reason == "policyviolation" || f.reason == "undefined"):
		f = finding{reason: "rejected", by: "stage", conf: 0.5, evidence: firstNonEmpty(ev.stage, rec.Status.String())}
	case f.reason == "userunknown" && rec.Status[1] != 1 && rec.ReplyCode != 0 && ev.stage != "RCPT" && ev.stage != "MAIL" && !checksAtRCPT(provider):
		// A remote server's "user unknown" that did not answer RCPT TO and
		// has no addressing status (X.1.x) behind it comes from a filter
		// that refused the message, not from a missing mailbox; or, with
		// X.2.1, from a disabled one.
		if rec.Status[1] == 2 && rec.Status[2] == 1 {
			f = finding{reason: "suspend", by: "status", conf: 0.5, evidence: rec.Status.String()}
			break
		}
		f = finding{reason: "filtered", by: "stage", conf: 0.5, evidence: firstNonEmpty(ev.stage, itoa(rec.ReplyCode))}
	}
	if f.reason == "filtered" && f.entry != nil && f.entry.Provider == "docomo" && f.by == "text" && (ev.stage != "DATA" || rec.Status[1] == 1 && rec.Status[2] == 1) && strings.Contains(toLower(f.evidence), "unknown") {
		// A Japanese carrier's "User unknown" means either a missing
		// mailbox or the recipient's filter. Given after the message was
		// sent (DATA) without an X.1.1 status it is the filter; otherwise the
		// mailbox.
		f = finding{reason: "userunknown", by: "status", conf: 0.6, evidence: rec.Status.String()}
	}
	if e := catalog.Lookup(formatEntry[ev.format]); e != nil && f.reason == "undefined" {
		// The format has one meaning whatever its (often localised) text.
		f = finding{entry: e, reason: e.Reason, by: "structure", conf: 0.7, evidence: ev.format}
	}
	return f
}

// formatEntry gives the catalog entry of bounce formats that always mean
// the same thing (Hints: format-entry in catalog/data/signs-hints.txt).
var formatEntry = func() map[string]string {
	m := map[string]string{}
	for _, h := range catalog.Hints("format-entry") {
		m[h.Phrase] = h.Target
	}
	return m
}()

// classOf decides the class: the codes the reply carries come first, then
// the entry that decided (or classFrom, the codes' entry, for a reason
// decided by name); in a bounce message, a failure without codes is final
// unless the bounce only warns of a delay, and the DSN Action has the last
// word on a delay.
func classOf(rec *Recipient, f finding, classFrom *catalog.Entry, ev evidence) catalog.Class {
	var c catalog.Class
	switch {
	case f.reason == "delivered" && f.by == "structure":
		c = catalog.ClassSuccess
	case f.reason == "mailererror" && f.by == "structure":
		c = catalog.ClassOf(rec.Status[0])
	case rec.Status.Valid():
		c = catalog.ClassOf(rec.Status[0])
	case rec.ReplyCode != 0:
		c = catalog.ClassOf(rec.ReplyCode / 100)
	case f.entry != nil && f.by == "structure" && rec.Status.IsZero() && rec.ReplyCode == 0:
		c = f.entry.Class // a format's one meaning
		if c == catalog.ClassUnknown {
			c = catalog.ClassPermanent
		}
	case classFrom != nil:
		c = classFrom.Class
	default:
		c = catalog.ClassUnknown
	}
	if ev.bare {
		return c
	}
	if rec.ReplyCode == 0 && rec.Status.IsZero() && rec.DSNAction == "" && c != catalog.ClassSuccess {
		// No code says it: the bounce itself does. A returned message is a
		// final failure unless the bounce is only a delay warning.
		c = catalog.ClassPermanent
		if ev.delayed {
			c = catalog.ClassTemporary
		}
	}
	switch {
	case rec.DSNAction == "delayed" && c != catalog.ClassTemporary && rec.Status[0] != 5:
		c = catalog.ClassTemporary
	case rec.DSNAction == "failed" && c == catalog.ClassUnknown:
		c = catalog.ClassPermanent
	case c == catalog.ClassUnknown && f.reason != "undefined":
		if r := catalog.ReasonByName(f.reason); r != nil && strings.HasPrefix(r.Class, "permanent") {
			c = catalog.ClassPermanent
		} else if r != nil && strings.HasPrefix(r.Class, "temporary") {
			c = catalog.ClassTemporary
		}
	}
	if c == catalog.ClassUnknown && f.reason == "expired" {
		c = catalog.ClassTemporary
	}
	return c
}

// decideOnce lets decide take a verdict from ev.memo; tests turn it off
// to check that the verdicts are the same as each record's own.
var decideOnce = true

// memo keeps the verdicts decided in one message, by what decides them. A
// DSN of many recipients mostly repeats one diagnostic or a few, with
// each recipient's own address in it. Most messages have one record, or a
// few distinct ones: those are kept in small, compared field by field,
// and only a message of more distinct verdicts makes a map, whose hashing
// of the keys' strings costs more than the comparisons under WebAssembly.
// The memo lives in the message's scratch (reset by its release), so that a
// message of one record pays nothing for it.
type memo struct {
	small [4]memoEntry
	n     int
	m     map[memoKey]verdict
}

type memoEntry struct {
	key memoKey
	v   verdict
}

// get returns the verdict kept for k.
func (mm *memo) get(k *memoKey) (verdict, bool) {
	for i := range mm.small[:mm.n] {
		if mm.small[i].key == *k {
			return mm.small[i].v, true
		}
	}
	if mm.m != nil {
		v, ok := mm.m[*k]
		return v, ok
	}
	return verdict{}, false
}

// put keeps v as the verdict for k.
func (mm *memo) put(k *memoKey, v verdict) {
	if mm.n < len(mm.small) {
		mm.small[mm.n] = memoEntry{*k, v}
		mm.n++
		return
	}
	if mm.m == nil {
		mm.m = make(map[memoKey]verdict)
	}
	mm.m[*k] = v
}

// reset forgets every verdict, and the message's strings with them.
func (mm *memo) reset() {
	clear(mm.small[:mm.n])
	mm.n, mm.m = 0, nil
}

// memoKey is everything a verdict is decided from, but for the bounce's
// text and date, which are the same for all records of a message. A field
// of evidence or Recipient that decide comes to read, and that may differ
// between the records of one message, belongs here too (TestDecideOnce
// compares every testdata report with and without the memo).
type memoKey struct {
	diag              string // the diagnostic, its recipient's own address masked
	domain            string // the recipient's domain, with its "@"
	action            string
	status            Status
	reply             int
	remoteMTA         string
	stage             string
	retryPassed       bool
	reportingProvider string
	format            string
	expired, delayed  bool
}

// verdict is what decide sets on a record.
type verdict struct {
	reply                                       int
	status                                      Status
	command                                     string
	class                                       catalog.Class
	reason, explanation, action, whoActs, retry string
	match                                       Match // Evidence as read in the masked diagnostic
}

func verdictOf(rec *Recipient) verdict {
	return verdict{rec.ReplyCode, rec.Status, rec.Command, rec.Class, rec.Reason, rec.Explanation, rec.Action,
		rec.WhoActs, rec.Retry, rec.Match}
}

// apply sets v on rec, whose diagnostic is diag (masked: masked).
func (v verdict) apply(rec *Recipient, masked, diag string) {
	rec.ReplyCode, rec.Status, rec.Command, rec.Class = v.reply, v.status, v.command, v.class
	rec.Reason, rec.Explanation, rec.Action, rec.WhoActs, rec.Retry = v.reason, v.explanation, v.action, v.whoActs, v.retry
	rec.Match = v.match
	rec.Match.Sources = slices.Clone(v.match.Sources) // each record its own
	rec.Match.Evidence = unmasked(v.match.Evidence, masked, diag)
}

// maskByte stands for each letter and digit of a recipient's own local
// part in its masked diagnostic: a letter no wording or phrase spells out
// on its own.
const maskByte = 'q'

// ownAddressMasked returns diag with each letter and digit of the local
// part of each whole occurrence of addr (as written, with the same case)
// replaced by maskByte: the address names the recipient, and its own
// words ("user17@") say nothing about why delivery failed. The words stay
// where they were, of the same lengths, between the same punctuation, so
// the catalog reads the text as before unless a local part spells one of
// its words; and the domain stays, as it may name the provider. It returns
// diag itself when there is nothing to mask.
func ownAddressMasked(diag, addr string) string {
	at := strings.LastIndexByte(addr, '@')
	if at <= 0 || at == len(addr)-1 || len(diag) < len(addr) {
		return diag
	}
	var b strings.Builder // one allocation: its String does not copy
	done := 0             // diag[:done] is in b
	for i := 0; ; {
		j := strings.Index(diag[i:], addr)
		if j < 0 {
			break
		}
		j += i
		end := j + len(addr)
		i = end
		if j > 0 && addrChar(diag[j-1]) {
			continue // the end of a longer address
		}
		if end < len(diag) && domainChar(diag[end]) && (diag[end] != '.' || end+1 < len(diag) && domainChar(diag[end+1])) {
			continue // a longer domain
		}
		if done == 0 {
			b.Grow(len(diag))
		}
		b.WriteString(diag[done:j])
		for k := j; k < j+at; k++ {
			c := diag[k]
			if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' {
				c = maskByte
			}
			b.WriteByte(c)
		}
		done = j + at
	}
	if done == 0 {
		return diag
	}
	b.WriteString(diag[done:])
	return b.String()
}

// unmasked returns the text of diag that s, a piece of masked (diag
// masked by ownAddressMasked), stands for; s itself when it is no piece of
// it.
func unmasked(s, masked, diag string) string {
	if masked == diag {
		return s // nothing masked
	}
	if i := strings.Index(masked, s); i >= 0 {
		return diag[i : i+len(s)]
	}
	return s
}
