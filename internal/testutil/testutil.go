// Package testutil holds helpers shared by the tests of several packages.
// Only tests import it.
package testutil

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/loader"
)

// DirFiles reads every file of a directory (not recursively) into a map
// from file name to content, so a test can assert that a failed operation
// left the directory exactly as it was.
func DirFiles(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		out[e.Name()] = string(b)
	}
	return out
}

// Embedded builds the catalog of the embedded documents, parsing them (it
// never reads the snapshot, whose own test compares it with this).
func Embedded(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, _, err := loader.Load(loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
