package api

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bouncekit/bounce"
)

// TestClassifyCharset checks that the charset of a text/plain body is
// read: "ü" in ISO-8859-1 became U+FFFD. A charset the core does not
// decode in full gives 415, and so does a JSON body in anything but UTF-8.
func TestClassifyCharset(t *testing.T) {
	h := New(Options{})
	in := "550 5.1.1 <m\xfcller@example.de>: Empf\xe4nger unbekannt"
	for _, cs := range []string{"iso-8859-1", "ISO-8859-1", "latin1", "windows-1252", `"iso-8859-15"`} {
		resp, body := do(t, h, "POST", "/v1/classify", "text/plain; charset="+cs, strings.NewReader(in))
		if resp.StatusCode != 200 || !strings.Contains(string(body), "Empfänger unbekannt") || strings.Contains(string(body), "\\ufffd") {
			t.Errorf("charset %s: %d %.300s", cs, resp.StatusCode, body)
		}
	}
	resp, body := do(t, h, "POST", "/v1/classify", "text/plain; charset=utf-8", strings.NewReader("550 5.1.1 Empfänger unbekannt"))
	if resp.StatusCode != 200 || !strings.Contains(string(body), "Empfänger unbekannt") {
		t.Errorf("utf-8: %d %.300s", resp.StatusCode, body)
	}
	for _, c := range []struct{ ctype, body string }{
		{"text/plain; charset=koi8-r", "550 5.1.1 x"},
		{"text/plain; charset=shift_jis", "550 5.1.1 x"},
		{"application/json; charset=iso-8859-1", `{"text": "550 5.1.1 x"}`},
	} {
		resp, body := do(t, h, "POST", "/v1/classify", c.ctype, strings.NewReader(c.body))
		wantError(t, resp, body, 415, "unsupported_charset")
	}
	resp, body = do(t, h, "POST", "/v1/classify/batch", "application/json; charset=utf-16", strings.NewReader(`{"items": []}`))
	wantError(t, resp, body, 415, "unsupported_charset")
}

// TestParseErrorCodes checks the answer to each of the library's limits.
func TestParseErrorCodes(t *testing.T) {
	for err, want := range map[error]struct {
		status int
		code   string
	}{
		bounce.ErrTooLarge:          {413, "too_large"},
		bounce.ErrTooManyRecipients: {422, "too_many_recipients"},
		bounce.ErrTooManyParts:      {422, "too_many_parts"},
		bounce.ErrTooManyMessages:   {422, "too_many_messages"},
		bounce.ErrOutputTooLarge:    {422, "output_too_large"},
		bounce.ErrTooDeep:           {422, "unparsable"},
	} {
		if h := parseError(err); h.status != want.status || h.Code != want.code {
			t.Errorf("%v: %d %s, want %d %s", err, h.status, h.Code, want.status, want.code)
		}
	}
	h := New(Options{})
	parts := "From: a@b.example\nContent-Type: multipart/mixed; boundary=b\n\n" + strings.Repeat("--b\n", bounce.MaxParts+2)
	resp, body := do(t, h, "POST", "/v1/classify", "message/rfc822", strings.NewReader(parts))
	wantError(t, resp, body, 422, "too_many_parts")
	mbox := strings.Repeat("From x\nA: b\n", bounce.MaxMessages+1)
	resp, body = do(t, h, "POST", "/v1/classify", "text/plain", strings.NewReader(mbox))
	wantError(t, resp, body, 422, "too_many_messages")
}

// TestBatchLimitsPerRequest checks that the records and the answer's size
// are bounded per request, not per item.
func TestBatchLimitsPerRequest(t *testing.T) {
	h := New(Options{})
	items := func(n int, text string) string {
		var req BatchRequest
		for i := range n {
			req.Items = append(req.Items, BatchItem{ID: fmt.Sprint(i), Text: text})
		}
		return mustJSON(req)
	}
	// 2 items of 5,000 records each: 10,000 together, within the limit.
	resp, body := do(t, h, "POST", "/v1/classify/batch", "application/json", strings.NewReader(items(2, strings.Repeat("550\n", 5000))))
	if resp.StatusCode != 200 {
		t.Errorf("10,000 records: %d %.200s", resp.StatusCode, body)
	}
	resp, body = do(t, h, "POST", "/v1/classify/batch", "application/json", strings.NewReader(items(3, strings.Repeat("550\n", 5000))))
	wantError(t, resp, body, 422, "too_many_recipients")
	// A long diagnostic repeated: each item's answer is 4 MB, more than
	// MaxResponse together.
	long := "550 5.1.1 " + strings.Repeat("x", 40<<10) + "\n\n"
	resp, body = do(t, h, "POST", "/v1/classify/batch", "application/json", strings.NewReader(items(20, strings.Repeat(long, 1))))
	if resp.StatusCode != 200 {
		t.Errorf("20 long replies: %d %.200s", resp.StatusCode, body)
	}
	resp, body = do(t, h, "POST", "/v1/classify/batch", "application/json",
		strings.NewReader(items(20, strings.Repeat("550 5.1.1 "+strings.Repeat("x", 200)+"\n\n", 220))))
	if resp.StatusCode != 200 {
		t.Errorf("4,400 records: %d %.200s", resp.StatusCode, body)
	}
	text := "From: MAILER-DAEMON@mx.example\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; boundary=B\n\n--B\nContent-Type: text/plain\n\n<u1@x.example>: host x[192.0.2.1] said: 550 5.1.1 " +
		strings.Repeat("word ", 8000) + " (in reply to RCPT TO command)\n\n--B\nContent-Type: message/delivery-status\n\nReporting-MTA: dns; x\n\n" +
		strings.Repeat("Final-Recipient: rfc822; u1@x.example\nAction: failed\nStatus: 5.1.1\n\n", 250) + "--B--\n"
	resp, body = do(t, h, "POST", "/v1/classify/batch", "application/json", strings.NewReader(items(10, text)))
	wantError(t, resp, body, 422, "output_too_large")
	resp, body = do(t, h, "POST", "/v1/classify", "message/rfc822", strings.NewReader(strings.Replace(text, "\n\n--B--", strings.Repeat("Final-Recipient: rfc822; u1@x.example\nAction: failed\nStatus: 5.1.1\n\n", 5000)+"--B--", 1)))
	wantError(t, resp, body, 422, "output_too_large")
}

// TestBatchStreamSameAsEncoder checks that the streamed batch answer is
// byte for byte what encoding/json makes of BatchResponse.
func TestBatchStreamSameAsEncoder(t *testing.T) {
	texts := []string{gmail, "", dsn, "421 4.7.0 Try again later", "no bounce at all <&> \u2028", strings.Repeat("550 5.1.1 x\n\n", 3000)}
	var req BatchRequest
	for i, s := range texts {
		req.Items = append(req.Items, BatchItem{ID: fmt.Sprintf("id <%d> \"&\" \u2028", i), Text: s, Source: "s&<" + fmt.Sprint(i)})
	}
	_, body := do(t, New(Options{}), "POST", "/v1/classify/batch", "application/json", strings.NewReader(mustJSON(req)))
	want := BatchResponse{Items: make([]BatchResult, len(req.Items))}
	for i, it := range req.Items {
		want.Items[i].ID = it.ID
		rep, herr := parse([]byte(it.Text), it.Source)
		if herr != nil {
			want.Items[i].Error = &herr.Error
			continue
		}
		want.Items[i].Report = rep
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(want); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(body, b.Bytes()) {
		t.Errorf("streamed answer differs from encoding/json's (%d and %d bytes)", len(body), b.Len())
	}
}

// TestLimiter checks that requests beyond the classification limit and
// its queue get 503 busy with Retry-After, and that a slow body holds no
// classification slot.
func TestLimiter(t *testing.T) {
	release := make(chan struct{})
	var started sync.WaitGroup
	lim := newLimiter(1, 1, 100*time.Millisecond)
	blocking := lim.wrap(func(w http.ResponseWriter, r *http.Request) {
		started.Done()
		<-release
		w.WriteHeader(200)
	})
	srv := httptest.NewServer(blocking)
	defer srv.Close()
	started.Add(1)
	first := make(chan int)
	go func() {
		resp, err := http.Post(srv.URL, "text/plain", strings.NewReader("550"))
		if err != nil {
			first <- 0
			return
		}
		resp.Body.Close()
		first <- resp.StatusCode
	}()
	started.Wait()
	// The slot is taken: the next request waits 100 ms in the queue.
	resp, err := http.Post(srv.URL, "text/plain", strings.NewReader("550"))
	if err != nil {
		t.Fatal(err)
	}
	b := new(bytes.Buffer)
	b.ReadFrom(resp.Body)
	resp.Body.Close()
	wantError(t, resp, b.Bytes(), 503, "busy")
	if resp.Header.Get("Retry-After") == "" {
		t.Error("503 without Retry-After")
	}
	close(release)
	if s := <-first; s != 200 {
		t.Errorf("first request: %d", s)
	}

	// One request in hand (its body still coming) and a queue of 0: the
	// next one is refused at once.
	lim = newLimiter(1, 0, time.Second)
	srv2 := httptest.NewServer(lim.wrap(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(200) }))
	defer srv2.Close()
	pr, pw := ioPipe()
	go http.Post(srv2.URL, "text/plain", pr)
	pw.Write([]byte("550"))
	time.Sleep(50 * time.Millisecond)
	resp, err = http.Post(srv2.URL, "text/plain", strings.NewReader("550"))
	if err != nil {
		t.Fatal(err)
	}
	b.Reset()
	b.ReadFrom(resp.Body)
	resp.Body.Close()
	wantError(t, resp, b.Bytes(), 503, "busy")
	pw.Close()
}

func ioPipe() (*io.PipeReader, *io.PipeWriter) { return io.Pipe() }
