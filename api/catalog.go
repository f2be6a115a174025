package api

import (
	"net/http"
	"strings"

	"github.com/bouncekit/bounce/catalog"
)

// CatalogEntry is the JSON form of a catalog entry, the same in
// `bounce catalog -json` and in GET /v1/catalog.
type CatalogEntry struct {
	ID          string        `json:"id"`
	Provider    string        `json:"provider"`
	Replies     []int         `json:"reply_codes,omitempty"`
	Statuses    []string      `json:"statuses,omitempty"`
	Texts       []string      `json:"texts,omitempty"`
	Reason      string        `json:"reason"`
	Class       catalog.Class `json:"class"`
	WhoActs     string        `json:"who_acts"`
	Explanation string        `json:"explanation"`
	Action      string        `json:"action"`
	Retry       string        `json:"retry"`
	Sources     []catalog.Doc `json:"sources"`
}

// NewCatalogEntry returns the JSON form of e, with its source documents
// resolved.
func NewCatalogEntry(e *catalog.Entry) CatalogEntry {
	ce := CatalogEntry{ID: e.ID, Provider: e.Provider, Replies: e.Replies, Statuses: e.Statuses,
		Texts: e.Texts, Reason: e.Reason, Class: e.Class, WhoActs: e.Who,
		Explanation: e.Explanation, Action: e.Action, Retry: e.Retry}
	for _, id := range e.Sources {
		if d := catalog.DocByID(id); d != nil {
			ce.Sources = append(ce.Sources, *d)
		}
	}
	return ce
}

// CatalogList is the answer to GET /v1/catalog.
type CatalogList struct {
	Version string         `json:"version"` // catalog.Version
	Entries []CatalogEntry `json:"entries"` // in catalog order
}

func catalogVersion() string { return catalog.Version }

func catalogSearch(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query().Get("q")
	if len(q) > 256 {
		writeError(w, http.StatusBadRequest, "bad_query", "the query is longer than 256 bytes")
		return
	}
	found := catalog.Search(strings.TrimSpace(q))
	list := CatalogList{Version: catalog.Version, Entries: make([]CatalogEntry, len(found))}
	for i, e := range found {
		list.Entries[i] = NewCatalogEntry(e)
	}
	writeJSON(w, http.StatusOK, list)
}

func catalogEntry(w http.ResponseWriter, r *http.Request) {
	id := r.PathValue("id")
	e := catalog.Lookup(id)
	if e == nil {
		writeError(w, http.StatusNotFound, "not_found", "no catalog entry "+id)
		return
	}
	writeJSON(w, http.StatusOK, NewCatalogEntry(e))
}
