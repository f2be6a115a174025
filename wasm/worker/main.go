// Command worker is bouncekit's Cloudflare Worker: the HTTP API of package
// api, bridged to the Workers runtime by github.com/syumai/workers.
// `make worker` builds it into build/worker/ with the entry module
// entry.mjs, and wrangler.toml deploys it with build/web as static assets,
// so one deploy gives the page and the API.
//
// The entry module starts this program once per isolate and sends every
// request to the handler it registers (see serve_js.go and gohost.mjs), so
// nothing here may keep per-request state between requests. Built for the
// host (go run ./wasm/worker), it serves the same handler on PORT (default
// 9900), which is how host tests cover it.
package main

import (
	"net/http"

	"github.com/bouncekit/bounce/api"
)

func main() {
	serve(handler())
}

// requestHeaders are the request headers the entry module hands to Go (in
// lower case): those package api reads in the Worker's build (tag
// apionly, without the static site and its gzip, which read
// Accept-Encoding), which TestRequestHeaders checks. Every header that
// crosses from JavaScript costs three JavaScript values on the Go side,
// each with a finalizer, and the API reads no other; Cloudflare's own
// (cf-*, x-forwarded-*, ...) and the client's User-Agent, Accept and the
// like would only cost time.
var requestHeaders = []string{"content-type", "content-length"}

// handler is the Worker's whole behaviour. Static files never reach it:
// Cloudflare serves build/web before the Worker runs. A build with the tag
// workertest adds the routes of testroutes.go.
func handler() http.Handler {
	return testRoutes(api.New(api.Options{}))
}
