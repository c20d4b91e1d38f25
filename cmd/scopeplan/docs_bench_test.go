package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

// oneScopeTable writes a granular page of n rows that one scope grants:
// the shape that made docs quadratic (it planned every row anew).
func oneScopeTable(tb testing.TB, n int) string {
	tb.Helper()
	var b strings.Builder
	b.WriteString("## Product X\n\n### Section\n\n| API | Scopes |\n|---|---|\n")
	for i := range n {
		fmt.Fprintf(&b, "| [Get thing %d](/docs/api/rest/reference/x/methods/#operation/op%d) | `x:read:thing:admin` |\n", i, i)
	}
	p := filepath.Join(tb.TempDir(), "granular.md")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p
}

// BenchmarkDocsVersusStats reports, per table size, the time of docs
// (Markdown) over the time of catalog stats on the same document, measured
// in the same run: the curve stays flat when docs is linear. docs/stats is
// the wall-time ratio; docs/stats-cpu the ratio of the processor time each
// used, which a busy machine inflates less.
//
//	go test -run '^$' -bench DocsVersusStats ./cmd/scopeplan
func BenchmarkDocsVersusStats(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			doc := oneScopeTable(b, n)
			timeIt := func(args ...string) (wall, cpu time.Duration) {
				t0, c0 := time.Now(), cpuTime()
				if code := run(args, &streams{in: strings.NewReader(""), out: io.Discard, errOut: io.Discard}); code != 0 {
					b.Fatalf("%v: exit %d", args, code)
				}
				return time.Since(t0), cpuTime() - c0
			}
			var stats, docs, statsCPU, docsCPU time.Duration
			for i := 0; i < b.N; i++ {
				runtime.GC() // neither command pays for the other's garbage
				w, c := timeIt("catalog", "stats", "--docs", doc)
				stats, statsCPU = stats+w, statsCPU+c
				runtime.GC()
				w, c = timeIt("docs", "--docs", doc, "--out", filepath.Join(b.TempDir(), "out"))
				docs, docsCPU = docs+w, docsCPU+c
			}
			b.ReportMetric(float64(docs)/float64(stats), "docs/stats")
			b.ReportMetric(float64(docsCPU)/float64(statsCPU), "docs/stats-cpu")
			b.ReportMetric(float64(docs.Milliseconds())/float64(b.N), "ms-docs")
		})
	}
}
