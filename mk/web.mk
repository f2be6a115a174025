# The page: "make web" writes the static site to build/web/ and prints the
# .wasm size (after internal/wasmpack joins the data segments Go's linker
# writes, for some 90 KB less gzip); it also writes the widget (widget.js, widget.d.ts, sharing
# cards.css and bounce.wasm with the page) and its demo pages in demo/; "make run" (main Makefile) serves it. test-web-node checks
# bounce.wasm in Node against the CLI; test-web-browser drives the page in
# Chromium (installed when missing and possible; with CI=true a missing
# browser fails the test) and checks it with axe-core (a devDependency,
# installed by npm ci when npm is there; with CI=true a missing axe-core
# fails the test).

WEB_OUT  := build/web
WEB_SRC  := web/index.html web/bounce.js web/app.js web/style.css web/cards.css
WEB_SRC  += web/bounce-worker.js web/bounce-compile.js
WIDGET   := web/widget.js web/widget.d.ts
DEMO     := web/demo/portal.html web/demo/portal.css web/demo/portal.js web/demo/embed.html
CHROMIUM ?= $(firstword $(wildcard /usr/lib/chromium/chromium /usr/bin/chromium /usr/bin/chromium-browser))

.PHONY: web test-web-node test-web-browser chromium

# Go's runtime package is built without inlining (WASM_GCFLAGS): each
# inlined call leaves an inlining record in the function tables bounce.wasm
# carries, and the runtime's records and copied bodies were 44 KB of its gzip
# and 36 KB of its brotli. The price is speed, about 8% of the classifier's
# CPU time under js/wasm: make bench's js/wasm benchmarks are built with the
# same flags, so that their figures are the page's.
WASM_GCFLAGS := -gcflags=runtime=-l
web:
	@mkdir -p $(WEB_OUT)
	GOOS=js GOARCH=wasm $(GO) build -trimpath -ldflags=-s $(WASM_GCFLAGS) -o $(WEB_OUT)/bounce.wasm ./wasm/browser
	$(GO) run ./internal/wasmpack $(WEB_OUT)/bounce.wasm
	cp $(WASMEXEC)/wasm_exec.js $(WEB_SRC) $(WIDGET) $(WEB_OUT)/
	@mkdir -p $(WEB_OUT)/demo
	cp $(DEMO) $(WEB_OUT)/demo/
	@node web/sizes.mjs $(WEB_OUT)/bounce.wasm

# Same reports from bounce.wasm in Node as from "bounce classify -json".
test-web-node: web build
	node --test web/test/

# Debian's Chromium, when it is missing and apt-get can install it.
chromium:
	@if [ -z "$(CHROMIUM)" ] && command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; fi

test-web-browser: web chromium $(if $(shell command -v npm),npm-ci)
	BOUNCE_WEB_DIR=$(CURDIR)/$(WEB_OUT) CHROMIUM="$(or $(CHROMIUM),$(firstword $(wildcard /usr/lib/chromium/chromium /usr/bin/chromium)))" \
		$(GO) test -count=1 -v -timeout 30m -run . ./web/webtest

TESTS += test-web-node test-web-browser
