package bounce

import (
	"strings"
	"sync"

	"github.com/bouncekit/bounce/catalog"
)

// Which provider sent a reply decides which catalog wordings are preferred
// and how some structural signs are read.

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
	{"spectrum.net", "spectrum"},
	{"twc.com", "spectrum"},
	{"rr.com", "spectrum"},
	{"brighthouse.com", "spectrum"},
	{"facebook.com", "facebook"},
	{"facebookmail.com", "facebook"},
	{"secureserver.net", "godaddy"},
	{"bizsmtp", "godaddy"},
	{"mail.i.ua", "iua"},
	{"@i.ua", "iua"},
	{"amazonses.com", "amazonses"},
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
	{"@kddi.com", "docomo"},
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

// generic reports whether a provider's texts are sent by many servers.
func generic(p string) bool { return catalog.SharedWording(p) }

// domainOf returns the domain of an address, with its "@", or "".
func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[i:]
	}
	return ""
}

// checksAtRCPT reports whether a provider refuses unknown mailboxes at RCPT
// TO, so that its "user unknown" means a missing mailbox whatever the stage
// the bounce names.
func checksAtRCPT(provider string) bool {
	switch provider {
	case "google", "microsoft", "outlook", "yahoo", "apple", "orange":
		return true
	}
	return false
}

// senderOf returns the provider that sent a recipient's reply: the one its
// remote host names, else its text, else the one that wrote the bounce,
// else the recipient's domain.
func senderOf(rec *Recipient, ev evidence) string {
	if p := providerOf(rec.RemoteMTA); p != "" {
		return p
	}
	if p := providerOf(rec.Diagnostic); p != "" {
		return p
	}
	if ev.reportingProvider != "" {
		return ev.reportingProvider
	}
	return providerOf(domainOf(rec.Recipient))
}
