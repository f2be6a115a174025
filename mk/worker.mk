# The Cloudflare Worker (wasm/worker): "make worker" builds it into
# build/worker/, "make dev" runs it under wrangler dev on 127.0.0.1,
# "make deploy" publishes the Worker and the site, "make test-worker" runs
# it under wrangler dev and checks real answers (part of "make test").

WORKER_OUT := build/worker
WORKER_TEST_OUT := build/worker-test
WRANGLER   := node_modules/.bin/wrangler
DEV_PORT   ?= 8787
# Cloudflare's free plan takes Workers up to 3 MB compressed.
WORKER_MAX_GZIP := 3000000
# wrangler dev offline: no telemetry, no request.cf fetch, no prompts.
WRANGLER_ENV := WRANGLER_SEND_METRICS=false WRANGLER_SEND_ERROR_REPORTS=false \
	CLOUDFLARE_CF_FETCH_ENABLED=false WRANGLER_HIDE_BANNER=true CI=true

TESTS += test-worker

.PHONY: worker worker-test dev deploy test-worker npm-ci

# npm writes node_modules/.package-lock.json on every install: a stamp.
# npm ci removes node_modules first: where node_modules is a link to
# another work tree's packages, it would empty that tree's, so it is left
# alone (install there).
node_modules/.package-lock.json: package.json package-lock.json
	@if [ -L node_modules ]; then \
		echo "node_modules links to $$(readlink node_modules): npm ci not run here (it would empty that directory)"; \
	else npm ci --no-audit --no-fund; fi
npm-ci: node_modules/.package-lock.json

# worker-assets DIR: wasm_exec.js from workers-assets-gen (its worker.mjs
# and runtime.mjs, which start a Go instance per request, are replaced by
# entry.mjs and gohost.mjs).
define worker-assets
	$(GO) run github.com/syumai/workers/cmd/workers-assets-gen -mode=go -o $(1)
	rm -f $(1)/worker.mjs $(1)/runtime.mjs
	cp wasm/worker/entry.mjs wasm/worker/gohost.mjs $(1)/
endef

worker:
	$(call worker-assets,$(WORKER_OUT))
	$(JS) $(GO) build -trimpath -ldflags=-s -tags apionly -o $(WORKER_OUT)/app.wasm ./wasm/worker
	@mkdir -p build/web
	cp wasm/worker/_headers wasm/worker/.assetsignore build/web/
	@raw=$$(wc -c < $(WORKER_OUT)/app.wasm); gz=$$(gzip -9 -c $(WORKER_OUT)/app.wasm | wc -c); \
	printf 'worker bundle: app.wasm %s bytes raw, %s gzip -9 (limit %s)\n' $$raw $$gz $(WORKER_MAX_GZIP); \
	if [ $$gz -gt $(WORKER_MAX_GZIP) ]; then echo 'worker bundle over the free plan limit'; exit 1; fi

# worker-test: the Worker with the test-only routes of
# wasm/worker/testroutes.go (tag workertest), for TestWrangler's crash tests.
worker-test:
	$(call worker-assets,$(WORKER_TEST_OUT))
	$(JS) $(GO) build -trimpath -ldflags=-s -tags apionly,workertest -o $(WORKER_TEST_OUT)/app.wasm ./wasm/worker

dev: worker npm-ci
	$(WRANGLER_ENV) $(WRANGLER) dev --ip 127.0.0.1 --port $(DEV_PORT) --show-interactive-dev-session=false

# Needs a Cloudflare account: "npx wrangler login" once, or CLOUDFLARE_API_TOKEN.
deploy: web worker npm-ci
	$(WRANGLER) deploy

# The end-to-end test needs node. Outside CI a machine without it skips;
# in CI (CI=true) that is a failure.
test-worker:
	@if ! command -v node >/dev/null || ! command -v npm >/dev/null; then \
		if [ "$$CI" = true ]; then echo 'test-worker: node and npm are required (CI=true)'; exit 1; fi; \
		echo 'test-worker: SKIP: node or npm not installed'; exit 0; fi; \
	$(MAKE) --no-print-directory worker worker-test npm-ci build && \
	WRANGLER=$(CURDIR)/$(WRANGLER) BOUNCE=$(CURDIR)/build/bin/bounce \
		$(GO) test -count=1 -run 'TestWrangler' -v ./wasm/worker
