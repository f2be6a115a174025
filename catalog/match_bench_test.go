package catalog

import "testing"

// BenchmarkMatch matches one reply's text, and one text that matches
// nothing, against the whole catalog.
func BenchmarkMatch(b *testing.B) {
	for _, c := range []struct{ name, text string }{
		{"gmail", "The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. - gsmtp"},
		{"none", "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et dolore magna aliqua, the message to the user"},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Match(c.text, Query{Reply: 550, Status: "5.1.1"})
			}
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
