package catalog

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSortFunc checks sortFunc and stableSortFunc against slices.SortFunc
// and slices.SortStableFunc, with the orders Match and the lexicon give
// them, on lengths around their switches from insertion sort, with many
// equal keys.
func TestSortFunc(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	byBound := func(a, b candidate) bool { return a.bound > b.bound || a.bound == b.bound && a.t < b.t }
	for n := 0; n < 140; n++ {
		for range 20 {
			c := make([]candidate, n)
			for i := range c {
				c[i] = candidate{bound: float64(r.IntN(5)) / 2, t: int32(i)}
			}
			r.Shuffle(n, func(i, j int) { c[i], c[j] = c[j], c[i] })
			want := slices.Clone(c)
			slices.SortFunc(want, func(a, b candidate) int {
				switch {
				case a.bound > b.bound:
					return -1
				case a.bound < b.bound:
					return 1
				}
				return int(a.t - b.t)
			})
			sortFunc(c, byBound)
			if !slices.Equal(c, want) {
				t.Fatalf("n=%d: got %v, want %v", n, c, want)
			}

			words := make([]string, n)
			idx := make([]int32, n)
			for i := range words {
				words[i] = string(rune('a' + r.IntN(4)))
				idx[i] = int32(i)
			}
			wantIdx := slices.Clone(idx)
			slices.SortStableFunc(wantIdx, func(x, y int32) int { return cmpString(words[x], words[y]) })
			stableSortFunc(idx, func(x, y int32) int { return cmpString(words[x], words[y]) })
			if !slices.Equal(idx, wantIdx) {
				t.Fatalf("n=%d: got %v, want %v", n, idx, wantIdx)
			}
		}
	}
}

func cmpString(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}
