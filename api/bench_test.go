package api

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bouncekit/bounce/internal/testndr"
)

// BenchmarkClassify measures POST /v1/classify through the handler, for
// the cases of wasm/worker/bench.mjs: the Worker's cost per request, less
// the bridge between JavaScript and Go. Under js/wasm:
//
//	GOOS=js GOARCH=wasm go test -exec="$(go env GOROOT)/lib/wasm/go_js_wasm_exec" -run '^$' -bench Classify ./api
func BenchmarkClassify(b *testing.B) {
	cases := []struct{ name, body string }{
		{"reply", gmail},
		{"ndr50k", string(testndr.Postfix(50 * 1024))},
	}
	h := New(Options{})
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.body)))
			b.ReportAllocs()
			for b.Loop() {
				req := httptest.NewRequest("POST", "/v1/classify", strings.NewReader(c.body))
				req.Header.Set("Content-Type", "text/plain")
				rec := httptest.NewRecorder()
				h.ServeHTTP(rec, req)
				if rec.Code != http.StatusOK {
					b.Fatalf("status %d: %s", rec.Code, rec.Body)
				}
				io.Copy(io.Discard, rec.Body)
			}
		})
	}
}
