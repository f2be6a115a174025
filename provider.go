package bounce

import (
	"slices"
	"strings"
	"sync"

	"github.com/bouncekit/bounce/catalog"
)

// Which provider sent a reply decides which catalog wordings are preferred
// and how some structural signs are read.

// providerHints maps words that name a provider in a reply, its trailer or
// the remote host to the catalog provider (Hints: provider in
// catalog/data/signs-hints.txt); the first found decides.
var providerHints = catalog.Hints("provider")

// providerOf returns the provider that one of the texts names, or "".
func providerOf(texts ...string) string {
	for _, t := range texts {
		if t == "" {
			continue
		}
		var buf [16]uint64
		l := toLower(t)
		lt := newLowerText(l, buf[:])
		if i := lt.first(providerWords().words, providerWords().grams()); i >= 0 {
			return providerHints[i].Target
		}
	}
	return ""
}

// providerWords holds the words of providerHints.
var providerWords = sync.OnceValue(func() *phraseList {
	words := make([]string, len(providerHints))
	for i, h := range providerHints {
		words[i] = h.Phrase
	}
	return newPhraseList(words)
})

// domainOf returns the domain of an address, with its "@", or "".
func domainOf(addr string) string {
	if i := strings.LastIndexByte(addr, '@'); i >= 0 {
		return addr[i:]
	}
	return ""
}

// rcptCheckers are the providers of checksAtRCPT.
var rcptCheckers = catalog.Sign("checks-at-rcpt")

// checksAtRCPT reports whether a provider refuses unknown mailboxes at RCPT
// TO, so that its "user unknown" means a missing mailbox whatever the stage
// the bounce names.
func checksAtRCPT(provider string) bool {
	return slices.Contains(rcptCheckers, provider)
}

// senderOf returns the provider that sent a recipient's reply: the one its
// remote host names, else named (the one its text names), else the one that
// wrote the bounce, else the recipient's domain.
func senderOf(rec *Recipient, named string, ev evidence) string {
	if p := providerOf(rec.RemoteMTA); p != "" {
		return p
	}
	if named != "" {
		return named
	}
	if ev.reportingProvider != "" {
		return ev.reportingProvider
	}
	return providerOf(domainOf(rec.Recipient))
}
