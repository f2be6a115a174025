package ui

import (
	"net/url"
	"strings"
)

// Fragment returns the URL fragment (without "#") that carries text in a
// permalink: "text=" and the text percent-encoded. A fragment is never
// sent to a server.
func Fragment(text string) string {
	return "text=" + strings.ReplaceAll(url.QueryEscape(text), "+", "%20")
}

// TextFromFragment returns the text that a permalink fragment (with or
// without its "#") carries, and whether it carries one.
func TextFromFragment(frag string) (string, bool) {
	frag = strings.TrimPrefix(frag, "#")
	for _, kv := range strings.Split(frag, "&") {
		v, ok := strings.CutPrefix(kv, "text=")
		if !ok {
			continue
		}
		s, err := url.PathUnescape(v)
		if err != nil {
			return "", false
		}
		return s, true
	}
	return "", false
}
