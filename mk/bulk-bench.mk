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
	@awk '/BulkClassify\/j=/ { split($$1, a, "[=-]"); j = a[2]; m = 0; c = 0; \
		for (i = 2; i < NF; i++) { if ($$(i+1) == "msgs/s") m = $$i; if ($$(i+1) == "cores-used") c = $$i } \
		if (m > best[j]) { best[j] = m; cores[j] = c } } \
		END { if (!best[1] || !best[2]) { print "bench-bulk: no figures"; exit 1 } \
		printf "bulk classify, %d files: -j 1 %.0f msgs/s (%.2f cores used, %.0f msgs per CPU-second), -j 2 %.0f msgs/s (%.2f cores used, %.0f msgs per CPU-second), speed-up %.2fx (target >= 1.8x on 2 cores; nproc %s, load %s)\n", \
			$(BULK_FILES), best[1], cores[1], best[1]/(cores[1] ? cores[1] : 1), best[2], cores[2], best[2]/(cores[2] ? cores[2] : 1), best[2]/best[1], "'"$$(nproc)"'", "'"$$(cut -d' ' -f1 /proc/loadavg 2>/dev/null)"'" }' build/bench/bulk.txt
