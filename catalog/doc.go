//go:generate go run gen.go

// Package catalog holds what bouncekit knows about SMTP error replies: the
// texts that mail servers send, what each means, what to do about it and
// where the text is documented.
//
// The data is edited by hand in data/*.txt (see data/README.md) and compiled
// by gen.go into static tables in table.go, so that nothing is parsed or
// built at start-up. Codes are scoped to their provider: Gmail's 5.7.27 is an
// entry of provider "google" and means something else than IANA's X.7.27.
//
// Lookups go from the most to the least specific: [Match] finds the entry
// whose text the reply contains, [ByStatus] the meaning of an enhanced status
// code and [ByReply] that of a bare reply code.
package catalog
