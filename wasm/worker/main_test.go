package main

import (
	"net/http"
	"net/http/httptest"
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/bouncekit/bounce/api"
)

// TestHandler checks on the host that the Worker serves the API; the
// routes themselves are tested in package api.
func TestHandler(t *testing.T) {
	srv := httptest.NewServer(handler())
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/v1/classify", "text/plain", strings.NewReader("550 5.1.1 user unknown"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("POST /v1/classify: %d %q", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	resp, err = http.Get(srv.URL + "/index.html")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 404 {
		t.Errorf("GET /index.html: %d; static files are Cloudflare's, not the Worker's", resp.StatusCode)
	}
}

// TestHeadersFile checks that _headers, which Cloudflare applies to the
// static site, sends the headers that bounce serve sends.
func TestHeadersFile(t *testing.T) {
	b, err := os.ReadFile("_headers")
	if err != nil {
		t.Fatal(err)
	}
	site := httptest.NewRecorder()
	api.New(api.Options{Static: fstest.MapFS{"index.html": {Data: []byte("<p>")}}}).
		ServeHTTP(site, httptest.NewRequest("GET", "/", nil))
	for _, k := range []string{"Access-Control-Allow-Origin", "Cross-Origin-Resource-Policy",
		"X-Content-Type-Options", "Referrer-Policy", "X-Frame-Options", "Content-Security-Policy"} {
		line := "\n  " + k + ": " + site.Header().Get(k) + "\n"
		if !strings.Contains(string(b), line) {
			t.Errorf("_headers lacks %q", strings.TrimSpace(line))
		}
	}
}
