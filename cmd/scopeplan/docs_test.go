package main

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan"
)

// runDocsCLI runs the command line and returns standard output, standard
// error and the exit code.
func runDocsCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &streams{in: strings.NewReader(""), out: &out, errOut: &errOut})
	return out.String(), errOut.String(), code
}

func TestDocsUsage(t *testing.T) {
	notDir := filepath.Join(t.TempDir(), "file")
	if err := os.WriteFile(notDir, []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		code    int
		errText string
	}{
		{"no --out", []string{"docs"}, exitUsage, "--out"},
		{"empty --out", []string{"docs", "--out", ""}, exitUsage, "--out"},
		{"bad format", []string{"docs", "--out", t.TempDir(), "--format", "pdf"}, exitUsage, "pdf"},
		{"positional argument", []string{"docs", "--out", t.TempDir(), "extra"}, exitUsage, "docs"},
		{"out is a file (markdown)", []string{"docs", "--out", notDir}, exitInput, "docs:"},
		{"out is a file (html)", []string{"docs", "--out", notDir, "--format", "html"}, exitInput, "docs:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errOut, code := runDocsCLI(t, tt.args...)
			if code != tt.code || !strings.Contains(errOut, tt.errText) {
				t.Errorf("exit %d, stderr %q; want exit %d mentioning %q", code, errOut, tt.code, tt.errText)
			}
		})
	}
}

func TestDocsMarkdown(t *testing.T) {
	c, _, err := scopeplan.Load(context.Background(), scopeplan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "site")
	out, errOut, code := runDocsCLI(t, "docs", "--out", dir)
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	want := len(c.Products()) + len(c.Scopes) + 1
	n := 0
	err = filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if n != want {
		t.Errorf("%d files written, want %d", n, want)
	}
	if !strings.Contains(out, "wrote ") || !strings.Contains(out, dir) {
		t.Errorf("stdout = %q", out)
	}
	idx, err := os.ReadFile(filepath.Join(dir, "index.md"))
	if err != nil || !bytes.HasPrefix(idx, []byte("# Zoom OAuth scopes\n")) {
		t.Errorf("index.md: %v %.80q", err, idx)
	}
}

func TestDocsHTML(t *testing.T) {
	dir := t.TempDir()
	out, errOut, code := runDocsCLI(t, "docs", "--out", dir, "--format", "html")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 1 || entries[0].Name() != "index.html" {
		t.Errorf("files in --out: %v, want only index.html", entries)
	}
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"<!DOCTYPE html>", `id="scopeplan-data"`, `id="scopeplan-wasm"`, "Content-Security-Policy"} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("index.html lacks %s", want)
		}
	}
	// Lint findings travel with the page.
	if !bytes.Contains(page, []byte(`"notes":[{`)) {
		t.Error("index.html carries no lint findings")
	}
	if !strings.Contains(out, filepath.Join(dir, "index.html")) {
		t.Errorf("stdout = %q", out)
	}
}
