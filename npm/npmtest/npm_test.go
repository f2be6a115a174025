//go:build !js

// Package npmtest checks the npm package as a user gets it: the tarball of
// "make npm" installed into an empty folder, used from Node and from a
// page bundled by esbuild in headless Chromium. It runs from
// "make test-npm", which builds the tarball and sets BOUNCE_NPM_TARBALL;
// plain "go test ./..." skips it. With CI=true a missing node, npm,
// esbuild or Chromium is a failure.
package npmtest

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/bouncekit/bounce"
)

const gmail = "550-5.1.1 The email account that you tried to reach does not exist. Please try\n" +
	"550-5.1.1 double-checking the recipient's email address for typos or\n" +
	"550 5.1.1 unnecessary spaces. https://support.google.com/mail/?p=NoSuchUser d2si1234567 - gsmtp\n"

// need returns the path of a program, skipping the test when it is
// missing, except in CI.
func need(t *testing.T, names ...string) string {
	t.Helper()
	for _, n := range names {
		if n == "" {
			continue
		}
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s not found (CI=true)", names)
	}
	t.Skipf("%s not found", names)
	return ""
}

// install installs the tarball into an empty folder, from the tarball
// alone (no registry), and returns the folder.
func install(t *testing.T) string {
	t.Helper()
	tgz := os.Getenv("BOUNCE_NPM_TARBALL")
	if tgz == "" {
		t.Skip("BOUNCE_NPM_TARBALL not set: run make test-npm")
	}
	if _, err := os.Stat(tgz); err != nil {
		t.Fatalf("no tarball: %v (run make npm)", err)
	}
	npm := need(t, "npm")
	dir := t.TempDir()
	write(t, filepath.Join(dir, "package.json"), `{"name": "npm-test", "private": true, "type": "module"}`)
	cmd := exec.Command(npm, "install", "--offline", "--no-audit", "--no-fund", "--ignore-scripts", tgz)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "npm_config_update_notifier=false")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("npm install: %v\n%s", err, out)
	}
	return dir
}

func write(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// libraryReport is the Go library's report for text, as generic JSON.
func libraryReport(t *testing.T, text string) any {
	t.Helper()
	rep, err := bounce.ParseString(text)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(rep)
	if err != nil {
		t.Fatal(err)
	}
	var v any
	json.Unmarshal(b, &v)
	return v
}

// TestPackageManifest checks what the tarball holds and declares.
func TestPackageManifest(t *testing.T) {
	dir := filepath.Join(install(t), "node_modules", "bouncekit")
	for _, f := range []string{"index.js", "index.d.ts", "bounce.js", "bounce.wasm", "wasm_exec.js", "widget.js", "widget.d.ts", "cards.css", "README.md"} {
		if fi, err := os.Stat(filepath.Join(dir, f)); err != nil || fi.Size() == 0 {
			t.Errorf("%s missing or empty in the package: %v", f, err)
		}
	}
	var pkg struct {
		Name    string                     `json:"name"`
		Type    string                     `json:"type"`
		Exports map[string]json.RawMessage `json:"exports"`
		Types   string                     `json:"types"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		t.Fatal(err)
	}
	if pkg.Name != "bouncekit" || pkg.Type != "module" || pkg.Types == "" {
		t.Errorf("name %q, type %q, types %q", pkg.Name, pkg.Type, pkg.Types)
	}
	for _, e := range []string{".", "./widget", "./bounce.wasm"} {
		if pkg.Exports[e] == nil {
			t.Errorf("exports has no %q", e)
		}
	}
	readme, _ := os.ReadFile(filepath.Join(dir, "README.md"))
	for _, want := range []string{"npm install bouncekit", `from "bouncekit"`, `"bouncekit/widget"`} {
		if !strings.Contains(string(readme), want) {
			t.Errorf("README lacks %q", want)
		}
	}
}

// declared returns the names index.d.ts declares as values.
func declared(t *testing.T, dts string) []string {
	b, err := os.ReadFile(dts)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, m := range regexp.MustCompile(`(?m)^export declare (?:const|function|class) (\w+)`).FindAllStringSubmatch(string(b), -1) {
		names = append(names, m[1])
	}
	slices.Sort(names)
	return names
}

// TestNode imports the installed package from Node: the report equals the
// Go library's, the catalog answers, the .wasm resolves through exports,
// index.d.ts declares exactly what the module exports, and Node prints no
// warning (such as MODULE_TYPELESS_PACKAGE_JSON).
func TestNode(t *testing.T) {
	dir := install(t)
	node := need(t, "node")
	text, _ := json.Marshal(gmail)
	write(t, filepath.Join(dir, "use.js"), `
import * as bk from "bouncekit";
import { ready, classifyBounce, bounceCatalog } from "bouncekit";
await ready;
let threw = "";
try { classifyBounce(42); } catch (e) { threw = String(e instanceof Error && e.message); }
console.log(JSON.stringify({
  exports: Object.keys(bk).sort(),
  report: classifyBounce(`+string(text)+`),
  catalog: bounceCatalog("5.7.26").map((e) => e.statuses),
  wasm: import.meta.resolve("bouncekit/bounce.wasm"),
  threw,
}));
`)
	cmd := exec.Command(node, "use.js")
	cmd.Dir = dir
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderr.String())
	}
	if stderr.Len() > 0 {
		t.Errorf("node wrote to stderr: %s", stderr.String())
	}
	var got struct {
		Exports []string   `json:"exports"`
		Report  any        `json:"report"`
		Catalog [][]string `json:"catalog"`
		Wasm    string     `json:"wasm"`
		Threw   string     `json:"threw"`
	}
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	if want := libraryReport(t, gmail); !reflect.DeepEqual(got.Report, want) {
		t.Errorf("report from Node:\n%v\nGo library:\n%v", got.Report, want)
	}
	if len(got.Catalog) == 0 {
		t.Error("bounceCatalog(\"5.7.26\") found nothing")
	}
	for _, st := range got.Catalog {
		if !strings.Contains(strings.Join(st, ","), ".7.26") {
			t.Errorf("catalog entry with statuses %v", st)
		}
	}
	if !strings.HasSuffix(got.Wasm, "/node_modules/bouncekit/bounce.wasm") {
		t.Errorf("bouncekit/bounce.wasm resolves to %q", got.Wasm)
	}
	if !strings.Contains(got.Threw, "string") {
		t.Errorf("classifyBounce(42) threw %q", got.Threw)
	}
	if want := declared(t, filepath.Join(dir, "node_modules", "bouncekit", "index.d.ts")); !slices.Equal(got.Exports, want) {
		t.Errorf("the module exports %q, index.d.ts declares %q", got.Exports, want)
	}
}

// TestBrowserBundle bundles a page that imports "bouncekit" and
// "bouncekit/widget" with esbuild, serves it with the files the README says
// to copy beside the bundle, and runs it in Chromium: the function's report
// equals the Go library's, and the widget classifies its text attribute.
func TestBrowserBundle(t *testing.T) {
	dir := install(t)
	esbuild := need(t, os.Getenv("ESBUILD"), "esbuild")
	exe := need(t, os.Getenv("CHROMIUM"), "/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
	text, _ := json.Marshal(gmail)
	write(t, filepath.Join(dir, "app.js"), `
import { ready, classifyBounce, bounceCatalog } from "bouncekit";
import { BounceClassifier } from "bouncekit/widget";
const out = { widgetClass: typeof BounceClassifier, defined: customElements.get("bounce-classifier") === BounceClassifier };
try {
  await ready;
  out.report = classifyBounce(`+string(text)+`);
  out.catalog = bounceCatalog("550").length;
} catch (e) {
  out.error = String(e);
}
window.result = out;
`)
	pub := filepath.Join(dir, "public")
	os.Mkdir(pub, 0o755)
	cmd := exec.Command(esbuild, "app.js", "--bundle", "--format=esm", "--log-level=error", "--outfile=public/app.js")
	cmd.Dir = dir
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("esbuild: %v\n%s", err, out)
	}
	for _, f := range []string{"bounce.js", "bounce.wasm", "wasm_exec.js", "cards.css"} {
		b, err := os.ReadFile(filepath.Join(dir, "node_modules", "bouncekit", f))
		if err != nil {
			t.Fatal(err)
		}
		write(t, filepath.Join(pub, f), string(b))
	}
	write(t, filepath.Join(pub, "index.html"), `<!doctype html><meta charset="utf-8"><title>npm test</title>
<script type="module" src="app.js"></script>
<bounce-classifier id="w"></bounce-classifier>`)

	srv := httptest.NewServer(http.FileServer(http.Dir(pub)))
	defer srv.Close()
	profile, err := os.MkdirTemp("", "bouncekit-npm-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		for i := 0; i < 10 && os.RemoveAll(profile) != nil; i++ {
			time.Sleep(100 * time.Millisecond)
		}
	}()
	actx, cancelA := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(exe), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU,
		chromedp.NoFirstRun, chromedp.NoDefaultBrowserCheck, chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-extensions", true))
	defer cancelA()
	ctx, cancelB := chromedp.NewContext(actx)
	defer cancelB()
	ctx, cancelT := context.WithTimeout(ctx, 60*time.Second)
	defer cancelT()

	var raw string
	if err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/"),
		chromedp.Poll(`window.result !== undefined`, nil, chromedp.WithPollingTimeout(45*time.Second)),
		chromedp.Evaluate(`JSON.stringify(window.result)`, &raw),
	); err != nil {
		t.Fatal(err)
	}
	var got struct {
		WidgetClass string `json:"widgetClass"`
		Defined     bool   `json:"defined"`
		Report      any    `json:"report"`
		Catalog     int    `json:"catalog"`
		Error       string `json:"error"`
	}
	if err := json.Unmarshal([]byte(raw), &got); err != nil {
		t.Fatalf("%v: %s", err, raw)
	}
	if got.Error != "" {
		t.Fatalf("the page failed: %s", got.Error)
	}
	if want := libraryReport(t, gmail); !reflect.DeepEqual(got.Report, want) {
		t.Errorf("report in Chromium:\n%v\nGo library:\n%v", got.Report, want)
	}
	if got.Catalog == 0 {
		t.Error(`bounceCatalog("550") found nothing`)
	}
	if got.WidgetClass != "function" || !got.Defined {
		t.Errorf("widget: class %q, defined %v", got.WidgetClass, got.Defined)
	}

	// The widget: its text attribute is classified and drawn in its shadow
	// root, and its report is the library's.
	var reason, card string
	if err := chromedp.Run(ctx,
		chromedp.Evaluate(`document.getElementById("w").setAttribute("text", `+string(text)+`)`, nil),
		chromedp.Poll(`(() => { const w = document.getElementById("w"); return !!(w.report && w.shadowRoot && w.shadowRoot.querySelector(".bk-card")) })()`,
			nil, chromedp.WithPollingTimeout(30*time.Second)),
		chromedp.Evaluate(`document.getElementById("w").report.recipients[0].reason`, &reason),
		chromedp.Evaluate(`document.getElementById("w").shadowRoot.querySelector(".bk-card").textContent`, &card),
	); err != nil {
		t.Fatal(err)
	}
	if reason != "userunknown" || !strings.Contains(card, "userunknown") && !strings.Contains(strings.ToLower(card), "does not exist") {
		t.Errorf("widget: reason %q, card %q", reason, card)
	}
}
