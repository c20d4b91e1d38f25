package parser_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
)

// TestDetectEmbedded: every embedded document is recognised as its kind
// from content alone, and no other parser claims it.
func TestDetectEmbedded(t *testing.T) {
	want := map[string]record.Kind{
		"data/docs/granular-scopes.md":      record.KindGranularMD,
		"data/docs/classic-scopes.txt":      record.KindClassic,
		"data/docs/users-api-postman.txt":   record.KindPostman,
		"data/docs/users-api-openapi.txt":   record.KindOpenAPIText,
		"data/docs/phone-endpoint-page.txt": record.KindEndpointPage,
	}
	files := data.Files()
	if len(files) != len(want) {
		t.Fatalf("%d embedded files, want %d", len(files), len(want))
	}
	for _, f := range files {
		k, err := parser.Detect(f.Data)
		if err != nil || k != want[f.Path] {
			t.Errorf("Detect(%s) = %q, %v; want %q", f.Path, k, err, want[f.Path])
		}
	}
}

// TestDetectOpenAPI: the real OpenAPI files (beside the checkout) are
// recognised too.
func TestDetectOpenAPI(t *testing.T) {
	paths, _ := filepath.Glob(filepath.Join("..", "..", "shared", "zoom-openapi", "*.json"))
	if len(paths) == 0 {
		t.Skip("real OpenAPI files not present")
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		if k, err := parser.Detect(b); err != nil || k != record.KindOpenAPI {
			t.Errorf("Detect(%s) = %q, %v", p, k, err)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		data string
		kind record.Kind
		is   error
		has  string
	}{
		{"empty", "", "", parser.ErrEmpty, "doc.txt: document is empty"},
		{"blank", " \n\t\n", "", parser.ErrEmpty, "document is empty"},
		{"unknown", "hello world\n", "", parser.ErrUnknownKind, "known kinds: classic, endpoint-page"},
		{"binary", "\xff\xfe\x00abc", "", nil, "not UTF-8"},
		{"forced wrong kind", "hello world\n", record.KindPostman, nil, "parse as postman"},
		{"unknown forced kind", "x", "pdf", parser.ErrUnknownKind, `unknown document kind "pdf"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := parser.Parse("doc.txt", []byte(tc.data), tc.kind)
			if err == nil || !strings.Contains(err.Error(), tc.has) {
				t.Fatalf("err = %v, want it to contain %q", err, tc.has)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("err = %v, want errors.Is %v", err, tc.is)
			}
		})
	}
}

func TestLoad(t *testing.T) {
	dir := t.TempDir()
	for _, f := range data.Files() {
		if err := os.WriteFile(filepath.Join(dir, filepath.Base(f.Path)), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// A README in a folder of documents is not a document.
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("# notes\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	docs, err := parser.Load(dir)
	if err != nil || len(docs) != 5 {
		t.Fatalf("Load(dir) = %d docs, %v", len(docs), err)
	}
	page := filepath.Join(dir, "granular-scopes.md")
	docs, err = parser.Load("granular-md=" + page)
	if err != nil || len(docs) != 1 || docs[0].Kind != record.KindGranularMD || docs[0].SHA256 == "" {
		t.Fatalf("Load(KIND=FILE) = %+v, %v", docs, err)
	}
	if _, err := parser.Load(filepath.Join(dir, "missing.md")); err == nil {
		t.Error("Load of a missing file succeeded")
	}
	if _, err := parser.Load(t.TempDir()); err == nil || !strings.Contains(err.Error(), "holds no documents") {
		t.Errorf("Load of an empty folder: %v", err)
	}
}

// TestLoadSizeLimit: a document larger than the limit is refused with its
// size and the limit, before it is parsed; the limit can be raised.
func TestLoadSizeLimit(t *testing.T) {
	dir := t.TempDir()
	page := filepath.Join(dir, "granular-scopes.md")
	var content []byte
	for _, f := range data.Files() {
		if filepath.Base(f.Path) == "granular-scopes.md" {
			content = f.Data
		}
	}
	if err := os.WriteFile(page, content, 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := parser.LoadWith(page, parser.LoadOptions{MaxSize: 1000})
	if !errors.Is(err, parser.ErrTooLarge) || !strings.Contains(err.Error(), page) || !strings.Contains(err.Error(), "1000 bytes") {
		t.Fatalf("err = %v, want ErrTooLarge naming the file and the limit", err)
	}
	if _, err := parser.LoadWith(dir, parser.LoadOptions{MaxSize: 1000}); !errors.Is(err, parser.ErrTooLarge) {
		t.Fatalf("folder: err = %v, want ErrTooLarge", err)
	}
	if docs, err := parser.LoadWith(page, parser.LoadOptions{MaxSize: int64(len(content))}); err != nil || len(docs) != 1 {
		t.Fatalf("at the limit: %v", err)
	}
	if parser.DefaultMaxSize < 10<<20 {
		t.Errorf("default limit %d is below Zoom's largest real files", parser.DefaultMaxSize)
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"100": 100, "64MB": 64 << 20, "64MiB": 64 << 20, "2 GB": 2 << 30, "512kb": 512 << 10, "1G": 1 << 30} {
		if got, err := parser.ParseSize(in); err != nil || got != want {
			t.Errorf("ParseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "-1", "0", "ten", "10TB", "99999999999999999999"} {
		if _, err := parser.ParseSize(in); err == nil {
			t.Errorf("ParseSize(%q): no error", in)
		}
	}
}

// TestLoadFollowsSymlinks: symlinked documents and folders inside a docs
// folder are read; a link back to an ancestor is not followed twice, and a
// dangling link is a clear error rather than a silent skip.
func TestLoadFollowsSymlinks(t *testing.T) {
	outside := t.TempDir()
	for _, f := range data.Files() {
		if err := os.WriteFile(filepath.Join(outside, filepath.Base(f.Path)), f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	sub := filepath.Join(dir, "sub")
	if err := os.Mkdir(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	links := map[string]string{
		filepath.Join(dir, "granular.md"):     filepath.Join(outside, "granular-scopes.md"),
		filepath.Join(dir, "classic.txt"):     filepath.Join(outside, "classic-scopes.txt"),
		filepath.Join(sub, "refs"):            outside, // a linked folder
		filepath.Join(sub, "loop"):            dir,     // back to the root
		filepath.Join(sub, "refs-again"):      outside, // the same folder twice
		filepath.Join(dir, ".hidden-link.md"): filepath.Join(outside, "granular-scopes.md"),
	}
	for link, target := range links {
		if err := os.Symlink(target, link); err != nil {
			t.Skipf("symlinks unavailable: %v", err)
		}
	}
	docs, err := parser.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, d := range docs {
		rel, _ := filepath.Rel(dir, d.Path)
		got = append(got, filepath.ToSlash(rel))
	}
	want := []string{"classic.txt", "granular.md", "sub/refs/classic-scopes.txt", "sub/refs/granular-scopes.md",
		"sub/refs/phone-endpoint-page.txt", "sub/refs/users-api-openapi.txt", "sub/refs/users-api-postman.txt"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("loaded\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if err := os.Symlink(filepath.Join(outside, "missing.md"), filepath.Join(dir, "dangling.md")); err != nil {
		t.Fatal(err)
	}
	if _, err := parser.Load(dir); err == nil || !strings.Contains(err.Error(), "dangling.md") {
		t.Errorf("dangling link: err = %v, want one naming it", err)
	}
}

func FuzzParseSize(f *testing.F) {
	for _, s := range []string{"64MB", "1", "2 GiB", "-3", "9223372036854775807K"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if n, err := parser.ParseSize(s); err == nil && (n <= 0 || n > 1<<40) {
			t.Fatalf("ParseSize(%q) = %d", s, n)
		}
	})
}
