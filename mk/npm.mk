# The npm package "bouncekit": "make npm" builds it into build/npm/ from
# the files "make web" writes (bounce.js, bounce.wasm, wasm_exec.js,
# widget.js, widget.d.ts, cards.css) and the package's own files in npm/
# (package.json, index.js, index.d.ts, README.md), then packs it into
# build/bouncekit-VERSION.tgz. "make test-npm" (part of "make test")
# installs that tarball into an empty folder and uses it from Node and from
# a page bundled by esbuild in Chromium. With CI=true a missing node, npm or
# Chromium fails the test.

NPM_OUT   := build/npm
NPM_WEB   := bounce.js bounce.wasm wasm_exec.js widget.js widget.d.ts cards.css
NPM_OWN   := npm/package.json npm/index.js npm/index.d.ts npm/README.md
NPM_TGZ    = build/$(shell node -p 'const p = require("./npm/package.json"); p.name + "-" + p.version' 2>/dev/null).tgz

.PHONY: npm test-npm

npm: web
	rm -rf $(NPM_OUT) && mkdir -p $(NPM_OUT)
	cp $(addprefix $(WEB_OUT)/,$(NPM_WEB)) $(NPM_OWN) $(NPM_OUT)/
	chmod 644 $(NPM_OUT)/*
	cd $(NPM_OUT) && npm pack --pack-destination .. --silent --no-audit --no-fund
	@echo "npm package: $(NPM_TGZ)"

test-npm:
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
		if [ "$$CI" = true ]; then echo 'test-npm: node and npm are required (CI=true)'; exit 1; fi; \
		echo 'test-npm: SKIP: node or npm not installed'; exit 0; fi; \
	$(MAKE) --no-print-directory npm npm-ci chromium && \
	BOUNCE_NPM_TARBALL=$(CURDIR)/$(NPM_TGZ) ESBUILD=$(CURDIR)/node_modules/.bin/esbuild \
	CHROMIUM="$(or $(CHROMIUM),$(firstword $(wildcard /usr/lib/chromium/chromium /usr/bin/chromium)))" \
		$(GO) test -count=1 -v -run . ./npm/npmtest

TESTS += test-npm
