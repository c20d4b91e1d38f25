package parser_test

import (
	"errors"
	"fmt"
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

func ExampleParse() {
	page := "## Zoom User\n\n### Users\n\n| API Endpoint | Granular Scopes |\n|---|---|\n" +
		"| [Get a user](/docs/api/rest/reference/user/methods/#operation/user) | `user:read:user`, `user:read:user:admin` |\n"
	doc, err := parser.Parse("page.md", []byte(page), "")
	if err != nil {
		fmt.Println(err)
		return
	}
	r := doc.GranularRows[0]
	fmt.Println(doc.Kind, r.Product, r.OperationID, r.Variant, len(r.Scopes), r.Source.Line)
	// Output: granular-md Zoom User user regular 2 7
}
