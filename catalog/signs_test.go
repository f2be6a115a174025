package catalog

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// signsRead are the signs the root package reads, and hintsRead its kinds
// of hints; every one of them compares its phrases with lower-case text.
var (
	signsRead = []string{"address-label", "auto-reply-subject", "bounce-sender", "checks-at-rcpt", "delay",
		"delay-warning", "expiry", "expiry-note", "failure", "format-field", "header-label", "help-address", "mail",
		"name-list-intro", "not-name-end", "recipient-label", "report-sender", "sender-refused", "stop-line",
		"temporary", "weak-failure", "weak-sender"}
	hintsRead = []string{"format", "format-entry", "provider", "stage"}
)

// TestSignData checks that every sign and hints list is there, non-empty,
// lower case and without repeats, and that the accessors hand out copies.
func TestSignData(t *testing.T) {
	if got := SignNames(); !slices.Equal(got, signsRead) {
		t.Errorf("SignNames() = %q, want %q", got, signsRead)
	}
	if got := HintKinds(); !slices.Equal(got, hintsRead) {
		t.Errorf("HintKinds() = %q, want %q", got, hintsRead)
	}
	for _, name := range signsRead {
		list := Sign(name)
		if len(list) == 0 {
			t.Errorf("Sign(%q) is empty", name)
		}
		seen := map[string]bool{}
		for _, p := range list {
			if p == "" || p != strings.ToLower(p) {
				t.Errorf("Sign(%q): %q is not lower case (the text it is compared with is)", name, p)
			}
			if seen[p] {
				t.Errorf("Sign(%q): %q repeated", name, p)
			}
			seen[p] = true
		}
	}
	targets := map[string]map[string]bool{}
	for _, kind := range hintsRead {
		hs := Hints(kind)
		if len(hs) == 0 {
			t.Errorf("Hints(%q) is empty", kind)
		}
		targets[kind] = map[string]bool{}
		for _, h := range hs {
			if h.Phrase == "" || h.Phrase != strings.ToLower(h.Phrase) || h.Target == "" {
				t.Errorf("Hints(%q): %+v: want a lower-case phrase and a target", kind, h)
			}
			if !strings.Contains(h.Phrase, h.Key) {
				t.Errorf("Hints(%q): %+v: the phrase does not hold its key", kind, h)
			}
			targets[kind][h.Target] = true
		}
	}
	for _, h := range Hints("format-entry") {
		if Lookup(h.Target) == nil || !targets["format"][h.Phrase] {
			t.Errorf("format-entry %+v: want a format and an entry ID", h)
		}
	}
	for _, p := range Sign("checks-at-rcpt") {
		if !targets["provider"][p] {
			t.Errorf("checks-at-rcpt: %q is not a provider of the provider hints", p)
		}
	}
	// Order is data: a longer host stands before the shorter one it holds.
	hs := Hints("provider")
	i := slices.IndexFunc(hs, func(h Hint) bool { return h.Phrase == "protection.outlook.com" })
	j := slices.IndexFunc(hs, func(h Hint) bool { return h.Phrase == "outlook.com" })
	if i < 0 || j < 0 || i > j {
		t.Errorf("provider hints: protection.outlook.com at %d, outlook.com at %d; want it first", i, j)
	}
	// A quoted phrase keeps its spaces.
	if !slices.ContainsFunc(Hints("format"), func(h Hint) bool { return h.Phrase == "returned mail: " }) {
		t.Error(`format hints: "returned mail: " lost its trailing space`)
	}
	if Sign("no-such-sign") != nil || Hints("no-such-kind") != nil {
		t.Error("unknown name: want nil")
	}
	a := Sign("expiry")
	a[0] = "changed"
	if Sign("expiry")[0] == "changed" {
		t.Error("Sign hands out the table itself")
	}
	h := Hints("provider")
	h[0].Target = "changed"
	if Hints("provider")[0].Target == "changed" {
		t.Error("Hints hands out the table itself")
	}
}

// TestGenRejectsBadSigns runs gen.go on a copy of the data with faults
// in the sign files, and checks that it fails naming each one.
func TestGenRejectsBadSigns(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command (as under js/wasm)")
	}
	d := t.TempDir()
	if err := os.MkdirAll(filepath.Join(d, "data"), 0o755); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob("data/*.txt")
	files = append(files, "reasons.tsv")
	data := map[string]string{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		data[f] = string(b)
	}
	edit := func(f, old, new string) {
		t.Helper()
		if !strings.Contains(data[f], old) {
			t.Fatalf("%s holds no %q", f, old)
		}
		data[f] = strings.Replace(data[f], old, new, 1)
	}
	const signs, hints = "data/signs.txt", "data/signs-hints.txt"
	edit(signs, "Sign: delay\n", "Sign: delay\nPhrase: still trying\n")
	edit(signs, "Sign: name-list-intro\n", "Sign: no-such-sign\n")
	edit(signs, "Sign: sender-refused\n", "Sign: expiry\n")
	edit(signs, "Sign: help-address\nNote:", "Sign: help-address\nWord: x\nRemark:")
	edit(signs, "Phrase: original message headers\n", "")
	edit(signs, "Phrase: diagnostic information for administrators\n", "")
	edit(signs, "Sign: checks-at-rcpt\n", "Sign: checks-at-rcpt\nPhrase: no-such-provider\n")
	edit(hints, "Target: google.5.0.0.googlegroups-no-permission", "Target: no.such.entry")
	edit(hints, "Key: auth\nPhrase: in reply to auth\n", "Key: auth\nPhrase: in reply to auth\nPhrase: after login\n")
	edit(hints, "Target: STARTTLS\n", "Target: TLS\n")
	edit(hints, "Phrase: googlegroups\n", "Phrase: googlegroups\nPhrase: no-such-format\n")
	data[hints] += "\nHints: provider\nTarget: google\nPhrase: gsmtp\n\nHints: no-such-kind\nTarget: x\nPhrase: y\n\nSign: failure\nHints: format\nPhrase: z\n"
	for f, s := range data {
		if err := os.WriteFile(filepath.Join(d, f), []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	b, err := exec.Command(goTool, "run", "gen.go", "-dir", d, "-o", filepath.Join(d, "table.go")).CombinedOutput()
	if err == nil {
		t.Fatal("gen accepted bad sign data")
	}
	for _, want := range []string{
		`sign "delay": phrase "still trying" repeated`,
		`unknown sign "no-such-sign"`,
		"no Sign: name-list-intro",
		`sign "expiry" defined twice`,
		"no Sign: sender-refused",
		`sign "help-address" has no Note`,
		`sign "help-address": unknown key "Word"`,
		"signs.txt:", // stop-line: no Phrase, with the place
		"no Phrase",
		`checks-at-rcpt: "no-such-provider" is no provider hint's Target`,
		`format-entry: unknown entry "no.such.entry"`,
		`format-entry: "no-such-format" is no format hint's Target`,
		`hints "provider": phrase "gsmtp" repeated`,
		`unknown hint kind "no-such-kind"`,
		"want a Sign or a Hints stanza",
		`hints "stage": phrase "after login" does not hold the Key "auth"`,
		`hints "stage": unknown stage "TLS"`,
	} {
		if !strings.Contains(string(b), want) {
			t.Errorf("gen output lacks %q:\n%s", want, b)
		}
	}
}
