package site

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/scopeplan/scopeplan/lint"
)

// TestLintNotes ties the embedded documents' findings to what they
// touch: one note per finding, in order, with its endpoints as
// lint.Attribute gives them and the scope it names.
func TestLintNotes(t *testing.T) {
	c := embeddedCatalog(t)
	fs := lint.Run(c, lint.Rules())
	notes := LintNotes(c, fs)
	if len(notes) != len(fs) || len(fs) == 0 {
		t.Fatalf("%d notes for %d findings", len(notes), len(fs))
	}
	a := lint.Attribute(c, fs)
	touched := 0
	for _, e := range c.Endpoints {
		touched += len(a.Endpoint(e))
	}
	withEndpoints, withScopes, refs := 0, 0, 0
	for i, n := range notes {
		f := fs[i]
		if n.Rule != f.Rule || n.Message != f.Message || n.File != f.File || n.Line != f.Line || n.Severity != string(f.Severity) {
			t.Fatalf("note %d %+v is not finding %+v", i, n, f)
		}
		if len(n.Scopes) > 0 {
			withScopes++
			if _, ok := c.Scope(n.Scopes[0]); !ok || n.Scopes[0] != f.Subject {
				t.Errorf("note %d names scope %q, finding subject %q", i, n.Scopes[0], f.Subject)
			}
		}
		if len(n.Endpoints) > 0 {
			withEndpoints++
		}
		refs += len(n.Endpoints)
	}
	if withEndpoints == 0 || withScopes == 0 {
		t.Errorf("%d notes touch endpoints, %d name scopes; want some of each", withEndpoints, withScopes)
	}
	if refs > touched {
		t.Errorf("notes name %d endpoints, the attribution %d", refs, touched)
	}
}

func TestWriteHTMLFile(t *testing.T) {
	s := newSite(t, fixtureCatalog(t), Options{})
	var want bytes.Buffer
	if err := s.WriteHTML(&want); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "new", "dir")
	path := filepath.Join(dir, HTMLFile)
	if err := s.WriteHTMLFile(path); err != nil {
		t.Fatal(err)
	}
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want.Bytes()) {
		t.Error("the file differs from WriteHTML's output")
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o644 {
		t.Errorf("mode %v, want 0644", fi.Mode().Perm())
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 1 {
		t.Errorf("%d files in the folder, want only %s (no temporary file left)", len(entries), HTMLFile)
	}
	if err := s.WriteHTMLFile(filepath.Join(path, "under-a-file.html")); err == nil {
		t.Error("wrote under a file")
	}
}
