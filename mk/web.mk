# The page: "make web" writes the static site to build/web/ and prints the
# .wasm size (after internal/wasmpack joins the data segments Go's linker
# writes, for some 90 KB less gzip), with bounce.wasm.gz (by zopfli) and
# bounce.wasm.br beside it for servers that send them as they are; it also writes the widget (widget.js, widget.d.ts, sharing
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

.PHONY: web test-web-node test-web-browser chromium zopfli

# WASM_GCFLAGS are the compiler flags of bounce.wasm, which make bench's
# js/wasm benchmarks share, so that their figures are the page's (a pattern
# that matches no package of the benchmark's build changes nothing there).
# syscall/js and dom/v2, which only the page's DOM calls go through, are
# built without inlining: 1.3 KB less gzip and 4.3 KB less brotli, and the
# classifier does not call them. Go's runtime built without inlining
# (-gcflags=runtime=-l) would take 44 KB off the gzip and 36 KB off the
# brotli (the inlining records in the runtime's function tables), but it
# makes the classifier 25-37% slower on the corpus and 11% on one reply line
# under js/wasm (A/B in one minute): a poor trade for 4% of the download.
# internal/ui without inlining would save 2.5 KB more, but its redactor's
# per-byte character tests would become calls.
WASM_GCFLAGS ?= -gcflags=syscall/js=-l -gcflags=honnef.co/go/js/dom/v2=-l
web: zopfli
	@mkdir -p $(WEB_OUT)
	$(JS) $(GO) build -trimpath -ldflags=-s $(WASM_GCFLAGS) -o $(WEB_OUT)/bounce.wasm ./wasm/browser
	$(GO) run ./internal/wasmpack $(WEB_OUT)/bounce.wasm
	cp $(WASMEXEC)/wasm_exec.js $(WEB_SRC) $(WIDGET) $(WEB_OUT)/
	@mkdir -p $(WEB_OUT)/demo
	cp $(DEMO) $(WEB_OUT)/demo/
	@node web/sizes.mjs $(WEB_OUT)/bounce.wasm

# Same reports from bounce.wasm in Node as from "bounce classify -json".
test-web-node: web build
	node --test web/test/

# apt-install PACKAGE: a shell command that installs Debian's PACKAGE when
# apt-get is there and may (as root), and does nothing otherwise.
apt-install = if command -v apt-get >/dev/null && [ "$$(id -u)" = 0 ]; then \
	apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(1) >/dev/null; fi

# Debian's zopfli, for bounce.wasm.gz (web/sizes.mjs), when it is missing.
zopfli:
	@command -v zopfli >/dev/null || { $(call apt-install,zopfli); }

# Debian's Chromium, when it is missing.
chromium:
	@[ -n "$(CHROMIUM)" ] || { $(call apt-install,chromium); }

test-web-browser: web chromium $(if $(shell command -v npm),npm-ci)
	BOUNCE_WEB_DIR=$(CURDIR)/$(WEB_OUT) CHROMIUM="$(or $(CHROMIUM),$(firstword $(wildcard /usr/lib/chromium/chromium /usr/bin/chromium)))" \
		$(GO) test -count=1 -v -timeout 30m -run . ./web/webtest

TESTS += test-web-node test-web-browser
