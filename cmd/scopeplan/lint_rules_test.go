package main

import (
	"encoding/json"
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

// TestLintPrecomputedMatchesLive: the findings stored with the embedded
// data (used when no --rule is given) are those the rules give when run,
// fixes included.
func TestLintPrecomputedMatchesLive(t *testing.T) {
	findings := func(args ...string) string {
		t.Helper()
		out, errOut, code := runCLI(t, "", append([]string{"lint", "--format", "json", "--fail-on", "never"}, args...)...)
		if code != 0 {
			t.Fatalf("lint %v: exit %d: %s", args, code, errOut)
		}
		var r struct {
			Findings json.RawMessage `json:"findings"`
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		return string(r.Findings)
	}
	var cats []string
	for _, c := range lint.Categories() {
		cats = append(cats, string(c.Name))
	}
	stored, live := findings(), findings("--rule", strings.Join(cats, ","))
	if stored != live {
		t.Error("the stored findings differ from the rules' (go generate ./... rebuilds them)")
	}
	if !strings.Contains(stored, `"fixes"`) {
		t.Error("the stored findings have no fixes")
	}
}
