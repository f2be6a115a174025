//go:build !(js && wasm)

package main

import (
	"net/http"

	"github.com/syumai/workers"
)

// serve serves h on PORT (default 9900), for trying the Worker's handler
// on the host.
func serve(h http.Handler) { workers.Serve(h) }
