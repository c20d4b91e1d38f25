package scan

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
)

// BenchmarkScanFixtureTree scans the whole fixture tree (15 files, seven
// languages and a HAR file) from disk.
func BenchmarkScanFixtureTree(b *testing.B) {
	s := New(testCatalog(b))
	root := filepath.Join("testdata", "src")
	for b.Loop() {
		if _, err := s.Scan(root); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScanFileLarge scans one 1 MB JavaScript file (the fixture
// repeated), in memory: the cost per byte of source.
func BenchmarkScanFileLarge(b *testing.B) {
	s := New(testCatalog(b))
	one, err := os.ReadFile(filepath.Join("testdata", "src", "js", "zoom.js"))
	if err != nil {
		b.Fatal(err)
	}
	data := bytes.Repeat(one, (1<<20)/len(one))
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := s.ScanFile("big.js", data); err != nil {
			b.Fatal(err)
		}
	}
}

// writeRepo300 writes a generated 300-file repository: the fixture
// projects' files copied into 20 packages each, plus plain files of
// application code with no Zoom call, in every language the scanner reads.
func writeRepo300(b *testing.B) string {
	b.Helper()
	dir := b.TempDir()
	var srcs []string
	root := filepath.Join("testdata", "projects")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && wanted(p) {
			srcs = append(srcs, p)
		}
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for pkg := 0; n < 300; pkg++ {
		for _, p := range srcs {
			if n == 300 {
				break
			}
			rel, _ := filepath.Rel(root, p)
			dst := filepath.Join(dir, fmt.Sprintf("pkg%02d", pkg), rel)
			data, err := os.ReadFile(p)
			if err != nil {
				b.Fatal(err)
			}
			if pkg%2 == 1 {
				// Odd packages: the same file padded with ordinary code.
				data = append(data, bytes.Repeat([]byte("\n// filler: an application's own logic, no HTTP calls\n"), 40)...)
			}
			if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(dst, data, 0o644); err != nil {
				b.Fatal(err)
			}
			n++
		}
	}
	return dir
}

// BenchmarkScanRepo300 scans a generated 300-file repository with the
// embedded catalog, and reports the scan's cost as a ratio to loading
// that catalog in the same run (x-catalog-load): the project pass and the
// file pass together, from disk.
func BenchmarkScanRepo300(b *testing.B) {
	dir := writeRepo300(b)
	start := time.Now()
	const loads = 3
	var s *Scanner
	for range loads {
		s = New(catalogtest.Embedded(b))
	}
	load := time.Since(start) / loads
	b.ResetTimer()
	for b.Loop() {
		res, err := s.Scan(dir)
		if err != nil {
			b.Fatal(err)
		}
		if res.Files != 300 {
			b.Fatalf("%d files read, want 300", res.Files)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(load.Nanoseconds()), "x-catalog-load")
	b.ReportMetric(float64(load.Nanoseconds()), "catalog-load-ns")
}
