//go:build !apionly

package api

import (
	"io/fs"
	"net/http"
)

// staticSite is the handler of Options.Static. A build with the tag
// apionly (the Worker's, where Cloudflare serves the site) leaves Static,
// and the gzip writer it needs, out: see site_apionly.go.
func staticSite(fsys fs.FS) http.Handler { return Static(fsys) }
