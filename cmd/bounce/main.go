// Command bounce classifies bounce messages and SMTP replies.
//
// Usage:
//
//	bounce classify [-json] [FILE|-]...
//	bounce catalog [-json] [QUERY]
//	bounce serve [-addr 127.0.0.1:8080] [-dir build/web]
//	bounce version
//
// classify reads each FILE (standard input when there is none, or for "-")
// and prints, per failed recipient, the verdict: class, reason, what to do.
// With -json it prints exactly one JSON report per input, one per line, in
// input order, with "source" set to the file name; an input that cannot be
// read gives a line {"source": ..., "error": ...} and exit status 1 after
// the other inputs.
//
// catalog lists the catalog entries, or those matching QUERY: an enhanced
// status code ("5.7.26"), a reply code ("550") or words ("DMARC").
//
// serve answers the HTTP API (POST /v1/classify and the rest, described at
// /openapi.json) and serves the page from -dir, on loopback by default.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
)

const usage = `usage:
  bounce classify [-json] [FILE|-]...   classify bounces or SMTP replies (stdin if no FILE)
  bounce catalog [-json] [QUERY]        list or search catalog entries
  bounce serve [-addr ADDR] [-dir DIR]  serve the HTTP API and the page (127.0.0.1:8080)
  bounce version                        print the catalog version

Run "bounce COMMAND -h" for a command's flags.
`

func main() {
	os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// commands maps a subcommand name to its implementation. Other files add
// to it (serve.go adds "serve").
var commands = map[string]func(args []string, stdin io.Reader, stdout, stderr io.Writer) int{
	"classify": classifyCmd,
	"catalog":  catalogCmd,
	"version":  versionCmd,
	"serve":    serveCmd,
}

func run(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	if args[0] == "-h" || args[0] == "-help" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stdout, usage)
		return 0
	}
	cmd, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "bounce: unknown command %q\n%s", args[0], usage)
		return 2
	}
	return cmd(args[1:], stdin, stdout, stderr)
}

func newFlags(name, synopsis string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: bounce %s\n", synopsis)
		fs.PrintDefaults()
	}
	return fs
}
