package main

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/bouncekit/bounce"
)

// An input is one thing classify reads: a file, standard input ("-"), or
// an error found while listing the arguments (a missing file, an
// unreadable folder), reported in its place in the output.
type input struct {
	name  string
	size  int64 // bytes; -1 when unknown (standard input)
	err   error
	named bool // the text output heads its reports with the name
}

// listInputs expands the arguments: a folder gives every file in its tree
// in lexical order. In a maildir (a folder with cur/ and new/) only the
// messages of cur/ and new/ are read, not tmp/ (messages still being
// delivered) nor the mail server's index files; Maildir++ subfolders
// (".Name") are read too. Other names starting with "." are skipped.
func listInputs(args []string) []input {
	named := len(args) > 1
	var ins []input
	for _, a := range args {
		if a == "-" {
			ins = append(ins, input{name: a, size: -1, named: named})
			continue
		}
		fi, err := os.Stat(a)
		switch {
		case err != nil:
			ins = append(ins, input{name: a, err: err, named: named})
		case fi.IsDir():
			ins = append(ins, walkDir(a)...)
		default:
			ins = append(ins, input{name: a, size: fi.Size(), named: named})
		}
	}
	return ins
}

func walkDir(root string) []input {
	var ins []input
	maildirs := map[string]bool{}
	isMaildir := func(dir string) bool {
		m, ok := maildirs[dir]
		if !ok {
			c, err1 := os.Stat(filepath.Join(dir, "cur"))
			n, err2 := os.Stat(filepath.Join(dir, "new"))
			m = err1 == nil && err2 == nil && c.IsDir() && n.IsDir()
			maildirs[dir] = m
		}
		return m
	}
	filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			ins = append(ins, input{name: p, err: err, named: true})
			if d != nil && d.IsDir() && p != root {
				return fs.SkipDir
			}
			return nil
		}
		name := d.Name()
		if d.IsDir() {
			if p == root {
				return nil
			}
			if strings.HasPrefix(name, ".") && !isMaildir(p) {
				return fs.SkipDir
			}
			if name == "tmp" && isMaildir(filepath.Dir(p)) {
				return fs.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, ".") || isMaildir(filepath.Dir(p)) {
			return nil
		}
		info, err := os.Stat(p) // follows a symbolic link to a file
		if err != nil {
			ins = append(ins, input{name: p, err: err, named: true})
			return nil
		}
		if !info.Mode().IsRegular() {
			return nil
		}
		ins = append(ins, input{name: p, size: info.Size(), named: true})
		return nil
	})
	return ins
}

// An mbox is read one message at a time: a message starts at a line
// "From " that is followed by a header field, the rule the library uses
// for mbox text. A file is an mbox when its first line is such a line.

// mboxReader yields the messages of an mbox.
type mboxReader struct {
	r    *bufio.Reader
	next []byte // the From_ line that starts the next message, if read
	eof  bool
}

func newMboxReader(r io.Reader) *mboxReader {
	return &mboxReader{r: bufio.NewReaderSize(r, 64<<10)}
}

// isMbox reports whether b starts with an mbox From_ line followed by a
// header field.
func isMbox(b []byte) bool {
	if !bytes.HasPrefix(b, []byte("From ")) {
		return false
	}
	i := bytes.IndexByte(b, '\n')
	return i >= 0 && fieldLine(b[i+1:])
}

// fieldLine reports whether b starts with a header field "Name: value".
func fieldLine(b []byte) bool {
	i := bytes.IndexByte(b, ':')
	if i <= 0 || i > 76 {
		return false
	}
	for _, c := range b[:i] {
		if c <= ' ' || c >= 127 {
			return false
		}
	}
	return true
}

// message returns the next message, or io.EOF after the last. A message
// over bounce.MaxSize is read to its end and returned as ErrTooLarge, so
// the messages after it are still read.
func (m *mboxReader) message() ([]byte, error) {
	if m.eof {
		return nil, io.EOF
	}
	var msg []byte
	tooLarge := false
	add := func(b []byte) {
		if tooLarge {
			return
		}
		if len(msg)+len(b) > bounce.MaxSize {
			tooLarge, msg = true, nil
			return
		}
		msg = append(msg, b...)
	}
	if m.next != nil {
		add(m.next)
		m.next = nil
	}
	atStart := true // b starts a line (a line longer than the buffer comes in pieces)
	for {
		b, err := m.r.ReadSlice('\n')
		partial := err == bufio.ErrBufferFull
		if partial {
			err = nil
		}
		if atStart && !partial && (len(msg) > 0 || tooLarge) && bytes.HasPrefix(b, []byte("From ")) {
			line := bytes.Clone(b) // Peek may move the buffer under b
			if peek, _ := m.r.Peek(80); fieldLine(peek) {
				m.next = line
				break
			}
			add(line)
		} else {
			add(b)
		}
		atStart = !partial
		if err != nil {
			if err != io.EOF {
				return nil, err
			}
			m.eof = true
			if len(msg) == 0 && !tooLarge {
				return nil, io.EOF
			}
			break
		}
	}
	if tooLarge {
		return nil, bounce.ErrTooLarge
	}
	return msg, nil
}

// splitMbox splits an mbox already in memory into its messages; it returns
// nil when b is not an mbox or holds one message.
func splitMbox(b []byte) ([][]byte, []error) {
	if !isMbox(b) {
		return nil, nil
	}
	m := newMboxReader(bytes.NewReader(b))
	var msgs [][]byte
	var errs []error
	for {
		msg, err := m.message()
		if err == io.EOF {
			break
		}
		if err != nil && !errors.Is(err, bounce.ErrTooLarge) {
			return nil, nil // cannot happen for a bytes.Reader
		}
		msgs, errs = append(msgs, msg), append(errs, err)
	}
	if len(msgs) < 2 {
		return nil, nil
	}
	return msgs, errs
}

// msgName names the nth message (from 1) of an mbox.
func msgName(file string, n int) string {
	return file + "#" + strconv.Itoa(n)
}
