package bounce

import (
	"slices"
	"strings"

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
	ps := providerSet()
	var buf [maxProviderHints]int32
	pos := ps.positions(buf[:])
	for _, t := range texts {
		if t == "" {
			continue
		}
		ps.scanLower(t, pos)
		for i := range ps.words {
			if pos[i] >= 0 {
				return providerHints[i].Target
			}
		}
	}
	return ""
}

// providerWordList returns the words of providerHints.
func providerWordList() []string {
	words := make([]string, len(providerHints))
	for i, h := range providerHints {
		words[i] = h.Phrase
	}
	return words
}

// providerSet holds the words of providerHints.
var providerSet = lazy(func() *phraseSet { return newPhraseSet(providerWordList(), nil) })

// maxProviderHints bounds the words of providerSet, for a buffer on the
// stack.
const maxProviderHints = 128

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
