package main

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestRequestHeaders checks that the Worker hands Go every request header
// package api reads: the entry module passes only requestHeaders. It reads
// the api sources of the Worker's build (GOOS=js, GOARCH=wasm, tag apionly): a request header read as r.Header.Get("Name") or
// r.Header.Values("Name") must be in requestHeaders, and any other use of a
// request's Header field (an index, a range, handing the map on) fails,
// since this test could not tell which headers it needs.
func TestRequestHeaders(t *testing.T) {
	files, err := filepath.Glob("../../api/*.go")
	if err != nil || len(files) == 0 {
		t.Fatalf("no api sources: %v", err)
	}
	// The files of the Worker's build.
	ctx := build.Default
	ctx.GOOS, ctx.GOARCH, ctx.BuildTags = "js", "wasm", []string{"apionly"}
	fset := token.NewFileSet()
	read, skipped := 0, 0
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		if ok, err := ctx.MatchFile(filepath.Dir(name), filepath.Base(name)); err != nil {
			t.Fatal(err)
		} else if !ok {
			skipped++
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		// Header fields reached through a call (w.Header()) are a
		// response's; a field selected from a value is a request's.
		checked := map[*ast.SelectorExpr]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fun, ok := call.Fun.(*ast.SelectorExpr)
			if ok && fun.Sel.Name == "Header" {
				checked[fun] = true // w.Header(): a response's
			}
			if !ok || (fun.Sel.Name != "Get" && fun.Sel.Name != "Values") {
				return true
			}
			field, ok := fun.X.(*ast.SelectorExpr)
			if !ok || field.Sel.Name != "Header" {
				return true
			}
			checked[field] = true
			lit, ok := call.Args[0].(*ast.BasicLit)
			if !ok || lit.Kind != token.STRING {
				t.Errorf("%s: a request header read by a name that is not a literal", fset.Position(call.Pos()))
				return true
			}
			k, _ := strconv.Unquote(lit.Value)
			read++
			if !slices.Contains(requestHeaders, strings.ToLower(k)) {
				t.Errorf("%s: package api reads the request header %s, which the Worker does not pass to Go (requestHeaders in main.go)",
					fset.Position(call.Pos()), k)
			}
			return true
		})
		ast.Inspect(f, func(n ast.Node) bool {
			if sel, ok := n.(*ast.SelectorExpr); ok && sel.Sel.Name == "Header" && !checked[sel] {
				if id, ok := sel.X.(*ast.Ident); ok && id.Name != "http" { // not the type http.Header
					t.Errorf("%s: a request's headers used in a way this test cannot check", fset.Position(sel.Pos()))
				}
			}
			return true
		})
	}
	if read == 0 {
		t.Error("found no request header read in package api; the test no longer sees them")
	}
	if skipped == 0 {
		t.Error("no api source is left out of the Worker's build; is the tag apionly still applied?")
	}
}
