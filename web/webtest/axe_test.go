//go:build !js

package webtest

import (
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/bouncekit/bounce/internal/ui"
)

// axeSource returns axe-core (a devDependency in package.json, installed
// by npm ci). Missing, it skips the test, except in CI. Like every browser
// test, it runs under make test-web-browser, which installs it first.
func axeSource(t *testing.T) string {
	if os.Getenv("BOUNCE_WEB_DIR") == "" {
		t.Skip("BOUNCE_WEB_DIR not set: run make test-web-browser")
	}
	b, err := os.ReadFile("../../node_modules/axe-core/axe.min.js")
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("axe-core not installed (npm ci): %v", err)
		}
		t.Skipf("axe-core not installed (npm ci): %v", err)
	}
	return string(b)
}

type axeViolation struct {
	ID, Help string
	Nodes    []struct{ Target []string }
}

// axe runs axe-core on the page as it is and fails for each violation.
func (s *session) axe(src, state string) { s.axeWith(src, state, "{}") }

// axeWith runs axe-core with the given options (a JavaScript object).
func (s *session) axeWith(src, state, options string) {
	s.t.Helper()
	var loaded bool
	s.eval(`typeof axe === "object"`, &loaded)
	if !loaded {
		s.eval(src+"\n;true", nil)
	}
	var v []axeViolation
	s.awaitEval(`axe.run(document, {...`+options+`, resultTypes: ["violations"]}).then(r => r.violations.map(v =>
		({ID: v.id, Help: v.help, Nodes: v.nodes.map(n => ({Target: n.target.map(String)}))})))`, &v)
	for _, x := range v {
		var where []string
		for _, n := range x.Nodes {
			where = append(where, strings.Join(n.Target, " "))
		}
		s.t.Errorf("%s: %s (%s) at %s", state, x.ID, x.Help, strings.Join(where, "; "))
	}
}

// Every state of the page passes axe-core with no violation, in both
// themes and on a phone.
func TestAxe(t *testing.T) {
	src := axeSource(t)
	s := start(t)
	for _, theme := range []string{"light", "dark"} {
		s.open("")
		s.eval(`localStorage.setItem("bouncekit-theme", "`+theme+`"); true`, nil)
		s.open("")
		s.axe(src, theme+": empty")
		s.paste(gmail)
		s.run(chromedp.WaitVisible(`#result .bk-card`))
		s.axe(src, theme+": one recipient")
		s.paste(threeRecipients(t))
		s.run(chromedp.WaitVisible(`#result .bk-overview`))
		s.axe(src, theme+": three recipients")
		s.paste("complete garbage text \x01 with nothing in it")
		s.run(chromedp.WaitVisible(`#result .bk-empty`))
		s.axe(src, theme+": not a bounce")
		s.run(chromedp.SendKeys("#catalog-q", "5.7.26"), chromedp.WaitVisible(`#catalog-list li`), chromedp.Sleep(300*time.Millisecond))
		s.axe(src, theme+": catalog search")
		s.open("entry=google.5.7.26.unauthenticated")
		s.run(chromedp.WaitVisible(`#catalog-list li`))
		s.axe(src, theme+": entry page")
		s.open("catalog=provider:google")
		s.run(chromedp.WaitVisible(`#catalog-list li.bk-entry-link`))
		s.axe(src, theme+": catalog of one provider")
		s.run(chromedp.Click("#redact"))
		s.paste(ui.Samples[4].Text)
		s.run(chromedp.WaitVisible(`#result .bk-card`), chromedp.WaitVisible(`#bounce-text.masked`))
		s.axe(src, theme+": redacted, the paste area masked")
		s.paste(threeRecipients(t))
		s.run(chromedp.WaitVisible(`#result .bk-overview`), chromedp.WaitVisible(`#bounce-text.masked`))
		s.axe(src, theme+": three recipients redacted")
		s.run(chromedp.Click("#redact"))
	}
	s.eval(`localStorage.removeItem("bouncekit-theme"); true`, nil)
	s.run(chromedp.EmulateViewport(390, 844))
	s.open("")
	s.paste(threeRecipients(t))
	s.run(chromedp.WaitVisible(`#result .bk-overview`))
	s.axe(src, "phone: three recipients")
}

// The widget passes axe-core too, before and after use.
func TestAxeWidget(t *testing.T) {
	src := axeSource(t)
	s := start(t)
	s.navigate("/demo/embed.html")
	// The rules about a whole page's structure (one main landmark, an h1,
	// everything in a landmark) are the host page's, not the widget's.
	const opts = `{rules: {"region": {enabled: false}, "landmark-one-main": {enabled: false}, "page-has-heading-one": {enabled: false}}}`
	s.axeWith(src, "widget before use", opts)
	s.awaitEval(`document.querySelector("bounce-classifier").classify(`+jsString(threeRecipients(t))+`).then(() => true)`, nil)
	s.axeWith(src, "widget with three recipients", opts)
	s.eval(`document.querySelector("bounce-classifier").theme = "dark"; true`, nil)
	s.axeWith(src, "dark widget with three recipients", opts)
	s.eval(`document.querySelector("bounce-classifier").shadowRoot.querySelector("details.bk-source summary").click(); true`, nil)
	s.axeWith(src, "dark widget, its bounce opened", opts)
	s.eval(`document.querySelector("bounce-classifier").redact = true; true`, nil)
	s.axeWith(src, "dark widget, redacted", opts)
}
