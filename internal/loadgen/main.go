// Command loadgen measures bounce serve under load. It starts the given
// bounce binary with `serve -addr 127.0.0.1:0`, so it only ever talks to
// loopback, and sends a bounded number of classify requests from
// concurrent clients, for each of two inputs: the Gmail one-line reply and
// the messages of the golden corpus (testdata/*/*.eml) in turn. It prints
// one line per input in the format of `go test -bench`, so benchstat and
// internal/benchtable read it:
//
//	BenchmarkServe/reply-50  20000  61000 ns/op  16393 classifications/s  0 errors  9.1 MB-rss-before  21.3 MB-rss-after
//
// ns/op is wall time per request across all clients (1e9 / throughput).
// The resident set size of the server is read from /proc before the run
// (after a warm-up) and after it; 0 where /proc is missing.
//
//	go run ./internal/loadgen -bin build/bin/bounce [-clients 50] [-n 20000]
//
// With -soak 60s it runs issue 12's soak test instead: the clients send a
// mix of normal requests (a reply line, corpus messages), large ones (a
// 1 MB DSN, a batch of 20 messages) and hostile ones (1 MiB of "From "
// lines, 10,000 reply lines, a batch of 200,000 records, 1 MiB of empty
// MIME parts, a 2 MiB body, charsets) for that long, reading every answer,
// and it prints per group p50/p99 latency, the statuses, transport errors
// and statuses the request may not get (any may get 503 busy), then the
// server's peak RSS and its RSS after the first sixth of the run (warm-up)
// and at the end. It exits 1 on any error or unexpected status.
package main

import (
	"bufio"
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

const gmail = "550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. - gsmtp"

func main() {
	bin := flag.String("bin", "build/bin/bounce", "the bounce binary to run `serve` from")
	clients := flag.Int("clients", 50, "concurrent clients (1 to 500)")
	n := flag.Int("n", 20000, "requests per input (1 to 1,000,000)")
	limit := flag.Duration("timeout", 60*time.Second, "stop each run after this long")
	corpus := flag.String("corpus", "testdata", "directory with <kind>/*.eml messages for the second input")
	soakFor := flag.Duration("soak", 0, "instead, run the soak test for this long (up to 10m): normal, large and hostile requests mixed")
	flag.Parse()
	if *clients < 1 || *clients > 500 || *n < 1 || *n > 1_000_000 || *limit <= 0 || *limit > 10*time.Minute || *soakFor < 0 || *soakFor > 10*time.Minute {
		fmt.Fprintln(os.Stderr, "loadgen: -clients 1..500, -n 1..1,000,000, -timeout up to 10m")
		os.Exit(2)
	}
	if err := run(*bin, *clients, *n, *limit, *corpus, *soakFor); err != nil {
		fmt.Fprintln(os.Stderr, "loadgen:", err)
		os.Exit(1)
	}
}

func run(bin string, clients, n int, limit time.Duration, corpus string, soakFor time.Duration) error {
	var msgs [][]byte
	files, _ := filepath.Glob(filepath.Join(corpus, "*", "*.eml"))
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			return err
		}
		msgs = append(msgs, b)
	}
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-dir", os.DevNull)
	cmd.Env = append(os.Environ(), "PORT=")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return err
	}
	cmd.Stderr = io.Discard
	if err := cmd.Start(); err != nil {
		return err
	}
	defer func() {
		cmd.Process.Signal(os.Interrupt)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			cmd.Process.Kill()
			<-done
		}
	}()
	base, err := address(stdout)
	if err != nil {
		return err
	}
	go io.Copy(io.Discard, stdout)

	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients, DisableCompression: true},
	}
	if soakFor > 0 {
		fmt.Printf("goos: %s\ngoarch: %s\npkg: github.com/bouncekit/bounce/internal/loadgen\n", runtime.GOOS, runtime.GOARCH)
		if bad := soak(client, base, cmd.Process.Pid, soakMix(msgs), clients, soakFor); bad > 0 {
			return fmt.Errorf("soak: %d errors or unexpected statuses", bad)
		}
		return nil
	}
	inputs := []struct {
		name   string
		bodies [][]byte
	}{{"reply", [][]byte{[]byte(gmail)}}, {"corpus", msgs}}
	fmt.Printf("goos: %s\ngoarch: %s\npkg: github.com/bouncekit/bounce/internal/loadgen\n", runtime.GOOS, runtime.GOARCH)
	for _, in := range inputs {
		if len(in.bodies) == 0 {
			continue
		}
		// Warm up: connections open, server heap grown to its working size.
		load(client, base, in.bodies, clients, min(n, 20*clients), limit)
		before := rss(cmd.Process.Pid)
		r := load(client, base, in.bodies, clients, n, limit)
		after := rss(cmd.Process.Pid)
		perSec := float64(r.ok) / r.took.Seconds()
		fmt.Printf("BenchmarkServe/%s-%d\t%d\t%.0f ns/op\t%.0f classifications/s\t%d errors\t%.1f MB-rss-before\t%.1f MB-rss-after\n",
			in.name, clients, r.ok+r.bad, r.took.Seconds()*1e9/float64(max(r.ok+r.bad, 1)), perSec, r.bad, before, after)
		if r.firstErr != "" {
			fmt.Fprintf(os.Stderr, "loadgen: %s: %d errors; first: %s\n", in.name, r.bad, r.firstErr)
		}
	}
	client.CloseIdleConnections()
	return nil
}

// address reads the server's "serving ... on http://ADDR/" line.
func address(stdout io.Reader) (string, error) {
	re := regexp.MustCompile(`on (http://127\.0\.0\.1:\d+)/`)
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				lines <- m[1]
				return
			}
		}
		close(lines)
	}()
	select {
	case a, ok := <-lines:
		if !ok {
			return "", errors.New("bounce serve exited without saying where it listens")
		}
		return a, nil
	case <-time.After(30 * time.Second):
		return "", errors.New("bounce serve did not start in 30 s")
	}
}

type result struct {
	ok, bad  int
	took     time.Duration
	firstErr string
}

// load sends n POST /v1/classify requests from the given number of
// clients, the bodies in turn, and stops early after limit.
func load(client *http.Client, base string, bodies [][]byte, clients, n int, limit time.Duration) result {
	var next, ok, bad atomic.Int64
	var once sync.Once
	var first string
	deadline := time.Now().Add(limit)
	var wg sync.WaitGroup
	start := time.Now()
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for time.Now().Before(deadline) {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				if err := classify(client, base, bodies[i%int64(len(bodies))]); err != nil {
					bad.Add(1)
					once.Do(func() { first = err.Error() })
					continue
				}
				ok.Add(1)
			}
		}()
	}
	wg.Wait()
	return result{int(ok.Load()), int(bad.Load()), time.Since(start), first}
}

func classify(client *http.Client, base string, body []byte) error {
	resp, err := client.Post(base+"/v1/classify", "message/rfc822", bytes.NewReader(body))
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return err
	}
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("status %d: %.200s", resp.StatusCode, b)
	}
	if !bytes.Contains(b, []byte(`"kind"`)) {
		return fmt.Errorf("no report: %.200s", b)
	}
	return nil
}

// rss returns the resident set size of process pid in MB (1e6 bytes),
// from /proc; 0 when it cannot be read.
func rss(pid int) float64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == "VmRSS:" {
			kb, _ := strconv.ParseFloat(f[1], 64)
			return kb * 1024 / 1e6
		}
	}
	return 0
}
