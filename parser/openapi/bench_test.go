package openapi

import (
	"encoding/json"
	"os"
	"testing"
)

// readShared reads a file of the shared Zoom OpenAPI copies, skipping the
// test or benchmark when they are absent.
func readShared(tb testing.TB, name string) []byte {
	tb.Helper()
	data, err := os.ReadFile(sharedPath(name))
	if os.IsNotExist(err) {
		tb.Skipf("shared file %s absent", name)
	}
	if err != nil {
		tb.Fatal(err)
	}
	return data
}

// BenchmarkParsePhone measures Parse on zoom-phone.openapi.json (2.4 MB).
func BenchmarkParsePhone(b *testing.B) {
	data := readShared(b, "zoom-phone.openapi.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse("zoom-phone.openapi.json", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkJSONDecodePhone is the baseline: a plain json.Unmarshal of the
// same file into an any.
func BenchmarkJSONDecodePhone(b *testing.B) {
	data := readShared(b, "zoom-phone.openapi.json")
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		var v any
		if err := json.Unmarshal(data, &v); err != nil {
			b.Fatal(err)
		}
	}
}
