package ui

import (
	"strconv"
	"strings"

	"github.com/bouncekit/bounce"
	"github.com/bouncekit/bounce/catalog"
)

// reasonWords puts each reason of catalog/reasons.tsv in a few plain words,
// for headlines ("Permanent: the address does not exist"). A reason missing
// here falls back to its meaning in the catalog.
var reasonWords = map[string]string{
	"userunknown":     "the address does not exist",
	"hostunknown":     "the domain does not exist",
	"hasmoved":        "the address has moved",
	"notaccept":       "the domain accepts no mail",
	"suspend":         "the account is disabled",
	"mailboxfull":     "the mailbox is full",
	"systemfull":      "the receiving server is out of space",
	"emailtoolarge":   "the message is too large",
	"ratelimited":     "too many messages too fast",
	"authfailure":     "SPF, DKIM or DMARC failed",
	"requireptr":      "the sending server lacks reverse DNS",
	"badreputation":   "the sender's reputation is too low",
	"blocked":         "the sending server is blocked",
	"spamdetected":    "the message looked like spam",
	"virusdetected":   "a virus was found",
	"securityerror":   "a security check failed",
	"failedstarttls":  "the encrypted connection (TLS) failed",
	"norelaying":      "relaying was refused",
	"rejected":        "the sender address was refused",
	"policyviolation": "a policy of the receiving site forbids it",
	"filtered":        "a filter refused the message",
	"contenterror":    "the message is malformed",
	"notcompliantrfc": "the message breaks the e-mail standard",
	"syntaxerror":     "the sending program broke the SMTP protocol",
	"systemerror":     "the receiving server had an error",
	"networkerror":    "a network or DNS problem",
	"expired":         "delivery timed out",
	"mailererror":     "the local delivery program failed",
	"suppressed":      "the address is on a suppression list",
	"onhold":          "not enough information",
	"undefined":       "the reason is not recognised",
	"vacation":        "an automatic reply (out of office)",
	"feedback":        "a spam complaint",
	"delivered":       "delivered",
}

// ReasonWords returns a reason in a few plain words.
//
//go:noinline
func ReasonWords(reason string) string {
	if w, ok := reasonWords[reason]; ok {
		return w
	}
	if r := catalog.ReasonByName(reason); r != nil {
		return r.Meaning
	}
	if reason == "" {
		return "the reason is not recognised"
	}
	return reason
}

// classWords is the first word of a headline, per class.
//
//go:noinline
func classWords(c catalog.Class) string {
	switch c {
	case catalog.ClassPermanent:
		return "Permanent"
	case catalog.ClassTemporary:
		return "Temporary"
	case catalog.ClassSuccess:
		return "Not a failure"
	}
	return "Unclear"
}

// Headline is a card's title: the class and the reason in words, e.g.
// "Permanent: the address does not exist". A complaint is named as one.
func Headline(r *bounce.Recipient) string {
	if r.Reason == "feedback" {
		return "Complaint: the recipient reported it as spam"
	}
	return classWords(r.Class) + ": " + ReasonWords(r.Reason)
}

// actorWords names the seven actors of the catalog's Who field.
var actorWords = map[string]string{
	"sender":           "You, the sender",
	"sender-admin":     "Your mail administrator",
	"sender-developer": "The developer of your sending software",
	"sender-provider":  "Your e-mail provider",
	"recipient":        "The recipient",
	"recipient-admin":  "The recipient's mail administrator",
	"nobody":           "Nobody",
}

// WhoWords names who must act; a value outside the seven is shown as it is.
//
//go:noinline
func WhoWords(who string) string {
	if w, ok := actorWords[who]; ok {
		return w
	}
	return who
}

// addressReasons are the permanent reasons that say the address itself is
// bad, so it should leave a mailing list.
var addressReasons = map[string]bool{
	"userunknown": true, "hostunknown": true, "hasmoved": true, "notaccept": true,
	"suspend": true, "suppressed": true,
}

// Suppress says whether r's address should leave a mailing list: a hard
// bounce for a reason of the address, or a complaint.
//
//go:noinline
func Suppress(r *bounce.Recipient) bool {
	if r.Reason == "feedback" {
		return true
	}
	return r.Class == catalog.ClassPermanent && addressReasons[r.Reason]
}

// ListAdvice is the hard/soft answer for r and what it means for a list.
func ListAdvice(r *bounce.Recipient) string {
	switch {
	case r.Reason == "feedback":
		return "Complaint: yes, remove this address from your list (unsubscribe it)."
	case Suppress(r):
		return "Hard bounce: yes, remove this address from your list."
	case r.Class == catalog.ClassPermanent:
		return "Hard bounce, but the address itself is not the problem: keep it and fix the cause."
	case r.Class == catalog.ClassTemporary:
		return "Soft bounce: keep the address; a later attempt may succeed."
	case r.Class == catalog.ClassSuccess:
		return "Not a bounce: keep the address."
	}
	return "Unclear: read the bounce before removing the address."
}

// formatSame are the report formats that only repeat the kind of input
// (KindText leaves them out).
var formatSame = map[string]bool{"rfc3464": true, "rfc3834": true, "arf": true}

// providerNames spells the catalog's provider keys as people write them.
var providerNames = map[string]string{
	"google": "Gmail", "generic": "Any server", "iana": "IANA status code", "rfc5321": "SMTP reply code (RFC 5321)",
	"microsoft": "Microsoft", "postfix": "Postfix", "outlook": "Outlook.com", "exchange": "Exchange",
	"yahoo": "Yahoo", "exim": "Exim", "orange": "Orange", "cox": "Cox", "tencent": "Tencent (QQ)",
	"sendmail": "Sendmail", "mimecast": "Mimecast", "apple": "Apple iCloud", "qmail": "qmail",
	"netease": "NetEase", "gmx": "GMX", "comcast": "Comcast", "zoho": "Zoho", "spectrum": "Spectrum",
	"mailru": "Mail.ru", "barracuda": "Barracuda", "spamhaus": "Spamhaus", "proofpoint": "Proofpoint",
	"docomo": "NTT Docomo", "cisco": "Cisco", "att": "AT&T", "yandex": "Yandex", "rackspace": "Rackspace",
	"dovecot": "Dovecot", "domino": "HCL Domino", "courier": "Courier",
}

// ProviderName returns the name of a catalog provider key.
//
//go:noinline
func ProviderName(p string) string {
	if n, ok := providerNames[p]; ok {
		return n
	}
	return p
}

// EntryTitle names a catalog entry in words: who sends it and its reason,
// e.g. "Gmail: SPF, DKIM or DMARC failed".
//
//go:noinline
func EntryTitle(provider, reason string) string {
	return ProviderName(provider) + ": " + ReasonWords(reason)
}

// Group is the recipients of a report that share a class and a reason.
type Group struct {
	Class     catalog.Class
	Reason    string
	First     *bounce.Recipient // the first recipient of the group
	Addresses []string          // each recipient's address, or a placeholder
}

// classRank puts failures for good first: 0 for permanent (and a class
// outside the four), 1 temporary, 2 unknown, 3 success.
func classRank(c catalog.Class) int {
	switch c {
	case catalog.ClassTemporary:
		return 1
	case catalog.ClassUnknown:
		return 2
	case catalog.ClassSuccess:
		return 3
	}
	return 0
}

// The sorts below are stable sorts on a rank of 0 to 3, written out as
// one pass per rank: slices.SortStableFunc would add two instantiations of
// its merge sort to bounce.wasm.

// Groups groups rep's recipients by class and reason: permanent first,
// then temporary, unclear and notices; within a class in order of first
// appearance.
func Groups(rep *bounce.Report) []Group {
	var out []Group
	index := map[string]int{}
	for i := range rep.Recipients {
		r := &rep.Recipients[i]
		addr := r.Recipient
		if addr == "" {
			addr = "(address not given)"
		}
		k := string(r.Class) + " " + r.Reason
		if j, ok := index[k]; ok {
			out[j].Addresses = append(out[j].Addresses, addr)
			continue
		}
		index[k] = len(out)
		out = append(out, Group{Class: r.Class, Reason: r.Reason, First: r, Addresses: []string{addr}})
	}
	sorted := make([]Group, 0, len(out))
	for rank := 0; rank <= 3; rank++ {
		for _, g := range out {
			if classRank(g.Class) == rank {
				sorted = append(sorted, g)
			}
		}
	}
	return sorted
}

// OverviewText counts a report's recipients by class, naming the causes:
// "3 recipients: 2 permanent (the address does not exist, the mailbox is
// full); 1 temporary (too many messages too fast)".
func OverviewText(rep *bounce.Report) string {
	groups := Groups(rep)
	var parts []string
	for i := 0; i < len(groups); {
		c := groups[i].Class
		n := 0
		var causes []string
		for ; i < len(groups) && groups[i].Class == c; i++ {
			n += len(groups[i].Addresses)
			causes = append(causes, ReasonWords(groups[i].Reason))
		}
		word := strings.ToLower(classWords(c))
		parts = append(parts, strconv.Itoa(n)+" "+word+" ("+strings.Join(causes, ", ")+")")
	}
	return plural(len(rep.Recipients), "recipient") + ": " + strings.Join(parts, "; ")
}

// plural is n and the word, in the plural unless n is 1.
func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	switch {
	case strings.HasSuffix(word, "y"):
		word = word[:len(word)-1] + "ies"
	case strings.HasSuffix(word, "s"):
		word += "es"
	default:
		word += "s"
	}
	return strconv.Itoa(n) + " " + word
}

// SortEntries orders catalog search results for query q: entries whose
// own code is q first (the first status, or the first reply code whose
// class agrees with q), then those that list q among others, then the
// rest (IANA's X. forms, text matches), keeping the catalog's order within
// each rank.
func SortEntries(q string, found []*catalog.Entry) {
	q = strings.TrimSpace(q)
	rank := func(e *catalog.Entry) int {
		for i, s := range e.Statuses {
			if s == q {
				if i == 0 {
					return 0
				}
				return 1
			}
		}
		if n, ok := catalog.ReplyCode(q); ok {
			for i, r := range e.Replies {
				if r == n {
					agree := len(e.Statuses) == 0 || e.Statuses[0][0] == q[0]
					switch {
					case i == 0 && agree:
						return 0
					case agree:
						return 1
					}
					return 2
				}
			}
		}
		return 3
	}
	ranks := make([]int, len(found))
	for i, e := range found {
		ranks[i] = rank(e)
	}
	sorted := make([]*catalog.Entry, 0, len(found))
	for r := 0; r <= 3; r++ {
		for i, e := range found {
			if ranks[i] == r {
				sorted = append(sorted, e)
			}
		}
	}
	copy(found, sorted)
}
