// Package catalogtest gives tests the catalog of the embedded documents.
// It is apart from package testutil, which packages below the loader use.
package catalogtest

import (
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/loader"
)

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
