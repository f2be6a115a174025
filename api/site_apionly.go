//go:build apionly

package api

import (
	"io/fs"
	"net/http"
)

// staticSite, in a build with the tag apionly, serves no site: the paths
// outside the API answer the JSON 404 even when Options.Static is set.
func staticSite(fs.FS) http.Handler { return http.HandlerFunc(notFound) }
