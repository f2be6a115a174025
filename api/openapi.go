package api

import (
	_ "embed"
	"net/http"
)

// OpenAPI is the OpenAPI 3 description of the API, served at /openapi.json.
//
//go:embed openapi.json
var OpenAPI []byte

func openapi(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "public, max-age=3600")
	w.Write(OpenAPI)
}
