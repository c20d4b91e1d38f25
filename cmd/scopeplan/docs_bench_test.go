package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
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
// in the same run: the curve stays flat when docs is linear.
func BenchmarkDocsVersusStats(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 50_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			doc := oneScopeTable(b, n)
			timeIt := func(args ...string) time.Duration {
				t0 := time.Now()
				if code := run(args, &streams{in: strings.NewReader(""), out: io.Discard, errOut: io.Discard}); code != 0 {
					b.Fatalf("%v: exit %d", args, code)
				}
				return time.Since(t0)
			}
			var stats, docs time.Duration
			for i := 0; i < b.N; i++ {
				stats += timeIt("catalog", "stats", "--docs", doc)
				docs += timeIt("docs", "--docs", doc, "--out", filepath.Join(b.TempDir(), "out"))
			}
			b.ReportMetric(float64(docs)/float64(stats), "docs/stats")
			b.ReportMetric(float64(docs.Milliseconds())/float64(b.N), "ms-docs")
		})
	}
}
