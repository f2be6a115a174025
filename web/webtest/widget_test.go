//go:build !js

package webtest

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/bouncekit/bounce"
	"github.com/bouncekit/bounce/internal/ui"
)

// The widget on the demo portal (build/web/demo/portal.html, whose CSS is
// hostile on purpose) and on a bare page (demo/embed.html).

// awaitEval evaluates expr, awaiting the Promise it returns.
func (s *session) awaitEval(expr string, res any) {
	s.t.Helper()
	s.run(chromedp.Evaluate(expr, res, func(p *runtime.EvaluateParams) *runtime.EvaluateParams {
		return p.WithAwaitPromise(true)
	}))
}

// paths returns the paths of this origin requested since the last call
// (with the same seen), in order.
func (s *session) paths(seen *int) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []string
	for _, u := range s.urls[*seen:] {
		if p, err := url.Parse(u); err == nil && strings.HasPrefix(u, s.origin+"/") {
			out = append(out, p.Path)
		}
	}
	*seen = len(s.urls)
	return out
}

// navigate opens a page of the site and waits until the widget element is
// defined and every widget has its shadow root.
func (s *session) navigate(path string) {
	s.t.Helper()
	s.run(chromedp.Navigate("about:blank"), chromedp.Navigate(s.origin+path))
	var ok bool
	s.awaitEval(`customElements.whenDefined("bounce-classifier").then(() =>
		[...document.querySelectorAll("bounce-classifier")].every(w => w.shadowRoot && w.shadowRoot.querySelector(".bk-widget")))`, &ok)
	if !ok {
		s.t.Fatalf("%s: a widget has no shadow root", path)
	}
}

// report is a report as generic JSON, for comparing across surfaces.
func goReport(t *testing.T, text string) any {
	t.Helper()
	rep, err := bounce.ParseString(text)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	if err := json.Unmarshal(rep.AppendJSON(nil), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func jsString(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func count(paths []string, p string) int {
	n := 0
	for _, x := range paths {
		if x == p {
			n++
		}
	}
	return n
}

// styleProps are the computed properties compared between the hostile
// portal and the bare page: everything a host's CSS could change in the
// look of a card, except sizes that follow the width of the column.
var styleProps = []string{
	"font-family", "font-size", "font-weight", "font-style", "line-height", "color", "background-color",
	"letter-spacing", "word-spacing", "text-transform", "text-align", "text-decoration-line",
	"margin-top", "margin-right", "margin-bottom", "margin-left",
	"padding-top", "padding-right", "padding-bottom", "padding-left",
	"border-top-width", "border-top-style", "border-top-color", "border-left-width", "border-left-color",
	"border-top-left-radius", "display", "box-sizing", "color-scheme", "white-space",
}

// styleSelectors are the elements inside a widget's shadow root compared.
var styleSelectors = []string{
	".bk-widget", ".bk-input", ".bk-card", ".bk-head", ".bk-verdict", ".bk-codes", ".bk-sentence",
	".bk-facts", ".bk-facts dt", ".bk-facts dd", ".bk-more", ".bk-more summary", ".bk-evidence", ".bk-summary",
}

// computedStyles returns the styleProps of styleSelectors in the shadow
// root of the widget found by sel.
func (s *session) computedStyles(sel string) map[string]map[string]string {
	s.t.Helper()
	props, _ := json.Marshal(styleProps)
	sels, _ := json.Marshal(styleSelectors)
	var out map[string]map[string]string
	s.eval(`(() => { const root = document.querySelector(`+jsString(sel)+`).shadowRoot; const out = {};
		for (const q of `+string(sels)+`) { const e = root.querySelector(q); if (!e) continue;
			const cs = getComputedStyle(e); out[q] = {}; for (const p of `+string(props)+`) out[q][p] = cs.getPropertyValue(p); }
		return out })()`, &out)
	return out
}

func TestWidget(t *testing.T) {
	s := start(t)
	var cspErrors []string
	chromedp.ListenTarget(s.ctx, func(ev any) {
		if e, ok := ev.(*log.EventEntryAdded); ok && e.Entry.Level == log.LevelError && !strings.HasSuffix(e.Entry.URL, "/favicon.ico") {
			s.mu.Lock()
			cspErrors = append(cspErrors, e.Entry.Text)
			s.mu.Unlock()
		}
	})
	s.run(log.Enable(), network.SetCacheDisabled(true))
	seen := 0
	t.Cleanup(func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		for _, e := range cspErrors {
			t.Errorf("browser logged: %s", e)
		}
	})

	t.Run("nothing-before-use", func(t *testing.T) {
		s.t = t
		s.paths(&seen)
		s.navigate("/demo/portal.html")
		time.Sleep(500 * time.Millisecond) // anything lazy would have started
		got := s.paths(&seen)
		want := []string{"/demo/portal.css", "/demo/portal.html", "/demo/portal.js", "/widget.js"}
		var seen []string
		for _, p := range got {
			if p != "/favicon.ico" {
				seen = append(seen, p)
			}
		}
		sort.Strings(seen)
		if !reflect.DeepEqual(seen, want) {
			t.Errorf("before first use the portal fetched %v, want %v", seen, want)
		}
		var shell struct {
			Input, TicketInputShown, Cards bool
		}
		s.eval(`(() => { const [a, b] = document.querySelectorAll("bounce-classifier");
			return { Input: !!b.shadowRoot.querySelector("textarea.bk-input"),
				TicketInputShown: getComputedStyle(a.shadowRoot.querySelector(".bk-form")).display !== "none",
				Cards: !!document.querySelector(".bk-card, .bk-widget") } })()`, &shell)
		if !shell.Input || shell.TicketInputShown || shell.Cards {
			t.Errorf("shell: paste area %v, hide-input ignored %v, widget parts in the light DOM %v", shell.Input, shell.TicketInputShown, shell.Cards)
		}
	})

	t.Run("classify-event-and-one-wasm", func(t *testing.T) {
		s.t = t
		// The portal's own button calls classify() on the first widget; its
		// bounce-classified listener tags the ticket.
		s.eval(`window.events = []; document.addEventListener("bounce-classified", e => window.events.push({id: e.target.id, detail: e.detail})); true`, nil)
		var tags, verdict string
		s.run(chromedp.Click("#explain"),
			chromedp.Poll(`document.getElementById("ticket-widget").shadowRoot.querySelector(".bk-card")`, nil),
			chromedp.Text("#ticket-tags", &tags))
		s.eval(`document.getElementById("ticket-widget").shadowRoot.querySelector(".bk-card .bk-verdict").textContent`, &verdict)
		if tags != "bounce: permanent · userunknown" || verdict != "Permanent: the address does not exist" {
			t.Errorf("ticket tags %q, verdict %q", tags, verdict)
		}
		var quoted string
		s.eval(`document.getElementById("quoted-bounce").textContent`, &quoted)

		// classify() on the second widget resolves with the report, the
		// same as the Go library's (the CLI's) for each sample.
		for _, x := range append([]ui.Sample{{ID: "quoted", Text: quoted}}, ui.Samples...) {
			var got any
			s.awaitEval(`document.getElementById("scratch-widget").classify(`+jsString(x.Text)+`)`, &got)
			if want := goReport(t, x.Text); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: classify() = %v\nwant %v", x.ID, got, want)
			}
		}
		var events []struct {
			ID     string
			Detail any
		}
		s.eval(`window.events`, &events)
		if len(events) != 2+len(ui.Samples) {
			t.Fatalf("%d bounce-classified events, want %d", len(events), 2+len(ui.Samples))
		}
		if events[0].ID != "ticket-widget" || !reflect.DeepEqual(events[0].Detail, goReport(t, quoted)) {
			t.Errorf("first event from %q, detail %v", events[0].ID, events[0].Detail)
		}
		last := ui.Samples[len(ui.Samples)-1]
		if ev := events[len(events)-1]; ev.ID != "scratch-widget" || !reflect.DeepEqual(ev.Detail, goReport(t, last.Text)) {
			t.Errorf("last event from %q, detail %v", ev.ID, ev.Detail)
		}

		paths := s.paths(&seen)
		t.Logf("first use fetched: %v", paths)
		for _, p := range []string{"/bounce.wasm", "/bounce.js", "/wasm_exec.js"} {
			if n := count(paths, p); n != 1 {
				t.Errorf("%s fetched %d times by two widgets, want once", p, n)
			}
		}
		if n := count(paths, "/cards.css"); n < 1 || n > 2 {
			t.Errorf("cards.css fetched %d times", n)
		}
	})

	t.Run("paste", func(t *testing.T) {
		s.t = t
		s.eval(`(() => { const t = document.getElementById("scratch-widget").shadowRoot.querySelector("textarea");
			t.value = "452 4.2.2 The recipient's inbox is out of storage space.";
			t.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"})); return true })()`, nil)
		s.run(chromedp.Poll(`document.getElementById("scratch-widget").shadowRoot.querySelector('.bk-card[data-class="temporary"]')`, nil))
	})

	// The hostile portal's CSS changes nothing in a card: same computed
	// styles as on the bare page.
	t.Run("host-css", func(t *testing.T) {
		s.t = t
		styles := func(path, sel string) map[string]map[string]string {
			s.navigate(path)
			s.awaitEval(`(async () => { const w = document.querySelector(`+jsString(sel)+`); w.theme = "light";
				w.style.width = "340px"; await w.classify(`+jsString(gmail)+`); return true })()`, nil)
			return s.computedStyles(sel)
		}
		bare := styles("/demo/embed.html", "bounce-classifier")
		portal := styles("/demo/portal.html", "#scratch-widget")
		if len(bare) != len(styleSelectors) {
			t.Fatalf("found %d of %d elements on the bare page: %v", len(bare), len(styleSelectors), bare)
		}
		for _, q := range styleSelectors {
			for _, p := range styleProps {
				if bare[q][p] != portal[q][p] {
					t.Errorf("%s %s: %q on the portal, %q on a bare page", q, p, portal[q][p], bare[q][p])
				}
			}
		}
		if out := os.Getenv("BOUNCE_WIDGET_SCREENSHOT"); out != "" {
			var png []byte
			s.run(chromedp.Click("#explain"),
				chromedp.Poll(`document.getElementById("ticket-widget").shadowRoot.querySelector(".bk-card")`, nil),
				chromedp.FullScreenshot(&png, 100))
			if err := os.WriteFile(out, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		var stacked string
		s.eval(`getComputedStyle(document.querySelector("#scratch-widget").shadowRoot.querySelector(".bk-facts")).gridTemplateColumns`, &stacked)
		if strings.Contains(stacked, " ") {
			t.Errorf("facts in a 340px widget in columns %q, want one", stacked)
		}
		// And the widget's CSS does not leak out.
		var leak string
		s.eval(`getComputedStyle(document.querySelector("article.message")).borderLeftWidth`, &leak)
		if leak == "6px" {
			t.Error("the card border reached the portal's own article")
		}
	})

	t.Run("theme", func(t *testing.T) {
		s.t = t
		s.navigate("/demo/embed.html")
		s.awaitEval(`document.querySelector("bounce-classifier").classify(`+jsString(gmail)+`).then(() => true)`, nil)
		bg := func(theme string) (card, scheme string) {
			var r []string
			s.eval(`(() => { const w = document.querySelector("bounce-classifier"); `+theme+`;
				const root = w.shadowRoot; return [getComputedStyle(root.querySelector(".bk-card")).backgroundColor,
				getComputedStyle(root.querySelector(".bk-widget")).colorScheme] })()`, &r)
			return r[0], r[1]
		}
		const light, dark = "rgb(246, 248, 250)", "rgb(22, 27, 34)"
		for _, c := range []struct{ set, card, scheme string }{
			{`w.theme = "dark"`, dark, "dark"},
			{`w.setAttribute("theme", "light")`, light, "light"},
			{`w.removeAttribute("theme")`, light, "normal"}, // auto: the page declares no color-scheme
		} {
			if card, scheme := bg(c.set); card != c.card || scheme != c.scheme {
				t.Errorf("%s: card background %s, color-scheme %q; want %s, %q", c.set, card, scheme, c.card, c.scheme)
			}
		}
		s.run(emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "dark"}}))
		// auto follows the host page: light on a page that declares no
		// color-scheme, the reader's preference on one that declares both.
		if card, _ := bg(`w.theme = "auto"`); card != light {
			t.Errorf("auto with a dark preference on a light-only page: card background %s", card)
		}
		if card, _ := bg(`w.theme = "auto"; document.documentElement.style.colorScheme = "light dark"`); card != dark {
			t.Errorf("auto with a dark preference on a light-dark page: card background %s", card)
		}
		s.eval(`document.documentElement.style.colorScheme = ""; true`, nil)
		if card, _ := bg(`w.theme = "light"`); card != light {
			t.Errorf("light with a dark preference: card background %s", card)
		}
		s.run(emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{}))
	})

	t.Run("text-attribute-is-text", func(t *testing.T) {
		s.t = t
		s.navigate("/demo/embed.html")
		hostile := `550 5.1.1 <img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> User unknown`
		s.eval(`document.querySelector("bounce-classifier").setAttribute("text", `+jsString(hostile)+`); true`, nil)
		s.run(chromedp.Poll(`document.querySelector("bounce-classifier").shadowRoot.querySelector(".bk-card")`, nil),
			chromedp.Sleep(200*time.Millisecond))
		var r struct {
			Pwned, Tags int
			Shown       string
		}
		s.eval(`(() => { const root = document.querySelector("bounce-classifier").shadowRoot;
			return { Pwned: window.pwned ?? 0, Tags: root.querySelectorAll("img, script").length + document.querySelectorAll("img, script:not([src])").length,
				Shown: root.querySelector(".bk-out").textContent } })()`, &r)
		if r.Pwned != 0 || r.Tags != 0 {
			t.Errorf("markup ran: pwned=%d, elements=%d", r.Pwned, r.Tags)
		}
		if !strings.Contains(r.Shown, `<img src=x onerror="window.pwned=1">`) {
			t.Errorf("markup not shown as text: %.300s", r.Shown)
		}
	})

	t.Run("compact", func(t *testing.T) {
		s.t = t
		var open []bool
		s.eval(`(() => { const w = document.querySelector("bounce-classifier"); const r = w.shadowRoot;
			const a = !!r.querySelector(".bk-card details.bk-more"); w.compact = false;
			return [a, !!r.querySelector(".bk-card details.bk-more")] })()`, &open)
		// compact re-renders the last report through bounceRenderReport, which
		// is asynchronous only until the engine has loaded (it has here).
		time.Sleep(100 * time.Millisecond)
		var after bool
		s.eval(`!!document.querySelector("bounce-classifier").shadowRoot.querySelector(".bk-card details.bk-more")`, &after)
		if !open[0] || after {
			t.Errorf("details on demand: compact %v, compact=false %v", open[0], after)
		}
	})

	// With endpoint, the API classifies and the same Go renderer shows it:
	// the same report and the same markup as classifying in the browser.
	t.Run("endpoint", func(t *testing.T) {
		s.t = t
		s.navigate("/demo/embed.html")
		s.paths(&seen)
		var r struct {
			Local, Remote         any
			LocalHTML, RemoteHTML string
		}
		s.awaitEval(`(async () => { const a = document.querySelector("bounce-classifier");
			const b = document.createElement("bounce-classifier"); b.endpoint = location.origin + "/v1/classify";
			document.body.append(b);
			const text = `+jsString(gmail)+`;
			const Local = await a.classify(text), Remote = await b.classify(text);
			return { Local, Remote, LocalHTML: a.shadowRoot.querySelector(".bk-out").innerHTML,
				RemoteHTML: b.shadowRoot.querySelector(".bk-out").innerHTML } })()`, &r)
		if !reflect.DeepEqual(r.Local, r.Remote) || !reflect.DeepEqual(r.Local, goReport(t, gmail)) {
			t.Errorf("endpoint report %v\nlocal %v", r.Remote, r.Local)
		}
		if r.LocalHTML != r.RemoteHTML || !strings.Contains(r.RemoteHTML, "bk-card") {
			t.Errorf("endpoint rendering differs:\n%s\nlocal:\n%s", r.RemoteHTML, r.LocalHTML)
		}
		if n := count(s.paths(&seen), "/v1/classify"); n != 1 {
			t.Errorf("%d requests to /v1/classify, want 1", n)
		}
	})
	s.t = t
}

// TestWidgetCrossOrigin embeds the widget in a page of another origin whose
// Content-Security-Policy is exactly what the README tells a host to allow.
func TestWidgetCrossOrigin(t *testing.T) {
	s := start(t)
	logged := s.openOnPortal("")
	var r struct {
		Class, Border string
	}
	s.awaitEval(`(async () => { const w = document.querySelector("bounce-classifier");
		const rep = await w.classify(`+jsString(gmail)+`);
		return { Class: rep.recipients[0].class,
			Border: getComputedStyle(w.shadowRoot.querySelector(".bk-card")).borderLeftWidth } })()`, &r)
	if r.Class != "permanent" || r.Border != "6px" {
		t.Errorf("cross-origin widget: class %q, card border %q (cards.css not applied?)", r.Class, r.Border)
	}
	for _, l := range logged() {
		t.Errorf("browser logged: %s", l)
	}
}

// openOnPortal opens a host page of another origin with one widget, whose
// Content-Security-Policy allows the widget's origin as the README tells a
// host to, plus extraCSP (appended to connect-src's value, so it may start
// a directive of its own). It returns the errors the browser logs from
// then on. The host page's own requests, and its blob: URLs, are expected:
// they are dropped before checkRequests, which looks at the widget's
// origin only.
func (s *session) openOnPortal(extraCSP string) (logged func() []string) {
	s.t.Helper()
	widget := s.origin
	csp := "default-src 'none'; script-src " + widget + " 'wasm-unsafe-eval'; style-src " + widget +
		"; connect-src " + widget + extraCSP + "; base-uri 'none'; form-action 'none'"
	host := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Security-Policy", csp)
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		io.WriteString(w, `<!doctype html><title>portal</title><script type="module" src="`+widget+`/widget.js"></script>
<p>A ticket.</p><bounce-classifier></bounce-classifier>`)
	}))
	s.t.Cleanup(host.Close)
	// Registered after start's cleanups, so it runs before checkRequests.
	s.t.Cleanup(func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		kept := s.urls[:0]
		for _, u := range s.urls {
			if !strings.HasPrefix(u, host.URL+"/") && !strings.HasPrefix(u, "blob:"+host.URL+"/") {
				kept = append(kept, u)
			}
		}
		s.urls = kept
	})
	var errs []string
	chromedp.ListenTarget(s.ctx, func(ev any) {
		if e, ok := ev.(*log.EventEntryAdded); ok && e.Entry.Level == log.LevelError && !strings.HasSuffix(e.Entry.URL, "/favicon.ico") {
			s.mu.Lock()
			errs = append(errs, e.Entry.Text)
			s.mu.Unlock()
		}
	})
	s.run(log.Enable())
	s.navigate2(host.URL + "/")
	return func() []string {
		s.mu.Lock()
		defer s.mu.Unlock()
		return slices.Clone(errs)
	}
}

// navigate2 opens url (of any origin) and waits for the widgets' shadow roots.
func (s *session) navigate2(url string) {
	s.t.Helper()
	s.run(chromedp.Navigate("about:blank"), chromedp.Navigate(url))
	var ok bool
	s.awaitEval(`customElements.whenDefined("bounce-classifier").then(() =>
		[...document.querySelectorAll("bounce-classifier")].every(w => w.shadowRoot))`, &ok)
	if !ok {
		s.t.Fatalf("%s: a widget has no shadow root", url)
	}
}
