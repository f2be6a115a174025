package bounce

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bouncekit/bounce/catalog"
)

// TestAdviceFollowsClass checks that no verdict contradicts itself: a
// permanent failure is never told that a retry will work or that the
// sending server retries, and a temporary one never that retrying fails.
func TestAdviceFollowsClass(t *testing.T) {
	check := func(t *testing.T, name string, r Recipient) {
		t.Helper()
		switch r.Class {
		case catalog.ClassPermanent:
			if saysYes(r.Retry) || saysWait(r.Action) {
				t.Errorf("%s: permanent, but retry %q, action %q", name, r.Retry, r.Action)
			}
		case catalog.ClassTemporary:
			if saysNo(r.Retry) {
				t.Errorf("%s: temporary, but retry %q", name, r.Retry)
			}
		}
	}
	// Written for the test: a mailbox-full wording sent with a permanent
	// code, a user-unknown wording sent with a temporary one.
	for _, in := range []string{
		"552 5.2.2 The recipient's inbox is out of storage space.",
		"450 4.1.1 <ann@example.org>: Recipient address rejected: User unknown",
		"550 5.4.7 Delivery time expired",
	} {
		rep, err := ParseString(in)
		if err != nil || len(rep.Recipients) == 0 {
			t.Fatalf("%q: %v", in, err)
		}
		check(t, in, rep.Recipients[0])
	}
	// Every record of the corpus.
	dir := filepath.Join("testdata", "corpus", "eml")
	files, _ := filepath.Glob(filepath.Join(dir, "*.eml"))
	if len(files) == 0 {
		t.Fatal("corpus not found in", dir)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rep, _ := ParseBytes(b)
		if rep == nil {
			continue
		}
		for _, r := range rep.Recipients {
			check(t, strings.TrimPrefix(f, dir+"/"), r)
		}
	}
}
