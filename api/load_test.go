package api

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// loadCase is one kind of request the load test sends, with the status it
// must get.
type loadCase struct {
	path, ctype string
	body        []byte
	status      int
}

func loadCases(t *testing.T) []loadCase {
	gmail := []byte("550 5.1.1 The email account that you tried to reach does not exist. Please try double-checking the recipient's email address for typos or unnecessary spaces. - gsmtp")
	cases := []loadCase{
		{"/v1/classify", "text/plain", gmail, 200},
		{"/v1/classify", "application/json", []byte(`{"text": "421 4.7.0 Try again later", "source": "load"}`), 200},
		{"/v1/classify/batch", "application/json", []byte(`{"items": [{"id": "a", "text": "550 5.1.1 no such user"}, {"id": "b", "text": ""}]}`), 200},
		{"/v1/classify", "application/json", []byte(`{"text": `), 400},
		{"/v1/classify", "image/png", gmail, 415},
		{"/v1/classify", "text/plain", bytes.Repeat([]byte("550 5.1.1 no such user\n"), MaxBody/23+1), 413},
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "*", "*.eml"))
	for i, f := range files {
		if i%10 != 0 {
			continue
		}
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		cases = append(cases, loadCase{"/v1/classify", "message/rfc822", b, 200})
	}
	return cases
}

// TestLoad sends 2,000 requests from 50 concurrent clients to the handler
// bounce serve runs, on a loopback httptest server: every request must get
// its answer, and the heap in use after a GC must stay about where it was
// after a warm-up round (a generous bound: 32 MiB more). Nothing is timed.
func TestLoad(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	const clients, requests = 50, 2000
	cases := loadCases(t)
	srv := httptest.NewServer(Gzip(New(Options{})))
	defer srv.Close()
	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: clients, DisableCompression: true},
	}
	defer client.CloseIdleConnections()

	run := func(n int) (answered, wrong int64, firstErr string) {
		var next, ok, bad atomic.Int64
		var mu sync.Mutex
		var wg sync.WaitGroup
		for range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for {
					i := next.Add(1) - 1
					if i >= int64(n) {
						return
					}
					c := cases[i%int64(len(cases))]
					status, err := post(client, srv.URL+c.path, c.ctype, c.body)
					if err == nil && status != c.status {
						err = fmt.Errorf("%s %s: status %d, want %d", c.path, c.ctype, status, c.status)
					}
					if err != nil {
						bad.Add(1)
						mu.Lock()
						if firstErr == "" {
							firstErr = err.Error()
						}
						mu.Unlock()
						continue
					}
					ok.Add(1)
				}
			}()
		}
		wg.Wait()
		return ok.Load(), bad.Load(), firstErr
	}

	if ok, bad, first := run(len(cases) * 10); bad > 0 {
		t.Fatalf("warm-up: %d of %d requests failed; first: %s", bad, ok+bad, first)
	}
	before := heapInUse()
	ok, bad, first := run(requests)
	after := heapInUse()
	if ok != requests || bad != 0 {
		t.Fatalf("%d of %d requests answered as expected, %d not; first: %s", ok, requests, bad, first)
	}
	t.Logf("%d requests from %d clients; heap in use after GC: %.1f MiB before, %.1f MiB after",
		requests, clients, float64(before)/(1<<20), float64(after)/(1<<20))
	if after > before+32<<20 {
		t.Errorf("heap in use grew from %d to %d bytes", before, after)
	}
}

func post(c *http.Client, url, ctype string, body []byte) (int, error) {
	resp, err := c.Post(url, ctype, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return 0, err
	}
	if !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") || len(b) == 0 {
		return 0, fmt.Errorf("%s: %d with %q, %d bytes", url, resp.StatusCode, resp.Header.Get("Content-Type"), len(b))
	}
	return resp.StatusCode, nil
}

// heapInUse returns runtime.MemStats.HeapInuse after a full GC.
func heapInUse() uint64 {
	runtime.GC()
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapInuse
}
