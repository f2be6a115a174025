//go:build linux || darwin

package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// call is one request and the answer the native handler gives to it.
type call struct {
	ctype string
	body  []byte
	want  []byte
}

// newCall builds the k-th request of client c: JSON with a source of its
// own (so an answer given to the wrong request shows), over a few texts of
// different lengths, one in ten the 50 KB NDR.
func newCall(h http.Handler, c, k int, gmail, ndr []byte) call {
	texts := [][]byte{gmail,
		fmt.Appendf(nil, "452 4.2.2 <c%d-%d@example.net>: Mailbox full", c, k),
		fmt.Appendf(nil, "550 5.7.26 This mail has been blocked because the sender is unauthenticated (%d/%d).", c, k)}
	text := texts[(c+k)%len(texts)]
	if k%10 == 9 {
		text = ndr
	}
	body, _ := json.Marshal(map[string]string{"text": string(text), "source": fmt.Sprintf("client-%d-request-%d", c, k)})
	return call{"application/json", body, answer(h, "application/json", body)}
}

// concurrent sends 2,000 classify requests from 20 clients at once, each
// with a body of its own, and checks every answer is byte for byte the
// native handler's answer to that body. It reports the resident memory of
// the workerd that runs the Worker after 500, 1,250 and all requests.
func concurrent(t *testing.T, base string, wrangler *exec.Cmd, gmail, ndr []byte) {
	const clients, each = 20, 100
	h := handler()
	calls := make([][]call, clients)
	for c := range calls {
		for k := range each {
			calls[c] = append(calls[c], newCall(h, c, k, gmail, ndr))
		}
	}
	w := workerd(t, wrangler, base)
	var worker int
	for _, p := range w {
		if p.name == "workerd (Worker)" {
			worker = p.pid
		}
	}
	var (
		wg       sync.WaitGroup
		mu       sync.Mutex
		errs     []string
		answered int
		rss      []int // kB: after 500, 1,250 and all
	)
	began := time.Now()
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}, Timeout: 60 * time.Second}
			defer client.CloseIdleConnections()
			for k, cl := range calls[c] {
				got, status, err := post(client, base, cl.ctype, cl.body)
				mu.Lock()
				switch {
				case err != nil:
					errs = append(errs, fmt.Sprintf("client %d request %d: %v", c, k, err))
				case status != 200 || !bytes.Equal(got, cl.want):
					errs = append(errs, fmt.Sprintf("client %d request %d: status %d: %.200s\nwant %.200s", c, k, status, got, cl.want))
				}
				answered++
				if (answered == 500 || answered == 1250) && worker != 0 {
					rss = append(rss, vmRSS(worker))
				}
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	took := time.Since(began)
	if len(errs) > 0 {
		t.Errorf("%d of %d requests wrong or failed; first: %s", len(errs), clients*each, strings.Join(errs[:min(3, len(errs))], "\n"))
	}
	msg := fmt.Sprintf("%d requests from %d clients in %v, %d wrong or failed", clients*each, clients, took.Round(time.Millisecond), len(errs))
	if worker != 0 && len(rss) == 2 {
		rss = append(rss, vmRSS(worker))
		msg += fmt.Sprintf("; workerd (Worker) resident memory %.1f MB after 500, %.1f MB after 1,250, %.1f MB after %d",
			float64(rss[0])/1024, float64(rss[1])/1024, float64(rss[2])/1024, clients*each)
		// Not a measurement to hold to, a sanity bound: a Go instance per
		// request, or bodies kept, would pass it by far.
		if grew := rss[2] - rss[0]; grew > 64<<10 {
			t.Errorf("workerd grew by %d MB over 1,500 requests", grew>>10)
		}
	}
	t.Log(msg)
}

// post sends one POST /v1/classify and returns the body and status.
func post(client *http.Client, base, ctype string, body []byte) ([]byte, int, error) {
	resp, err := client.Post(base+"/v1/classify", ctype, bytes.NewReader(body))
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return b, resp.StatusCode, err
}

// proc is a process whose CPU time measure reports.
type proc struct {
	name string
	pid  int
}

// workerd finds the workerd processes wrangler dev runs: the one listening
// on base's port passes requests on to the one that runs the Worker. Where
// there is no /proc, it finds none.
func workerd(t *testing.T, wrangler *exec.Cmd, base string) []proc {
	t.Helper()
	port := base[strings.LastIndex(base, ":")+1:]
	parents := map[int]bool{wrangler.Process.Pid: true}
	var found []proc
	dirs, _ := filepath.Glob("/proc/[0-9]*")
	// Children have higher pids than their parents, mostly; two passes
	// catch the others.
	for range 2 {
		for _, d := range dirs {
			pid, _ := strconv.Atoi(filepath.Base(d))
			stat, err := os.ReadFile(d + "/stat")
			if err != nil || parents[pid] {
				continue
			}
			f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
			ppid, _ := strconv.Atoi(f[1])
			if !parents[ppid] {
				continue
			}
			parents[pid] = true
			if comm, _ := os.ReadFile(d + "/comm"); strings.TrimSpace(string(comm)) == "workerd" {
				cmdline, _ := os.ReadFile(d + "/cmdline")
				name := "workerd (Worker)"
				if bytes.Contains(cmdline, []byte("entry=127.0.0.1:"+port+"\x00")) {
					name = "workerd (proxy)"
				}
				found = append(found, proc{name, pid})
			}
		}
	}
	slices.SortFunc(found, func(a, b proc) int { return strings.Compare(b.name, a.name) })
	if len(found) == 0 {
		t.Log("no workerd process found under wrangler; no CPU figures")
	}
	return found
}

// cpuTime returns the user and system CPU time of a process so far.
func cpuTime(pid int) time.Duration {
	stat, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	f := strings.Fields(string(stat[bytes.LastIndexByte(stat, ')')+1:]))
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	return time.Duration(utime+stime) * (time.Second / 100) // USER_HZ is 100 on Linux
}

// vmRSS returns a process's resident memory in kB.
func vmRSS(pid int) int {
	b, _ := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			n, _ := strconv.Atoi(strings.TrimSuffix(strings.TrimSpace(v), " kB"))
			return n
		}
	}
	return 0
}

// measure sends 300 classify requests of text, one at a time on a
// kept-alive connection, after 30 to warm up, and reports the wall time per
// request (median, p95) and the CPU time per request of each of procs.
// Figures only: nothing is asserted about them.
func measure(t *testing.T, base string, text []byte, procs []proc) string {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 1}}
	defer client.CloseIdleConnections()
	one := func() time.Duration {
		began := time.Now()
		_, status, err := post(client, base, "text/plain", text)
		if err != nil || status != 200 {
			t.Fatalf("classify: status %d, %v", status, err)
		}
		return time.Since(began)
	}
	for range 30 {
		one()
	}
	const n = 300
	cpu0 := make([]time.Duration, len(procs))
	for i, p := range procs {
		cpu0[i] = cpuTime(p.pid)
	}
	began := time.Now()
	times := make([]time.Duration, n)
	for i := range times {
		times[i] = one()
	}
	total := time.Since(began)
	slices.Sort(times)
	r := func(d time.Duration) time.Duration { return d.Round(10 * time.Microsecond) }
	s := fmt.Sprintf("wall per request mean %v, median %v, p95 %v", r(total/n), r(times[n/2]), r(times[n*95/100]))
	for i, p := range procs {
		s += fmt.Sprintf("; %s CPU per request %v", p.name, r((cpuTime(p.pid)-cpu0[i])/n))
	}
	return s
}
