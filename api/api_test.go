package api

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/bouncekit/bounce"
	"github.com/bouncekit/bounce/catalog"
)

// Sample inputs. The Gmail reply is the one `make run` shows.
const (
	gmail = "550-5.1.1 The email account that you tried to reach does not exist. Please try\n" +
		"550-5.1.1 double-checking the recipient's email address for typos or\n" +
		"550-5.1.1 unnecessary spaces. Learn more at\n" +
		"550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d2si123 - gsmtp\n"
	dsn = "From: MAILER-DAEMON@mail.example.org\r\n" +
		"To: alice@example.org\r\n" +
		"Subject: Undelivered Mail Returned to Sender\r\n" +
		"MIME-Version: 1.0\r\n" +
		"Content-Type: multipart/report; report-type=delivery-status; boundary=\"b\"\r\n" +
		"\r\n--b\r\nContent-Type: text/plain\r\n\r\nYour message could not be delivered.\r\n" +
		"--b\r\nContent-Type: message/delivery-status\r\n\r\n" +
		"Reporting-MTA: dns; mail.example.org\r\n\r\n" +
		"Final-Recipient: rfc822; bob@example.com\r\nAction: failed\r\nStatus: 5.1.1\r\n" +
		"Diagnostic-Code: smtp; 550 5.1.1 <bob@example.com>: User unknown\r\n\r\n" +
		"Final-Recipient: rfc822; carol@example.net\r\nAction: delayed\r\nStatus: 4.2.2\r\n" +
		"Diagnostic-Code: smtp; 452 4.2.2 Mailbox full\r\n" +
		"--b--\r\n"
)

// do sends one request to h and returns the response with its body read.
func do(t *testing.T, h http.Handler, method, target, ctype string, body io.Reader, hdr ...string) (*http.Response, []byte) {
	t.Helper()
	req := httptest.NewRequest(method, target, body)
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	resp := rec.Result()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

// cliJSON is the line `bounce classify -json` prints for text, without
// source; the CLI encodes with an Encoder that does not escape HTML.
func cliJSON(t *testing.T, text, source string) []byte {
	t.Helper()
	rep, err := bounce.ParseString(text)
	if err != nil {
		t.Fatal(err)
	}
	rep.Source = source
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.Encode(rep)
	return buf.Bytes()
}

func wantError(t *testing.T, resp *http.Response, body []byte, status int, code string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Errorf("status %d, want %d: %s", resp.StatusCode, status, body)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type %q", ct)
	}
	var e struct {
		Error *Error `json:"error"`
	}
	if err := json.Unmarshal(body, &e); err != nil || e.Error == nil {
		t.Fatalf("not an error body: %s", body)
	}
	if e.Error.Code != code || e.Error.Message == "" {
		t.Errorf("error %+v, want code %q", *e.Error, code)
	}
}

func TestClassify(t *testing.T) {
	h := New(Options{})
	tests := []struct {
		name, ctype, body, text string
	}{
		{"text/plain", "text/plain", gmail, gmail},
		{"charset", "text/plain; charset=utf-8", gmail, gmail},
		{"rfc822", "message/rfc822", dsn, dsn},
		{"json", "application/json", mustJSON(map[string]string{"text": gmail}), gmail},
		{"json-dsn", "application/json", mustJSON(map[string]string{"text": dsn}), dsn},
		{"upper-case type", "Text/Plain", gmail, gmail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := do(t, h, "POST", "/v1/classify", tt.ctype, strings.NewReader(tt.body))
			if resp.StatusCode != 200 {
				t.Fatalf("status %d: %s", resp.StatusCode, body)
			}
			if want := cliJSON(t, tt.text, ""); !bytes.Equal(body, want) {
				t.Errorf("body differs from bounce classify -json:\n got %s\nwant %s", body, want)
			}
			if bytes.Contains(body, []byte(`"source"`)) {
				t.Errorf("source in a report for which none was given: %s", body)
			}
			if resp.Header.Get("Content-Type") != "application/json" || resp.Header.Get("Cache-Control") != "no-store" {
				t.Errorf("headers %v", resp.Header)
			}
		})
	}
	t.Run("source", func(t *testing.T) {
		_, body := do(t, h, "POST", "/v1/classify", "application/json",
			strings.NewReader(mustJSON(map[string]string{"text": gmail, "source": "ticket 42"})))
		if want := cliJSON(t, gmail, "ticket 42"); !bytes.Equal(body, want) {
			t.Errorf("got %s\nwant %s", body, want)
		}
	})
}

func TestClassifyErrors(t *testing.T) {
	h := New(Options{})
	big := strings.Repeat("550 5.1.1 user unknown\n", MaxBody/23+1)
	tests := []struct {
		name, ctype string
		body        io.Reader
		status      int
		code        string
	}{
		{"bad json", "application/json", strings.NewReader(`{"text": `), 400, "bad_json"},
		{"json not an object", "application/json", strings.NewReader(`"550 5.1.1"`), 400, "bad_json"},
		{"json wrong type", "application/json", strings.NewReader(`{"text": 550}`), 400, "bad_json"},
		{"json trailing data", "application/json", strings.NewReader(`{"text": "550"} {}`), 400, "bad_json"},
		{"empty text/plain", "text/plain", strings.NewReader(""), 400, "empty_text"},
		{"blank text/plain", "text/plain", strings.NewReader(" \r\n\t"), 400, "empty_text"},
		{"empty json text", "application/json", strings.NewReader(`{"text": ""}`), 400, "empty_text"},
		{"json without text", "application/json", strings.NewReader(`{}`), 400, "empty_text"},
		{"no type", "", strings.NewReader(gmail), 415, "unsupported_media_type"},
		{"form", "application/x-www-form-urlencoded", strings.NewReader(gmail), 415, "unsupported_media_type"},
		{"bad type", "text/", strings.NewReader(gmail), 415, "unsupported_media_type"},
		{"over 1 MiB", "text/plain", strings.NewReader(big), 413, "too_large"},
		// No Content-Length: http.MaxBytesReader stops it.
		{"over 1 MiB chunked", "text/plain", io.MultiReader(strings.NewReader(big)), 413, "too_large"},
		{"json over 1 MiB", "application/json", strings.NewReader(mustJSON(map[string]string{"text": big})), 413, "too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := do(t, h, "POST", "/v1/classify", tt.ctype, tt.body)
			wantError(t, resp, body, tt.status, tt.code)
		})
	}
	t.Run("exactly 1 MiB", func(t *testing.T) {
		text := strings.Repeat("x", MaxBody-len(gmail)) + gmail
		resp, body := do(t, h, "POST", "/v1/classify", "text/plain", strings.NewReader(text))
		if resp.StatusCode != 200 {
			t.Errorf("status %d: %.200s", resp.StatusCode, body)
		}
	})
}

// TestParseErrors checks the mapping of the library's limits, which a body
// within MaxBody cannot reach.
func TestParseErrors(t *testing.T) {
	_, herr := parse(bytes.Repeat([]byte("x"), bounce.MaxSize+1), "")
	if herr == nil || herr.status != 413 || herr.Code != "too_large" {
		t.Errorf("over bounce.MaxSize: %+v", herr)
	}
}

func TestBatch(t *testing.T) {
	h := New(Options{})
	req := BatchRequest{Items: []BatchItem{
		{ID: "a", Text: gmail},
		{ID: "b", Text: ""},
		{ID: "c", Text: dsn, Source: "dsn.eml"},
		{Text: "421 4.7.0 Try again later"},
	}}
	resp, body := do(t, h, "POST", "/v1/classify/batch", "application/json", strings.NewReader(mustJSON(req)))
	if resp.StatusCode != 200 {
		t.Fatalf("status %d: %s", resp.StatusCode, body)
	}
	var got struct {
		Items []struct {
			ID     string          `json:"id"`
			Report json.RawMessage `json:"report"`
			Error  *Error          `json:"error"`
		} `json:"items"`
	}
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Items) != 4 {
		t.Fatalf("%d items, want 4: %s", len(got.Items), body)
	}
	for i, want := range req.Items {
		it := got.Items[i]
		if it.ID != want.ID {
			t.Errorf("item %d: id %q, want %q", i, it.ID, want.ID)
		}
		if want.Text == "" {
			if it.Error == nil || it.Error.Code != "empty_text" || it.Report != nil {
				t.Errorf("item %d: want an inline empty_text error, got %s", i, body)
			}
			continue
		}
		if it.Error != nil {
			t.Errorf("item %d: error %+v", i, it.Error)
			continue
		}
		if line := cliJSON(t, want.Text, want.Source); !bytes.Equal(append(it.Report, '\n'), line) {
			t.Errorf("item %d: report differs from bounce classify -json:\n got %s\nwant %s", i, it.Report, line)
		}
	}
}

func TestBatchErrors(t *testing.T) {
	h := New(Options{})
	many := BatchRequest{Items: make([]BatchItem, MaxBatch+1)}
	full := BatchRequest{Items: make([]BatchItem, MaxBatch)}
	for i := range full.Items {
		full.Items[i].Text = "550 5.1.1 user unknown"
	}
	tests := []struct {
		name, ctype, body string
		status            int
		code              string
	}{
		{"bad json", "application/json", `{"items": [`, 400, "bad_json"},
		{"no items", "application/json", `{}`, 400, "bad_json"},
		{"items not a list", "application/json", `{"items": "x"}`, 400, "bad_json"},
		{"too many", "application/json", mustJSON(many), 400, "too_many_items"},
		{"text/plain", "text/plain", gmail, 415, "unsupported_media_type"},
		{"over 1 MiB", "application/json", `{"items": [{"text": "` + strings.Repeat("a", MaxBody) + `"}]}`, 413, "too_large"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			resp, body := do(t, h, "POST", "/v1/classify/batch", tt.ctype, strings.NewReader(tt.body))
			wantError(t, resp, body, tt.status, tt.code)
		})
	}
	t.Run("MaxBatch items", func(t *testing.T) {
		resp, body := do(t, h, "POST", "/v1/classify/batch", "application/json", strings.NewReader(mustJSON(full)))
		if resp.StatusCode != 200 {
			t.Errorf("status %d: %.300s", resp.StatusCode, body)
		}
	})
	t.Run("empty list", func(t *testing.T) {
		resp, body := do(t, h, "POST", "/v1/classify/batch", "application/json", strings.NewReader(`{"items": []}`))
		if resp.StatusCode != 200 || string(body) != `{"items":[]}`+"\n" {
			t.Errorf("status %d: %s", resp.StatusCode, body)
		}
	})
}

func TestCatalog(t *testing.T) {
	h := New(Options{})
	for _, q := range []string{"", "5.7.26", "550", "dmarc", "no such words at all"} {
		resp, body := do(t, h, "GET", "/v1/catalog?q="+strings.ReplaceAll(q, " ", "+"), "", nil)
		if resp.StatusCode != 200 {
			t.Fatalf("q=%q: status %d", q, resp.StatusCode)
		}
		var got CatalogList
		if err := json.Unmarshal(body, &got); err != nil {
			t.Fatal(err)
		}
		found := catalog.Search(q)
		if got.Version != catalog.Version || len(got.Entries) != len(found) || got.Entries == nil {
			t.Errorf("q=%q: version %q, %d entries; want %q, %d", q, got.Version, len(got.Entries), catalog.Version, len(found))
			continue
		}
		for i, e := range found {
			if got.Entries[i].ID != e.ID {
				t.Errorf("q=%q: entry %d is %s, want %s", q, i, got.Entries[i].ID, e.ID)
			}
		}
	}
	resp, body := do(t, h, "GET", "/v1/catalog?q="+strings.Repeat("a", 300), "", nil)
	wantError(t, resp, body, 400, "bad_query")

	e := &catalog.Entries()[0]
	resp, body = do(t, h, "GET", "/v1/catalog/"+e.ID, "", nil)
	want, _ := marshal(NewCatalogEntry(e))
	if resp.StatusCode != 200 || !bytes.Equal(body, want) {
		t.Errorf("GET /v1/catalog/%s: %d %s, want %s", e.ID, resp.StatusCode, body, want)
	}
	resp, body = do(t, h, "GET", "/v1/catalog/no.such.entry", "", nil)
	wantError(t, resp, body, 404, "not_found")
}

// TestCatalogEntry checks that every field of catalog.Entry that is meant
// for readers reaches the JSON form.
func TestCatalogEntry(t *testing.T) {
	for _, e := range catalog.Entries() {
		ce := NewCatalogEntry(&e)
		if ce.ID != e.ID || ce.Reason != e.Reason || ce.WhoActs != e.Who || ce.Explanation != e.Explanation ||
			ce.Class != e.Class || !slices.Equal(ce.Statuses, e.Statuses) || !slices.Equal(ce.Replies, e.Replies) ||
			len(ce.Sources) > len(e.Sources) {
			t.Errorf("%s: %+v", e.ID, ce)
		}
	}
}

func TestHealthz(t *testing.T) {
	resp, body := do(t, New(Options{}), "GET", "/healthz", "", nil)
	if resp.StatusCode != 200 || string(body) != `{"status":"ok","catalog":"`+catalog.Version+`"}`+"\n" {
		t.Errorf("%d %s", resp.StatusCode, body)
	}
}

func TestOpenAPI(t *testing.T) {
	resp, body := do(t, New(Options{}), "GET", "/openapi.json", "", nil)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("%d %v", resp.StatusCode, resp.Header)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(body, &doc); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Errorf("openapi %q", doc.OpenAPI)
	}
	for path, methods := range map[string][]string{
		"/v1/classify": {"post"}, "/v1/classify/batch": {"post"}, "/v1/catalog": {"get"},
		"/v1/catalog/{id}": {"get"}, "/healthz": {"get"}, "/openapi.json": {"get"},
	} {
		for _, m := range methods {
			if doc.Paths[path][m] == nil {
				t.Errorf("openapi.json does not describe %s %s", strings.ToUpper(m), path)
			}
		}
	}
	for _, s := range []string{`"maxItems": 100`, `"413"`, `"415"`, `"405"`, "1048576"} {
		if !bytes.Contains(body, []byte(s)) {
			t.Errorf("openapi.json lacks %s", s)
		}
	}
}

// TestMethods checks 405 with Allow, and the 204 preflight, on every route.
func TestMethods(t *testing.T) {
	h := New(Options{})
	routes := map[string]string{
		"/v1/classify":       "POST",
		"/v1/classify/batch": "POST",
		"/v1/catalog":        "GET",
		"/v1/catalog/x":      "GET",
		"/healthz":           "GET",
		"/openapi.json":      "GET",
	}
	for path, allowed := range routes {
		wrong := "GET"
		if allowed == "GET" {
			wrong = "POST"
		}
		for _, m := range []string{wrong, "PUT", "DELETE", "PATCH"} {
			resp, body := do(t, h, m, path, "text/plain", strings.NewReader("550"))
			wantError(t, resp, body, 405, "method_not_allowed")
			if allow := resp.Header.Get("Allow"); !strings.Contains(allow, allowed) || strings.Contains(allow, m) {
				t.Errorf("%s %s: Allow %q", m, path, allow)
			}
		}
		resp, body := do(t, h, "OPTIONS", path, "", nil,
			"Origin", "https://helpdesk.example", "Access-Control-Request-Method", allowed,
			"Access-Control-Request-Headers", "content-type")
		hd := resp.Header
		if resp.StatusCode != 204 || len(body) != 0 || hd.Get("Access-Control-Allow-Origin") != "*" ||
			!strings.Contains(hd.Get("Access-Control-Allow-Methods"), allowed) ||
			!strings.Contains(strings.ToLower(hd.Get("Access-Control-Allow-Headers")), "content-type") {
			t.Errorf("OPTIONS %s: %d %v", path, resp.StatusCode, hd)
		}
	}
	if resp, _ := do(t, h, "HEAD", "/healthz", "", nil); resp.StatusCode != 200 {
		t.Errorf("HEAD /healthz: %d", resp.StatusCode)
	}
}

func TestNotFound(t *testing.T) {
	paths := []string{"/nope", "/v1", "/v1/", "/v1/classify/", "/v1/classify/x", "/v2/classify", "/v1/catalog/", "/index.html/x"}
	for _, h := range []http.Handler{New(Options{}), New(Options{Static: site()})} {
		for _, path := range paths {
			resp, body := do(t, h, "GET", path, "", nil)
			wantError(t, resp, body, 404, "not_found")
		}
	}
	resp, body := do(t, New(Options{}), "GET", "/", "", nil)
	wantError(t, resp, body, 404, "not_found")
}

// TestHeaders checks CORS and the security headers on every kind of
// answer, errors included.
func TestHeaders(t *testing.T) {
	h := New(Options{Static: site()})
	reqs := []struct{ method, path, ctype, body string }{
		{"POST", "/v1/classify", "text/plain", gmail},
		{"POST", "/v1/classify", "application/json", "{"},
		{"GET", "/v1/classify", "", ""},
		{"GET", "/v1/catalog", "", ""},
		{"GET", "/nope", "", ""},
		{"GET", "/", "", ""},
		{"GET", "/app.wasm", "", ""},
	}
	for _, r := range reqs {
		resp, _ := do(t, h, r.method, r.path, r.ctype, strings.NewReader(r.body), "Origin", "https://x.example")
		hd := resp.Header
		for k, v := range map[string]string{
			"Access-Control-Allow-Origin": "*",
			"X-Content-Type-Options":      "nosniff",
			"Referrer-Policy":             "no-referrer",
		} {
			if hd.Get(k) != v {
				t.Errorf("%s %s: %s %q, want %q", r.method, r.path, k, hd.Get(k), v)
			}
		}
		if hd.Get("Content-Security-Policy") == "" {
			t.Errorf("%s %s: no Content-Security-Policy", r.method, r.path)
		}
	}
}

func mustJSON(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return string(b)
}
