package site

import (
	"io"
	"testing"
)

// BenchmarkNew prepares the embedded catalog: the planner's advice for
// every endpoint and app type.
func BenchmarkNew(b *testing.B) {
	c := embeddedCatalog(b)
	b.ResetTimer()
	for b.Loop() {
		if _, err := New(c, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkMarkdown renders every Markdown page of the embedded catalog.
func BenchmarkMarkdown(b *testing.B) {
	s := newSite(b, embeddedCatalog(b), Options{})
	b.ResetTimer()
	for b.Loop() {
		n := 0
		for _, p := range s.Markdown() {
			n += len(p.Content)
		}
		b.SetBytes(int64(n))
	}
}

// BenchmarkHTML renders the explorer of the embedded catalog.
func BenchmarkHTML(b *testing.B) {
	s := newSite(b, embeddedCatalog(b), Options{})
	b.ResetTimer()
	for b.Loop() {
		if err := s.WriteHTML(io.Discard); err != nil {
			b.Fatal(err)
		}
	}
}
