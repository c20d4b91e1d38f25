package loader

import (
	"path/filepath"
	"testing"
)

// TestSameDocumentTwice: a document given twice counts once.
func TestSameDocumentTwice(t *testing.T) {
	page := filepath.Join("..", "..", "data", "docs", "classic-scopes.txt")
	c, p, err := Load(Options{Docs: []string{page, page}})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Documents) != 1 || c.Stats().ClassicAssociations != 2846 {
		t.Errorf("%d documents, %d associations; want 1 and 2846", len(p.Documents), c.Stats().ClassicAssociations)
	}
}
