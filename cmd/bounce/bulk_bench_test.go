package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkBulkClassify runs "bounce classify -format json" over the
// labelled corpus (testdata/corpus/eml) repeated to BULK_FILES files
// (100,000 by default) in a folder tree of 1,000 files a folder, with -j 1
// and -j 2, and reports messages per second. The files are hard links to
// the corpus where the file system allows, so the tree costs no space and
// is read from the page cache, as a warm maildir is. "make bench-bulk"
// runs it and prints the speed-up of -j 2 over -j 1. cores-used is the
// process's CPU time over the wall time: when other work holds the cores,
// -j 2 cannot reach 2x, and this figure shows it.
func BenchmarkBulkClassify(b *testing.B) {
	n := 100_000
	if s := os.Getenv("BULK_FILES"); s != "" {
		v, err := strconv.Atoi(s)
		if err != nil || v < 1 {
			b.Fatalf("BULK_FILES=%q", s)
		}
		n = v
	}
	corpus, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "corpus", "eml", "*.eml"))
	if len(corpus) == 0 {
		b.Fatal("no corpus in testdata/corpus/eml")
	}
	dir := b.TempDir()
	for i := range n {
		sub := filepath.Join(dir, fmt.Sprintf("%03d", i/1000))
		if i%1000 == 0 {
			if err := os.Mkdir(sub, 0o755); err != nil {
				b.Fatal(err)
			}
		}
		src, _ := filepath.Abs(corpus[i%len(corpus)])
		dst := filepath.Join(sub, fmt.Sprintf("%06d.eml", i))
		if err := os.Link(src, dst); err != nil {
			data, err := os.ReadFile(src)
			if err == nil {
				err = os.WriteFile(dst, data, 0o644)
			}
			if err != nil {
				b.Fatal(err)
			}
		}
	}
	for _, j := range []string{"1", "2"} {
		b.Run("j="+j, func(b *testing.B) {
			var msgs int
			var took, cpu time.Duration
			for b.Loop() {
				var out lineCounter
				var errb bytes.Buffer
				start, cpu0 := time.Now(), cpuTime()
				if code := run([]string{"classify", "-format", "json", "-progress", "never", "-j", j, dir}, strings.NewReader(""), &out, &errb); code != 0 {
					b.Fatalf("exit %d: %s", code, errb.String())
				}
				took += time.Since(start)
				cpu += cpuTime() - cpu0
				msgs += out.lines
			}
			b.ReportMetric(float64(msgs)/took.Seconds(), "msgs/s")
			b.ReportMetric(float64(msgs)/float64(b.N), "msgs/op")
			if cpu > 0 {
				// The cores the run had: CPU time over wall time. On a
				// machine busy with other work, -j 2 gets less than 2.
				b.ReportMetric(cpu.Seconds()/took.Seconds(), "cores-used")
			}
		})
	}
}

// lineCounter counts the lines written to it: one report a message.
type lineCounter struct{ lines int }

func (c *lineCounter) Write(p []byte) (int, error) {
	c.lines += bytes.Count(p, []byte{'\n'})
	return len(p), nil
}

var _ io.Writer = (*lineCounter)(nil)
