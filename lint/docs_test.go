package lint

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
)

// docsHeader opens docs/lint-rules.md; the rest is generated from the
// rules' values (Rules, Categories).
const docsHeader = "# `scopeplan lint` rules\n\n" +
	"<!-- Generated from the rules' values (lint.Rules, lint.Categories) by\n" +
	"     go test ./lint -run TestRulesDoc -update\n" +
	"     Edit lint/*.go, not this file. -->\n\n" +
	"`scopeplan lint` checks the scope documents (the embedded set, or those given\n" +
	"with `--docs`) and reports each defect at each place it appears. Every rule\n" +
	"works out what is normal from the documents themselves (the vocabulary of\n" +
	"actions, resources and products, the regular/master pairs, counts). No list of\n" +
	"known defects is written into the code.\n\n" +
	"```\n" +
	"scopeplan lint [--docs PATH]... [--format text|json|sarif|github]\n" +
	"               [--fail-on error|warning|info|never] [--rule ID|CATEGORY]...\n" +
	"               [--disable ID|CATEGORY]... [--baseline FILE] [--write-baseline FILE]\n" +
	"```\n\n" +
	"* Exit status: `4` when findings at or above `--fail-on` (default `error`)\n" +
	"  remain after the baseline, `0` otherwise, `1` for unreadable input\n" +
	"  (documents, baseline), `2` for bad flags (an unknown rule ID or category, an\n" +
	"  unknown format).\n" +
	"* `--rule` runs only the rules named, `--disable` skips rules. Both take rule\n" +
	"  IDs or category names (%s), in any case, repeated or\n" +
	"  comma-separated; a category stands for all its rules. Without `--rule` the\n" +
	"  default rules run (today, every rule). A deprecated rule's ID stands for the\n" +
	"  rules that replaced it.\n" +
	"* Each finding has `rule`, `severity`, `file`, `line`, `column` (0 when\n" +
	"  unknown), `subject` (the scope, name or link at fault), `message` and\n" +
	"  `suggestion` (empty when no fix can be inferred). Findings are sorted by\n" +
	"  file, line, rule.\n" +
	"* When the suggestion replaces the subject's text and its column is known, the\n" +
	"  finding also has `fixes`: the edits that apply it, one per place the\n" +
	"  document states the subject, each with `message`, `file`, `line`, `column`\n" +
	"  (1-based, counted in bytes), `old` and `new`. SARIF output carries them as\n" +
	"  the result's `fixes` (`artifactChanges` whose `replacements` have a\n" +
	"  `deletedRegion` and `insertedContent`). The Fix column below says which\n" +
	"  rules can give one.\n" +
	"* `--write-baseline FILE` records the current findings. `--baseline FILE` accepts them.\n" +
	"  A finding is matched by rule and subject, never by line, so edits elsewhere\n" +
	"  in a document do not break the baseline. Each entry accepts as many\n" +
	"  findings as it had when it was written, so a new place where a known\n" +
	"  misspelling appears is reported. An entry of a deprecated rule accepts the\n" +
	"  findings of the rules that replaced it.\n" +
	"* `--format json` writes `{\"schema_version\", \"data\", \"findings\", \"summary\":\n" +
	"  {\"by_rule\", \"by_severity\", \"total\"}, \"baselined\"}`. `--format sarif` writes SARIF\n" +
	"  2.1.0 with the rules' metadata. `--format github` writes workflow\n" +
	"  annotations (`::error file=…,line=…,title=RULE::message`).\n\n" +
	"Counts are for the embedded documents (captured %s).\n"

// sentence turns a rule's title into a table cell: capitalised, with a
// full stop.
func sentence(s string) string {
	if s == "" {
		return s
	}
	s = strings.ToUpper(s[:1]) + s[1:]
	if !strings.HasSuffix(s, ".") {
		s += "."
	}
	return strings.ReplaceAll(s, "|", `\|`)
}

func categoryNames() string {
	var names []string
	for _, c := range Categories() {
		names = append(names, "`"+string(c.Name)+"`")
	}
	return strings.Join(names, ", ")
}

// rulesDoc renders docs/lint-rules.md from the rules and their finding
// counts on the embedded documents.
func rulesDoc(counts map[string]int) string {
	var b strings.Builder
	fmt.Fprintf(&b, docsHeader, categoryNames(), data.Date)
	for _, c := range Categories() {
		fmt.Fprintf(&b, "\n## %s\n\nCategory `%s`.", c.Title, c.Name)
		if c.Doc != "" {
			fmt.Fprintf(&b, " %s", c.Doc)
		}
		b.WriteString("\n\n| ID | Severity | Count | Fix | Purpose |\n|----|----------|------:|:---:|---------|\n")
		var rules []Rule
		for _, r := range Rules() {
			if r.Category == c.Name {
				rules = append(rules, r)
			}
		}
		for _, r := range rules {
			fix, title := "", sentence(r.Title)
			if r.Fixes {
				fix = "yes"
			}
			if r.Deprecated {
				title = "Deprecated: replaced by " + strings.Join(r.ReplacedBy, ", ") + ". " + title
			} else if !r.Default {
				title = "Not run by default. " + title
			}
			fmt.Fprintf(&b, "| `%s` | %s | %d | %s | %s |\n", r.ID, r.Severity, counts[r.ID], fix, title)
		}
		// A heading per rule: SARIF's helpUri links to its anchor.
		for _, r := range rules {
			doc := r.Doc
			if doc == "" {
				doc = sentence(r.Title)
			}
			fmt.Fprintf(&b, "\n### `%s`\n\n%s\n", r.ID, doc)
		}
	}
	return b.String()
}

// Markers around the README's generated rule table.
const (
	readmeStart = "<!-- lint rules: generated by go test ./lint -run TestRulesDoc -update; edit lint/*.go -->\n"
	readmeEnd   = "<!-- end of lint rules -->\n"
)

// readmeTable renders the README's rule table.
func readmeTable() string {
	var b strings.Builder
	b.WriteString(readmeStart)
	fmt.Fprintf(&b, "Categories for `--rule` and `--disable`: %s.\n\n", categoryNames())
	b.WriteString("| rule | severity | category | purpose |\n|---|---|---|---|\n")
	for _, r := range Rules() {
		fmt.Fprintf(&b, "| `%s` | %s | %s | %s |\n", r.ID, r.Severity, r.Category, strings.ReplaceAll(r.Title, "|", `\|`))
	}
	b.WriteString(readmeEnd)
	return b.String()
}

// TestRulesDoc: docs/lint-rules.md and the README's rule table are what
// the rules' values generate (go test ./lint -run TestRulesDoc -update
// rewrites them); the text around the README's table is left alone.
func TestRulesDoc(t *testing.T) {
	counts := Summarize(Run(catalogtest.Embedded(t), Rules())).ByRule
	docPath := filepath.Join("..", "docs", "lint-rules.md")
	want := rulesDoc(counts)
	got, err := os.ReadFile(docPath)
	if err != nil && !*update {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(docPath, []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	} else if string(got) != want {
		t.Errorf("%s is stale: run go test ./lint -run TestRulesDoc -update", docPath)
	}

	readmePath := filepath.Join("..", "README.md")
	readme, err := os.ReadFile(readmePath)
	if err != nil {
		t.Fatal(err)
	}
	start := bytes.Index(readme, []byte(readmeStart))
	end := bytes.Index(readme, []byte(readmeEnd))
	if start < 0 || end < start {
		t.Fatalf("%s has no generated lint rule table (between %q and %q)", readmePath, readmeStart, readmeEnd)
	}
	table := readmeTable()
	if current := string(readme[start : end+len(readmeEnd)]); current == table {
		return
	}
	if !*update {
		t.Errorf("the rule table of %s is stale: run go test ./lint -run TestRulesDoc -update", readmePath)
		return
	}
	fresh := append(append(append([]byte(nil), readme[:start]...), table...), readme[end+len(readmeEnd):]...)
	if err := os.WriteFile(readmePath, fresh, 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestFixRulesDocumented: a rule's Fixes field (the docs' Fix column)
// matches what it does on the embedded documents and the fixtures: a
// rule marked as fixing gives a fix somewhere, and no other rule ever
// does.
func TestFixRulesDocumented(t *testing.T) {
	seen := map[string]bool{}
	for _, f := range Run(catalogtest.Embedded(t), Rules()) {
		if len(f.Fixes) > 0 {
			seen[f.Rule] = true
		}
	}
	for _, r := range Rules() {
		dir := filepath.Join("testdata", r.ID, "trigger")
		if _, err := os.Stat(dir); err != nil {
			continue
		}
		for _, f := range Run(loadDir(t, dir), []Rule{r}) {
			if len(f.Fixes) > 0 {
				seen[f.Rule] = true
			}
		}
	}
	for _, r := range Rules() {
		if r.Fixes && !seen[r.ID] {
			t.Errorf("%s is marked as giving fixes but gives none on the embedded documents or its fixture", r.ID)
		}
		if !r.Fixes && seen[r.ID] {
			t.Errorf("%s gives fixes but its Fixes field does not say so", r.ID)
		}
	}
}
