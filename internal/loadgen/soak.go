package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// A soak request: what to send and the statuses it may get. 503 (busy,
// with Retry-After) is allowed for every request.
type soakReq struct {
	group, name string
	path, ctype string
	body        []byte
	weight      int
	want        []int
}

// soakMix is the mix of issue 12's soak test: normal requests, large
// ones and hostile ones, each within the API's 1 MiB body limit unless it
// tests that limit.
func soakMix(msgs [][]byte) []soakReq {
	batch := func(texts []string) []byte {
		type item struct {
			ID   string `json:"id"`
			Text string `json:"text"`
		}
		var req struct {
			Items []item `json:"items"`
		}
		for i, t := range texts {
			req.Items = append(req.Items, item{fmt.Sprint(i), t})
		}
		b, _ := json.Marshal(req)
		return b
	}
	var corpus []string
	for _, m := range msgs {
		if len(corpus) < 20 {
			corpus = append(corpus, string(m))
		}
	}
	var big bytes.Buffer // a 1 MB DSN whose text part repeats its paragraph
	big.WriteString("From: MAILER-DAEMON@mx.example.net\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; report-type=delivery-status; boundary=\"B\"\n\n--B\nContent-Type: text/plain\n\n")
	for big.Len() < 1000000 {
		big.WriteString("<user@example.com>: host mx.example.com[192.0.2.1] said: 550 5.1.1 <user@example.com>: Recipient address rejected: User unknown (in reply to RCPT TO command)\n\n")
	}
	big.WriteString("--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; mx.example.net\n\nFinal-Recipient: rfc822; user@example.com\nAction: failed\nStatus: 5.1.1\n\n--B--\n")
	fill := func(unit string, n int) []byte { return bytes.Repeat([]byte(unit), n/len(unit)) }
	mix := []soakReq{
		{"normal", "reply", "/v1/classify", "text/plain", []byte(gmail), 40, []int{200}},
		{"large", "dsn-1MB", "/v1/classify", "message/rfc822", big.Bytes(), 4, []int{200}},
		{"large", "batch-corpus", "/v1/classify/batch", "application/json", batch(corpus), 8, []int{200}},
		{"hostile", "from-lines-1MiB", "/v1/classify", "text/plain", fill("From x\n", 1<<20), 3, []int{200, 422}},
		{"hostile", "550-lines-40KB", "/v1/classify", "text/plain", fill("550\n", 40000), 3, []int{200}},
		{"hostile", "batch-200k-records", "/v1/classify/batch", "application/json", batch(slicesOf(strings.Repeat("550\n", 10000), 20)), 3, []int{422}},
		{"hostile", "mime-parts-1MiB", "/v1/classify", "message/rfc822", append([]byte("From: a@b.example\nContent-Type: multipart/mixed; boundary=b\n\n"), fill("--b\n", 1<<20-80)...), 3, []int{422}},
		{"hostile", "body-2MiB", "/v1/classify", "text/plain", fill("a", 2<<20), 2, []int{413}},
		{"hostile", "latin1", "/v1/classify", "text/plain; charset=iso-8859-1", []byte("550 5.1.1 Empf\xe4nger unbekannt"), 2, []int{200}},
		{"hostile", "charset-koi8", "/v1/classify", "text/plain; charset=koi8-r", []byte("550 5.1.1 x"), 1, []int{415}},
	}
	if len(corpus) > 0 {
		for _, m := range corpus {
			mix = append(mix, soakReq{"normal", "corpus", "/v1/classify", "message/rfc822", []byte(m), 30 / len(corpus), []int{200}})
		}
	}
	return mix
}

func slicesOf(s string, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = s
	}
	return out
}

type soakStat struct {
	mu         sync.Mutex
	lat        []time.Duration
	statuses   map[int]int
	errors     int
	unexpected int
	firstBad   string
}

// soak runs the mix from clients for d against the server at base (pid:
// its process) and prints, per group and in all, p50/p99 latency, the
// statuses, transport errors, unexpected statuses and the server's peak
// resident set size, and its RSS after warm-up and at the end.
func soak(client *http.Client, base string, pid int, mix []soakReq, clients int, d time.Duration) (bad int) {
	total := 0
	for _, r := range mix {
		total += r.weight
	}
	stats := map[string]*soakStat{}
	for _, g := range []string{"normal", "large", "hostile"} {
		stats[g] = &soakStat{statuses: map[int]int{}}
	}
	var peak atomic.Uint64
	warm := make(chan float64, 1)
	stopRSS := make(chan struct{})
	rssDone := make(chan struct{})
	start := time.Now()
	go func() {
		defer close(rssDone)
		sent := false
		for {
			r := rss(pid)
			if mb := uint64(r * 1e6); mb > peak.Load() {
				peak.Store(mb)
			}
			if !sent && time.Since(start) > d/6 {
				warm <- r
				sent = true
			}
			select {
			case <-stopRSS:
				if !sent {
					warm <- r
				}
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}()
	deadline := start.Add(d)
	var wg sync.WaitGroup
	for c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(uint64(c), 12))
			for time.Now().Before(deadline) {
				k := rng.IntN(total)
				var r *soakReq
				for i := range mix {
					if k -= mix[i].weight; k < 0 {
						r = &mix[i]
						break
					}
				}
				t0 := time.Now()
				status, err := post(client, base+r.path, r.ctype, r.body)
				lat := time.Since(t0)
				s := stats[r.group]
				s.mu.Lock()
				s.lat = append(s.lat, lat)
				switch {
				case err != nil:
					s.errors++
					if s.firstBad == "" {
						s.firstBad = r.name + ": " + err.Error()
					}
				default:
					s.statuses[status]++
					if status != 503 && !contains(r.want, status) {
						s.unexpected++
						if s.firstBad == "" {
							s.firstBad = fmt.Sprintf("%s: status %d", r.name, status)
						}
					}
				}
				s.mu.Unlock()
				if status == 503 {
					time.Sleep(100 * time.Millisecond) // as Retry-After asks, a little
				}
			}
		}()
	}
	wg.Wait()
	took := time.Since(start)
	end := rss(pid)
	close(stopRSS)
	<-rssDone
	warmRSS := <-warm
	var all []time.Duration
	n, errs, unexp := 0, 0, 0
	for _, g := range []string{"normal", "large", "hostile"} {
		s := stats[g]
		all = append(all, s.lat...)
		n += len(s.lat)
		errs += s.errors
		unexp += s.unexpected
		p50, p99 := percentiles(s.lat)
		fmt.Printf("BenchmarkSoak/%s-%d\t%d\t%.0f ns/op\t%.2f ms-p50\t%.2f ms-p99\t%d errors\t%d unexpected\t%s\n",
			g, clients, len(s.lat), took.Seconds()*1e9/float64(max(len(s.lat), 1)), ms(p50), ms(p99), s.errors, s.unexpected, statusList(s.statuses))
		if s.firstBad != "" {
			fmt.Fprintf(os.Stderr, "loadgen: soak %s: first problem: %s\n", g, s.firstBad)
		}
	}
	p50, p99 := percentiles(all)
	fmt.Printf("BenchmarkSoak/all-%d\t%d\t%.0f ns/op\t%.2f ms-p50\t%.2f ms-p99\t%d errors\t%d unexpected\t%.1f MB-rss-peak\t%.1f MB-rss-warm\t%.1f MB-rss-end\n",
		clients, n, took.Seconds()*1e9/float64(max(n, 1)), ms(p50), ms(p99), errs, unexp, float64(peak.Load())/1e6, warmRSS, end)
	return errs + unexp
}

func contains(xs []int, x int) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

func ms(d time.Duration) float64 { return float64(d) / 1e6 }

func percentiles(l []time.Duration) (p50, p99 time.Duration) {
	if len(l) == 0 {
		return 0, 0
	}
	s := append([]time.Duration(nil), l...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2], s[min(len(s)-1, len(s)*99/100)]
}

func statusList(m map[int]int) string {
	var keys []int
	for k := range m {
		keys = append(keys, k)
	}
	sort.Ints(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%d status-%d", m[k], k))
	}
	return strings.Join(parts, "\t")
}

// post sends one request and reads its answer as a stream.
func post(client *http.Client, url, ctype string, body []byte) (int, error) {
	resp, err := client.Post(url, ctype, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if _, err := io.Copy(io.Discard, resp.Body); err != nil {
		return resp.StatusCode, err
	}
	return resp.StatusCode, nil
}
