package catalog

import (
	"testing"
	"time"

	"github.com/bouncekit/bounce/internal/cputime"
)

// BenchmarkMatch matches one reply's text, and one text that matches
// nothing, against the whole catalog. Each first works for a second
// untimed, so that under js/wasm V8 has optimised the hot functions, and
// reports its CPU time per match too (cpu-ns/op): on a shared machine the
// wall-clock time moves with whatever else runs.
func BenchmarkMatch(b *testing.B) {
	for _, c := range []struct{ name, text string }{
		{"gmail", "The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. - gsmtp"},
		{"none", "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua, the message to the user"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			q := Query{Reply: 550, Status: "5.1.1"}
			for start := time.Now(); time.Since(start) < time.Second; {
				for range 100 {
					Match(c.text, q)
				}
			}
			c0 := cputime.User()
			for b.Loop() {
				Match(c.text, q)
			}
			b.ReportMetric(float64(cputime.User()-c0)/float64(b.N), "cpu-ns/op")
		})
	}
}

// BenchmarkTables builds the entries, and the templates with the index,
// from the table's arrays: the work done once when a program starts.
func BenchmarkTables(b *testing.B) {
	b.Run("entries", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buildEntries()
		}
	})
	b.Run("templates", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			buildTemplates()
		}
	})
}
