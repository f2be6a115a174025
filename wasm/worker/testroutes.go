//go:build workertest && js && wasm

package main

import (
	"fmt"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"sync/atomic"
	"syscall/js"
	"time"
)

// served counts the requests this instance has handled: a fresh instance
// starts again from 1.
var served atomic.Int64

// testRoutes adds, in a test build only (tag workertest), routes that break
// the instance in each way the entry module must survive, and one that
// tells how many requests the instance has served. TestWrangler uses them.
func testRoutes(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := served.Add(1)
		switch r.URL.Path {
		case "/v1/test/served":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"served":` + strconv.FormatInt(n, 10) + "}\n"))
		case "/v1/test/memory":
			// After a collection, and time for the finalizers of
			// collected js.Values to release their JavaScript values:
			// Go's heap in use, the memory Go has taken (the wasm
			// memory, which never shrinks), and the JavaScript values
			// Go still refers to (gohost.mjs counts them).
			runtime.GC()
			time.Sleep(10 * time.Millisecond)
			runtime.GC()
			time.Sleep(10 * time.Millisecond)
			var m runtime.MemStats
			runtime.ReadMemStats(&m)
			values := js.Global().Get("context").Call("values").Int()
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprintf(w, `{"heap":%d,"sys":%d,"values":%d}`+"\n", m.HeapAlloc, m.Sys, values)
		case "/v1/test/panic":
			panic("test route: panic in a handler")
		case "/v1/test/panic-after-write":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"partial":`))
			panic("test route: panic after the first write")
		case "/v1/test/exit":
			os.Exit(3)
		case "/v1/test/release":
			// The next call of handleRequest reaches a released function.
			f := js.FuncOf(func(js.Value, []js.Value) any { return nil })
			f.Release()
			js.Global().Get("context").Get("binding").Set("handleRequest", f)
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"released":true}` + "\n"))
		default:
			h.ServeHTTP(w, r)
		}
	})
}
