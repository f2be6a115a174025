//go:build !apionly

package api

import (
	"bytes"
	"compress/gzip"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"net/url"
	"path"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The static site. The Worker's build (tag apionly) leaves this file out:
// Cloudflare serves the site (site_apionly.go).

// types fixes the MIME types the site depends on, whatever the host's
// mime.types says (browsers refuse to stream-compile WebAssembly served
// as anything but application/wasm, and module scripts need a JavaScript
// type).
var types = map[string]string{
	".html":        "text/html; charset=utf-8",
	".htm":         "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".mjs":         "text/javascript; charset=utf-8",
	".wasm":        "application/wasm",
	".json":        "application/json",
	".map":         "application/json",
	".webmanifest": "application/manifest+json",
	".svg":         "image/svg+xml",
	".txt":         "text/plain; charset=utf-8",
	".eml":         "message/rfc822",
	".xml":         "application/xml",
	".png":         "image/png",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
}

// contentType returns the MIME type for a file name.
func contentType(name string) string {
	ext := strings.ToLower(path.Ext(name))
	if t, ok := types[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// compressible reports whether a response of type t gains from gzip.
func compressible(t string) bool {
	t, _, _ = strings.Cut(t, ";")
	switch {
	case strings.HasPrefix(t, "text/"),
		t == "application/wasm", t == "application/json", t == "application/xml",
		t == "application/manifest+json", t == "image/svg+xml", t == "message/rfc822",
		t == "image/x-icon":
		return true
	}
	return false
}

// minGzip is the size under which compressing is not worth a header.
const minGzip = 512

// Static returns a handler that serves the files of fsys for GET and HEAD:
// "/" and directories serve their index.html (a directory without its
// final slash redirects to it), there are no directory listings, and dot
// files are never served. Types come from the extension
// (application/wasm for .wasm, text/javascript for .js and .mjs). When the
// client accepts it, a precompressed sibling ("app.wasm.br", then
// "app.wasm.gz") is served with Content-Encoding; otherwise compressible
// files are gzipped on the fly (once per file version, kept in memory).
// Every response varies on Accept-Encoding. Missing files give a JSON 404,
// other methods a JSON 405.
//
// Static sets no security headers; New adds them to everything it serves.
func Static(fsys fs.FS) http.Handler {
	return &static{fsys: fsys}
}

type static struct {
	fsys fs.FS
	mu   sync.Mutex
	gz   map[string]gzipped // on-the-fly gzip, by file name
}

type gzipped struct {
	mod  time.Time
	size int64
	data []byte
}

func (s *static) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	w = &jsonErrors{ResponseWriter: w}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		methodNotAllowed(w, "GET, HEAD")
		return
	}
	name, dir, ok := s.resolve(r.URL.Path)
	if !ok {
		writeError(w, http.StatusNotFound, "not_found", "no such page: "+r.URL.Path)
		return
	}
	if dir && !strings.HasSuffix(r.URL.Path, "/") {
		// A directory: its relative links need the slash. The target is
		// built from the cleaned path alone, never from the request's
		// own text, which may begin with "//" (a path of another host
		// to a browser, such as "/%2Fevil.example%2F..%2Fsub").
		target := &url.URL{Path: "/" + path.Dir(name) + "/", RawQuery: r.URL.RawQuery}
		h := w.Header()
		h.Set("Location", target.String())
		h.Set("Content-Length", "0")
		w.WriteHeader(http.StatusMovedPermanently)
		return
	}
	h := w.Header()
	ctype := contentType(name)
	h.Set("Content-Type", ctype)
	addVary(h, "Accept-Encoding")
	if strings.HasSuffix(name, ".html") {
		h.Set("Cache-Control", "no-cache")
	}
	accept := r.Header.Get("Accept-Encoding")
	for _, enc := range []struct{ token, ext string }{{"br", ".br"}, {"gzip", ".gz"}} {
		if acceptsEncoding(accept, enc.token) && s.serveFile(w, r, name+enc.ext, enc.token) {
			return
		}
	}
	f, err := s.fsys.Open(name)
	if err != nil {
		writeError(w, http.StatusNotFound, "not_found", "no such page: "+r.URL.Path)
		return
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		writeError(w, http.StatusInternalServerError, "internal", "cannot read file")
		return
	}
	if acceptsEncoding(accept, "gzip") && compressible(ctype) && fi.Size() >= minGzip {
		if data, err := s.gzip(name, f, fi); err == nil {
			h.Set("Content-Encoding", "gzip")
			http.ServeContent(w, r, "", fi.ModTime(), bytes.NewReader(data))
			return
		}
		if _, err := f.(io.Seeker).Seek(0, io.SeekStart); err != nil {
			writeError(w, http.StatusInternalServerError, "internal", "cannot read file")
			return
		}
	}
	serve(w, r, f, fi)
}

// resolve maps a URL path to a regular file in fsys; dir tells that the
// path named a directory and name is its index.html.
func (s *static) resolve(p string) (name string, dir, ok bool) {
	name = strings.TrimPrefix(path.Clean("/"+p), "/")
	if name == "" {
		name = "."
	}
	for _, part := range strings.Split(name, "/") {
		if part != "." && strings.HasPrefix(part, ".") {
			return "", false, false
		}
	}
	fi, err := fs.Stat(s.fsys, name)
	if err != nil {
		return "", false, false
	}
	if fi.IsDir() {
		dir = name != "."
		name = path.Join(name, "index.html")
		if fi, err = fs.Stat(s.fsys, name); err != nil {
			return "", false, false
		}
	}
	return name, dir, fi.Mode().IsRegular()
}

// serveFile serves a precompressed sibling if there is one.
func (s *static) serveFile(w http.ResponseWriter, r *http.Request, name, encoding string) bool {
	f, err := s.fsys.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil || !fi.Mode().IsRegular() {
		return false
	}
	w.Header().Set("Content-Encoding", encoding)
	serve(w, r, f, fi)
	return true
}

// serve writes f with Range and conditional-request support when f can seek.
func serve(w http.ResponseWriter, r *http.Request, f fs.File, fi fs.FileInfo) {
	if rs, ok := f.(io.ReadSeeker); ok {
		http.ServeContent(w, r, "", fi.ModTime(), rs)
		return
	}
	w.Header().Set("Content-Length", strconv.FormatInt(fi.Size(), 10))
	if r.Method != http.MethodHead {
		io.Copy(w, f)
	}
}

// gzip returns the gzipped content of a file, from the cache while the file
// is unchanged.
func (s *static) gzip(name string, f io.Reader, fi fs.FileInfo) ([]byte, error) {
	s.mu.Lock()
	c, ok := s.gz[name]
	s.mu.Unlock()
	if ok && c.mod.Equal(fi.ModTime()) && c.size == fi.Size() {
		return c.data, nil
	}
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	if _, err := io.Copy(zw, f); err != nil {
		return nil, err
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	s.mu.Lock()
	if s.gz == nil {
		s.gz = make(map[string]gzipped)
	}
	s.gz[name] = gzipped{fi.ModTime(), fi.Size(), buf.Bytes()}
	s.mu.Unlock()
	return buf.Bytes(), nil
}

// acceptsEncoding reports whether an Accept-Encoding value allows token
// (with a q-value above zero, or through "*").
func acceptsEncoding(header, token string) bool {
	star := false
	for _, part := range strings.Split(header, ",") {
		name, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		name = strings.ToLower(strings.TrimSpace(name))
		zero := false
		for _, p := range strings.Split(params, ";") {
			k, v, _ := strings.Cut(strings.TrimSpace(p), "=")
			if strings.EqualFold(k, "q") {
				v = strings.TrimRight(strings.TrimSpace(v), "0")
				zero = v == "" || v == "." || v == "0" || v == "0."
			}
		}
		switch name {
		case token:
			return !zero
		case "*":
			star = !zero
		}
	}
	return star
}

// addVary adds v to the Vary header unless it is there already.
func addVary(h http.Header, v string) {
	for _, have := range h.Values("Vary") {
		for _, f := range strings.Split(have, ",") {
			if strings.EqualFold(strings.TrimSpace(f), v) {
				return
			}
		}
	}
	h.Add("Vary", v)
}

// jsonErrors turns the plain-text errors that http.ServeContent writes
// with http.Error (416 for a Range past the end) into the API's JSON
// errors.
type jsonErrors struct {
	http.ResponseWriter
	status int // an error held back, to be written as JSON
}

func (j *jsonErrors) WriteHeader(code int) {
	if code >= 400 && strings.HasPrefix(j.Header().Get("Content-Type"), "text/plain") {
		j.status = code
		return
	}
	j.ResponseWriter.WriteHeader(code)
}

func (j *jsonErrors) Write(b []byte) (int, error) {
	if j.status == 0 {
		return j.ResponseWriter.Write(b)
	}
	if j.status > 0 {
		code := "bad_request"
		if j.status == http.StatusRequestedRangeNotSatisfiable {
			code = "range_not_satisfiable"
		}
		writeError(j.ResponseWriter, j.status, code, strings.TrimSpace(string(b)))
		j.status = -1 // written; the rest of the text is dropped
	}
	return len(b), nil
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (j *jsonErrors) Unwrap() http.ResponseWriter { return j.ResponseWriter }
