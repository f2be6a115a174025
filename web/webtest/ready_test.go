//go:build !js

package webtest

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// What the page does before it says it is ready: bounce.wasm is fetched
// and compiled in a worker (bounce-compile.js), not on the page's main
// thread, and what a paste does not need (the catalog's browse links)
// comes after ready. Without the worker the page compiles it itself.

// atReadyJS records, when the page sets data-ready, whether the browse
// links were there already (a MutationObserver's callback runs right
// after the script that set the attribute, before any later task).
const atReadyJS = `new MutationObserver((_, mo) => {
  const root = document.getElementById("bouncekit");
  if (root?.dataset.ready !== "true") return;
  mo.disconnect();
  window.atReady = { browse: document.querySelector(".browse") !== null };
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] })`

// fetched returns the file names the page's own document fetched, as its
// resource timing lists them (a worker's fetches are the worker's).
func (s *session) fetched() []string {
	s.t.Helper()
	var names []string
	s.eval(`performance.getEntriesByType("resource").map((r) => new URL(r.name).pathname.split("/").pop())`, &names)
	return names
}

func TestReadyOrder(t *testing.T) {
	s := start(t)
	s.run(chromedp.ActionFunc(func(ctx context.Context) error {
		_, err := page.AddScriptToEvaluateOnNewDocument(atReadyJS).Do(ctx)
		return err
	}))
	s.open("")
	var at struct{ Browse bool }
	s.eval(`window.atReady ?? {Browse: true}`, &at)
	if at.Browse {
		t.Error("the browse links were built before the page said it was ready (or the observer did not run)")
	}
	s.run(chromedp.WaitVisible(`.browse a[href="#catalog=provider:google"]`))
	got := s.fetched()
	if !slices.Contains(got, "bounce-compile.js") || slices.Contains(got, "bounce.wasm") {
		t.Errorf("the page fetched %q: want bounce-compile.js, and bounce.wasm only in the worker", got)
	}

	// A catalog link marks its facet at once: the links come first then.
	s.open("catalog=provider:google")
	var current string
	s.eval(`document.querySelector(".browse a[aria-current=page]")?.dataset.facet ?? ""`, &current)
	if current != "provider:google" {
		t.Errorf("a catalog link marks %q as current", current)
	}
}

// Without bounce-compile.js the page compiles bounce.wasm itself.
func TestReadyWithoutCompileWorker(t *testing.T) {
	dir := copySite(t)
	if err := os.Remove(filepath.Join(dir, "bounce-compile.js")); err != nil {
		t.Fatal(err)
	}
	t.Setenv("BOUNCE_WEB_DIR", dir)
	s := start(t)
	s.open("")
	if got := s.fetched(); !slices.Contains(got, "bounce.wasm") {
		t.Errorf("the page fetched %q: no bounce.wasm", got)
	}
	s.paste(gmail)
	s.run(chromedp.WaitVisible(`#result .bk-card[data-reason="userunknown"]`))
}
