package accuracy

import (
	"math/rand/v2"
	"slices"
)

// The corpus is split by format (labels.tsv's mta_module) into two halves.
// Rules are written from the worked-on half, phrases.tsv and the formats'
// documentation; the messages of the set-aside half are not read while
// rules are written, so its agreement measures how the rules generalise to
// formats they were not fitted to. The split is a seeded shuffle of the
// sorted format names, so it can be checked (TestSetAsideIsTheShuffle)
// and does not move when rules change.
const (
	setAsideSeed1 = 10
	setAsideSeed2 = 20261130
)

// SetAside lists the formats of the set-aside half, as SetAsideOf gives
// them for the corpus's 72 formats.
var SetAside = []string{
	"AmazonSES", "AmazonWorkMail", "Apple", "Barracuda", "Courier", "DragonFly",
	"Exchange2003", "Exchange2007", "Exim", "FML", "GMX", "GSuite", "GoDaddy",
	"Google", "GoogleGroups", "GoogleWorkspace", "IMailServer", "KDDI", "McAfee",
	"MessagingServer", "Microsoft", "NTTDOCOMO", "Office365", "Outlook",
	"PowerMTA", "SendGrid", "Spectrum", "V5sendmail", "Verizon", "X1", "X4", "X5",
	"YahooInc", "Yandex", "Zoho", "mFILTER",
}

// SetAsideOf shuffles the sorted, distinct format names with the fixed
// seed and returns the first half, sorted.
func SetAsideOf(formats []string) []string {
	f := slices.Clone(formats)
	slices.Sort(f)
	f = slices.Compact(f)
	r := rand.New(rand.NewPCG(setAsideSeed1, setAsideSeed2))
	r.Shuffle(len(f), func(i, j int) { f[i], f[j] = f[j], f[i] })
	h := f[:len(f)/2]
	slices.Sort(h)
	return h
}

// IsSetAside reports whether a format belongs to the set-aside half.
func IsSetAside(format string) bool {
	_, ok := slices.BinarySearch(SetAside, format)
	return ok
}
