package api

import (
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"path"
	"strconv"
	"strings"
	"time"

	"github.com/bouncekit/bounce"
)

// Limits of the API, documented in openapi.json and the README.
const (
	// MaxBody is the largest request body accepted, in bytes (1 MiB).
	// A larger body gives 413.
	MaxBody = 1 << 20
	// MaxBatch is the largest number of items in one batch request.
	MaxBatch = 100
	// MaxResponse is the largest answer to a classify or batch request,
	// in bytes of JSON (16 MiB); a larger one gives 422 output_too_large.
	// A batch's reports also hold at most bounce.MaxRecipients records
	// together (422 too_many_recipients).
	MaxResponse = 16 << 20
)

// SiteCSP is the Content-Security-Policy sent with static files unless
// Options.CSP replaces it. It allows the page's own scripts, WebAssembly
// compilation and inline style attributes, and nothing from elsewhere.
const SiteCSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; " +
	"style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
	"object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'self'"

// apiCSP is the Content-Security-Policy of API responses: JSON is never a
// document to render.
const apiCSP = "default-src 'none'; frame-ancestors 'none'"

// commonHeaders are the headers New sets on every response before it
// routes the request (the static handler replaces Content-Security-Policy).
var commonHeaders = [...][2]string{
	{"Access-Control-Allow-Origin", "*"},
	{"X-Content-Type-Options", "nosniff"},
	{"Referrer-Policy", "no-referrer"},
	{"Content-Security-Policy", apiCSP},
	{"X-Frame-Options", "SAMEORIGIN"},
}

// CommonHeaders returns the headers, as name and value, that New sets on
// every response before it routes the request; the static site replaces
// Content-Security-Policy on its files. The Worker sets them in JavaScript
// instead of passing them from Go with every response.
func CommonHeaders() [][2]string { return append([][2]string(nil), commonHeaders[:]...) }

// Options configures New. The zero value serves the API alone.
type Options struct {
	// Static is the site served for every path that is not an API route
	// (see Static). Nil means those paths answer 404.
	Static fs.FS
	// CSP replaces SiteCSP on static files when not empty.
	CSP string
	// MaxConcurrent bounds the classify and batch requests classified at
	// once; 0 means no bound (the Worker, which runs one request per
	// instance). Beyond it, up to MaxQueue more requests wait their turn,
	// for at most QueueWait (10 s when 0); any other gets 503 busy with
	// Retry-After.
	MaxConcurrent int
	MaxQueue      int
	QueueWait     time.Duration
}

// New returns the HTTP API:
//
//	POST /v1/classify        text/plain, message/rfc822 or {"text": ..., "source": ...}
//	POST /v1/classify/batch  {"items": [{"id": ..., "text": ..., "source": ...}]}
//	GET  /v1/catalog?q=...   {"version": ..., "entries": [...]}
//	GET  /v1/catalog/{id}    one entry
//	GET  /healthz            {"status": "ok", "catalog": version}
//	GET  /openapi.json       the OpenAPI 3 description of all of it
//
// Every response carries CORS headers for any origin (no credentials), and
// OPTIONS on a route answers 204. Errors are JSON {"error": {"code",
// "message"}}. Request bodies are read once, never logged or kept.
func New(opts Options) http.Handler {
	mux := http.NewServeMux()
	lim := newLimiter(opts.MaxConcurrent, opts.MaxQueue, opts.QueueWait)
	route(mux, "/v1/classify", "POST", lim.wrap(classify))
	route(mux, "/v1/classify/batch", "POST", lim.wrap(batch))
	route(mux, "/v1/catalog", "GET, HEAD", catalogSearch)
	route(mux, "/v1/catalog/{id}", "GET, HEAD", catalogEntry)
	route(mux, "/healthz", "GET, HEAD", healthz)
	route(mux, "/openapi.json", "GET, HEAD", openapi)
	mux.HandleFunc("/v1/", notFound)
	mux.HandleFunc("/v1", notFound) // not a redirect to /v1/
	if opts.Static != nil {
		csp := opts.CSP
		if csp == "" {
			csp = SiteCSP
		}
		site := staticSite(opts.Static)
		mux.Handle("/", http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			h := w.Header()
			h.Set("Content-Security-Policy", csp)
			h.Set("Cross-Origin-Resource-Policy", "cross-origin")
			if r.Method == http.MethodOptions {
				preflight(w, "GET, HEAD")
				return
			}
			site.ServeHTTP(w, r)
		}))
	} else {
		mux.HandleFunc("/", notFound)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		for _, kv := range commonHeaders {
			h.Set(kv[0], kv[1])
		}
		switch {
		case r.Method == http.MethodOptions && r.RequestURI == "*":
			// "OPTIONS *" asks about the server (RFC 9110, section
			// 9.3.7); it reaches here when the server's
			// DisableGeneralOptionsHandler is set, as bounce serve does.
			h.Set("Allow", "OPTIONS, GET, HEAD, POST")
			h.Set("Content-Length", "0")
			w.WriteHeader(http.StatusNoContent)
			return
		case r.Method == http.MethodConnect:
			// ServeMux would answer a proxy's CONNECT with plain text.
			methodNotAllowed(w, "GET, HEAD, POST")
			return
		}
		if uncleanPath(r.URL.Path) && (opts.Static == nil || apiPath(path.Clean(r.URL.Path))) {
			// ServeMux would answer a 307 redirect with an HTML body;
			// the API answers only with its own statuses and JSON. (The
			// site's pages keep the redirect to their clean path.)
			notFound(w, r)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// apiPath reports whether a clean path belongs to the API rather than the
// static site.
func apiPath(p string) bool {
	return p == "/v1" || strings.HasPrefix(p, "/v1/") || p == "/healthz" || p == "/openapi.json"
}

// uncleanPath reports whether p holds "//", "." or ".." segments.
func uncleanPath(p string) bool {
	return strings.Contains(p, "//") || strings.Contains(p, "/./") || strings.Contains(p, "/../") ||
		strings.HasSuffix(p, "/.") || strings.HasSuffix(p, "/..")
}

// route registers h for pattern with method checks: OPTIONS is a CORS
// preflight, other methods than allow give 405.
func route(mux *http.ServeMux, pattern, allow string, h http.HandlerFunc) {
	mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodOptions {
			preflight(w, allow)
			return
		}
		for _, m := range strings.Split(allow, ", ") {
			if r.Method == m {
				h(w, r)
				return
			}
		}
		methodNotAllowed(w, allow)
	})
}

// preflight answers a CORS preflight (or a plain OPTIONS) with 204.
func preflight(w http.ResponseWriter, allow string) {
	h := w.Header()
	h.Set("Allow", "OPTIONS, "+allow)
	h.Set("Access-Control-Allow-Methods", "OPTIONS, "+allow)
	h.Set("Access-Control-Allow-Headers", "Content-Type")
	h.Set("Access-Control-Max-Age", "86400")
	w.WriteHeader(http.StatusNoContent)
}

// Error is the body of every error response: {"error": {...}}.
type Error struct {
	Code    string `json:"code"`    // stable, e.g. "bad_json", "too_large"
	Message string `json:"message"` // for people; may change
}

func writeError(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, struct {
		Error Error `json:"error"`
	}{Error{code, msg}})
}

func methodNotAllowed(w http.ResponseWriter, allow string) {
	w.Header().Set("Allow", "OPTIONS, "+allow)
	writeError(w, http.StatusMethodNotAllowed, "method_not_allowed", "method not allowed; use "+allow)
}

func notFound(w http.ResponseWriter, r *http.Request) {
	writeError(w, http.StatusNotFound, "not_found", "no such path: "+r.URL.Path)
}

// writeJSON writes v as the CLI does: no HTML escaping, one line.
func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b = []byte(`{"error":{"code":"internal","message":"cannot encode the response"}}` + "\n")
	}
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	h.Del("Content-Encoding")
	h.Set("Content-Length", strconv.Itoa(len(b)))
	w.WriteHeader(status)
	w.Write(b)
}

// marshal encodes v exactly as `bounce classify -json` prints it.
func marshal(v any) ([]byte, error) {
	if rep, ok := v.(*bounce.Report); ok {
		// The same bytes as below (the report writes its own JSON), without
		// the encoder's second pass over them: a third of a request's CPU
		// on the Worker.
		return append(rep.AppendJSON(nil), '\n'), nil
	}
	var b strings.Builder
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return []byte(b.String()), nil
}

func healthz(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, health{"ok", catalogVersion()})
}

type health struct {
	Status  string `json:"status"`
	Catalog string `json:"catalog"` // catalog.Version
}

// tooLarge reports whether err comes from a body over the limit.
func tooLarge(err error) bool {
	var mbe *http.MaxBytesError
	return errors.As(err, &mbe)
}
