package catalog

import "testing"

// TestStatusKey checks that two status codes of up to 7 bytes have the
// same key exactly when they are the same text, and that "" and longer
// texts get 0, which rankKey then compares as strings.
func TestStatusKey(t *testing.T) {
	codes := []string{"5.1.1", "5.1.10", "5.1.1 ", "X.7.26", "5.7.26", "4.2.0", "4.2.00", "5.1", "5", "\x00", "\x00\x00",
		"5.7.606", "5.7.60", "5.7.6066"}
	for _, a := range codes {
		for _, b := range codes {
			ka, kb := statusKey(a), statusKey(b)
			if len(a) > 7 {
				if ka != 0 {
					t.Errorf("statusKey(%q) = %x, want 0", a, ka)
				}
				continue
			}
			if ka == 0 || (ka == kb) != (a == b) && len(b) <= 7 {
				t.Errorf("statusKey(%q) = %x, statusKey(%q) = %x", a, ka, b, kb)
			}
		}
	}
	if statusKey("") != 0 {
		t.Error(`statusKey("") != 0`)
	}
	// Every status of the catalog is short enough to be compared by key.
	for _, e := range Entries() {
		for _, s := range e.Statuses {
			if statusKey(s) == 0 {
				t.Errorf("%s: status %q has no key", e.ID, s)
			}
		}
	}
}

// TestCoverageFraction checks that minCoverageNum/minCoverageDen is
// minCoverage, and that reachable's integer test agrees with the float one
// Match applies to an alignment, for every weight and wsum up to twice the catalog's largest.
func TestCoverageFraction(t *testing.T) {
	loadTemplates()
	top := 0
	for i := range templates {
		top = max(top, int(templates[i].wsum))
	}
	if float64(minCoverageNum)/minCoverageDen != minCoverage {
		t.Fatalf("%d/%d is not minCoverage %v", minCoverageNum, minCoverageDen, minCoverage)
	}
	for wsum := 1; wsum <= 2*top; wsum++ {
		for w := 0; w <= wsum; w++ {
			if (minCoverageDen*w >= minCoverageNum*wsum) != !(float64(w)/float64(wsum) < minCoverage) {
				t.Fatalf("w %d wsum %d: integer and float tests differ", w, wsum)
			}
		}
	}
}

// TestPlaceholderWeighsNothing: reachable adds a placeholder's weight
// without testing for it, so it must be 0.
func TestPlaceholderWeighsNothing(t *testing.T) {
	loadTemplates()
	for i := range templates {
		tp := &templates[i]
		for j, h := range tp.words {
			if h == 0 && tp.weights[j] != 0 {
				t.Fatalf("template %d: placeholder %d weighs %d", i, j, tp.weights[j])
			}
		}
	}
}
