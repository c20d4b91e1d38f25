// Package testutil holds helpers shared by the tests of several packages.
// Only tests import it.
package testutil

import (
	"os"
	"path/filepath"
	"testing"
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
