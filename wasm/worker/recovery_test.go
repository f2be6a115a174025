//go:build linux || darwin

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/bouncekit/bounce/internal/testndr"
)

// TestWranglerRecovery runs the test build of the Worker (build/worker-test,
// `make worker-test`: the routes of testroutes.go) under wrangler dev and
// breaks its Go instance in each way the entry module must survive: a
// panic, a panic after the first write, an exit, and a call to a released
// function, alone and with other requests in flight. The request that
// breaks it gets the JSON 500 "internal", and the next request is served by
// a fresh instance. Gated like TestWrangler.
func TestWranglerRecovery(t *testing.T) {
	wrangler := os.Getenv("WRANGLER")
	if wrangler == "" {
		t.Skip("WRANGLER is not set; run make test-worker")
	}
	if _, err := os.Stat(wrangler); err != nil {
		missing(t, err.Error())
	}
	root, _ := filepath.Abs("../..")
	if _, err := os.Stat(filepath.Join(root, "build/worker-test/app.wasm")); err != nil {
		t.Fatalf("no test build of the Worker: %v; run make worker-test", err)
	}
	base, _, _ := startWrangler(t, wrangler, root, "build/worker-test/entry.mjs")
	gmail := read(t, "testdata/gmail.txt")
	want := answer(handler(), "text/plain", gmail)

	// served is the number of requests the instance has served, this one
	// included.
	served := func() int {
		t.Helper()
		status, body := do(t, "GET", base+"/v1/test/served", "", nil)
		var v struct{ Served int }
		if status != 200 || json.Unmarshal(body, &v) != nil {
			t.Fatalf("served: %d %s", status, body)
		}
		return v.Served
	}
	classifyOK := func(why string) {
		t.Helper()
		status, body := do(t, "POST", base+"/v1/classify", "text/plain", gmail)
		if status != 200 || !bytes.Equal(body, want) {
			t.Errorf("%s: classify gave %d %.300s", why, status, body)
		}
	}
	internal := func(why string, status int, body []byte) {
		t.Helper()
		var e struct {
			Error struct{ Code, Message string }
		}
		if status != 500 || json.Unmarshal(body, &e) != nil || e.Error.Code != "internal" || e.Error.Message == "" {
			t.Errorf("%s: %d %s, want 500 with code internal", why, status, body)
		}
	}

	a, b := served(), served()
	if b != a+1 {
		t.Fatalf("served %d then %d: the instance is not kept between requests", a, b)
	}
	classifyOK("before any failure")
	t.Run("memory", func(t *testing.T) { memory(t, base, gmail) })
	for _, route := range []string{"panic", "panic-after-write", "exit"} {
		status, body := do(t, "POST", base+"/v1/test/"+route, "", nil)
		internal(route, status, body)
		if n := served(); n != 1 {
			t.Errorf("after %s: the next request was the instance's number %d, want 1 (a fresh instance)", route, n)
		}
		classifyOK("after " + route)
	}

	if status, body := do(t, "POST", base+"/v1/test/release", "", nil); status != 200 {
		t.Fatalf("release: %d %s", status, body)
	}
	status, body := do(t, "POST", base+"/v1/classify", "text/plain", gmail)
	internal("a call to a released function", status, body)
	if n := served(); n != 1 {
		t.Errorf("after a released function: request number %d of the instance, want 1", n)
	}

	t.Run("panic-in-flight", func(t *testing.T) {
		// Requests in flight on the instance when it panics get their own
		// answer or the 500; never another request's answer.
		ndr := testndr.Postfix(50 << 10)
		h := handler()
		var calls []call
		for k := range 12 {
			calls = append(calls, newCall(h, 99, k, gmail, ndr))
		}
		var wg sync.WaitGroup
		results := make([][]byte, len(calls))
		statuses := make([]int, len(calls))
		for i, c := range calls {
			wg.Add(1)
			go func() {
				defer wg.Done()
				statuses[i], results[i] = do(t, "POST", base+"/v1/classify", c.ctype, c.body)
			}()
			if i == len(calls)/2 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					status, body := do(t, "POST", base+"/v1/test/panic", "", nil)
					internal("panic in flight", status, body)
				}()
			}
		}
		wg.Wait()
		failed := 0
		for i, c := range calls {
			switch {
			case statuses[i] == 200 && bytes.Equal(results[i], c.want):
			case statuses[i] == 500:
				internal(fmt.Sprintf("request %d in flight", i), statuses[i], results[i])
				failed++
			default:
				t.Errorf("request %d in flight: %d %.300s\nwant %.300s", i, statuses[i], results[i], c.want)
			}
		}
		t.Logf("%d of %d requests in flight got the 500", failed, len(calls))
		classifyOK("after a panic with requests in flight")
	})
}

// answer is what handler h answers to POST /v1/classify with body.
func answer(h http.Handler, ctype string, body []byte) []byte {
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("POST", "/v1/classify", bytes.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	h.ServeHTTP(rec, req)
	return rec.Body.Bytes()
}

// do sends one request and returns the status and body.
func do(t *testing.T, method, url, ctype string, body []byte) (int, []byte) {
	t.Helper()
	req, _ := http.NewRequest(method, url, bytes.NewReader(body))
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Errorf("%s %s: %v", method, url, err)
		return 0, nil
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, b
}

// memory sends 2,000 classify requests from 20 clients, with bodies of
// their own, in four rounds of 500, and reports after each round what the
// instance holds (/v1/test/memory, after a collection): Go's heap in use,
// the memory Go has taken, and the JavaScript values Go refers to. It fails
// only when the JavaScript values grow by more than one per two requests:
// a js.Func or a body kept per request would pass that by far.
func memory(t *testing.T, base string, gmail []byte) {
	type mem struct{ Heap, Sys, Values int }
	read := func() mem {
		t.Helper()
		status, body := do(t, "GET", base+"/v1/test/memory", "", nil)
		var m mem
		if status != 200 || json.Unmarshal(body, &m) != nil || m.Sys == 0 || m.Values == 0 {
			t.Fatalf("memory: %d %s", status, body)
		}
		return m
	}
	ndr := testndr.Postfix(50 << 10)
	h := handler()
	const clients, each = 20, 25
	round := func(r int) {
		var wg sync.WaitGroup
		for c := range clients {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := range each {
					cl := newCall(h, 1000+r*clients+c, k, gmail, ndr)
					if status, body := do(t, "POST", base+"/v1/classify", cl.ctype, cl.body); status != 200 || !bytes.Equal(body, cl.want) {
						t.Errorf("round %d client %d request %d: %d %.200s", r, c, k, status, body)
					}
				}
			}()
		}
		wg.Wait()
	}
	var ms []mem
	msg := ""
	for r := range 4 {
		round(r)
		m := read()
		ms = append(ms, m)
		msg += fmt.Sprintf("; after %d: heap %.1f MB, taken %.1f MB, %d JS values", (r+1)*clients*each,
			float64(m.Heap)/(1<<20), float64(m.Sys)/(1<<20), m.Values)
	}
	t.Logf("the Go instance over 2,000 requests from 20 clients%s", msg)
	if grew := ms[3].Values - ms[0].Values; grew > 1500/2 {
		t.Errorf("Go refers to %d more JavaScript values after 1,500 more requests", grew)
	}
}
