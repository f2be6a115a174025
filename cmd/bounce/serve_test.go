package main

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"testing"

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
