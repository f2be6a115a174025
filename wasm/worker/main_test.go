package main

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
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
