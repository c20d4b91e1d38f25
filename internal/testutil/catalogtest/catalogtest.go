// Package catalogtest gives tests the catalog of the embedded documents.
// It is apart from package testutil, which packages below the loader use.
package catalogtest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/loader"
)

// Embedded builds the catalog of the embedded documents, parsing them (it
// never reads the snapshot, whose own test compares it with this).
func Embedded(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, _, err := loader.Build(context.Background(), loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// HubDir is the shared copy of Zoom's API hub files beside the
// repository (../shared/zoom-api-hub), found from a package folder of any
// depth. Without it the test is skipped, or fails when CI is set.
func HubDir(t testing.TB) string {
	t.Helper()
	for _, up := range []string{"..", "../..", "../../..", "../../../.."} {
		dir := filepath.Join(up, "..", "shared", "zoom-api-hub")
		if _, err := os.Stat(filepath.Join(dir, "README.md")); err == nil {
			return dir
		}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("../shared/zoom-api-hub is absent")
	}
	t.Skip("../shared/zoom-api-hub is absent")
	return ""
}

// Hub builds the catalog of the embedded documents plus every file of the
// shared API hub copy.
func Hub(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, _, err := loader.Build(context.Background(), loader.Options{AddDocs: []string{HubDir(t)}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
