//go:build js && wasm

package main

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"runtime/debug"
	"strconv"
	"syscall/js"

	"github.com/bouncekit/bounce/api"
	"github.com/syumai/workers"
)

// serve registers h as the binding's handleRequest, tells the entry module
// the program is ready, and then waits for ever: the instance lives as long
// as the isolate and answers every request of it. (workers.Serve would
// return, and the program exit, after the first response.)
func serve(h http.Handler) {
	setGC()
	workers.ServeNonBlock(whole(h))
	// What the entry module (gohost.mjs) needs to know, told once: it
	// reads a request body up to maxBody bytes (one more, to tell a body
	// over the limit) before it calls handleRequest, passes on only the
	// request headers named in requestHeaders, and starts the headers of
	// every Response with commonHeaders, the headers api.New sets on every
	// response, which Go leaves out (whole): three JavaScript values each,
	// on every response, saved.
	binding := js.Global().Get("context").Get("binding")
	binding.Set("maxBody", api.MaxBody)
	names := make([]any, len(requestHeaders))
	for i, k := range requestHeaders {
		names[i] = k
	}
	binding.Set("requestHeaders", names)
	pairs := make([]any, len(common))
	for i, kv := range common {
		pairs[i] = []any{kv[0], kv[1]}
	}
	binding.Set("commonHeaders", pairs)
	workers.Ready()
	select {}
}

// setGC lets the heap grow to five times what is live between collections
// (GOGC=400), within a soft limit of 64 MiB. Under WebAssembly the
// collector runs on the one thread, inside the request: with the default
// GOGC=100 and the 2-3 MB an idle instance holds, a request that allocates
// 1.4 MB (a 50 KB DSN of 137 recipients) paid for a collection every other
// time. The limit keeps what a large request leaves behind bounded: past
// it the collector works as often as it must (a Worker isolate has 128 MB
// for everything). Higher GOGC costs more elsewhere: each js.Value Go holds
// has a finalizer, and adding one walks the finalizers not yet collected.
func setGC() {
	debug.SetGCPercent(400)
	debug.SetMemoryLimit(64 << 20)
}

var (
	uint8Array = js.Global().Get("Uint8Array")
	common     = api.CommonHeaders()
)

// rawJSBodyWriter is the method by which syumai/workers' ResponseWriter
// takes a body that is already a JavaScript value.
type rawJSBodyWriter interface{ WriteRawJSBody(body js.Value) }

// whole runs h to the end on a buffer and hands syumai/workers the whole
// body as one Uint8Array, which becomes the Response's body as it is.
// Without it every response would go through an io.Pipe, a goroutine and a
// stream whose chunks each cross between Go and JavaScript; the API's
// answers are small and written at once, so nothing is lost by waiting
// for the end. It also means a handler that panics halfway has sent
// nothing yet, so the request still gets the entry module's clean 500. It
// all runs on a runner (run).
func whole(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		done := make(chan struct{})
		run(func() {
			serveWhole(h, w, r)
			close(done)
		})
		<-done
	})
}

func serveWhole(h http.Handler, w http.ResponseWriter, r *http.Request) {
	raw, ok := w.(rawJSBodyWriter)
	if !ok {
		h.ServeHTTP(w, r)
		return
	}
	// syumai/workers hands the body over as the JavaScript value it
	// got. The entry module (gohost.mjs) gives the bytes themselves, a
	// Uint8Array of at most api.MaxBody + 1 bytes (so that a body over
	// the limit still gets the API's 413). A ReadableStream (another
	// caller of handleRequest) of known length within the limit is
	// read in one step; one over the limit or of unknown length is
	// left to syumai/workers' reader and the API's limit.
	if s, ok := r.Body.(rawJSBodyGetter); ok {
		switch v := s.GetRawJSBody(); {
		case v.InstanceOf(uint8Array):
			body := bytesBody(v)
			r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
			r = api.WithBody(r, body)
		case r.ContentLength >= 0 && r.ContentLength <= api.MaxBody:
			r.Body = readWhole(v)
		}
	}
	b := &buffer{header: w.Header()}
	h.ServeHTTP(b, r)
	for _, kv := range common {
		// api.New sets each of them, with the same value, on every
		// answer (the Worker has no static site, the one handler that
		// changes one); the Headers object the bridge builds the
		// Response's headers on starts with them (gohost.mjs).
		delete(b.header, kv[0])
	}
	body, n := b.jsBody()
	if r.Method != http.MethodHead && b.header.Get("Content-Length") == strconv.Itoa(n) {
		// A Response whose body is a Uint8Array has that length.
		delete(b.header, "Content-Length")
	}
	if b.status != 0 {
		w.WriteHeader(b.status)
	}
	raw.WriteRawJSBody(body)
}

// idle hands a function to a runner that waits for work.
var idle = make(chan func())

// run runs f on a runner: a goroutine kept from one request to the next,
// whose stack has grown already to what a classification needs. syumai/
// workers runs each request's handler on a goroutine of its own, which
// starts with a 2 KB stack and grew it several times per request, each
// time copying the whole stack and adjusting its frames (about 5% of a
// warm one-line request's CPU in Node's profile). A runner is started only
// when none is idle (a request waits for JavaScript while another runs),
// so there are as many as requests ever ran at once. A handler that
// panics still ends the program, as it would on its own goroutine.
func run(f func()) {
	select {
	case idle <- f:
	default:
		go runner(f)
	}
}

func runner(f func()) {
	for {
		f()
		f = <-idle
	}
}

// buffer is a ResponseWriter that keeps the status and the body. A body
// written in one Write of the length its Content-Length gives, as the
// API writes its answers, is copied straight into the Uint8Array that
// becomes the Response's body (js); any other is kept in body.
type buffer struct {
	header http.Header
	status int
	body   bytes.Buffer
	js     js.Value // the whole body, when set
	jsLen  int      // its length
}

// jsBody returns the body as a Uint8Array, and its length.
func (b *buffer) jsBody() (js.Value, int) {
	if b.js.IsUndefined() {
		b.js, b.jsLen = uint8Array.New(b.body.Len()), b.body.Len()
		js.CopyBytesToJS(b.js, b.body.Bytes())
	}
	return b.js, b.jsLen
}

func (b *buffer) Header() http.Header { return b.header }

func (b *buffer) WriteHeader(status int) {
	if b.status == 0 {
		b.status = status
	}
}

func (b *buffer) Write(p []byte) (int, error) {
	if b.status == 0 {
		b.status = http.StatusOK
	}
	if !b.js.IsUndefined() {
		// More than Content-Length said: back to the Go buffer.
		body := make([]byte, b.jsLen)
		js.CopyBytesToGo(body, b.js)
		b.body.Write(body)
		b.js = js.Undefined()
	}
	if b.body.Len() == 0 && len(p) > 0 && b.header.Get("Content-Length") == strconv.Itoa(len(p)) {
		b.js, b.jsLen = uint8Array.New(len(p)), len(p)
		js.CopyBytesToJS(b.js, p)
		return len(p), nil
	}
	return b.body.Write(p)
}

// bytesBody copies a request body that the entry module has read into a
// Uint8Array: one copy, no promise, no callback.
func bytesBody(v js.Value) []byte {
	b := make([]byte, v.Length())
	js.CopyBytesToGo(b, v)
	return b
}

// rawJSBodyGetter is the method by which syumai/workers' request body gives
// the JavaScript ReadableStream it reads.
type rawJSBodyGetter interface{ GetRawJSBody() js.Value }

// readWhole reads a request body of known length, at most api.MaxBody, in
// one step: new Response(stream).arrayBuffer(). syumai/workers' reader
// crosses to JavaScript for every chunk and keeps one js.Func for good on
// each crossing (it releases only the callback that was called), so an
// instance that serves many requests would grow without end. A body of
// unknown length or over the limit is left to that reader, and the API's
// own limit.
func readWhole(stream js.Value) io.ReadCloser {
	type result struct {
		buf js.Value
		err error
	}
	done := make(chan result, 1)
	then := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- result{buf: args[0]}
		return nil
	})
	catch := js.FuncOf(func(_ js.Value, args []js.Value) any {
		done <- result{err: errors.New("cannot read the request body: " + args[0].Call("toString").String())}
		return nil
	})
	js.Global().Get("Response").New(stream).Call("arrayBuffer").Call("then", then, catch)
	res := <-done
	then.Release()
	catch.Release()
	if res.err != nil {
		return io.NopCloser(errReader{res.err})
	}
	u8 := js.Global().Get("Uint8Array").New(res.buf)
	b := make([]byte, u8.Length())
	js.CopyBytesToGo(b, u8)
	return io.NopCloser(bytes.NewReader(b))
}

type errReader struct{ err error }

func (e errReader) Read([]byte) (int, error) { return 0, e.err }
