// Package ui renders bounce reports into the DOM for the page and the
// widget: one Go rendering path, so both show the same verdict cards.
//
// The pure parts (redaction, evidence location, permalinks, wording,
// samples) build on every platform and are tested on the host; the DOM
// parts build only for js/wasm. All bounce text reaches the DOM as text
// nodes (textContent), never as markup.
package ui
