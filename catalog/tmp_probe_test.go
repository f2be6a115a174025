package catalog

import (
	"testing"
	"github.com/bouncekit/bounce/catalog/internal/token"
)

func TestProbe(t *testing.T) {
	text := "The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. - gsmtp"
	toks := token.Split(nil, text, MaxWords)
	hits := candidates(toks)
	pass, bound := 0, 0
	for ti, h := range hits {
		tp := &templates[ti]
		if h == 0 || int(h)*2 < int(tp.nidx) {
			continue
		}
		pass++
		set := map[uint32]bool{}
		for _, x := range toks { set[x.Hash] = true }
		b := 0
		for i, w := range tp.words { if w != 0 && set[w] { b += int(tp.weights[i]) } }
		if float64(b)/float64(tp.wsum) >= minCoverage { bound++ }
	}
	t.Logf("toks %d templates %d pass %d bound %d index %d", len(toks), len(templates), pass, bound, len(index))
}
