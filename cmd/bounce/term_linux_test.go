package main

import (
	"bytes"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"
)

// openPTY opens a pseudo-terminal pair: the master side, which reads what
// is written to the terminal, and the terminal itself.
func openPTY(t *testing.T) (master, tty *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skip("no pseudo-terminals:", err)
	}
	var unlock int32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCSPTLCK, uintptr(unsafe.Pointer(&unlock))); e != 0 {
		t.Fatal("unlockpt:", e)
	}
	var n uint32
	if _, _, e := syscall.Syscall(syscall.SYS_IOCTL, m.Fd(), syscall.TIOCGPTN, uintptr(unsafe.Pointer(&n))); e != 0 {
		t.Fatal("ptsname:", e)
	}
	s, err := os.OpenFile("/dev/pts/"+strconv.Itoa(int(n)), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close(); m.Close() })
	return m, s
}

// TestProgressOnTerminal runs classify with standard error on a
// pseudo-terminal: the progress line appears there (the one-second delay
// shortened for the test), and not when standard error is a pipe.
func TestProgressOnTerminal(t *testing.T) {
	master, tty := openPTY(t)
	if !isTerminal(tty) {
		t.Fatal("a pseudo-terminal is not a terminal")
	}
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if isTerminal(w) {
		t.Fatal("a pipe is a terminal")
	}
	if devnull, err := os.Open(os.DevNull); err == nil {
		if isTerminal(devnull) {
			t.Error("/dev/null is a terminal")
		}
		devnull.Close()
	}

	dir := t.TempDir()
	for i := range 3 {
		os.WriteFile(filepath.Join(dir, strconv.Itoa(i)+".txt"), []byte("550 5.1.1 user unknown"), 0o644)
	}
	defer func(d time.Duration) { progressDelay = d }(progressDelay)
	progressDelay = 0

	got := make(chan string)
	go func() {
		var b bytes.Buffer
		buf := make([]byte, 4096)
		master.SetReadDeadline(time.Now().Add(10 * time.Second))
		for !strings.Contains(b.String(), "inputs") {
			n, err := master.Read(buf)
			b.Write(buf[:n])
			if err != nil {
				break
			}
		}
		got <- b.String()
	}()
	var out bytes.Buffer
	if code := run([]string{"classify", "-json", dir}, strings.NewReader(""), &out, tty); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if s := <-got; !strings.Contains(s, "bounce: 1/3 inputs, 1 messages") {
		t.Errorf("terminal shows %q", s)
	}

	// Standard error on a pipe: nothing.
	if code := run([]string{"classify", "-json", dir}, strings.NewReader(""), &out, w); code != 0 {
		t.Fatalf("exit %d", code)
	}
	w.Close()
	if b, _ := io.ReadAll(r); len(b) != 0 {
		t.Errorf("a pipe got %q", b)
	}
}
