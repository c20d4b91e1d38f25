//go:build linux

package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// envPeakChild names the document the child process of
// BenchmarkPeakMemory loads.
const envPeakChild = "SCOPEPLAN_PEAK_MEMORY_DOC"

// granularTable writes a granular Markdown page of n rows (one product,
// one section, one table), each row with a scope of its own or, when
// shared, all with the same one, and returns its path and size.
func granularTable(tb testing.TB, n int, shared bool) (string, int64) {
	var b bytes.Buffer
	b.WriteString("# Granular OAuth Scopes\n\n## Zoom Phone\n\n### Things\n\n| API Endpoint | Granular Scopes |\n|---|---|\n")
	for i := 0; i < n; i++ {
		scope := fmt.Sprintf("phone:read:thing%d:admin", i)
		if shared {
			scope = "phone:read:thing:admin"
		}
		fmt.Fprintf(&b, "| [Get thing %d](/docs/api/rest/reference/phone/methods/#operation/getThing%d) | `%s` |\n", i, i, scope)
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
	// Sample the heap in use while the command runs, for the parent.
	stop, done := make(chan struct{}), make(chan uint64)
	go func() {
		var m runtime.MemStats
		var peak uint64
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			runtime.ReadMemStats(&m)
			peak = max(peak, m.HeapInuse)
			select {
			case <-stop:
				done <- peak
				return
			case <-tick.C:
			}
		}
	}()
	var out, errOut bytes.Buffer
	code := run([]string{"catalog", "stats", "--docs", doc}, &streams{in: strings.NewReader(""), out: &out, errOut: &errOut})
	close(stop)
	peak := <-done
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut.String())
	}
	fmt.Printf("%s%d\n", peakHeapLine, peak)
}

// peakHeapLine starts the child's line giving its peak heap in use.
const peakHeapLine = "peak heap in use: "

// BenchmarkPeakMemory measures the peak resident memory of `catalog stats`
// on granular tables of 1e3 to 1e5 rows, a scope each (and 1e5 rows
// sharing one scope, whose lists grow long), each in a fresh process (the
// test binary re-run as TestPeakMemoryChild), and reports it with the
// input's size and their ratio (peak/input), and the peak of the heap in
// use sampled every 2 ms over the input's size (heap/input: the part that
// is the catalog and its parsing, without the runtime and test binary):
//
//	go test -run '^$' -bench PeakMemory -benchtime 1x ./cmd/scopeplan/
func BenchmarkPeakMemory(b *testing.B) {
	for _, tc := range []struct {
		n      int
		shared bool
	}{{1_000, false}, {10_000, false}, {100_000, false}, {100_000, true}} {
		name := fmt.Sprintf("rows=%d", tc.n)
		if tc.shared {
			name += "/one-scope"
		}
		b.Run(name, func(b *testing.B) {
			doc, size := granularTable(b, tc.n, tc.shared)
			var peak, heap int64
			for b.Loop() {
				cmd := exec.Command(os.Args[0], "-test.run=^TestPeakMemoryChild$", "-test.count=1", "-test.v")
				cmd.Env = append(os.Environ(), envPeakChild+"="+doc)
				out, err := cmd.CombinedOutput()
				if err != nil {
					b.Fatalf("child: %v\n%s", err, out)
				}
				if _, rest, ok := bytes.Cut(out, []byte(peakHeapLine)); ok {
					line, _, _ := bytes.Cut(rest, []byte("\n"))
					if n, err := strconv.ParseInt(string(line), 10, 64); err == nil {
						heap = max(heap, n)
					}
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
			b.ReportMetric(float64(heap)/float64(size), "heap/input")
		})
	}
}
