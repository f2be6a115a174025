package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/bouncekit/bounce"
)

func classifyCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("classify", "classify [-json] [FILE|-]...", stderr)
	asJSON := fs.Bool("json", false, "print one JSON report per input, one per line")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}
	status := 0
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, name := range files {
		rep, err := classifyFile(name, stdin)
		if err != nil {
			status = 1
			if *asJSON {
				enc.Encode(struct {
					Source string `json:"source"`
					Error  string `json:"error"`
				}{name, err.Error()})
			} else {
				fmt.Fprintf(stderr, "bounce: %s: %v\n", name, err)
			}
			continue
		}
		rep.Source = name
		if *asJSON {
			enc.Encode(rep)
		} else {
			summary(stdout, rep, len(files) > 1)
		}
	}
	return status
}

func classifyFile(name string, stdin io.Reader) (*bounce.Report, error) {
	if name == "-" {
		return bounce.Parse(stdin)
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return bounce.Parse(f)
}

// summary prints a report for a person: the verdict first.
func summary(w io.Writer, rep *bounce.Report, named bool) {
	if named {
		fmt.Fprintf(w, "== %s\n", rep.Source)
	}
	kind := string(rep.Kind)
	if rep.Format != "" {
		kind += " (" + rep.Format + ")"
	}
	fmt.Fprintf(w, "kind: %s\n", kind)
	if len(rep.Recipients) == 0 {
		fmt.Fprintln(w, "no failed recipient found")
	}
	for i, r := range rep.Recipients {
		if i > 0 {
			fmt.Fprintln(w)
		}
		who := r.Recipient
		if who == "" {
			who = "(no address)"
		}
		codes := strings.TrimSpace(fmt.Sprintf("%s %s", itoa(r.ReplyCode), r.Status))
		fmt.Fprintf(w, "%s: %s, %s", who, strings.ToUpper(string(r.Class)), r.Reason)
		if codes != "" {
			fmt.Fprintf(w, " [%s]", codes)
		}
		fmt.Fprintln(w)
		fmt.Fprintf(w, "  why:   %s\n", r.Explanation)
		fmt.Fprintf(w, "  do:    %s (%s)\n", r.Action, r.WhoActs)
		fmt.Fprintf(w, "  retry: %s\n", r.Retry)
		if r.Match.Entry != "" {
			fmt.Fprintf(w, "  match: %s by %s, confidence %.2f\n", r.Match.Entry, r.Match.By, r.Match.Confidence)
		}
		if r.Match.Evidence != "" {
			fmt.Fprintf(w, "  evidence: %q\n", r.Match.Evidence)
		}
	}
}

func itoa(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprint(n)
}
