package scan

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
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
