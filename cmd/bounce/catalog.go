package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/bouncekit/bounce/api"
	"github.com/bouncekit/bounce/catalog"
)

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
			enc.Encode(api.NewCatalogEntry(e))
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
