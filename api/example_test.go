package api_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing/fstest"

	"github.com/bouncekit/bounce/api"
)

// The API with a static site beside it, as `bounce serve` runs it; tests of
// the page can pass os.DirFS("build/web") instead of the map.
func Example() {
	site := fstest.MapFS{"index.html": {Data: []byte("<!doctype html><title>bouncekit</title>")}}
	srv := httptest.NewServer(api.Gzip(api.New(api.Options{Static: site})))
	defer srv.Close()

	resp, err := http.Post(srv.URL+"/v1/classify", "text/plain",
		strings.NewReader("452 4.2.2 Mailbox full"))
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	fmt.Println(resp.Status, resp.Header.Get("Content-Type"))

	resp, err = http.Get(srv.URL + "/")
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	page, _ := io.ReadAll(resp.Body)
	fmt.Println(resp.Status, resp.Header.Get("Content-Type"), string(page))
	// Output:
	// 200 OK application/json
	// 200 OK text/html; charset=utf-8 <!doctype html><title>bouncekit</title>
}
