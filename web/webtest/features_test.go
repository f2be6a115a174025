//go:build !js

package webtest

import (
	"bytes"
	"compress/flate"
	"encoding/csv"
	"encoding/json"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/bouncekit/bounce"
	"github.com/bouncekit/bounce/internal/csvrec"
	"github.com/bouncekit/bounce/internal/ui"
)

// Redaction, CSV, browsing the catalog, next-step lookups, and the
// widget's compact view and copying.

var threeAddrs = []string{"ann@example.org", "carl@example.org", "dina@example.com"}

// downloaded clicks the button sel with the browser's saving replaced by
// a recorder, and returns the file's name and text ("" if none).
func (s *session) downloaded(sel string) (name, text string) {
	s.t.Helper()
	s.eval(`window.saved = null; window.savedName = "";
		if (!window.realCreate) window.realCreate = URL.createObjectURL;
		URL.createObjectURL = (b) => { window.saved = b; return window.realCreate.call(URL, b) };
		HTMLAnchorElement.prototype.click = function () { window.savedName = this.download }; true`, nil)
	s.run(chromedp.Click(sel))
	s.awaitEval(`window.saved ? window.saved.text() : Promise.resolve("")`, &text)
	s.eval(`window.savedName`, &name)
	return name, text
}

// linkText returns the bounce a copied link carries.
func linkText(t *testing.T, link string) string {
	t.Helper()
	_, frag, _ := strings.Cut(link, "#")
	l := ui.ParseFragment(frag)
	if l.Kind != "z" || l.Damaged {
		t.Fatalf("link %q: %+v", link, l)
	}
	b, err := io.ReadAll(flate.NewReader(bytes.NewReader(l.Deflated)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func readCSV(t *testing.T, text string) [][]string {
	t.Helper()
	rows, err := csv.NewReader(strings.NewReader(text)).ReadAll()
	if err != nil {
		t.Fatalf("%v: %q", err, text)
	}
	return rows
}

// Defect 11: each address its own mask, the same everywhere in the view
// and in what is copied; the paste area does not show them.
func TestRedactDistinct(t *testing.T) {
	s := start(t)
	s.open("")
	three := threeRecipients(t)
	s.paste(three)
	s.run(chromedp.WaitVisible(`#result .bk-overview`), chromedp.Click("#redact"),
		chromedp.WaitVisible(`#result .bk-card`))
	var heads, cells, marks []string
	var shown, box, help string
	var readOnly bool
	s.eval(`[...document.querySelectorAll("#result .bk-card .bk-to")].map(e => e.textContent)`, &heads)
	s.eval(`[...document.querySelectorAll("#result .bk-table .bk-addrs")].map(e => e.textContent)`, &cells)
	s.eval(`[...document.querySelectorAll("#result mark")].map(e => e.textContent)`, &marks)
	s.eval(`document.getElementById("result").textContent`, &shown)
	s.eval(`document.getElementById("bounce-text").value`, &box)
	s.eval(`document.getElementById("bounce-text").readOnly`, &readOnly)
	s.eval(`document.getElementById("paste-help").textContent`, &help)
	want := []string{"[address 1]", "[address 2]", "[address 3]"}
	if !slices.Equal(heads, want) {
		t.Errorf("card recipients %q, want %q", heads, want)
	}
	if len(cells) != 2 || cells[0] != "[address 1], [address 2]" || cells[1] != "[address 3]" {
		t.Errorf("table %q", cells)
	}
	for _, a := range threeAddrs {
		if strings.Contains(shown, a) || strings.Contains(box, a) || strings.Contains(strings.Join(marks, " "), a) {
			t.Errorf("%s shown with hiding on", a)
		}
	}
	// The paste area shows the bounce masked as the result does, read-only.
	if !readOnly || !strings.Contains(box, "Final-Recipient: rfc822; [address 2]") ||
		!strings.Contains(box, "<[address 2]>: Recipient address rejected") || !strings.Contains(help, "masked") {
		t.Errorf("paste area: read-only %v, help %q, text %.400q", readOnly, help, box)
	}
	// Copies carry the same masks.
	var rep struct{ Recipients []struct{ Recipient string } }
	if err := json.Unmarshal([]byte(s.copied("#copy-json")), &rep); err != nil || len(rep.Recipients) != 3 {
		t.Fatalf("copied JSON: %v, %+v", err, rep)
	}
	for i, r := range rep.Recipients {
		if r.Recipient != want[i] {
			t.Errorf("JSON recipient %d: %q, want %q", i, r.Recipient, want[i])
		}
	}
	_, table := s.downloaded("#download-csv")
	rows := readCSV(t, table)
	if len(rows) != 4 || rows[1][1] != want[0] || rows[2][1] != want[1] || rows[3][1] != want[2] {
		t.Errorf("CSV recipients: %q", rows)
	}
	link := linkText(t, s.copied("#copy-link"))
	if link != box {
		t.Errorf("the link carries %.300q, the box shows %.300q", link, box)
	}
	var n int
	s.eval(`document.querySelectorAll("#result .bk-suppress").length`, &n)
	if n != 0 {
		t.Error("masks offered to copy for suppression")
	}
	// A paste into the masked area replaces the bounce, masked at once.
	s.eval(`(() => { const dt = new DataTransfer(); dt.setData("text/plain", `+jsString(gmail+"<zed@example.net>\n")+`);
		return document.getElementById("bounce-text").dispatchEvent(new ClipboardEvent("paste", {clipboardData: dt, bubbles: true, cancelable: true})) })()`, nil)
	s.run(chromedp.WaitNotPresent(`#result .bk-overview`))
	s.eval(`document.getElementById("bounce-text").value`, &box)
	if strings.Contains(box, "zed@example.net") || !strings.Contains(box, "The email account that you tried to reach") {
		t.Errorf("after a paste into the masked area: %q", box)
	}
	// Hiding off: the original comes back, editable.
	s.run(chromedp.Click("#redact"))
	s.eval(`document.getElementById("bounce-text").value`, &box)
	s.eval(`document.getElementById("bounce-text").readOnly`, &readOnly)
	if box != gmail+"<zed@example.net>\n" || readOnly {
		t.Errorf("hiding off: read-only %v, text %q", readOnly, box)
	}
	s.eval(`document.getElementById("paste-help").textContent`, &help)
	if strings.Contains(help, "masked") {
		t.Errorf("help after hiding off: %q", help)
	}
}

// CSV export: the CLI's table for the same bounce, masked while hiding is
// on.
func TestDownloadCSV(t *testing.T) {
	s := start(t)
	s.open("")
	if name, text := s.downloaded("#download-csv"); text != "" {
		t.Errorf("saved %s with nothing pasted: %q", name, text)
	}
	three := threeRecipients(t)
	rep, err := bounce.ParseString(three)
	if err != nil {
		t.Fatal(err)
	}
	s.paste(three)
	s.run(chromedp.WaitVisible(`#result .bk-overview`))
	name, text := s.downloaded("#download-csv")
	if want := string(csvrec.Table("-", rep, nil)); name != "bounce.csv" || text != want {
		t.Errorf("saved %q:\n%s\nwant:\n%s", name, text, want)
	}
	rows := readCSV(t, text)
	if !slices.Equal(rows[0], csvrec.Header) || rows[1][10] != "hard" || rows[3][10] != "soft" || rows[1][13] == "" {
		t.Errorf("rows %q", rows)
	}
	var status string
	s.eval(`document.getElementById("status").textContent`, &status)
	if !strings.Contains(status, "bounce.csv") {
		t.Errorf("status %q", status)
	}
	s.run(chromedp.Click("#redact"), chromedp.WaitVisible(`#result .bk-card`))
	masked, _ := ui.RedactView(rep, "")
	if _, text := s.downloaded("#download-csv"); text != string(csvrec.Table("-", masked, nil)) {
		t.Errorf("masked CSV:\n%s", text)
	}
}

// Browsing the catalog by provider and class, with stable URLs and the
// browser's back and forward.
func TestCatalogBrowse(t *testing.T) {
	s := start(t)
	s.open("")
	google, _ := ui.ParseFacet("provider:google")
	perm, _ := ui.ParseFacet("class:permanent")
	// The links come in a task after ready.
	s.run(chromedp.WaitVisible(`.browse a[href="#catalog=provider:google"]`))
	var label string
	s.eval(`document.querySelector('.browse a[href="#catalog=provider:google"]')?.parentElement.textContent ?? ""`, &label)
	if !strings.Contains(label, "Gmail") || !strings.Contains(label, "("+strconv.Itoa(google.Count)+")") {
		t.Errorf("provider link %q", label)
	}
	shows := func(f ui.Facet) {
		t.Helper()
		s.run(chromedp.WaitVisible(`#catalog-list li.bk-entry-link`))
		var ids, hrefs []string
		var hash, current string
		s.eval(`[...document.querySelectorAll("#catalog-list li")].map(li => li.dataset.entry)`, &ids)
		s.eval(`[...document.querySelectorAll("#catalog-list li a")].map(a => a.getAttribute("href"))`, &hrefs)
		s.eval(`location.hash`, &hash)
		s.eval(`document.querySelector(".browse a[aria-current=page]")?.dataset.facet ?? ""`, &current)
		var want []string
		for _, e := range ui.BrowseEntries(f) {
			want = append(want, e.ID)
		}
		if hash != "#"+f.Fragment() || current != f.Kind+":"+f.Value || !slices.Equal(ids, want) {
			t.Errorf("%s: hash %q, current %q, %d entries (want %d)", f.Fragment(), hash, current, len(ids), len(want))
		}
		for i, h := range hrefs {
			if i < len(ids) && h != "#entry="+ids[i] {
				t.Errorf("%s: entry %s links %q", f.Fragment(), ids[i], h)
			}
		}
	}
	s.run(chromedp.Click(`.browse a[href="#catalog=provider:google"]`))
	shows(google)
	s.run(chromedp.Click(`.browse a[href="#catalog=class:permanent"]`))
	s.run(chromedp.WaitVisible(`#catalog-list li[data-entry="` + ui.BrowseEntries(perm)[0].ID + `"]`))
	shows(perm)
	s.eval(`history.back(); true`, nil)
	s.run(chromedp.WaitNotPresent(`#catalog-list li[data-entry="` + ui.BrowseEntries(perm)[0].ID + `"]`))
	shows(google)
	s.eval(`history.forward(); true`, nil)
	s.run(chromedp.WaitVisible(`#catalog-list li[data-entry="` + ui.BrowseEntries(perm)[0].ID + `"]`))
	shows(perm)
	// An entry of the list opens its page; back lists the class again.
	first := ui.BrowseEntries(perm)[0].ID
	s.run(chromedp.Click(`#catalog-list li[data-entry="`+first+`"] a`), chromedp.WaitNotPresent(`#catalog-list li.bk-entry-link`))
	var ids []string
	s.eval(`[...document.querySelectorAll("#catalog-list li")].map(li => li.dataset.entry)`, &ids)
	if len(ids) != 1 || ids[0] != first {
		t.Errorf("entry page lists %q", ids)
	}
	s.eval(`history.back(); true`, nil)
	shows(perm)
	// The URL opens the list on its own, and the page is ready; a bad one
	// says so.
	s.open(google.Fragment())
	shows(google)
	var title, count, status string
	s.eval(`document.title`, &title)
	s.eval(`document.getElementById("status").textContent`, &status)
	if !strings.Contains(title, "Gmail") || !strings.HasPrefix(status, "Ready") {
		t.Errorf("title %q, status %q", title, status)
	}
	// Back to the page without a fragment: the list goes.
	s.eval(`history.pushState(null, "", "#catalog=class:permanent"); location.hash = ""; true`, nil)
	s.run(chromedp.WaitNotPresent(`#catalog-list li`))
	s.open("catalog=provider:nosuch")
	s.eval(`document.getElementById("catalog-count").textContent`, &count)
	if !strings.Contains(count, "nothing under") {
		t.Errorf("unknown provider: %q", count)
	}
}

// Next steps: lookups that take the IP or the sender's domain from the
// bounce; none of a masked value.
func TestNextStepLookups(t *testing.T) {
	s := start(t)
	s.open("")
	hrefs := func() []string {
		var h []string
		s.eval(`[...document.querySelectorAll("#result .bk-card .bk-steps a")].map(a => a.href)`, &h)
		return h
	}
	has := func(hrefs []string, sub string) bool {
		for _, h := range hrefs {
			if strings.Contains(h, sub) {
				return true
			}
		}
		return false
	}
	s.paste("554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org")
	s.run(chromedp.WaitVisible(`#result .bk-card .bk-steps a`))
	h := hrefs()
	if !has(h, "action=blacklist%3a192.0.2.25") || !has(h, "lookup?search=192.0.2.25") {
		t.Errorf("blocklist lookups of the IP missing: %q", h)
	}
	dsn, err := os.ReadFile("testdata/dmarc-dsn.eml")
	if err != nil {
		t.Fatal(err)
	}
	s.paste(string(dsn))
	s.run(chromedp.WaitVisible(`#result .bk-card[data-reason=authfailure] .bk-steps a`))
	h = hrefs()
	if !has(h, "action=spf%3amail.example.com") || !has(h, "action=dmarc%3amail.example.com") {
		t.Errorf("SPF and DMARC checks of the sender's domain missing: %q", h)
	}
	s.run(chromedp.Click("#redact"), chromedp.WaitVisible(`#result .bk-card .bk-steps a`))
	h = hrefs()
	if has(h, "example.com") || !has(h, "mxtoolbox.com/dmarc.aspx") {
		t.Errorf("with hiding on: %q", h)
	}
	s.run(chromedp.Click("#redact"))
	s.paste("554 5.7.1 Service unavailable; Client host [192.0.2.25] blocked using zen.spamhaus.org")
	s.run(chromedp.Click("#redact"), chromedp.WaitVisible(`#result .bk-card .bk-steps a`))
	if h = hrefs(); has(h, "192.0.2.25") {
		t.Errorf("a masked IP in a link: %q", h)
	}
	s.run(chromedp.Click("#redact"))
}

// The widget's compact view scrolls the deciding text into view when
// "Your bounce" is opened, and copies the addresses to suppress.
func TestWidgetCompactMark(t *testing.T) {
	s := start(t)
	s.navigate("/demo/embed.html")
	const w = `document.querySelector("bounce-classifier")`
	// Chromium lays out a closed <details>'s content, so a scroll made
	// while it is closed holds; a browser that does not (display: none
	// until opened) leaves nothing to scroll until it opens. The sheet
	// makes Chromium do as such a browser does.
	s.eval(`(() => { const sh = new CSSStyleSheet(); sh.replaceSync("details:not([open]) > pre { display: none }");
		const sr = `+w+`.shadowRoot; sr.adoptedStyleSheets = [...sr.adoptedStyleSheets, sh]; return true })()`, nil)
	// The deciding line is in the middle: 1,500 lines above, 300 below.
	long := longBounce() + "\nThe original message:\n" + strings.Repeat("A line of the original message that follows the error.\n", 300)
	s.awaitEval(w+`.classify(`+jsString(long)+`).then(() => true)`, nil)
	var open bool
	s.eval(w+`.shadowRoot.querySelector("details.bk-source").open`, &open)
	if open {
		t.Fatal("the compact view's bounce is open before it is asked for")
	}
	s.eval(w+`.shadowRoot.querySelector("details.bk-source summary").click(); true`, nil)
	var r struct{ Pre, Mark rect }
	s.awaitEval(`new Promise(ok => requestAnimationFrame(() => setTimeout(() => {
		const sr = `+w+`.shadowRoot, box = e => { const b = e.getBoundingClientRect(); return {Top: b.top, Bottom: b.bottom} };
		ok({Pre: box(sr.querySelector(".bk-source pre")), Mark: box(sr.querySelector(".bk-source mark"))}) }, 0)))`, &r)
	t.Logf("pre %+v mark %+v", r.Pre, r.Mark)
	if r.Pre.Bottom <= r.Pre.Top || r.Mark.Top < r.Pre.Top || r.Mark.Bottom > r.Pre.Bottom {
		t.Errorf("mark at y %.0f–%.0f, the shown bounce at %.0f–%.0f", r.Mark.Top, r.Mark.Bottom, r.Pre.Top, r.Pre.Bottom)
	}
}

func TestWidgetCopyAddresses(t *testing.T) {
	s := start(t)
	s.navigate("/demo/embed.html")
	const w = `document.querySelector("bounce-classifier")`
	s.awaitEval(w+`.classify(`+jsString(threeRecipients(t))+`).then(() => true)`, nil)
	s.eval(`window.copied = ""; navigator.clipboard.writeText = async (x) => { window.copied = x }; true`, nil)
	var label, copied, status string
	s.eval(w+`.shadowRoot.querySelector(".bk-suppress")?.textContent ?? ""`, &label)
	s.awaitEval(`(async () => { `+w+`.shadowRoot.querySelector(".bk-suppress").click();
		await new Promise(ok => setTimeout(ok, 0)); return true })()`, nil)
	s.eval(`window.copied`, &copied)
	s.eval(w+`.shadowRoot.querySelector(".bk-status").textContent`, &status)
	if label != "Copy 2 addresses to suppress" || copied != "ann@example.org\ncarl@example.org" || status != "Addresses copied." {
		t.Errorf("button %q copied %q, status %q", label, copied, status)
	}
	// Copying blocked: the widget says so.
	s.eval(`navigator.clipboard.writeText = () => Promise.reject(new Error("blocked")); true`, nil)
	s.awaitEval(`(async () => { `+w+`.shadowRoot.querySelector(".bk-suppress").click();
		await new Promise(ok => setTimeout(ok, 10)); return true })()`, nil)
	s.eval(w+`.shadowRoot.querySelector(".bk-status").textContent`, &status)
	if !strings.Contains(status, "did not allow") {
		t.Errorf("blocked copy: status %q", status)
	}
	// Masked: nothing to copy.
	s.awaitEval(`(async () => { `+w+`.redact = true; await new Promise(ok => setTimeout(ok, 50));
		return `+w+`.shadowRoot.querySelectorAll(".bk-suppress").length })()`, new(int))
	var n int
	s.eval(w+`.shadowRoot.querySelectorAll(".bk-suppress").length`, &n)
	var heads []string
	s.eval(`[...`+w+`.shadowRoot.querySelectorAll(".bk-to")].map(e => e.textContent)`, &heads)
	if n != 0 || !slices.Equal(heads, []string{"[address 1]", "[address 2]", "[address 3]"}) {
		t.Errorf("redacted widget: %d copy buttons, recipients %q", n, heads)
	}
}
