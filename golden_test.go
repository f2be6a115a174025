package bounce

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden .json files under testdata/")

// goldenFiles returns the .eml files under testdata/<kind>/.
func goldenFiles(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join("testdata", "*", "*.eml"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestGolden parses each testdata/<kind>/<name>.eml and compares the
// indented JSON report with <name>.json. Each message is also parsed with
// CRLF line ends, which must give the same report.
func TestGolden(t *testing.T) {
	files := goldenFiles(t)
	if len(files) == 0 {
		t.Skip("no golden files")
	}
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".eml")
		t.Run(filepath.Base(filepath.Dir(f))+"/"+name, func(t *testing.T) {
			in, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := ParseBytes(in)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			checkReport(t, rep)
			got := indentJSON(t, rep)
			jf := strings.TrimSuffix(f, ".eml") + ".json"
			if *update {
				if err := os.WriteFile(jf, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(jf)
			if err != nil {
				t.Fatalf("%v (run go test -run TestGolden -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("report differs from %s (run go test -run TestGolden -update to accept):\n%s", jf, got)
			}
			t.Run("crlf", func(t *testing.T) {
				crlf := bytes.ReplaceAll(bytes.ReplaceAll(in, []byte("\r\n"), []byte("\n")), []byte("\n"), []byte("\r\n"))
				rep2, err := ParseBytes(crlf)
				if err != nil {
					t.Fatalf("Parse: %v", err)
				}
				if g2 := indentJSON(t, rep2); !bytes.Equal(g2, got) {
					t.Errorf("CRLF input gives another report:\n%s", g2)
				}
			})
		})
	}
}

func indentJSON(t testing.TB, rep *Report) []byte {
	b, err := rep.MarshalJSON()
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, b, "", "  "); err != nil {
		t.Fatal(err)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}
