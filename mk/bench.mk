# Performance and hostile input (issue 7).
#
# "make bench" builds package bounce's tests once natively and once for
# js/wasm and runs their benchmarks natively and in Node; it runs bounce
# serve under internal/loadgen (50 clients on 127.0.0.1), the Worker under
# wrangler dev (make test-worker) and the page in Chromium, keeps each
# output in build/bench/ (benchstat reads native.txt, wasm.txt and
# serve.txt) and prints one table, each figure beside its target.
# BENCH_COUNT=6 gives benchstat enough runs to compare two trees.
#
# The wasm-to-native ratios are judged on BENCH_PAIRS pairs of runs of
# PerfCorpus and PerfReplyLine (pairs.txt), the native and the js/wasm run
# of a pair one right after the other (native first in odd pairs, js/wasm
# first in even ones): on a shared machine the speed of the same code can
# change by a third in the minutes between native.txt and wasm.txt.
#
# "make test-fuzz" runs every fuzz target for FUZZTIME each (part of
# "make test"); the load test and TestScaleLinear run with "go test ./...".

# BENCH_NODE is the Node that runs the js/wasm benchmarks (go_js_wasm_exec
# runs the first node on PATH): the machine's unless given, as in
# "make bench BENCH_NODE=/path/to/bin/node" to measure another release.
BENCH_NODE   ?= $(shell command -v node)
WASM_RUN      = PATH="$(dir $(BENCH_NODE)):$$PATH" "$(WASMEXEC)/go_js_wasm_exec"
BENCH_OUT    := build/bench
BENCH_COUNT  ?= 1
BENCH_PAIRS  ?= 5
FUZZTIME     ?= 8s
# The soak test (issue 12): 50 clients on 127.0.0.1 send normal, large and
# hostile requests to bounce serve for SOAK_TIME; it fails on any transport
# error or unexpected status, and reports p50/p99, statuses and peak RSS.
SOAK_TIME    ?= 60s
# package:target
FUZZ_TARGETS := .:FuzzParse .:FuzzParseReply .:FuzzSplitMbox ./api:FuzzAPI ./api:FuzzBatch ./catalog:FuzzMatch ./internal/ui:FuzzRedact ./internal/ui:FuzzUnescape

.PHONY: bench test-fuzz

bench: build
	@mkdir -p $(BENCH_OUT)
	$(GO) test -c -o $(BENCH_OUT)/native.test .
	$(JS) $(GO) test -c $(WASM_GCFLAGS) -o $(BENCH_OUT)/wasm.test .
	$(BENCH_OUT)/native.test -test.run '^$$' -test.bench Perf -test.benchmem -test.count $(BENCH_COUNT) > $(BENCH_OUT)/native.txt || { cat $(BENCH_OUT)/native.txt; exit 1; }
	@cat $(BENCH_OUT)/native.txt
	$(BENCH_NODE) -v > $(BENCH_OUT)/node.txt
	$(WASM_RUN) $(BENCH_OUT)/wasm.test -test.run '^$$' -test.bench Perf -test.benchmem -test.count $(BENCH_COUNT) > $(BENCH_OUT)/wasm.txt || { cat $(BENCH_OUT)/wasm.txt; exit 1; }
	@cat $(BENCH_OUT)/wasm.txt
	@: > $(BENCH_OUT)/pairs.txt; for i in $$(seq $(BENCH_PAIRS)); do \
		native() { echo "pair $$i native"; $(BENCH_OUT)/native.test -test.run '^$$' -test.bench 'Perf(Corpus|ReplyLine)$$' -test.benchmem; }; \
		wasm() { echo "pair $$i wasm"; $(WASM_RUN) $(BENCH_OUT)/wasm.test -test.run '^$$' -test.bench 'Perf(Corpus|ReplyLine)$$' -test.benchmem; }; \
		if [ $$((i % 2)) = 1 ]; then native && wasm; else wasm && native; fi >> $(BENCH_OUT)/pairs.txt \
			|| { cat $(BENCH_OUT)/pairs.txt; exit 1; }; \
		echo "pair $$i of $(BENCH_PAIRS): native and js/wasm run"; \
	done
	$(GO) run ./internal/loadgen -bin build/bin/bounce > $(BENCH_OUT)/serve.txt
	@cat $(BENCH_OUT)/serve.txt
	$(GO) run ./internal/loadgen -bin build/bin/bounce -soak $(SOAK_TIME) > $(BENCH_OUT)/soak.txt || { cat $(BENCH_OUT)/soak.txt; exit 1; }
	@cat $(BENCH_OUT)/soak.txt
	@echo 'make web, make test-worker and the page test: logs in $(BENCH_OUT)/'
	-@$(MAKE) --no-print-directory web > $(BENCH_OUT)/web.txt 2>&1
	-@$(MAKE) --no-print-directory test-worker > $(BENCH_OUT)/worker.txt 2>&1
	-@if [ -f $(WEB_OUT)/bounce.wasm ] && [ -n "$(CHROMIUM)" ]; then \
		BOUNCE_WEB_DIR=$(CURDIR)/$(WEB_OUT) CHROMIUM="$(CHROMIUM)" \
		$(GO) test -count=1 -v -run '^TestPage$$/^$$' ./web/webtest > $(BENCH_OUT)/page.txt 2>&1; fi
	-@if [ -f $(WEB_OUT)/bounce.wasm ] && [ -n "$(CHROMIUM)" ]; then \
		BOUNCE_WEB_DIR=$(CURDIR)/$(WEB_OUT) CHROMIUM="$(CHROMIUM)" BOUNCE_PASTE_TIMINGS=1 \
		$(GO) test -count=1 -v -run '^TestPasteTimings$$' ./web/webtest > $(BENCH_OUT)/paste.txt 2>&1; fi
	@echo
	@$(GO) run ./internal/benchtable -dir $(BENCH_OUT) -wasm $(WEB_OUT)/bounce.wasm

# Each fuzz target for FUZZTIME, from its seed corpus; a crasher is kept in
# testdata/fuzz/<target>/ of its package.
# Go's fuzzer can end with "context deadline exceeded" and no failing
# input when -fuzztime runs out while it minimises a new interesting input;
# such a run is repeated once. A run that writes a failing input fails.
test-fuzz:
	@mkdir -p build; for t in $(FUZZ_TARGETS); do \
		echo "fuzz $${t#*:} ($${t%%:*}) for $(FUZZTIME)"; \
		fuzz() { $(GO) test -run '^$$' -fuzz "^$${t#*:}$$" -fuzztime $(FUZZTIME) "$${t%%:*}" > build/fuzz.log 2>&1; }; \
		fuzz || { grep -q 'context deadline exceeded' build/fuzz.log && ! grep -q 'Failing input written' build/fuzz.log && \
			echo "  the fuzzer stopped at its deadline while minimising; once more" && fuzz; } \
			|| { cat build/fuzz.log; exit 1; }; \
	done

TESTS += test-fuzz
