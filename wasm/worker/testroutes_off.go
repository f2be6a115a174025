//go:build !(workertest && js && wasm)

package main

import "net/http"

// testRoutes adds nothing: the routes that break the instance exist only in
// a build with the tag workertest (testroutes.go).
func testRoutes(h http.Handler) http.Handler { return h }
