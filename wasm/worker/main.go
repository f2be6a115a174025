// Command worker is bouncekit's Cloudflare Worker: the HTTP API of package
// api, run by github.com/syumai/workers in Go mode. `make worker` builds it
// into build/worker/ and wrangler.toml deploys it with build/web as static
// assets, so one deploy gives the page and the API.
//
// syumai/workers starts a fresh Go instance for every request, so this
// program and everything it imports must do nothing costly at package
// init. Built for the host (go run ./wasm/worker), it serves the same
// handler on PORT (default 9900), which is how host tests cover it.
package main

import (
	"net/http"

	"github.com/bouncekit/bounce/api"
	"github.com/syumai/workers"
)

func main() {
	workers.Serve(handler())
}

// handler is the Worker's whole behaviour. Static files never reach it:
// Cloudflare serves build/web before the Worker runs.
func handler() http.Handler {
	return api.New(api.Options{})
}
