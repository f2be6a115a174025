package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// startServe runs `bounce serve` with args on a free loopback port and
// returns its base URL; the server stops at the end of the test.
func startServe(t *testing.T, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	old := serveContext
	serveContext = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	t.Setenv("PORT", "0")
	pr, pw := io.Pipe()
	done := make(chan int)
	var stderr bytes.Buffer
	go func() {
		done <- run(append([]string{"serve", "-dir", t.TempDir()}, args...), nil, pw, &stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no start line: %v %s", err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	_, base, _ := strings.Cut(strings.TrimSpace(line), " on ")
	t.Cleanup(func() {
		cancel()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Error("serve did not stop")
		}
		serveContext = old
	})
	return strings.TrimSuffix(base, "/")
}

// wantJSONError checks an answer of status code with a JSON error body
// {"error": {"code", "message"}} of the given code, and CORS.
func wantJSONError(t *testing.T, what string, resp *http.Response, body []byte, status int, code string) {
	t.Helper()
	var e struct {
		Error struct{ Code, Message string }
	}
	if resp.StatusCode != status || resp.Header.Get("Content-Type") != "application/json" ||
		resp.Header.Get("Access-Control-Allow-Origin") != "*" || json.Unmarshal(body, &e) != nil ||
		e.Error.Code != code || e.Error.Message == "" {
		t.Errorf("%s: %d %q CORS %q: %.200s; want %d JSON error %q with CORS", what, resp.StatusCode,
			resp.Header.Get("Content-Type"), resp.Header.Get("Access-Control-Allow-Origin"), body, status, code)
	}
}

// rawRequest sends raw bytes on a new connection and reads the answer.
func rawRequest(t *testing.T, base, raw string) (*http.Response, []byte) {
	t.Helper()
	c, err := net.Dial("tcp", strings.TrimPrefix(base, "http://"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(10 * time.Second))
	go io.WriteString(c, raw) // the server may answer before it has read it all
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("%.60q: %v", raw, err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	return resp, body
}

// TestServeMalformedRequests checks the requests that net/http answers
// before any handler runs: they too get JSON errors with CORS, as the
// README promises for every answer. They were plain text.
func TestServeMalformedRequests(t *testing.T) {
	base := startServe(t)
	for _, c := range []struct {
		name, raw string
		status    int
		code      string
	}{
		{"bad header line", "GET /healthz HTTP/1.1\r\nHost: x\r\nno colon here\r\n\r\n", 400, "bad_request"},
		{"bad Host", "GET /healthz HTTP/1.1\r\nHost: a b\r\n\r\n", 400, "bad_request"},
		{"headers over 64 KiB", "GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + strings.Repeat("a", 80<<10) + "\r\n\r\n", 431, "headers_too_large"},
		{"unknown Transfer-Encoding", "POST /v1/classify HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nContent-Type: text/plain\r\n\r\n", 501, "not_implemented"},
		{"HTTP/3.0", "GET /healthz HTTP/3.0\r\nHost: x\r\n\r\n", 505, "http_version_not_supported"},
		{"CONNECT", "CONNECT evil.example:443 HTTP/1.1\r\nHost: evil.example:443\r\n\r\n", 405, "method_not_allowed"},
	} {
		resp, body := rawRequest(t, base, c.raw)
		wantJSONError(t, c.name, resp, body, c.status, c.code)
	}
	resp, _ := rawRequest(t, base, "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n")
	if resp.StatusCode != 204 || resp.Header.Get("Access-Control-Allow-Origin") != "*" || resp.Header.Get("Allow") == "" {
		t.Errorf("OPTIONS *: %d %v, want 204 with Allow and CORS", resp.StatusCode, resp.Header)
	}
}

// TestServeBatchRecordsPerRequest sends issue 12's 1 MB batch: 20 items of
// "550\n" 10,000 times. Each item is within the 10,000 records of a
// report, but together they hold 200,000, which gave a 154 MB answer built
// in memory several times over. The limit is on the request now.
func TestServeBatchRecordsPerRequest(t *testing.T) {
	base := startServe(t)
	var items []string
	text, _ := json.Marshal(strings.Repeat("550\n", 10000))
	for i := range 20 {
		items = append(items, fmt.Sprintf(`{"id":"%d","text":%s}`, i, text))
	}
	body := `{"items":[` + strings.Join(items, ",") + `]}`
	if len(body) > 1<<20 {
		t.Fatalf("body of %d bytes", len(body))
	}
	var ms0, ms1 runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms0)
	resp, err := http.Post(base+"/v1/classify/batch", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	n, _ := io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<30))
	resp.Body.Close()
	runtime.ReadMemStats(&ms1)
	alloc := ms1.TotalAlloc - ms0.TotalAlloc
	t.Logf("status %d, %d bytes, %d MB allocated by client and server", resp.StatusCode, n, alloc>>20)
	if resp.StatusCode != 422 {
		t.Errorf("status %d (%d bytes), want 422 too_many_recipients", resp.StatusCode, n)
	}
	if alloc > 150<<20 {
		t.Errorf("%d MB allocated for one 1 MB request", alloc>>20)
	}
	resp, err = http.Post(base+"/v1/classify/batch", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	wantJSONError(t, "batch", resp, b, 422, "too_many_recipients")
}

// TestServeConcurrentLarge sends issue 12's 50 concurrent classifications
// of 40 KB of "550\n" (10,000 records, a 7.7 MB answer each), which took
// the server to 1.6 GB. Every answer must be 200 or a 503 with
// Retry-After, and the heap (sampled, client included; the answers are
// read as a stream) must stay under 400 MB.
func TestServeConcurrentLarge(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	base := startServe(t)
	body := strings.Repeat("550\n", 10000)
	var peak atomic.Uint64
	stop := make(chan struct{})
	sampled := make(chan struct{})
	go func() {
		defer close(sampled)
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			if ms.HeapAlloc > peak.Load() {
				peak.Store(ms.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	client := &http.Client{Transport: &http.Transport{MaxConnsPerHost: 50, MaxIdleConnsPerHost: 50}}
	var wg sync.WaitGroup
	var mu sync.Mutex
	statuses := map[int]int{}
	for range 50 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := client.Post(base+"/v1/classify", "text/plain", strings.NewReader(body))
			if err != nil {
				t.Error(err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			mu.Lock()
			statuses[resp.StatusCode]++
			mu.Unlock()
			if resp.StatusCode == 503 && resp.Header.Get("Retry-After") == "" {
				t.Error("503 without Retry-After")
			}
		}()
	}
	wg.Wait()
	close(stop)
	<-sampled
	client.CloseIdleConnections()
	t.Logf("statuses %v, peak heap %d MB", statuses, peak.Load()>>20)
	for s := range statuses {
		if s != 200 && s != 503 {
			t.Errorf("status %d", s)
		}
	}
	if statuses[200] == 0 {
		t.Error("no request was answered")
	}
	if p := peak.Load(); p > 400<<20 {
		t.Errorf("peak heap %d MB for 50 requests of 40 KB", p>>20)
	}
}
