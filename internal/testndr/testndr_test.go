package testndr

import (
	"bytes"
	"os"
	"testing"
)

// TestFixture checks that the copy bench.mjs reads is the text the Go
// benchmarks and tests send. After a change to Postfix, write it again:
// the failure says how.
func TestFixture(t *testing.T) {
	const path = "../../wasm/worker/testdata/ndr-50k.eml"
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if want := Postfix(50 << 10); !bytes.Equal(got, want) {
		t.Fatalf("%s (%d bytes) is not Postfix(50 << 10) (%d bytes): write Postfix(50 << 10) to it", path, len(got), len(want))
	}
}
