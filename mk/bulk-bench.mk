# The bulk CLI's benchmark (issue 14): "bounce classify -format json" over
# the labelled corpus repeated to BULK_FILES files (100,000) in a folder
# tree, with -j 1 and -j 2; it prints messages/s for each and the speed-up,
# against the target of 1.8x on 2 cores. "make bench" runs it too; the
# output is kept in build/bench/bulk.txt (benchstat's format).
# BULK_COUNT=3 runs each three times and takes the best of each.

BULK_FILES ?= 100000
BULK_COUNT ?= 1

.PHONY: bench-bulk
bench: bench-bulk

bench-bulk:
	@mkdir -p build/bench
	BULK_FILES=$(BULK_FILES) $(GO) test -run '^$$' -bench '^BenchmarkBulkClassify$$' -benchtime 1x -count $(BULK_COUNT) -timeout 60m ./cmd/bounce > build/bench/bulk.txt || { cat build/bench/bulk.txt; exit 1; }
	@cat build/bench/bulk.txt
	@awk '/BulkClassify\/j=/ { split($$1, a, "[=-]"); j = a[2]; for (i = 2; i < NF; i++) if ($$(i+1) == "msgs/s" && $$i > best[j]) best[j] = $$i } \
		END { if (!best[1] || !best[2]) { print "bench-bulk: no figures"; exit 1 } \
		printf "bulk classify, %d files: -j 1 %.0f msgs/s, -j 2 %.0f msgs/s, speed-up %.2fx (target >= 1.8x on 2 cores; nproc %s)\n", $(BULK_FILES), best[1], best[2], best[2]/best[1], "'"$$(nproc)"'" }' build/bench/bulk.txt
