// Command bounce classifies bounce messages and SMTP replies.
//
// Usage:
//
//	bounce classify [-format text|json|csv] [-j N] [-summary] [-suppress FILE] [FILE|DIR|-]...
//	bounce catalog [-json] [QUERY]
//	bounce serve [-addr 127.0.0.1:8080] [-dir build/web]
//	bounce version
//
// classify reads each FILE (standard input when there is none, or for "-")
// and prints, per failed recipient, the verdict: class, reason, what to do.
// A DIR is read recursively (a maildir's cur/ and new/); an mbox gives one
// report per message, named FILE#1, FILE#2, ... With -format json it prints
// exactly one JSON report per message, one per line, in input order, with
// "source" set to the file name; an input that cannot be read gives a line
// {"source": ..., "error": ...}. -format csv prints one row per recipient.
// -j N classifies on N cores (all by default) and keeps the input order.
// -summary counts by kind, class, reason and recipient domain at the end;
// -suppress FILE writes the addresses whose permanent failure is the
// address's own (userunknown, hostunknown, hasmoved, notaccept, suspend).
// A progress line is drawn on standard error when it is a terminal and the
// work takes over a second (-progress always|never overrides). Exit status:
// 0 when every input was read, 1 when some input could not be read or was
// over a limit, 2 for a usage error.
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
  bounce classify [-format F] [-j N] [-summary] [FILE|DIR|-]...
                                        classify bounces or SMTP replies (stdin if no FILE)
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
