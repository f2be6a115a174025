# bouncekit. "make run" builds and serves the page; "make test" installs what
# the tests need and runs every test. Other targets come from mk/*.mk.

GO       ?= go
GOROOT   := $(shell $(GO) env GOROOT)
WASMEXEC := $(GOROOT)/lib/wasm
export PATH := $(WASMEXEC):$(PATH)

# JS is the environment of every js/wasm build: the page, the Worker, and
# their tests and benchmarks, so that what is tested and measured is what
# ships. They use Go's previous garbage collector: Green Tea, Go 1.26's
# default, is made for many cores and their caches, and under js/wasm,
# where the collector runs on the one thread, it made the corpus 4-6%
# slower in Node (alternated runs) and bounce.wasm 12 KB larger (gzip -9).
# (Go plans to drop this choice in 1.27.)
JS := GOEXPERIMENT=nogreenteagc GOOS=js GOARCH=wasm

# mk/*.mk add their test targets to TESTS. They are read here, before the
# test rule below expands $(TESTS).
TESTS :=
-include mk/*.mk

.PHONY: all build test check test-go test-wasm generate run bench accuracy clean
.DEFAULT_GOAL := all
all: build

build:
	$(GO) build -o build/bin/bounce ./cmd/bounce

generate:
	$(GO) generate ./catalog

# check: vet on the host and for js/wasm (on the host ./... skips js-only
# packages), gofmt, and the root package's import rule.
check:
	@test -z "$$(gofmt -l . | grep -v '^node_modules/')" || { gofmt -l .; echo 'gofmt needed'; exit 1; }
	$(GO) vet ./...
	$(JS) $(GO) vet ./...
	@if $(GO) list -deps . | grep -qx -e net/http -e syscall/js; then \
		echo 'package bounce must not import net/http or syscall/js'; exit 1; fi

test-go:
	$(GO) test ./...

# The library and the catalog under js/wasm in Node.
test-wasm:
	$(JS) $(GO) test -exec="$(WASMEXEC)/go_js_wasm_exec" . ./catalog

test: check test-go test-wasm $(TESTS)

# run builds the page and serves it with the API on 127.0.0.1:$(PORT).
PORT ?= 8080
run: build web
	build/bin/bounce serve -addr 127.0.0.1:$(PORT) -dir build/web

clean:
	rm -rf build

