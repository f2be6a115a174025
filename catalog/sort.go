package catalog

// sortFunc sorts s in increasing order of less, which must be a strict
// total order (no two elements equal), so that the result is the one any
// correct sort gives, slices.SortFunc's and slices.SortStableFunc's
// included. It is an insertion sort for a few elements and a heap sort
// above: some 1 KB of bounce.wasm per element type, where slices.SortFunc
// is about 17 KB and slices.SortStableFunc 7 KB.
func sortFunc[E any](s []E, less func(a, b E) bool) {
	n := len(s)
	if n <= 12 {
		for i := 1; i < n; i++ {
			for j := i; j > 0 && less(s[j], s[j-1]); j-- {
				s[j], s[j-1] = s[j-1], s[j]
			}
		}
		return
	}
	for i := n/2 - 1; i >= 0; i-- {
		siftDown(s, i, n, less)
	}
	for end := n - 1; end > 0; end-- {
		s[0], s[end] = s[end], s[0]
		siftDown(s, 0, end, less)
	}
}

// siftDown moves s[root] down the max-heap s[:n] to its place.
func siftDown[E any](s []E, root, n int, less func(a, b E) bool) {
	for {
		child := 2*root + 1
		if child >= n {
			return
		}
		if child+1 < n && less(s[child], s[child+1]) {
			child++
		}
		if !less(s[root], s[child]) {
			return
		}
		s[root], s[child] = s[child], s[root]
		root = child
	}
}

// stableSortFunc sorts s in increasing order of cmp, keeping the order of
// equal elements, as slices.SortStableFunc does (the result is the same),
// in about 1 KB of bounce.wasm where slices.SortStableFunc is 7 KB: a
// merge sort through one buffer as long as s, with fewer comparisons.
func stableSortFunc[E any](s []E, cmp func(a, b E) int) {
	const run = 16 // insertion-sorted first
	n := len(s)
	for lo := 0; lo < n; lo += run {
		hi := min(lo+run, n)
		for i := lo + 1; i < hi; i++ {
			for j := i; j > lo && cmp(s[j], s[j-1]) < 0; j-- {
				s[j], s[j-1] = s[j-1], s[j]
			}
		}
	}
	if n <= run {
		return
	}
	src, dst := s, make([]E, n)
	for width := run; width < n; width *= 2 {
		for lo := 0; lo < n; lo += 2 * width {
			mid, hi := min(lo+width, n), min(lo+2*width, n)
			i, j, k := lo, mid, lo
			for i < mid && j < hi {
				if cmp(src[j], src[i]) < 0 {
					dst[k] = src[j]
					j++
				} else {
					dst[k] = src[i]
					i++
				}
				k++
			}
			k += copy(dst[k:], src[i:mid])
			copy(dst[k:], src[j:hi])
		}
		src, dst = dst, src
	}
	if &src[0] != &s[0] {
		copy(s, src)
	}
}
