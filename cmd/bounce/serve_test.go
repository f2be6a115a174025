package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bouncekit/bounce/api"
)

// TestServeSameAsCLI checks that POST /v1/classify answers, byte for byte,
// the line `bounce classify -json FILE` prints, when the request gives the
// file name as "source", and that `bounce catalog -json` prints the API's
// entry schema.
func TestServeSameAsCLI(t *testing.T) {
	h := api.New(api.Options{})
	dir := t.TempDir()
	for name, text := range map[string]string{
		"gmail.txt": "550-5.1.1 The email account that you tried to reach does not exist. Please try\n550 5.1.1 double-checking the recipient's email address <a@b> - gsmtp\n",
		"greylist":  "451 4.7.1 Greylisted, please try again later",
		"junk":      "hello there",
	} {
		file := filepath.Join(dir, name)
		os.WriteFile(file, []byte(text), 0o644)
		var cli, stderr bytes.Buffer
		run([]string{"classify", "-json", file}, nil, &cli, &stderr)
		body, _ := json.Marshal(api.ClassifyRequest{Text: text, Source: file})
		req := httptest.NewRequest("POST", "/v1/classify", bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code != 200 || !bytes.Equal(rec.Body.Bytes(), cli.Bytes()) {
			t.Errorf("%s: API %d %s\nCLI %s", name, rec.Code, rec.Body, cli.Bytes())
		}
	}

	var cli, stderr bytes.Buffer
	run([]string{"catalog", "-json", "5.1.1"}, nil, &cli, &stderr)
	req := httptest.NewRequest("GET", "/v1/catalog?q=5.1.1", nil)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	var list api.CatalogList
	if err := json.Unmarshal(rec.Body.Bytes(), &list); err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	enc := json.NewEncoder(&want)
	enc.SetEscapeHTML(false)
	for _, e := range list.Entries {
		enc.Encode(e)
	}
	if got, want := cli.String(), want.String(); got != want || got == "" {
		t.Errorf("bounce catalog -json and GET /v1/catalog differ:\nCLI %.300s\nAPI %.300s", got, want)
	}
}

func TestListenAddr(t *testing.T) {
	for _, tt := range []struct{ addr, port, want string }{
		{"127.0.0.1:8080", "", "127.0.0.1:8080"},
		{"127.0.0.1:8080", "9000", "127.0.0.1:9000"},
		{":8080", "9000", ":9000"},
		{"[::1]:8080", "9000", "[::1]:9000"},
	} {
		if got, err := listenAddr(tt.addr, tt.port); err != nil || got != tt.want {
			t.Errorf("listenAddr(%q, %q) = %q, %v; want %q", tt.addr, tt.port, got, err, tt.want)
		}
	}
	if _, err := listenAddr("8080", ""); err == nil {
		t.Error("listenAddr(\"8080\") did not fail")
	}
}

// TestServe runs the command on a free loopback port (PORT=0) with a site
// directory, checks the API, the site and gzip, and stops it.
func TestServe(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "index.html"), []byte("<!doctype html><title>bouncekit</title>"), 0o644)
	os.WriteFile(filepath.Join(dir, "app.js"), []byte(strings.Repeat("console.log(1);\n", 100)), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	old := serveContext
	serveContext = func() (context.Context, context.CancelFunc) { return ctx, cancel }
	defer func() { serveContext = old }()
	t.Setenv("PORT", "0")

	pr, pw := io.Pipe()
	done := make(chan int)
	var stderr bytes.Buffer
	go func() {
		done <- run([]string{"serve", "-dir", dir}, nil, pw, &stderr)
		pw.Close()
	}()
	line, err := bufio.NewReader(pr).ReadString('\n')
	if err != nil {
		t.Fatalf("no start line: %v %s", err, stderr.String())
	}
	go io.Copy(io.Discard, pr)
	_, base, ok := strings.Cut(strings.TrimSpace(line), " on ")
	if !ok || !strings.HasPrefix(base, "http://127.0.0.1:") {
		t.Fatalf("start line %q", line)
	}
	base = strings.TrimSuffix(base, "/")

	resp, err := http.Post(base+"/v1/classify", "text/plain", strings.NewReader("550 5.1.1 user unknown"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/json" {
		t.Errorf("POST /v1/classify: %d %v", resp.StatusCode, resp.Header)
	}
	req, _ := http.NewRequest("GET", base+"/app.js", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, err = http.DefaultTransport.RoundTrip(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("Content-Encoding") != "gzip" ||
		resp.Header.Get("Content-Type") != "text/javascript; charset=utf-8" {
		t.Errorf("GET /app.js: %d %v", resp.StatusCode, resp.Header)
	}
	resp, err = http.Get(base + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 200 || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Errorf("GET /: %d %v", resp.StatusCode, resp.Header)
	}

	cancel()
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit status %d: %s", code, stderr.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("serve did not stop")
	}
}
