package granular

import (
	"errors"
	"strings"
	"testing"
)

// TestMarkdownNestingRefused: goldmark's cost grows with the square of the
// block nesting depth (a 100 KB line of '>' took seconds), so pathological
// nesting is refused before parsing, with the line and the limit.
func TestMarkdownNestingRefused(t *testing.T) {
	table := "| API Endpoint | Granular Scopes |\n|---|---|\n| [A](/docs/api/rest/reference/p/methods/#operation/a) | `a:read:b` |\n"
	indented := func(n int) string {
		var b strings.Builder
		for i := 0; i < n; i++ {
			b.WriteString(strings.Repeat(" ", 2*i) + "- a\n")
		}
		return b.String()
	}
	for name, bad := range map[string]string{
		"block quotes":    strings.Repeat(">", 100_000),
		"spaced quotes":   strings.Repeat("> ", 50_000),
		"ordered lists":   strings.Repeat("1. ", 30_000),
		"indented lists":  indented(2_000),
		"quoted list mix": strings.Repeat("> - ", 1_000),
	} {
		t.Run(name, func(t *testing.T) {
			_, err := ParseMarkdown("deep.md", []byte("## P\n\n"+table+"\n"+bad+"\n"))
			if !errors.Is(err, ErrTooDeep) || !strings.Contains(err.Error(), "line 7") {
				t.Fatalf("err = %v, want ErrTooDeep at line 7", err)
			}
		})
	}
	// Ordinary nesting still parses.
	ok := "## P\n\n> a quote\n> > nested\n\n- a\n  - b\n    - c\n\n" + table
	if _, err := ParseMarkdown("ok.md", []byte(ok)); err != nil {
		t.Fatal(err)
	}
}

// BenchmarkNestedQuotes is the 100 KB line of '>' that used to take
// seconds; it is now refused in one pass.
func BenchmarkNestedQuotes(b *testing.B) {
	data := []byte("| a | b |\n|---|---|\n" + strings.Repeat(">", 100_000) + "\n")
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if _, err := ParseMarkdown("deep.md", data); !errors.Is(err, ErrTooDeep) {
			b.Fatal(err)
		}
	}
}
