package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/debug"
	"strings"
	"time"

	"github.com/bouncekit/bounce"
)

const classifySynopsis = "classify [-format text|json|csv] [-j N] [-summary] [-suppress FILE] [-progress auto|always|never] [FILE|DIR|-]..."

// classifyCmd is "bounce classify". Exit status: 0 when every input was
// read, 1 when some input could not be read (or was over a limit) or an
// output could not be written, 2 for a usage error.
func classifyCmd(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	fs := newFlags("classify", classifySynopsis, stderr)
	asJSON := fs.Bool("json", false, "the same as -format json")
	format := fs.String("format", "text", "output `format`: text, json (one report per message and line) or csv (one row per recipient)")
	jobs := fs.Int("j", runtime.NumCPU(), "classify on `N` cores at once; the output stays in input order")
	withSummary := fs.Bool("summary", false, "at the end, count messages by kind, class, reason and recipient domain")
	suppressFile := fs.String("suppress", "", "write the addresses to suppress (permanent failures of the address itself) to `FILE`, one per line")
	progressMode := fs.String("progress", "auto", "progress line on standard error: auto (when it is a terminal and the work takes over a second), always or never")
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	if *asJSON {
		*format = "json"
	}
	usageErr := func(msg string) int {
		fmt.Fprintf(stderr, "bounce classify: %s\n", msg)
		fs.Usage()
		return 2
	}
	switch *format {
	case "text", "json", "csv":
	default:
		return usageErr(fmt.Sprintf("-format %q: want text, json or csv", *format))
	}
	if *jobs < 1 || *jobs > 1024 {
		return usageErr(fmt.Sprintf("-j %d: want 1 to 1024", *jobs))
	}
	switch *progressMode {
	case "auto", "always", "never":
	default:
		return usageErr(fmt.Sprintf("-progress %q: want auto, always or never", *progressMode))
	}
	files := fs.Args()
	if len(files) == 0 {
		files = []string{"-"}
	}

	var suppressOut *os.File
	if *suppressFile != "" {
		f, err := os.Create(*suppressFile)
		if err != nil {
			fmt.Fprintf(stderr, "bounce: %v\n", err)
			return 1
		}
		defer f.Close()
		suppressOut = f
	}

	defer bulkGC(os.Getenv)()
	ins := listInputs(files)
	out := bufio.NewWriterSize(stdout, 64<<10)
	s := &sink{
		format: *format,
		out:    out,
		errw:   stderr,
		tally:  newTally(),
	}
	switch {
	case *progressMode == "always":
		s.prog = newProgress(stderr, out, ins, 0)
	case *progressMode == "auto" && isTerminal(stderr):
		s.prog = newProgress(stderr, out, ins, progressDelay)
	}
	if s.format == "csv" {
		writeCSVHeader(out)
	}

	classifyAll(ins, *jobs, stdin, s)

	if s.prog != nil {
		s.prog.clear()
	}
	status := 0
	if s.failed {
		status = 1
	}
	if *withSummary {
		if s.format == "csv" {
			// A CSV output stays one table: the summary goes beside it.
			out.Flush()
			s.tally.writeText(stderr, *suppressFile)
		} else {
			s.tally.write(out, s.format, *suppressFile)
		}
	}
	if err := out.Flush(); err != nil {
		fmt.Fprintf(stderr, "bounce: %v\n", err)
		status = 1
	}
	if suppressOut != nil {
		if err := s.tally.writeSuppress(suppressOut); err != nil {
			fmt.Fprintf(stderr, "bounce: %v\n", err)
			status = 1
		}
	}
	return status
}

// A task is one message to classify: a file for a worker to read, or a
// message already read from an mbox stream or standard input.
type task struct {
	in    *input
	name  string
	data  []byte
	err   error
	read  bool  // data (or err) is the message; else the worker reads in.name
	last  bool  // the last task of its input
	bytes int64 // input bytes it accounts for, for the progress line
	res   chan []record
}

// A record is the classification of one message, formatted for output.
type record struct {
	source string
	named  bool
	rep    *bounce.Report
	err    error
	out    []byte
}

// progressDelay is how long classify works before it shows the progress
// line on a terminal.
var progressDelay = time.Second

// streamMin is the size from which an mbox file is split as it is read,
// so that its messages are shared among the workers; a smaller file is
// read whole by one worker.
const streamMin = 1 << 20

// classifyAll classifies the inputs on jobs goroutines and hands the
// records to s in input order. At most a few tasks per worker are in
// flight, so memory stays bounded whatever the number of inputs.
func classifyAll(ins []input, jobs int, stdin io.Reader, s *sink) {
	order := make(chan *task, 4*jobs)
	work := make(chan *task, jobs)
	go func() {
		defer close(order)
		defer close(work)
		send := func(t *task) {
			t.res = make(chan []record, 1)
			order <- t
			work <- t
		}
		for i := range ins {
			in := &ins[i]
			switch {
			case in.err != nil:
				send(&task{in: in, name: in.name, err: in.err, read: true, last: true})
			case in.name == "-":
				streamInput(in, stdin, send)
			case in.size >= streamMin && startsMbox(in.name):
				f, err := os.Open(in.name)
				if err != nil {
					send(&task{in: in, name: in.name, err: err, read: true, last: true, bytes: in.size})
					continue
				}
				streamInput(in, f, send)
				f.Close()
			default:
				send(&task{in: in, name: in.name, last: true, bytes: in.size})
			}
		}
	}()
	for range jobs {
		go func() {
			for t := range work {
				t.res <- s.process(t)
			}
		}()
	}
	for t := range order {
		s.emit(t, <-t.res)
	}
}

// streamInput reads an input that is either one message or an mbox as a
// stream, sending a task per message. A single message keeps the input's
// name; the messages of an mbox are named FILE#1, FILE#2, ...
func streamInput(in *input, r io.Reader, send func(*task)) {
	br := bufio.NewReaderSize(r, 64<<10)
	head, _ := br.Peek(160)
	if !isMbox(head) {
		b, err := io.ReadAll(io.LimitReader(br, bounce.MaxSize+1))
		if err == nil && len(b) > bounce.MaxSize {
			b, err = nil, bounce.ErrTooLarge
		}
		send(&task{in: in, name: in.name, data: b, err: err, read: true, last: true, bytes: int64(len(b))})
		return
	}
	m := newMboxReader(br)
	var prev *task // held back until we know whether a second message follows
	n := 0
	for {
		msg, err := m.message()
		if err == io.EOF {
			break
		}
		n++
		t := &task{in: in, name: msgName(in.name, n), data: msg, err: err, read: true, bytes: int64(len(msg))}
		if prev != nil {
			send(prev)
		}
		prev = t
		if err != nil && !errors.Is(err, bounce.ErrTooLarge) {
			break // a read error ends the stream
		}
	}
	if prev == nil {
		send(&task{in: in, name: in.name, data: []byte{}, read: true, last: true})
		return
	}
	if n == 1 {
		prev.name = in.name
	}
	prev.last = true
	send(prev)
}

// startsMbox reports whether the file starts like an mbox.
func startsMbox(name string) bool {
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	head := make([]byte, 160)
	n, _ := io.ReadFull(f, head)
	return isMbox(head[:n])
}

// process classifies one task's message or file. A file read whole that is
// an mbox of several messages gives a record per message.
func (s *sink) process(t *task) []record {
	named := t.in.named
	if t.read {
		if t.err != nil {
			return []record{s.format1(t.name, named || t.name != t.in.name, nil, t.err)}
		}
		rep, err := bounce.ParseBytes(t.data)
		return []record{s.format1(t.name, named || t.name != t.in.name, rep, err)}
	}
	b, err := readFile(t.name)
	if err != nil {
		return []record{s.format1(t.name, named, nil, err)}
	}
	msgs, errs := splitMbox(b)
	if msgs == nil {
		rep, err := bounce.ParseBytes(b)
		return []record{s.format1(t.name, named, rep, err)}
	}
	recs := make([]record, len(msgs))
	for i, m := range msgs {
		var rep *bounce.Report
		err := errs[i]
		if err == nil {
			rep, err = bounce.ParseBytes(m)
		}
		recs[i] = s.format1(msgName(t.name, i+1), true, rep, err)
	}
	return recs
}

func readFile(name string) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, bounce.MaxSize+1))
	if err != nil {
		return nil, err
	}
	if len(b) > bounce.MaxSize {
		return nil, bounce.ErrTooLarge
	}
	return b, nil
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

// bulkGC sets the collector for a classify run and returns what restores
// it: the heap may grow to five times what is live between collections
// (GOGC=400) instead of twice, within a soft limit of 1 GiB. A run holds
// little (the messages being classified and the reports waiting for their
// turn in the output: 29 MB resident for the corpus on 2 cores, 19 MB with
// the default), and the default collector takes a fifth of a core beside
// each worker: with it, -j 2 classifies 21% fewer messages a second on 2
// cores. The limit is far above what a run holds unless many workers read
// messages near MaxSize at once; there the collector runs more often
// rather than let the heap grow fivefold. A GOGC or GOMEMLIMIT in the
// environment is the user's choice and is left as it is.
func bulkGC(getenv func(string) string) (restore func()) {
	var undo []func()
	if getenv("GOGC") == "" {
		old := debug.SetGCPercent(400)
		undo = append(undo, func() { debug.SetGCPercent(old) })
	}
	if getenv("GOMEMLIMIT") == "" {
		old := debug.SetMemoryLimit(1 << 30)
		undo = append(undo, func() { debug.SetMemoryLimit(old) })
	}
	return func() {
		for _, f := range undo {
			f()
		}
	}
}
