// Command run prints the classifier's agreement with a labelled corpus.
//
//	go run ./internal/accuracy/run [-corpus testdata/corpus] [-known FILE] [-holdout N] [-show-set-aside]
package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/bouncekit/bounce/internal/accuracy"
)

func main() {
	dir := flag.String("corpus", "testdata/corpus", "corpus folder with labels.tsv")
	knownPath := flag.String("known", "internal/accuracy/label-errors.tsv", "judged label errors")
	holdout := flag.Int("holdout", 0, "if N > 0, only every Nth file of each format (the held-out set)")
	showAside := flag.Bool("show-set-aside", false, "also list the set-aside half's formats and disagreements")
	flag.Parse()
	keep := (func(string) bool)(nil)
	if *holdout > 0 {
		keep = func(f string) bool { return accuracy.HeldOut(f, *holdout) }
	}
	res, err := accuracy.Run(*dir, accuracy.ReadKnown(*knownPath), keep)
	if err != nil {
		fmt.Fprintln(os.Stderr, "accuracy:", err)
		os.Exit(1)
	}
	accuracy.Print(os.Stdout, res, *showAside)
}
