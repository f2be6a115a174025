package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/bouncekit/bounce/catalog"
)

// CatalogEntry is the JSON form of a catalog entry, shared by the CLI and
// the HTTP API.
type catalogEntry struct {
	ID          string        `json:"id"`
	Provider    string        `json:"provider"`
	Replies     []int         `json:"reply_codes,omitempty"`
	Statuses    []string      `json:"statuses,omitempty"`
	Texts       []string      `json:"texts,omitempty"`
	Reason      string        `json:"reason"`
	Class       catalog.Class `json:"class"`
	WhoActs     string        `json:"who_acts"`
	Explanation string        `json:"explanation"`
	Action      string        `json:"action"`
	Retry       string        `json:"retry"`
	Sources     []catalog.Doc `json:"sources"`
}

func catalogCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("catalog", "catalog [-json] [QUERY]", stderr)
	asJSON := fs.Bool("json", false, "print one JSON object per entry, one per line")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	found := catalog.Search(strings.Join(fs.Args(), " "))
	enc := json.NewEncoder(stdout)
	enc.SetEscapeHTML(false)
	for _, e := range found {
		if *asJSON {
			ce := catalogEntry{ID: e.ID, Provider: e.Provider, Replies: e.Replies, Statuses: e.Statuses,
				Texts: e.Texts, Reason: e.Reason, Class: e.Class, WhoActs: e.Who,
				Explanation: e.Explanation, Action: e.Action, Retry: e.Retry}
			for _, id := range e.Sources {
				if d := catalog.DocByID(id); d != nil {
					ce.Sources = append(ce.Sources, *d)
				}
			}
			enc.Encode(ce)
			continue
		}
		codes := strings.TrimSpace(strings.Trim(fmt.Sprint(e.Replies), "[]") + " " + strings.Join(e.Statuses, ","))
		fmt.Fprintf(stdout, "%s  [%s]  %s\n", e.ID, codes, e.Reason)
		if len(e.Texts) > 0 {
			fmt.Fprintf(stdout, "    %q\n", e.Texts[0])
		}
		fmt.Fprintf(stdout, "    %s\n", e.Explanation)
	}
	if len(found) == 0 && !*asJSON {
		fmt.Fprintln(stderr, "bounce: no catalog entry matches")
		return 1
	}
	return 0
}

func versionCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fmt.Fprintf(stdout, "bounce catalog %s (%d entries)\n", catalog.Version, len(catalog.Entries()))
	return 0
}
