//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// envPeakChild names the document the child process of
// BenchmarkPeakMemory loads.
const envPeakChild = "SCOPEPLAN_PEAK_MEMORY_DOC"

// granularTable writes a granular Markdown page of n rows (one product,
// one section, one table) and returns its path and size.
func granularTable(tb testing.TB, n int) (string, int64) {
	var b bytes.Buffer
	b.WriteString("# Granular OAuth Scopes\n\n## Zoom Phone\n\n### Things\n\n| API Endpoint | Granular Scopes |\n|---|---|\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "| [Get thing %d](/docs/api/rest/reference/phone/methods/#operation/getThing%d) | `phone:read:thing%d:admin` |\n", i, i, i)
	}
	p := filepath.Join(tb.TempDir(), "granular.md")
	if err := os.WriteFile(p, b.Bytes(), 0o644); err != nil {
		tb.Fatal(err)
	}
	return p, int64(b.Len())
}

// TestPeakMemoryChild is the child process of BenchmarkPeakMemory; it does
// nothing unless that benchmark started it.
func TestPeakMemoryChild(t *testing.T) {
	doc := os.Getenv(envPeakChild)
	if doc == "" {
		t.Skip("run by BenchmarkPeakMemory only")
	}
	var out, errOut bytes.Buffer
	if code := run([]string{"catalog", "stats", "--docs", doc}, &streams{in: strings.NewReader(""), out: &out, errOut: &errOut}); code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
}

// BenchmarkPeakMemory measures the peak resident memory of `catalog stats`
// on granular tables of 1e3 to 1e5 rows, each in a fresh process (the
// test binary re-run as TestPeakMemoryChild), and reports it with the
// input's size and their ratio:
//
//	go test -run '^$' -bench PeakMemory -benchtime 1x ./cmd/scopeplan/
func BenchmarkPeakMemory(b *testing.B) {
	for _, n := range []int{1_000, 10_000, 100_000} {
		b.Run(fmt.Sprintf("rows=%d", n), func(b *testing.B) {
			doc, size := granularTable(b, n)
			var peak int64
			for b.Loop() {
				cmd := exec.Command(os.Args[0], "-test.run=^TestPeakMemoryChild$", "-test.count=1")
				cmd.Env = append(os.Environ(), envPeakChild+"="+doc)
				if out, err := cmd.CombinedOutput(); err != nil {
					b.Fatalf("child: %v\n%s", err, out)
				}
				ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage)
				if !ok {
					b.Skip("no resource usage")
				}
				peak = max(peak, ru.Maxrss*1024) // kilobytes on Linux
			}
			b.ReportMetric(float64(size), "input-bytes")
			b.ReportMetric(float64(peak), "peak-rss-bytes")
			b.ReportMetric(float64(peak)/float64(size), "peak/input")
		})
	}
}
