package lint

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRulesAreDocumented: every rule is in the README's table and in
// docs/lint-rules.md, with its current severity in the README.
func TestRulesAreDocumented(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	rulesDoc, err := os.ReadFile(filepath.Join("..", "docs", "lint-rules.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range Rules() {
		row := "| `" + r.ID + "` | " + string(r.Severity) + " |"
		if !strings.Contains(string(readme), row) {
			t.Errorf("README.md has no row starting %q", row)
		}
		if !strings.Contains(string(rulesDoc), r.ID) {
			t.Errorf("docs/lint-rules.md does not mention %s", r.ID)
		}
	}
}
