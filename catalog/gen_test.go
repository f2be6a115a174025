package catalog

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestTableUpToDate checks that table.go and table_test.go are what
// gen.go makes of data/.
func TestTableUpToDate(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command (as under js/wasm)")
	}
	out := filepath.Join(t.TempDir(), "table.go")
	cmd := exec.Command(goTool, "run", "gen.go", "-o", out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go run gen.go: %v\n%s", err, b)
	}
	for _, name := range []string{"table.go", "table_test.go"} {
		want, err := os.ReadFile(filepath.Join(filepath.Dir(out), name))
		if err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s is stale; run go generate ./catalog", name)
		}
	}
}

// TestGenRejectsBadLexicon runs gen.go on a copy of reasons.tsv and
// docs.txt with one bad lexicon file at a time, and checks that it fails
// naming the fault; the good file passes and copies the English fields.
func TestGenRejectsBadLexicon(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command (as under js/wasm)")
	}
	reasons, err := os.ReadFile("reasons.tsv")
	if err != nil {
		t.Fatal(err)
	}
	docs, err := os.ReadFile("data/docs.txt")
	if err != nil {
		t.Fatal(err)
	}
	const en = "ID: lexicon.en.mailboxfull\nProvider: lexicon\nLang: en\nReason: mailboxfull\nPhrase: mailbox full\n" +
		"Pair: quota \u2026 exceeded\nWho: recipient\nExplanation: Full.\nAction: Wait.\nRetry: Later.\nSource: rfc3463\n\n"
	const fr = "ID: lexicon.fr.mailboxfull\nProvider: lexicon\nLang: fr\nReason: mailboxfull\nPhrase: boîte pleine\nSource: rfc3463\n\n"
	const order = "Order: mailboxfull, userunknown\n"
	for _, c := range []struct{ name, lexicon, order, want string }{
		{"good", en + fr, order, ""},
		{"no order", en, "", "no Order stanza"},
		{"two orders", en, order + "\nOrder: nosuchreason\n", "a second Order stanza"},
		{"reason not in order", en, "Order: userunknown\n", `reason "mailboxfull" is not in Order`},
		{"bad reason in order", en, "Order: mailboxfull, nosuch\n", `unknown reason "nosuch"`},
		{"duplicate", en + strings.Replace(fr, "Phrase: boîte pleine", "Phrase: Boîte  pleine\nPhrase: boîte pleine", 1), order, "repeats a wording"},
		{"no english stanza", fr, order, "no stanza lexicon.en.mailboxfull"},
		{"bad pair", en + strings.Replace(fr, "Phrase: boîte pleine", "Pair: boîte pleine", 1), order, "want parts joined by"},
		{"empty part", en + strings.Replace(fr, "Phrase: boîte pleine", "Pair: boîte \u2026 \u2026 pleine", 1), order, "empty part"},
		{"phrase with separator", en + strings.Replace(fr, "Phrase: boîte pleine", "Phrase: boîte \u2026 pleine", 1), order, "write it as a Pair"},
		{"bad id", en + strings.Replace(fr, "ID: lexicon.fr.mailboxfull", "ID: lexicon.fr.full", 1), order, "ID must be"},
		{"no lang", en + strings.Replace(fr, "Lang: fr\n", "", 1), order, "Lang"},
		{"lexicon key elsewhere", en + "ID: generic.full\nProvider: generic\nText: full\nPhrase: full\nReason: mailboxfull\nWho: recipient\nExplanation: x\nAction: x\nRetry: x\nSource: rfc3463\n", order, "belong to Provider lexicon"},
	} {
		t.Run(c.name, func(t *testing.T) {
			d := t.TempDir()
			os.MkdirAll(filepath.Join(d, "data"), 0o755)
			os.WriteFile(filepath.Join(d, "reasons.tsv"), reasons, 0o644)
			os.WriteFile(filepath.Join(d, "data", "docs.txt"), docs, 0o644)
			os.WriteFile(filepath.Join(d, "data", "lexicon.txt"), []byte(c.lexicon), 0o644)
			if c.order != "" {
				os.WriteFile(filepath.Join(d, "data", "order.txt"), []byte(c.order), 0o644)
			}
			out := filepath.Join(d, "table.go")
			b, err := exec.Command(goTool, "run", "gen.go", "-dir", d, "-o", out).CombinedOutput()
			if c.want == "" {
				if err != nil {
					t.Fatalf("gen failed: %v\n%s", err, b)
				}
				tb, _ := os.ReadFile(out)
				// The French stanza got the English Who, Explanation, Action
				// and Retry: the same strings of the table.
				// entryKinds has a column per field (Provider, Reason, Class,
				// Who) and entryStrs one per field (Explanation, Action,
				// Retry), a value per entry.
				columns := func(decl string, n int) []string {
					_, cols, _ := strings.Cut(string(tb), decl)
					cols, _, _ = strings.Cut(cols, "\n}\n")
					c := strings.Fields(strings.NewReplacer("{", " ", "}", " ", ",", " ").Replace(cols))
					if len(c) != 2*n {
						t.Fatalf("want %d columns of 2 entries after %q, got %q", n, decl, c)
					}
					return c
				}
				kinds := columns("var entryKinds = [4][numEntries]uint8{", 4)
				strs := columns("var entryStrs = [3][numEntries]uint16{", 3)
				c := append(kinds[6:8:8], strs...) // Who, Explanation, Action, Retry
				for k := range 4 {
					if c[2*k] != c[2*k+1] {
						t.Errorf("French stanza not completed from English: field %d is string %s, English %s", k+3, c[2*k+1], c[2*k])
					}
				}
				for _, s := range []string{`"recipient\x00"`, `"Full.\x00"`, `"Wait.\x00"`, `"Later.\x00"`} {
					if !strings.Contains(string(tb), s) {
						t.Errorf("no %s in the table", s)
					}
				}
				return
			}
			if err == nil || !strings.Contains(string(b), c.want) {
				t.Errorf("gen: %v, output %s; want an error with %q", err, b, c.want)
			}
		})
	}
}
