package bounce

import (
	"math"
	"strings"
	"sync"

	"github.com/bouncekit/bounce/catalog"
)

// Confidence of a verdict by the way it was reached.
const (
	confProviderStatus = 0.6  // the provider's own meaning of the status code
	confStatus         = 0.5  // IANA's meaning of the status code
	confReply          = 0.3  // RFC 5321's meaning of the reply code
	confMismatch       = 0.85 // factor when the text's provider differs from the reply's
)

// providerHints maps words that name a provider in a reply, its trailer or
// the remote host to the catalog provider.
var providerHints = []struct{ word, provider string }{
	{"gsmtp", "google"},
	{"google.com", "google"},
	{"googlemail.com", "google"},
	{"protection.outlook.com", "microsoft"},
	{"prod.outlook.com", "microsoft"},
	{"outlook.com", "outlook"},
	{"hotmail.com", "outlook"},
	{"yahoodns.net", "yahoo"},
	{"yahoo.com", "yahoo"},
	{"aol.com", "yahoo"},
	{"icloud.com", "apple"},
	{"mail.me.com", "apple"},
	{"mimecast", "mimecast"},
	{"pphosted.com", "proofpoint"},
	{"ppe-hosted.com", "proofpoint"},
	{"barracuda", "barracuda"},
	{"zoho.com", "zoho"},
	{"gmx.net", "gmx"},
	{"web.de", "gmx"},
	{"mail.ru", "mailru"},
	{"comcast.net", "comcast"},
	{"cox.net", "cox"},
	{"charter.net", "spectrum"},
	{"qq.com", "tencent"},
	{"163.com", "netease"},
	{"orange.fr", "orange"},
	{"laposte.net", "orange"},
	{"wanadoo.fr", "orange"},
	{"yandex", "yandex"},
	// Japanese mobile carriers, which answer "User unknown" also when the
	// recipient's own filter refuses the sender.
	{"@docomo.ne.jp", "docomo"},
	{"@ezweb.ne.jp", "docomo"},
	{"@au.com", "docomo"},
	{"@softbank.ne.jp", "docomo"},
	{"@i.softbank.jp", "docomo"},
	{"@vodafone.ne.jp", "docomo"},
}

// providerOf returns the provider that one of the texts names, or "".
func providerOf(texts ...string) string {
	for _, t := range texts {
		if t == "" {
			continue
		}
		var buf [16]uint64
		l := strings.ToLower(t)
		lt := newLowerText(l, buf[:])
		if i := lt.first(providerWords().words, providerWords().grams()); i >= 0 {
			return providerHints[i].provider
		}
	}
	return ""
}

// providerWords holds the words of providerHints.
var providerWords = sync.OnceValue(func() *phraseList {
	words := make([]string, len(providerHints))
	for i, h := range providerHints {
		words[i] = h.word
	}
	return newPhraseList(words)
})

// classify fills the verdict of rec from its diagnostic text and codes.
// provider is the provider known from elsewhere (the remote host), or "".
func classify(rec *Recipient, provider string) {
	rec.Diagnostic = strings.ToValidUTF8(rec.Diagnostic, "\uFFFD")
	if p := providerOf(rec.Diagnostic); p != "" {
		provider = p
	}
	q := catalog.Query{Provider: provider, Reply: rec.ReplyCode, Status: rec.Status.String()}
	var e *catalog.Entry
	if hit, ok := catalog.Match(rec.Diagnostic, q); ok {
		e = hit.Entry
		conf := hit.Coverage
		if provider != "" && e.Provider != provider && !generic(e.Provider) {
			conf *= confMismatch
		}
		rec.Match = Match{By: "text", Confidence: conf, Evidence: rec.Diagnostic[hit.Start:hit.End], score: hit.Score}
	} else if e = catalog.ByStatus(provider, rec.Status.String()); e != nil {
		conf := confStatus
		if e.Provider != "iana" {
			conf = confProviderStatus
		}
		rec.Match = Match{By: "status", Confidence: conf, Evidence: rec.Status.String()}
	} else if e = catalog.ByReply(rec.ReplyCode); e != nil {
		rec.Match = Match{By: "reply", Confidence: confReply, Evidence: itoa(rec.ReplyCode)}
	}
	rec.Class = classOf(rec, e)
	if e == nil {
		rec.Reason = "undefined"
		rec.Match = Match{By: "none"}
		if r := catalog.ReasonByName("undefined"); r != nil {
			rec.Explanation = r.Meaning
			rec.WhoActs = r.WhoActs
		}
		rec.Action = "Read the server's text; if it stays unclear, ask the administrator of the receiving server."
		rec.Retry = retryByClass(rec.Class)
		return
	}
	rec.Reason = e.Reason
	rec.Explanation = e.Explanation
	rec.Action = e.Action
	rec.WhoActs = e.Who
	rec.Retry = e.Retry
	rec.Match.Entry = e.ID
	rec.Match.Provider = e.Provider
	rec.Match.Confidence = math.Round(min(rec.Match.Confidence, 0.99)*100) / 100
	for _, id := range e.Sources {
		if d := catalog.DocByID(id); d != nil {
			rec.Match.Sources = append(rec.Match.Sources, *d)
		}
	}
}

// generic reports whether a provider's texts are sent by many servers.
func generic(p string) bool {
	switch p {
	case "generic", "postfix", "exim", "sendmail", "qmail", "courier", "iana", "rfc5321":
		return true
	}
	return false
}

// classOf decides the class: the codes the reply carries come first, then
// the entry's own class.
func classOf(rec *Recipient, e *catalog.Entry) catalog.Class {
	if rec.Status.Valid() {
		return catalog.ClassOf(rec.Status[0])
	}
	if rec.ReplyCode != 0 {
		return catalog.ClassOf(rec.ReplyCode / 100)
	}
	if e != nil {
		return e.Class
	}
	return catalog.ClassUnknown
}

func retryByClass(c catalog.Class) string {
	switch c {
	case catalog.ClassTemporary:
		return "The server asked for a later retry; mail servers retry on their own."
	case catalog.ClassPermanent:
		return "Not until the cause is understood and fixed."
	}
	return "Not applicable."
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	b := []byte{byte('0' + n/100%10), byte('0' + n/10%10), byte('0' + n%10)}
	return string(b)
}
