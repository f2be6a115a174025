// Package api is bouncekit's HTTP API as a plain net/http handler, the same
// natively (`bounce serve`) and in the Cloudflare Worker (wasm/worker).
//
// New returns the API; Static serves a static site, such as build/web,
// beside it. Reports have the JSON form of bounce.Report, byte for byte what
// `bounce classify -json` prints; catalog entries that of CatalogEntry,
// which `bounce catalog -json` prints too. The routes, limits and errors
// are described in openapi.json, served at /openapi.json.
package api
