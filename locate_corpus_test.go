package bounce_test

import (
	"bufio"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bouncekit/bounce"
	"github.com/bouncekit/bounce/internal/accuracy"
)

// corpusDir is the labelled corpus kept in the repository.
const corpusDir = "testdata/corpus"

// corpusOrSkip fails a test when the corpus is absent: it is part of the
// repository.
func corpusOrSkip(t *testing.T) {
	t.Helper()
	if _, err := os.Stat(filepath.Join(corpusDir, "labels.tsv")); err != nil {
		t.Fatalf("corpus missing: %v", err)
	}
}

// TestCorpusNeverLosesBounce walks the worked-on half of the labelled corpus:
// every labelled message is a bounce (never not-bounce) with as many
// recipient records as it has labels; the corpus's negatives stay
// not-bounce.
func TestCorpusNeverLosesBounce(t *testing.T) {
	corpusOrSkip(t)
	f, err := os.Open(filepath.Join(corpusDir, "labels.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	records := map[string]int{}
	var order []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		c := strings.Split(sc.Text(), "\t")
		// Only the worked-on half: the set-aside formats are not looked at.
		if len(c) < 7 || c[0] == "file" || accuracy.IsSetAside(c[1]) {
			continue
		}
		n, err := strconv.Atoi(c[6])
		if err != nil {
			t.Fatalf("labels.tsv: %q: %v", sc.Text(), err)
		}
		if _, ok := records[c[0]]; !ok {
			order = append(order, c[0])
		}
		records[c[0]] = max(records[c[0]], n)
	}
	if len(order) == 0 {
		t.Fatal("no labelled worked-on file")
	}
	for _, name := range order {
		t.Run(name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(corpusDir, name))
			if err != nil {
				t.Fatal(err)
			}
			rep, err := bounce.ParseBytes(b)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Kind == bounce.KindNotBounce {
				t.Fatalf("kind not-bounce, want a bounce")
			}
			if len(rep.Recipients) != records[name] {
				t.Errorf("%d records, want %d", len(rep.Recipients), records[name])
			}
		})
	}
	negs, _ := filepath.Glob(filepath.Join(corpusDir, "not-bounce", "*.eml"))
	if len(negs) == 0 {
		t.Fatal("no negatives in the corpus")
	}
	for _, p := range negs {
		t.Run("not-bounce/"+filepath.Base(p), func(t *testing.T) {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := bounce.ParseBytes(b)
			if err != nil {
				t.Fatal(err)
			}
			if rep.Kind != bounce.KindNotBounce {
				t.Errorf("kind %s, want not-bounce", rep.Kind)
			}
		})
	}
}
