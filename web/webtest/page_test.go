//go:build !js

// Package webtest drives the page (build/web) in headless Chromium. It runs
// from "make test-web-browser", which builds the site and sets
// BOUNCE_WEB_DIR; plain "go test ./..." skips it.
package webtest

import (
	"bytes"
	"compress/flate"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/bouncekit/bounce/api"
	"github.com/bouncekit/bounce/internal/ui"
)

const gmail = `550-5.1.1 The email account that you tried to reach does not exist. Please try
550-5.1.1 double-checking the recipient's email address for typos or
550-5.1.1 unnecessary spaces. For more information, go to
550 5.1.1  https://support.google.com/mail/?p=NoSuchUser d2si1234567pgb.12 - gsmtp
`

// chromium returns the browser to use. A missing browser skips the test,
// except in CI, where it is a failure.
func chromium(t *testing.T) string {
	for _, p := range []string{os.Getenv("CHROMIUM"), "/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if p == "" {
			continue
		}
		if path, err := exec.LookPath(p); err == nil {
			return path
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("no Chromium found (set CHROMIUM, or apt-get install chromium)")
	}
	t.Skip("no Chromium found; apt-get install chromium")
	return ""
}

// session is one browser on one server, with every request it made.
type session struct {
	t      *testing.T
	origin string
	ctx    context.Context

	mu      sync.Mutex
	urls    []string
	console []string       // errors and warnings logged by the page
	served  map[string]int // requests the site's server answered, by path
	noStore bool           // the site's answers say Cache-Control: no-store
}

// servedCount is the number of requests for path that the site's server
// answered so far (a worker's requests included, which the page's network
// events do not show).
func (s *session) servedCount(path string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.served[path]
}

func start(t *testing.T) *session {
	dir := os.Getenv("BOUNCE_WEB_DIR")
	if dir == "" {
		t.Skip("BOUNCE_WEB_DIR not set: run make test-web-browser")
	}
	if _, err := os.Stat(dir + "/bounce.wasm"); err != nil {
		t.Fatalf("no site in %s: run make web (%v)", dir, err)
	}
	exe := chromium(t)
	s := &session{t: t, served: map[string]int{}}
	site := api.Gzip(api.New(api.Options{Static: os.DirFS(dir)}))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.mu.Lock()
		s.served[r.URL.Path]++
		noStore := s.noStore
		s.mu.Unlock()
		if noStore {
			w.Header().Set("Cache-Control", "no-store")
		}
		site.ServeHTTP(w, r)
	}))
	t.Cleanup(srv.Close)

	// Not t.TempDir: Chromium's helpers may still write there as it exits,
	// which would fail the test in cleanup.
	profile, err := os.MkdirTemp("", "bouncekit-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("metrics-recording-only", true),
		chromedp.Flag("no-pings", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1000, 900),
	}
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancelB := chromedp.NewContext(actx)
	// Generous for a loaded 2-core machine; BOUNCE_BROWSER_TIMEOUT (a Go
	// duration) shortens it, e.g. to run the tests against an older build
	// whose missing features would each wait the whole time.
	timeout := 3 * time.Minute
	if d, err := time.ParseDuration(os.Getenv("BOUNCE_BROWSER_TIMEOUT")); err == nil {
		timeout = d
	}
	ctx, cancelT := context.WithTimeout(ctx, timeout)
	t.Cleanup(func() {
		cancelT()
		cancelB()
		cancelA()
		for i := 0; i < 10 && os.RemoveAll(profile) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	})

	s.origin, s.ctx = srv.URL, ctx
	chromedp.ListenTarget(ctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			s.mu.Lock()
			s.urls = append(s.urls, e.Request.URL)
			s.mu.Unlock()
		case *runtime.EventConsoleAPICalled:
			if e.Type == runtime.APITypeError || e.Type == runtime.APITypeWarning {
				var args []string
				for _, a := range e.Args {
					args = append(args, string(a.Value))
				}
				s.mu.Lock()
				s.console = append(s.console, strings.Join(args, " "))
				s.mu.Unlock()
			}
		case *runtime.EventExceptionThrown:
			s.mu.Lock()
			s.console = append(s.console, e.ExceptionDetails.Error())
			s.mu.Unlock()
		}
	})
	s.run(network.Enable())
	t.Cleanup(s.checkRequests)
	return s
}

func (s *session) run(actions ...chromedp.Action) {
	s.t.Helper()
	if err := chromedp.Run(s.ctx, actions...); err != nil {
		s.t.Fatal(err)
	}
}

// open loads the page with the given fragment and waits until the Go UI is
// wired; it returns the milliseconds from navigation to ready.
func (s *session) open(fragment string) int {
	s.t.Helper()
	var ms string
	var ok bool
	// Leave first: a navigation that changes only the fragment would not
	// reload the page.
	s.run(chromedp.Navigate("about:blank"), chromedp.Navigate(s.origin+"/#"+fragment),
		chromedp.WaitVisible(`#bouncekit[data-ready="true"]`),
		chromedp.AttributeValue("#bouncekit", "data-ready-ms", &ms, &ok))
	n := 0
	for _, c := range ms {
		n = n*10 + int(c-'0')
	}
	return n
}

// paste puts text in the paste area as a paste does.
func (s *session) paste(text string) {
	s.t.Helper()
	js, _ := json.Marshal(text)
	s.eval(`(() => { const t = document.getElementById("bounce-text"); t.value = `+string(js)+`;
		t.dispatchEvent(new InputEvent("input", {bubbles: true, inputType: "insertFromPaste"})); return true })()`, nil)
}

// copied clicks the button sel with the clipboard replaced by a recorder,
// and returns what the page copied ("" if nothing).
func (s *session) copied(sel string) string {
	s.t.Helper()
	s.eval(`window.copied = ""; navigator.clipboard.writeText = async (x) => { window.copied = x }; true`, nil)
	var out string
	s.run(chromedp.Click(sel))
	// Copying a link waits for CompressionStream, which a loaded machine
	// can make slow: wait up to 3 s for something to be copied. Nothing
	// copied by then is the answer "".
	chromedp.Run(s.ctx, chromedp.Poll(`window.copied !== ""`, nil, chromedp.WithPollingTimeout(3*time.Second)))
	s.eval(`window.copied`, &out)
	return out
}

// link returns the fragment of a permalink to text, compressed as the
// page compresses it.
func link(t *testing.T, text string) string {
	var buf bytes.Buffer
	w, _ := flate.NewWriter(&buf, flate.DefaultCompression)
	w.Write([]byte(text))
	w.Close()
	frag, ok := ui.Fragment(buf.Bytes())
	if !ok {
		t.Fatalf("a %d-byte text is too large for a link", len(text))
	}
	return frag
}

func (s *session) eval(expr string, res any) {
	s.t.Helper()
	s.run(chromedp.Evaluate(expr, res))
}

// checkRequests fails the test for any request outside the page's origin.
func (s *session) checkRequests() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.urls) == 0 {
		s.t.Error("no request seen: the network listener is not working")
	}
	for _, c := range s.console {
		s.t.Errorf("page logged: %s", c)
	}
	for _, u := range s.urls {
		if !strings.HasPrefix(u, s.origin+"/") {
			s.t.Errorf("request outside the page's origin: %s", u)
		}
	}
}

func TestPage(t *testing.T) {
	s := start(t)
	ready := s.open("")
	t.Logf("navigation to ready: %d ms", ready)

	t.Run("gmail", func(t *testing.T) {
		s.t = t
		s.paste(gmail)
		var verdict, reason, cls, marked string
		var ok bool
		s.run(chromedp.WaitVisible(`#result .bk-card`),
			chromedp.Text(`#result .bk-card .bk-verdict`, &verdict),
			chromedp.AttributeValue(`#result .bk-card`, "data-reason", &reason, &ok),
			chromedp.AttributeValue(`#result .bk-card`, "data-class", &cls, &ok),
			chromedp.Text(`#result .bk-source mark`, &marked))
		if verdict != "Permanent: the address does not exist" || cls != "permanent" || reason != "userunknown" {
			t.Errorf("card: verdict %q, class %q, reason %q", verdict, cls, reason)
		}
		if !strings.Contains(marked, "does not exist") {
			t.Errorf("evidence marked: %q", marked)
		}
		if out := os.Getenv("BOUNCE_SCREENSHOT"); out != "" {
			var png []byte
			s.run(chromedp.Screenshot(`.results`, &png))
			if err := os.WriteFile(out, png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	})

	t.Run("typing", func(t *testing.T) {
		s.t = t
		s.run(chromedp.Click("#clear"), chromedp.SendKeys("#bounce-text", "452 4.2.2 The recipient's inbox is out of storage space."),
			chromedp.WaitVisible(`#result .bk-card[data-class="temporary"]`))
	})

	t.Run("catalog", func(t *testing.T) {
		s.t = t
		for _, q := range []string{"5.7.26", "550", "DMARC"} {
			var ids []string
			s.eval(`document.getElementById("catalog-q").value = ""`, nil)
			s.run(chromedp.SendKeys("#catalog-q", q),
				chromedp.WaitVisible(`#catalog-list li`))
			time.Sleep(300 * time.Millisecond) // past the debounce of the last key
			s.eval(`[...document.querySelectorAll("#catalog-list li")].map(li => li.textContent)`, &ids)
			if len(ids) == 0 {
				t.Errorf("%s: no entry shown", q)
			}
			for _, txt := range ids {
				// 5.7.26 also finds IANA's X.7.26; 550 is in reply_codes.
				if !strings.Contains(strings.ToLower(txt), strings.ToLower(strings.TrimPrefix(q, "5."))) {
					t.Errorf("%s: entry without it: %.80s", q, txt)
				}
			}
		}
	})

	t.Run("permalink", func(t *testing.T) {
		s.t = t
		text := "550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy."
		frag := link(t, text)
		s.open(frag)
		var got, link string
		s.run(chromedp.WaitVisible(`#result .bk-card[data-reason]`), chromedp.Value("#bounce-text", &got))
		link = s.copied("#copy-link")
		if got != text {
			t.Errorf("paste area = %q", got)
		}
		// The browser's CompressionStream may compress differently from
		// Go: the copied link must give back the text.
		if !strings.HasPrefix(link, s.origin+"/#z=") {
			t.Errorf("copied link %q", link)
		} else {
			var again string
			s.open(strings.TrimPrefix(link, s.origin+"/#"))
			s.run(chromedp.WaitVisible(`#result .bk-card[data-reason]`), chromedp.Value("#bounce-text", &again))
			if again != text {
				t.Errorf("the copied link gives %q", again)
			}
		}
		// The older, percent-encoded links still open.
		s.open(ui.PlainFragment(text))
		s.run(chromedp.WaitVisible(`#result .bk-card[data-reason]`), chromedp.Value("#bounce-text", &got))
		if got != text {
			t.Errorf("paste area from a text= link = %q", got)
		}
	})

	t.Run("html-is-text", func(t *testing.T) {
		s.t = t
		s.open("")
		hostile := `550 5.1.1 <img src=x onerror="window.pwned=1"> <script>window.pwned=2</script> User unknown`
		s.paste(hostile)
		var shown string
		var pwned, tags int
		s.run(chromedp.WaitVisible(`#result .bk-card`), chromedp.Sleep(200*time.Millisecond),
			chromedp.Text(`#result`, &shown))
		s.eval(`window.pwned === undefined ? 0 : window.pwned`, &pwned)
		s.eval(`document.querySelectorAll("#result img, #result script").length`, &tags)
		if pwned != 0 || tags != 0 {
			t.Errorf("markup ran: pwned=%d, elements=%d", pwned, tags)
		}
		if !strings.Contains(shown, `<img src=x onerror="window.pwned=1">`) {
			t.Errorf("markup not shown as text: %.200s", shown)
		}
	})

	t.Run("redact-and-json", func(t *testing.T) {
		s.t = t
		s.open("")
		var shown, copied string
		s.run(chromedp.SetValue("#sample", "postfix-dsn"),
			chromedp.Evaluate(`document.getElementById("sample").dispatchEvent(new Event("change")) `, nil),
			chromedp.WaitVisible(`#result .bk-card`), chromedp.Click("#redact"),
			chromedp.Text("#result", &shown))
		copied = s.copied("#copy-json")
		for _, secret := range []string{"bob@example.org", "198.51.100.25", "mx.example.org"} {
			if strings.Contains(shown, secret) || strings.Contains(copied, secret) {
				t.Errorf("%s shown or copied with redaction on", secret)
			}
		}
		var rep struct {
			Recipients []struct{ Recipient, Class string }
		}
		if err := json.Unmarshal([]byte(copied), &rep); err != nil || len(rep.Recipients) != 1 || rep.Recipients[0].Recipient != "[address 1]" {
			t.Errorf("copied JSON %v: %.300s", err, copied)
		}
	})

	t.Run("accessible", func(t *testing.T) {
		s.t = t
		var unlabelled []string
		s.eval(`[...document.querySelectorAll("textarea, input, select")].filter(e => !e.labels || e.labels.length === 0).map(e => e.id)`, &unlabelled)
		if len(unlabelled) > 0 {
			t.Errorf("controls without a label: %v", unlabelled)
		}
		var focused string
		s.open("")
		// The skip link first, then the theme menu, then the paste area.
		for i := 0; i < 3 && focused != "bounce-text"; i++ {
			s.run(chromedp.KeyEvent("\t"))
			s.eval(`document.activeElement.id`, &focused)
		}
		if focused != "bounce-text" {
			t.Errorf("three Tabs end on %q, want the paste area", focused)
		}
		var wide bool
		s.run(chromedp.EmulateViewport(360, 740))
		s.paste(gmail)
		s.run(chromedp.WaitVisible(`#result .bk-card`))
		s.eval(`document.documentElement.scrollWidth > 360`, &wide)
		if wide {
			t.Error("page wider than a 360 px phone screen")
		}
		s.run(chromedp.EmulateViewport(1000, 900))
	})

	t.Run("timing", func(t *testing.T) {
		s.t = t
		texts, _ := json.Marshal(func() []string {
			var out []string
			for _, x := range ui.Samples {
				out = append(out, x.Text)
			}
			return out
		}())
		var ms float64
		s.eval(`(() => { const texts = `+string(texts)+`; const n = 20; const t0 = performance.now();
			for (let i = 0; i < n; i++) for (const x of texts) classifyBounce(x);
			return (performance.now() - t0) / (n * texts.length) })()`, &ms)
		t.Logf("classifyBounce in the page: %.3f ms per message (mean over %d samples)", ms, len(ui.Samples))
		s.eval(`(() => { const r = document.createElement("div"); const t0 = performance.now();
			for (let i = 0; i < 20; i++) bounceRender(r, `+string(texts)+`[4]); return (performance.now() - t0) / 20 })()`, &ms)
		t.Logf("bounceRender of a DSN in the page: %.3f ms", ms)
	})
	s.t = t
}
