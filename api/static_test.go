package api

import (
	"bytes"
	"compress/gzip"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

var wasmBody = bytes.Repeat([]byte("\x00asm\x01\x00\x00\x00 bounce "), 400)

func site() fstest.MapFS {
	mod := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	f := func(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s), ModTime: mod} }
	return fstest.MapFS{
		"index.html":       f("<!doctype html><title>bouncekit</title>"),
		"app.wasm":         {Data: wasmBody, ModTime: mod},
		"bounce.js":        f(strings.Repeat("console.log('bounce');\n", 100)),
		"widget.mjs":       f("export {};"),
		"style.css":        f("body{}"),
		"big.wasm":         {Data: wasmBody, ModTime: mod},
		"big.wasm.br":      f("BROTLI"),
		"big.wasm.gz":      f("GZIP"),
		"logo.png":         {Data: bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 300), ModTime: mod},
		"demo/index.html":  f("<!doctype html><title>demo</title>"),
		"empty/.keep":      f(""),
		".env":             f("SECRET=1"),
		"assets/.hidden/x": f("x"),
	}
}

func TestStaticTypes(t *testing.T) {
	h := New(Options{Static: site()})
	for path, want := range map[string]string{
		"/":           "text/html; charset=utf-8",
		"/index.html": "text/html; charset=utf-8",
		"/demo/":      "text/html; charset=utf-8",
		"/app.wasm":   "application/wasm",
		"/bounce.js":  "text/javascript; charset=utf-8",
		"/widget.mjs": "text/javascript; charset=utf-8",
		"/style.css":  "text/css; charset=utf-8",
		"/logo.png":   "image/png",
	} {
		resp, body := do(t, h, "GET", path, "", nil)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != want {
			t.Errorf("GET %s: %d %q, want 200 %q", path, resp.StatusCode, resp.Header.Get("Content-Type"), want)
		}
		if path == "/app.wasm" && !bytes.Equal(body, wasmBody) {
			t.Errorf("GET /app.wasm: wrong body")
		}
		if resp.Header.Get("Content-Security-Policy") != SiteCSP || resp.Header.Get("Cross-Origin-Resource-Policy") != "cross-origin" {
			t.Errorf("GET %s: headers %v", path, resp.Header)
		}
	}
	if resp, _ := do(t, h, "GET", "/demo?x=1", "", nil); resp.StatusCode != 301 || resp.Header.Get("Location") != "/demo/?x=1" {
		t.Errorf("GET /demo: %d to %q, want 301 to /demo/?x=1", resp.StatusCode, resp.Header.Get("Location"))
	}
	for _, path := range []string{"/./app.wasm", "/demo/../app.wasm", "//app.wasm"} {
		resp, _ := do(t, h, "GET", path, "", nil)
		if resp.StatusCode/100 != 3 || resp.Header.Get("Location") != "/app.wasm" {
			t.Errorf("GET %s: %d to %q, want a redirect to /app.wasm", path, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	for _, path := range []string{"/.env", "/assets/.hidden/x", "/empty/", "/empty", "/missing.js"} {
		resp, body := do(t, h, "GET", path, "", nil)
		wantError(t, resp, body, 404, "not_found")
	}
	resp, body := do(t, h, "POST", "/index.html", "text/plain", strings.NewReader("x"))
	wantError(t, resp, body, 405, "method_not_allowed")
	if resp.Header.Get("Allow") == "" {
		t.Error("405 without Allow")
	}
	resp, body = do(t, h, "HEAD", "/app.wasm", "", nil)
	if resp.StatusCode != 200 || len(body) != 0 || resp.Header.Get("Content-Type") != "application/wasm" {
		t.Errorf("HEAD /app.wasm: %d %d bytes", resp.StatusCode, len(body))
	}
	resp, _ = do(t, h, "OPTIONS", "/app.wasm", "", nil)
	if resp.StatusCode != 204 {
		t.Errorf("OPTIONS /app.wasm: %d", resp.StatusCode)
	}
	resp, _ = do(t, New(Options{Static: site(), CSP: "default-src 'none'"}), "GET", "/", "", nil)
	if resp.Header.Get("Content-Security-Policy") != "default-src 'none'" {
		t.Errorf("Options.CSP ignored: %q", resp.Header.Get("Content-Security-Policy"))
	}
}

func TestStaticEncoding(t *testing.T) {
	h := New(Options{Static: site()})
	tests := []struct {
		path, accept, encoding, body string
	}{
		{"/big.wasm", "gzip, deflate, br", "br", "BROTLI"},
		{"/big.wasm", "gzip", "gzip", "GZIP"},
		{"/big.wasm", "br;q=0, gzip", "gzip", "GZIP"},
		{"/big.wasm", "*", "br", "BROTLI"},
		{"/big.wasm", "", "", string(wasmBody)},
		{"/big.wasm", "identity", "", string(wasmBody)},
		{"/app.wasm", "gzip, br", "gzip", string(wasmBody)}, // no sibling: gzipped here
		{"/bounce.js", "gzip", "gzip", strings.Repeat("console.log('bounce');\n", 100)},
		{"/style.css", "gzip", "", "body{}"},                                              // too small
		{"/logo.png", "gzip", "", string(bytes.Repeat([]byte{0x89, 'P', 'N', 'G'}, 300))}, // not compressible
	}
	for _, tt := range tests {
		for _, hh := range []http.Handler{h, Gzip(h)} {
			resp, body := do(t, hh, "GET", tt.path, "", nil, "Accept-Encoding", tt.accept)
			enc := resp.Header.Get("Content-Encoding")
			if resp.StatusCode != 200 || enc != tt.encoding {
				t.Errorf("GET %s, Accept-Encoding %q: %d, encoding %q, want %q", tt.path, tt.accept, resp.StatusCode, enc, tt.encoding)
				continue
			}
			if enc == "gzip" && tt.body != "GZIP" {
				body = gunzip(t, body)
			}
			if string(body) != tt.body {
				t.Errorf("GET %s, Accept-Encoding %q: wrong body", tt.path, tt.accept)
			}
			if v := resp.Header.Values("Vary"); len(v) != 1 || v[0] != "Accept-Encoding" {
				t.Errorf("GET %s: Vary %q", tt.path, v)
			}
			if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, contentType(tt.path)) {
				t.Errorf("GET %s: Content-Type %q", tt.path, ct)
			}
		}
	}
}

func TestStaticConditional(t *testing.T) {
	h := New(Options{Static: site()})
	resp, _ := do(t, h, "GET", "/app.wasm", "", nil, "If-Modified-Since", "Sun, 01 Mar 2026 00:00:00 GMT")
	if resp.StatusCode != 304 {
		t.Errorf("If-Modified-Since: %d, want 304", resp.StatusCode)
	}
	resp, body := do(t, h, "GET", "/app.wasm", "", nil, "Range", "bytes=0-3")
	if resp.StatusCode != 206 || string(body) != "\x00asm" {
		t.Errorf("Range: %d %q", resp.StatusCode, body)
	}
}

func TestGzip(t *testing.T) {
	h := Gzip(New(Options{}))
	resp, body := do(t, h, "GET", "/v1/catalog", "", nil, "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Encoding") != "gzip" || resp.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("catalog not gzipped: %v", resp.Header)
	}
	_, plain := do(t, New(Options{}), "GET", "/v1/catalog", "", nil)
	if !bytes.Equal(gunzip(t, body), plain) {
		t.Error("gzipped catalog differs")
	}
	resp, body = do(t, h, "GET", "/healthz", "", nil, "Accept-Encoding", "gzip")
	if resp.Header.Get("Content-Encoding") != "" || !bytes.HasPrefix(body, []byte(`{"status":"ok"`)) {
		t.Errorf("small answer gzipped: %v", resp.Header)
	}
	resp, _ = do(t, h, "GET", "/v1/catalog", "", nil)
	if resp.Header.Get("Content-Encoding") != "" {
		t.Error("gzipped for a client that does not accept it")
	}
	resp, body = do(t, h, "OPTIONS", "/v1/classify", "", nil, "Accept-Encoding", "gzip")
	if resp.StatusCode != 204 || resp.Header.Get("Content-Encoding") != "" || len(body) != 0 {
		t.Errorf("preflight through Gzip: %d %v", resp.StatusCode, resp.Header)
	}
}

func TestAcceptsEncoding(t *testing.T) {
	for _, tt := range []struct {
		header, token string
		want          bool
	}{
		{"gzip", "gzip", true},
		{"GZIP", "gzip", true},
		{"deflate, gzip;q=1.0", "gzip", true},
		{"gzip;q=0", "gzip", false},
		{"gzip; q=0.000", "gzip", false},
		{"gzip;q=0.1", "gzip", true},
		{"*", "br", true},
		{"*;q=0", "br", false},
		{"*, br;q=0", "br", false},
		{"", "gzip", false},
		{"identity", "gzip", false},
	} {
		if got := acceptsEncoding(tt.header, tt.token); got != tt.want {
			t.Errorf("acceptsEncoding(%q, %q) = %v", tt.header, tt.token, got)
		}
	}
}

func gunzip(t *testing.T, b []byte) []byte {
	t.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	out, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestStaticRedirectCleanPath checks that a directory's redirect goes to
// its cleaned path on this site: "/%2Fevil.example%2F..%2Fsub" once gave
// "Location: //evil.example/../sub/", which a browser reads as another
// host.
func TestStaticRedirectCleanPath(t *testing.T) {
	srv := httptest.NewServer(New(Options{Static: site()}))
	defer srv.Close()
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for raw, want := range map[string]string{
		"/%2Fevil.example%2F..%2Fdemo":     "/demo/",
		"/%2F%2Fevil.example%2F..%2Fdemo":  "/demo/",
		"/%5Cevil.example%2F..%2Fdemo?q=1": "/demo/?q=1",
		"/demo":                            "/demo/",
		"/./demo":                          "/demo",
	} {
		resp, err := client.Get(srv.URL + raw)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc := resp.Header.Get("Location")
		if resp.StatusCode/100 != 3 || !strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//") || strings.HasPrefix(loc, "/\\") {
			t.Errorf("GET %s: %d Location %q, want a path on this site", raw, resp.StatusCode, loc)
		}
		if loc != want && !(raw == "/./demo" && strings.HasPrefix(loc, "/demo")) {
			t.Errorf("GET %s: Location %q, want %q", raw, loc, want)
		}
	}
}

// TestStaticRangeError checks that http.ServeContent's own error (416 for a
// Range past the end of a file) is a JSON error like every other.
func TestStaticRangeError(t *testing.T) {
	h := New(Options{Static: site()})
	resp, body := do(t, h, "GET", "/app.wasm", "", nil, "Range", "bytes=999999-")
	wantError(t, resp, body, 416, "range_not_satisfiable")
	resp, body = do(t, h, "GET", "/app.wasm", "", nil, "Range", "bytes=0-3")
	if resp.StatusCode != 206 || string(body) != "\x00asm" {
		t.Errorf("Range 0-3: %d %q", resp.StatusCode, body)
	}
}
