package bounce

import (
	"strings"

	"github.com/bouncekit/bounce/catalog"
)

// Structural signs: the phrases by which a bounce says the queue gave up,
// that it only warns of a delay, that a failure is temporary, or that the
// refused address is the sender's. They tell what kind of failure the text
// reports, not which cause; decide reads them. The lists are catalog data
// (catalog/data/signs.txt); how each is read is said here.

// expiryWords say that the queue gave up; the first found is the evidence.
var expiryWords = catalog.Sign("expiry")

// expiredWords returns the first expiry phrase in the lower-case text l,
// or "".
func expiredWords(l string) string { return diagFactsOf(l).expiry }

// expiryNotes are the sentences in which an MTA says it stopped retrying.
var expiryNotes = catalog.Sign("expiry-note")

// withoutExpiry blanks out of a diagnostic the phrases that only say the
// queue gave up, keeping the words that say why delivery failed.
func withoutExpiry(diag string) string {
	b := []byte(diag)
	l := toLower(diag) // same length: ToLower keeps ASCII in place
	if len(l) != len(b) {
		return diag
	}
	for _, list := range [][]string{expiryWords, expiryNotes} {
		for _, w := range list {
			for i := 0; ; {
				k := strings.Index(l[i:], w)
				if k < 0 {
					break
				}
				for j := i + k; j < i+k+len(w); j++ {
					b[j] = ' '
				}
				i += k + len(w)
			}
		}
	}
	return string(b)
}

// delayWords say that delivery is only delayed.
var delayWords = catalog.Sign("delay")

// temporaryWords say that a failure is not final.
var temporaryWords = catalog.Sign("temporary")

// temporaryText reports whether a bounce's text says the failure is not
// final.
func temporaryText(l string) bool {
	for _, w := range temporaryWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// senderRefusedWords say that the address refused is the sender's.
var senderRefusedWords = catalog.Sign("sender-refused")

func senderRefusedText(l string) bool { return diagFactsOf(l).senderRefused }
