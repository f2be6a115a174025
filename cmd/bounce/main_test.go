package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errb)
	return out.String(), errb.String(), code
}

func TestClassifyJSONOneLinePerInput(t *testing.T) {
	dir := t.TempDir()
	a := filepath.Join(dir, "a.txt")
	b := filepath.Join(dir, "b.txt")
	os.WriteFile(a, []byte("550 5.1.1 The email account that you tried to reach does not exist."), 0o644)
	os.WriteFile(b, []byte("452 4.2.2 The recipient's inbox is out of storage space."), 0o644)
	missing := filepath.Join(dir, "missing.txt")
	out, _, code := runCLI(t, "", "classify", "-json", a, missing, b)
	if code != 1 {
		t.Errorf("exit status %d, want 1 for an unreadable input", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("%d lines, want 3:\n%s", len(lines), out)
	}
	var reps []map[string]any
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("line %q: %v", l, err)
		}
		reps = append(reps, m)
	}
	if reps[0]["source"] != a || reps[1]["source"] != missing || reps[2]["source"] != b {
		t.Errorf("sources out of order: %v %v %v", reps[0]["source"], reps[1]["source"], reps[2]["source"])
	}
	if _, ok := reps[1]["error"]; !ok {
		t.Errorf("no error field for the missing file: %v", reps[1])
	}
	r0 := reps[0]["recipients"].([]any)[0].(map[string]any)
	if r0["reason"] != "userunknown" || r0["status"] != "5.1.1" || r0["reply_code"] != 550.0 || r0["class"] != "permanent" {
		t.Errorf("first report: %v", r0)
	}
	r2 := reps[2]["recipients"].([]any)[0].(map[string]any)
	if r2["reason"] != "mailboxfull" || r2["class"] != "temporary" {
		t.Errorf("third report: %v", r2)
	}
}

func TestClassifyStdinSummary(t *testing.T) {
	out, _, code := runCLI(t, "550 5.1.1 The email account that you tried to reach does not exist. - gsmtp", "classify")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	for _, want := range []string{"PERMANENT", "userunknown", "550 5.1.1", "why:", "do:", "retry:", "evidence:"} {
		if !strings.Contains(out, want) {
			t.Errorf("summary lacks %q:\n%s", want, out)
		}
	}
}

func TestCatalogSearch(t *testing.T) {
	out, _, code := runCLI(t, "", "catalog", "-json", "5.7.26")
	if code != 0 || out == "" {
		t.Fatalf("exit %d, output %q", code, out)
	}
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		var e struct {
			ID       string   `json:"id"`
			Statuses []string `json:"statuses"`
		}
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(strings.Join(e.Statuses, ","), ".7.26") {
			t.Errorf("%s has statuses %v", e.ID, e.Statuses)
		}
	}
	if _, _, code := runCLI(t, "", "catalog", "zzqqxxnothing"); code != 1 {
		t.Errorf("a search that finds nothing exits %d, want 1", code)
	}
}

func TestUsage(t *testing.T) {
	if _, _, code := runCLI(t, ""); code != 2 {
		t.Errorf("no command: exit %d", code)
	}
	if out, _, code := runCLI(t, "", "-h"); code != 0 || !strings.Contains(out, "classify") {
		t.Errorf("-h: exit %d, %q", code, out)
	}
	if _, _, code := runCLI(t, "", "frobnicate"); code != 2 {
		t.Errorf("unknown command: exit %d", code)
	}
}
