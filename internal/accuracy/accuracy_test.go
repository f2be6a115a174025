package accuracy

import (
	"path/filepath"
	"slices"
	"testing"
)

// corpus is the labelled corpus kept in the repository.
var corpus = filepath.Join("..", "..", "testdata", "corpus")

// Floors a little below the agreement reached, so that a regression fails.
const (
	floorReason = 93.0
	floorStatus = 97.0
	floorClass  = 98.0
)

func TestAccuracyFloors(t *testing.T) {
	res, err := Run(corpus, ReadKnown("label-errors.tsv"), nil)
	if err != nil {
		t.Fatal(err)
	}
	o := res.Overall
	r, s, c := Pct(o.Reason, o.N), Pct(o.Status, o.N), Pct(o.Class, o.N)
	t.Logf("%d records: reason %.1f%%, status %.1f%%, class %.1f%%", o.N, r, s, c)
	if r < floorReason || s < floorStatus || c < floorClass {
		t.Errorf("agreement fell below the floors (reason %.0f%%, status %.0f%%, class %.0f%%); run make accuracy", floorReason, floorStatus, floorClass)
	}
}

// TestSetAsideIsTheShuffle checks that the written-down set-aside half is
// the seeded shuffle of the corpus's formats, so nobody moves a format
// between halves by hand.
func TestSetAsideIsTheShuffle(t *testing.T) {
	labels, err := ReadLabels(filepath.Join(corpus, "labels.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var formats []string
	for _, l := range labels {
		formats = append(formats, l.Format)
	}
	if got := SetAsideOf(formats); !slices.Equal(got, SetAside) {
		t.Errorf("SetAside = %q, the shuffle gives %q", SetAside, got)
	}
}
