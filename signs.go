package bounce

import (
	"strings"
	"sync"
)

// Structural signs: the phrases by which a bounce says the queue gave up,
// that it only warns of a delay, that a failure is temporary, or that the
// refused address is the sender's. They tell what kind of failure the text
// reports, not which cause; decide reads them.

var expiryWords = []string{"retry timeout exceeded", "cannot send message for", "message expired",
	"delivery time expired", "could not be delivered within", "was not delivered within",
	"has been delayed for too long", "exceeded the maximum time", "queue lifetime", "maximum queue time",
	"expired after", "time limit exceeded", "gave up after", "too long in queue", "message timed out",
	"timeout waiting", "giving up on it", "delivery expired", "ttl expired", "message has expired",
	"retry time not reached for any host after a long failure period", "has been in the queue too long",
	"unable to deliver in time"}

// expiryList holds expiryWords.
var expiryList = sync.OnceValue(func() *phraseList { return newPhraseList(expiryWords) })

func expiredText(l string) bool { return expiredWords(l) != "" }

// expiredWords returns the first expiry phrase in the lower-case text l,
// or "".
func expiredWords(l string) string {
	for _, w := range expiryWords {
		if strings.Contains(l, w) {
			return w
		}
	}
	return ""
}

// expiryNotes are the sentences in which an MTA says it stopped retrying.
var expiryNotes = []string{"not going to try again", "will be deleted from queue", "will be retried for",
	"could not be delivered for", "giving up", "in the queue too long", "cannot send message for"}

// withoutExpiry blanks out of a diagnostic the phrases that only say the
// queue gave up, keeping the words that say why delivery failed.
func withoutExpiry(diag string) string {
	b := []byte(diag)
	l := strings.ToLower(diag) // same length: ToLower keeps ASCII in place
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

var delayWords = []string{"has been delayed", "warning message only", "will be retried",
	"not yet been delivered", "will continue trying", "delivery is delayed", "still trying"}

// delayList holds delayWords.
var delayList = sync.OnceValue(func() *phraseList { return newPhraseList(delayWords) })

// temporaryText reports whether a bounce's text says the failure is not
// final.
func temporaryText(l string) bool {
	for _, w := range []string{"temporar", "will be retried", "will retry", "delayed", "deferred", "try again", "not yet been delivered"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// senderRefusedWords say that the address refused is the sender's.
var senderRefusedWords = []string{"sender address rejected", "sender rejected", "sender was rejected"}

func senderRefusedText(l string) bool {
	for _, w := range senderRefusedWords {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}
