package api

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fuzzMethods and fuzzPaths are what FuzzAPI picks from; the fuzzer also
// makes up paths of its own.
var (
	fuzzMethods = []string{"POST", "GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"}
	fuzzPaths   = []string{"/v1/classify", "/v1/classify/batch", "/v1/catalog", "/v1/catalog/", "/healthz", "/openapi.json", "/v1", "/v1/", "/"}
	// documented lists the statuses openapi.json and the README give.
	documented = map[int]bool{200: true, 204: true, 400: true, 404: true, 405: true, 413: true, 415: true, 422: true, 503: true}
)

// FuzzAPI sends random requests (method, path, query, Content-Type, body,
// and whether the client takes gzip) to the handler bounce serve runs,
// api.Gzip(api.New): it must not panic, must answer with a documented
// status, and every error must be JSON {"error": {"code", "message"}}.
// It is seeded with the bodies of the API's tests and the golden corpus.
func FuzzAPI(f *testing.F) {
	gmail := "550 5.1.1 The email account that you tried to reach does not exist. - gsmtp"
	for _, c := range []struct {
		m, p         uint8
		query, ctype string
		body         string
		gzip         bool
	}{
		{0, 0, "", "text/plain", gmail, false},
		{0, 0, "", "message/rfc822", "From: MAILER-DAEMON@x.example\n\n" + gmail, true},
		{0, 0, "", "application/json", `{"text": "` + gmail + `", "source": "t-1"}`, false},
		{0, 0, "", "application/json; charset=utf-8", `{"text": 5}`, false},
		{0, 0, "", "application/json", `{"text": "a"} {}`, false},
		{0, 0, "", "image/png", "\x89PNG", false},
		{0, 0, "", "", "", false},
		{0, 1, "", "application/json", `{"items": [{"id": "a", "text": "` + gmail + `"}, {"id": "b", "text": " "}]}`, true},
		{0, 1, "", "application/json", `{"items": null}`, false},
		{1, 2, "q=5.7.26", "", "", true},
		{1, 2, "q=" + strings.Repeat("x", 300), "", "", false},
		{1, 3, "", "", "google.5.1.1.nosuchuser", false},
		{2, 4, "", "", "", false},
		{3, 0, "", "", "", false},
		{4, 5, "", "", "", false},
		{1, 255, "", "", "v1/nothing", false},
	} {
		f.Add(c.m, c.p, c.query, c.ctype, []byte(c.body), c.gzip)
	}
	files, _ := filepath.Glob(filepath.Join("..", "testdata", "*", "*.eml"))
	for i, file := range files {
		if i%8 != 0 { // a sample keeps the seed corpus quick to replay
			continue
		}
		b, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(0), uint8(0), "", "message/rfc822", b, i%16 == 0)
	}
	h := Gzip(New(Options{}))
	f.Fuzz(func(t *testing.T, m, p uint8, query, ctype string, body []byte, gz bool) {
		method := fuzzMethods[int(m)%len(fuzzMethods)]
		req := httptest.NewRequest(method, "/", bytes.NewReader(body))
		pth := ""
		if int(p) < len(fuzzPaths) {
			pth = fuzzPaths[p]
			if pth == "/v1/catalog/" { // an entry ID from the body
				pth += string(body)
			}
		} else {
			pth = "/" + string(body) // a path of the fuzzer's own
		}
		req.URL.Path, req.URL.RawQuery = pth, query
		req.Header.Set("Content-Type", ctype)
		if gz {
			req.Header.Set("Accept-Encoding", "gzip")
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		res := rec.Result()
		if !documented[res.StatusCode] {
			t.Fatalf("%s %q: status %d is not documented: %.300s", method, pth, res.StatusCode, rec.Body.Bytes())
		}
		if res.Header.Get("Access-Control-Allow-Origin") != "*" {
			t.Fatalf("%s %q: no CORS header", method, pth)
		}
		if method == "HEAD" || res.StatusCode == http.StatusNoContent {
			return
		}
		b := rec.Body.Bytes()
		if res.Header.Get("Content-Encoding") == "gzip" {
			zr, err := gzip.NewReader(bytes.NewReader(b))
			if err != nil {
				t.Fatalf("bad gzip: %v", err)
			}
			if b, err = io.ReadAll(zr); err != nil {
				t.Fatalf("bad gzip: %v", err)
			}
		}
		if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
			t.Fatalf("%s %q: %d with Content-Type %q", method, pth, res.StatusCode, res.Header.Get("Content-Type"))
		}
		if !json.Valid(b) {
			t.Fatalf("%s %q: %d with invalid JSON: %.300s", method, pth, res.StatusCode, b)
		}
		if res.StatusCode >= 400 {
			var e struct {
				Error *Error `json:"error"`
			}
			if err := json.Unmarshal(b, &e); err != nil || e.Error == nil || e.Error.Code == "" || e.Error.Message == "" {
				t.Fatalf("%s %q: %d with an error not shaped {\"error\": {\"code\", \"message\"}}: %.300s", method, pth, res.StatusCode, b)
			}
		}
	})
}
