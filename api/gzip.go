//go:build !apionly

package api

import (
	"compress/gzip"
	"net/http"
	"strconv"
	"strings"
	"sync"
)

// Gzip wraps h so that compressible responses (text, JSON, WebAssembly,
// SVG) of at least 512 bytes are gzipped for clients that accept it.
// Responses that already have a Content-Encoding (such as the precompressed
// or cached files of Static), partial content and HEAD answers pass through.
//
// bounce serve uses it; the Worker does not, since Cloudflare compresses at
// the edge and CPU time in the Worker is billed: the Worker's build (tag
// apionly) leaves this file out.
func Gzip(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		addVary(w.Header(), "Accept-Encoding")
		if r.Method == http.MethodHead || !acceptsEncoding(r.Header.Get("Accept-Encoding"), "gzip") {
			h.ServeHTTP(w, r)
			return
		}
		gw := &gzipWriter{ResponseWriter: w}
		defer gw.close()
		h.ServeHTTP(gw, r)
	})
}

var gzipPool = sync.Pool{New: func() any { w, _ := gzip.NewWriterLevel(nil, gzip.DefaultCompression); return w }}

type gzipWriter struct {
	http.ResponseWriter
	decided bool
	zw      *gzip.Writer // nil: pass through
}

func (g *gzipWriter) WriteHeader(status int) {
	if g.decided {
		g.ResponseWriter.WriteHeader(status)
		return
	}
	g.decided = true
	h := g.Header()
	n, err := strconv.Atoi(h.Get("Content-Length"))
	small := err == nil && n < minGzip
	if status == http.StatusOK && h.Get("Content-Encoding") == "" && compressible(h.Get("Content-Type")) && !small {
		h.Del("Content-Length")
		h.Del("Accept-Ranges")
		h.Set("Content-Encoding", "gzip")
		if etag := h.Get("Etag"); strings.HasSuffix(etag, `"`) {
			h.Set("Etag", etag[:len(etag)-1]+`-gzip"`)
		}
		g.zw = gzipPool.Get().(*gzip.Writer)
		g.zw.Reset(g.ResponseWriter)
	}
	g.ResponseWriter.WriteHeader(status)
}

func (g *gzipWriter) Write(b []byte) (int, error) {
	if !g.decided {
		g.WriteHeader(http.StatusOK)
	}
	if g.zw != nil {
		return g.zw.Write(b)
	}
	return g.ResponseWriter.Write(b)
}

func (g *gzipWriter) close() {
	if g.zw != nil {
		g.zw.Close()
		gzipPool.Put(g.zw)
		g.zw = nil
	}
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (g *gzipWriter) Unwrap() http.ResponseWriter { return g.ResponseWriter }
