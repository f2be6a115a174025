//go:build linux || darwin

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/bouncekit/bounce/internal/testndr"
)

// TestWrangler runs the built Worker (build/worker) under wrangler dev on a
// free loopback port, sends it real requests, checks the answers against
// the same handler run natively, and stops wrangler with SIGINT. It also
// checks 2,000 concurrent requests with bodies of their own (concurrent),
// and prints the figures the README quotes: time to first response, CPU
// and wall time per request (measure), beside those of `bounce serve` when
// BOUNCE names its binary.
//
// `make test-worker` builds everything and sets WRANGLER (plain `go test`
// skips the test). When node or wrangler is missing, the test is skipped,
// except when CI=true, where it fails.
func TestWrangler(t *testing.T) {
	wrangler := os.Getenv("WRANGLER")
	if wrangler == "" {
		// Plain `go test ./...`; make test-worker runs this test, and with
		// CI=true fails when node is missing.
		t.Skip("WRANGLER is not set; run make test-worker")
	}
	if _, err := exec.LookPath("node"); err != nil {
		missing(t, "node is not installed")
	}
	if _, err := os.Stat(wrangler); err != nil {
		missing(t, err.Error())
	}
	root, _ := filepath.Abs("../..")
	if _, err := os.Stat(filepath.Join(root, "build/worker/app.wasm")); err != nil {
		t.Fatalf("no Worker build: %v; run make worker", err)
	}
	base, wrangler1, first := startWrangler(t, wrangler, root, "")

	native := httptest.NewServer(handler())
	defer native.Close()

	gmail := read(t, "testdata/gmail.txt")
	dsn := read(t, "testdata/dsn-multi.eml")

	t.Run("gmail", func(t *testing.T) {
		got := same(t, base, native.URL, "POST", "/v1/classify", "text/plain", gmail, 200)
		var rep report
		decode(t, got, &rep)
		if len(rep.Recipients) != 1 || rep.Recipients[0].Status != "5.1.1" || rep.Recipients[0].Class != "permanent" {
			t.Errorf("Gmail one-liner: got %s", got)
		}
		if bytes.Contains(got, []byte(`"source"`)) {
			t.Errorf("source given though none was sent: %s", got)
		}
	})
	t.Run("dsn", func(t *testing.T) {
		got := same(t, base, native.URL, "POST", "/v1/classify", "message/rfc822", dsn, 200)
		var rep report
		decode(t, got, &rep)
		if len(rep.Recipients) == 0 {
			t.Fatalf("no recipient: %s", got)
		}
		if rep.Kind == "dsn" {
			var addrs []string
			for _, r := range rep.Recipients {
				addrs = append(addrs, r.Recipient)
			}
			if !slices.Equal(addrs, []string{"bob@example.com", "carol@example.net"}) {
				t.Errorf("recipients %q, want bob@example.com and carol@example.net", addrs)
			}
		}
	})
	t.Run("json", func(t *testing.T) {
		body, _ := json.Marshal(map[string]string{"text": string(gmail), "source": "ticket-1"})
		got := same(t, base, native.URL, "POST", "/v1/classify", "application/json", body, 200)
		if !bytes.Contains(got, []byte(`"source":"ticket-1"`)) {
			t.Errorf("no source: %s", got)
		}
	})
	t.Run("batch", func(t *testing.T) {
		body, _ := json.Marshal(map[string]any{"items": []map[string]string{
			{"id": "a", "text": string(gmail)}, {"id": "b", "text": " "}, {"id": "c", "text": string(dsn)}}})
		got := same(t, base, native.URL, "POST", "/v1/classify/batch", "application/json", body, 200)
		var res struct {
			Items []struct {
				ID     string
				Report *report
				Error  *struct{ Code string }
			}
		}
		decode(t, got, &res)
		if len(res.Items) != 3 || res.Items[0].ID != "a" || res.Items[0].Report == nil ||
			res.Items[1].Error == nil || res.Items[1].Error.Code != "empty_text" || res.Items[2].Report == nil {
			t.Errorf("batch: %s", got)
		}
	})
	t.Run("2MiB", func(t *testing.T) {
		big := bytes.Repeat([]byte("550 5.1.1 no such user\n"), 2<<20/23+1)
		errorCode(t, same(t, base, native.URL, "POST", "/v1/classify", "text/plain", big, 413), "too_large")
	})
	t.Run("chunked", func(t *testing.T) {
		// A body of unknown length: the entry module reads at most
		// 1 MiB + 1 bytes of it.
		// One over the limit is sent last, below.
		sameAs(t, base, native.URL, "POST", "/v1/classify", "text/plain", gmail, 200, true)
		filler := bytes.Repeat([]byte("The message was not delivered.\n"), 1<<20/31)
		exact := append(append(slices.Clip(gmail), '\n'), filler...)[:1<<20]
		sameAs(t, base, native.URL, "POST", "/v1/classify", "text/plain", exact, 200, true)
	})
	t.Run("bad-json", func(t *testing.T) {
		errorCode(t, same(t, base, native.URL, "POST", "/v1/classify", "application/json", []byte(`{"text": `), 400), "bad_json")
	})
	t.Run("preflight", func(t *testing.T) {
		req, _ := http.NewRequest("OPTIONS", base+"/v1/classify", nil)
		req.Header.Set("Origin", "https://helpdesk.example")
		req.Header.Set("Access-Control-Request-Method", "POST")
		req.Header.Set("Access-Control-Request-Headers", "content-type")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		if resp.StatusCode != 204 || h.Get("Access-Control-Allow-Origin") != "*" ||
			!strings.Contains(h.Get("Access-Control-Allow-Methods"), "POST") ||
			!strings.Contains(strings.ToLower(h.Get("Access-Control-Allow-Headers")), "content-type") {
			t.Errorf("preflight: %d %v", resp.StatusCode, h)
		}
	})
	t.Run("routes", func(t *testing.T) {
		same(t, base, native.URL, "GET", "/v1/catalog?q=5.7.26", "", nil, 200)
		same(t, base, native.URL, "GET", "/healthz", "", nil, 200)
		same(t, base, native.URL, "GET", "/openapi.json", "", nil, 200)
		errorCode(t, same(t, base, native.URL, "GET", "/v1/nothing", "", nil, 404), "not_found")
		errorCode(t, same(t, base, native.URL, "GET", "/v1/classify", "", nil, 405), "method_not_allowed")
		errorCode(t, same(t, base, native.URL, "POST", "/v1/classify", "image/png", gmail, 415), "unsupported_media_type")
	})

	t.Run("assets", func(t *testing.T) {
		// Cloudflare, not the Worker, serves build/web, with wasm/worker/_headers.
		if _, err := os.Stat(filepath.Join(root, "build/web/index.html")); err != nil {
			t.Skip("no build/web/index.html; make web builds it")
		}
		for path, ctype := range map[string]string{"/": "text/html", "/bounce.wasm": "application/wasm", "/bounce.js": "text/javascript"} {
			resp, err := http.Get(base + path)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			h := resp.Header
			if resp.StatusCode != 200 || !strings.HasPrefix(h.Get("Content-Type"), ctype) ||
				h.Get("Access-Control-Allow-Origin") != "*" || h.Get("X-Content-Type-Options") != "nosniff" ||
				!strings.Contains(h.Get("Content-Security-Policy"), "wasm-unsafe-eval") {
				t.Errorf("GET %s: %d %v", path, resp.StatusCode, h)
			}
		}
	})

	ndr := testndr.Postfix(50 << 10)
	t.Run("ndr-50KB", func(t *testing.T) {
		got := same(t, base, native.URL, "POST", "/v1/classify", "text/plain", ndr, 200)
		var rep report
		decode(t, got, &rep)
		if len(rep.Recipients) < 100 {
			t.Errorf("%d recipients in the 50 KB NDR", len(rep.Recipients))
		}
	})
	t.Run("concurrent", func(t *testing.T) { concurrent(t, base, wrangler1, gmail, ndr) })

	w := workerd(t, wrangler1, base)
	one := measure(t, base, gmail, w)
	big := measure(t, base, ndr, w)
	t.Logf("wrangler dev: first response %v after start", first.Round(time.Millisecond))
	t.Logf("wrangler dev: one-line classify ×300: %v", one)
	t.Logf("wrangler dev: 50 KB NDR classify ×300: %v", big)
	t.Run("chunked-over-limit", func(t *testing.T) {
		// Last: wrangler dev answers the request after this one with its
		// own 503 "Your worker restarted mid-request" (a response sent
		// before a chunked request body is read to its end; so it did
		// before the entry module read bodies itself).
		big := bytes.Repeat([]byte("550 5.1.1 no such user\n"), 2<<20/23+1)
		errorCode(t, sameAs(t, base, native.URL, "POST", "/v1/classify", "text/plain", big, 413, true), "too_large")
	})
	// The same measure of a Worker in plain JavaScript that reads the body
	// and answers JSON (testdata/plain.mjs): what the Go Worker's figures
	// are to be compared with on this machine at this moment.
	pbase, pw, _ := startWrangler(t, wrangler, root, "wasm/worker/testdata/plain.mjs")
	t.Logf("wrangler dev, plain JavaScript Worker: one-line ×300: %v", measure(t, pbase, gmail, workerd(t, pw, pbase)))
	if bin := os.Getenv("BOUNCE"); bin != "" {
		port := freePort(t)
		cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:"+port, "-dir", filepath.Join(root, "build/web"))
		base := "http://127.0.0.1:" + port
		first := start(t, "bounce serve", cmd, base)
		self := []proc{{"bounce serve", cmd.Process.Pid}}
		t.Logf("bounce serve: first response %v after start; one-line classify ×300: %v", first.Round(time.Millisecond),
			measure(t, base, gmail, self))
	}
}

// startWrangler runs wrangler dev on a free loopback port with the Worker
// of build/worker, or with the entry module given, and returns its URL, its
// process and how long it took to answer.
func startWrangler(t *testing.T, wrangler, root, entry string) (string, *exec.Cmd, time.Duration) {
	t.Helper()
	if signal.Ignored(os.Interrupt) {
		// Started in the background by a shell without job control: a
		// handler here makes wrangler start with SIGINT's default action,
		// so SIGINT can stop it.
		signal.Notify(make(chan os.Signal, 1), os.Interrupt)
		t.Cleanup(func() { signal.Reset(os.Interrupt) })
	}
	port, inspector := freePort(t), freePort(t)
	args := []string{"dev", "--ip", "127.0.0.1", "--port", port,
		"--inspector-port", inspector, "--show-interactive-dev-session=false"}
	if entry != "" {
		args = append(args, entry)
	}
	cmd := exec.Command(wrangler, args...)
	cmd.Dir = root
	cmd.Env = append(os.Environ(), "WRANGLER_SEND_METRICS=false", "WRANGLER_SEND_ERROR_REPORTS=false",
		"CLOUDFLARE_CF_FETCH_ENABLED=false", "WRANGLER_HIDE_BANNER=true", "CI=true")
	base := "http://127.0.0.1:" + port
	first := start(t, "wrangler dev", cmd, base)
	return base, cmd, first
}

func missing(t *testing.T, why string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatal(why)
	}
	t.Skip(why)
}

type report struct {
	Kind       string
	Recipients []struct {
		Recipient string
		Status    string
		Class     string
	}
}

func read(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func decode(t *testing.T, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%v in %s", err, b)
	}
}

func errorCode(t *testing.T, body []byte, code string) {
	t.Helper()
	var e struct {
		Error struct{ Code, Message string }
	}
	decode(t, body, &e)
	if e.Error.Code != code || e.Error.Message == "" {
		t.Errorf("error %s, want code %q", body, code)
	}
}

// freePort returns a loopback port that was free a moment ago.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	return port
}

// start runs cmd in its own process group, waits until base answers
// /healthz, and returns how long that took. Cleanup sends SIGINT and waits;
// a process that does not stop in 10 s is killed.
func start(t *testing.T, name string, cmd *exec.Cmd, base string) time.Duration {
	t.Helper()
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	began := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	t.Cleanup(func() {
		cmd.Process.Signal(os.Interrupt)
		select {
		case <-exited:
		case <-time.After(10 * time.Second):
			t.Errorf("%s did not stop on SIGINT; killing it", name)
			syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
			<-exited
		}
		if t.Failed() {
			t.Logf("%s output:\n%s", name, out.String())
		}
	})
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	for {
		req, _ := http.NewRequestWithContext(ctx, "GET", base+"/healthz", nil)
		resp, err := http.DefaultClient.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return time.Since(began)
			}
		}
		select {
		case err := <-exited:
			t.Fatalf("%s exited: %v\n%s", name, err, out.String())
		case <-ctx.Done():
			t.Fatalf("%s did not answer in 90 s:\n%s", name, out.String())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// same sends one request to the Worker and to the native handler, checks
// both answer the status want with byte-identical bodies and the same
// headers, and returns the Worker's body.
func same(t *testing.T, worker, native, method, path, ctype string, body []byte, want int) []byte {
	t.Helper()
	return sameAs(t, worker, native, method, path, ctype, body, want, false)
}

// sameAs is same, with the body sent chunked (no Content-Length) when
// chunked is set.
func sameAs(t *testing.T, worker, native, method, path, ctype string, body []byte, want int, chunked bool) []byte {
	t.Helper()
	var got [2][]byte
	var headers [2]http.Header
	for i, base := range []string{worker, native} {
		var r io.Reader = bytes.NewReader(body)
		if chunked {
			r = io.MultiReader(r) // of unknown length
		}
		req, _ := http.NewRequest(method, base+path, r)
		if ctype != "" {
			req.Header.Set("Content-Type", ctype)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatalf("%s %s: %v", method, path, err)
		}
		got[i], _ = io.ReadAll(resp.Body)
		resp.Body.Close()
		headers[i] = resp.Header
		if resp.StatusCode != want {
			t.Fatalf("%s %s: status %d, want %d: %.300s", method, base+path, resp.StatusCode, want, got[i])
		}
		if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("%s %s: Content-Type %q", method, base+path, ct)
		}
		if resp.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Errorf("%s %s: no CORS header", method, base+path)
		}
	}
	if !bytes.Equal(got[0], got[1]) {
		t.Errorf("%s %s: the Worker and the native handler differ:\nworker: %.500s\nnative: %.500s", method, path, got[0], got[1])
	}
	for k, v := range headers[1] {
		switch k {
		case "Date", "Content-Length":
			continue
		}
		if w := headers[0][k]; !slices.Equal(w, v) {
			t.Errorf("%s %s: header %s: the Worker sends %q, the native handler %q", method, path, k, w, v)
		}
	}
	return got[0]
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.b.String()
}
