package main

import (
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/lint"
)

// TestLintCategories: a category name in --rule runs exactly its rules,
// in --disable skips them, and an unknown name is one line on stderr
// with exit 2.
func TestLintCategories(t *testing.T) {
	all, total := lintCounts(t)
	names := map[string]bool{}
	for _, r := range lint.Rules() {
		if r.Category == lint.CategoryNames {
			names[r.ID] = true
		}
	}
	inNames := 0
	for id, n := range all {
		if names[id] {
			inNames += n
		}
	}
	if inNames == 0 || inNames == total {
		t.Fatalf("the embedded data has %d name findings of %d", inNames, total)
	}
	got, n := lintCounts(t, "--rule", "names")
	for id := range got {
		if !names[id] {
			t.Errorf("--rule names ran %s", id)
		}
	}
	if n != inNames {
		t.Errorf("--rule names: %d findings, want %d", n, inNames)
	}
	got, n = lintCounts(t, "--disable", "NAMES,"+lint.RuleMalformedLink)
	if n != total-inNames-all[lint.RuleMalformedLink] || got[lint.RuleMalformedLink] != 0 {
		t.Errorf("--disable names,MALFORMED_LINK: %d findings of %d: %v", n, total, got)
	}
	// The error is one line (then the usual pointer to --help).
	_, errOut, code := runCLI(t, "", "lint", "--rule", "name")
	first, _, _ := strings.Cut(errOut, "\n")
	if code != exitUsage || !strings.Contains(first, `--rule: unknown rule "name" (did you mean names?)`) || !strings.Contains(first, "categories: names, pairs") {
		t.Errorf("unknown category: exit %d, %q", code, errOut)
	}
}
