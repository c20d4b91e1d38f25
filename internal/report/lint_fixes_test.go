package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/lint"
)

// TestWriteLintSARIFFixes: a finding's fixes become one SARIF fix whose
// artifactChanges (one per file, in order) replace each edit's region
// (deletedRegion on one line, the old text's columns) with the new text;
// JSON keeps them under "fixes"; a finding without fixes has none.
func TestWriteLintSARIFFixes(t *testing.T) {
	rules, _ := lint.Select([]string{lint.RuleUnknownAction})
	name, fixed := "user:udpate:user:admin", "user:update:user:admin"
	fix := func(file string, line, col int) lint.Fix {
		return lint.Fix{Message: "Replace it", File: file, Line: line, Column: col, Old: name, New: fixed}
	}
	r := NewLintReport(NewMeta(scopeplan.Provenance{}), []lint.Finding{
		{Rule: lint.RuleUnknownAction, Severity: lint.SeverityError, File: "a.json", Line: 3, Column: 10, Subject: name,
			Message: "unknown action", Suggestion: fixed, Fixes: []lint.Fix{fix("a.json", 3, 10), fix("a.json", 9, 20), fix("b.md", 1, 5)}},
		{Rule: lint.RuleUnknownAction, Severity: lint.SeverityError, File: "c.txt", Line: 4, Subject: "x:y", Message: "unknown action"},
	}, 0)
	var buf bytes.Buffer
	if err := LintPrinters().Print(&buf, FormatSARIF, false, withRules(r, rules)); err != nil {
		t.Fatal(err)
	}
	type region struct {
		StartLine, StartColumn, EndLine, EndColumn int
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Fixes []struct {
					Description struct {
						Text string `json:"text"`
					} `json:"description"`
					ArtifactChanges []struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Replacements []struct {
							DeletedRegion   region `json:"deletedRegion"`
							InsertedContent struct {
								Text string `json:"text"`
							} `json:"insertedContent"`
						} `json:"replacements"`
					} `json:"artifactChanges"`
				} `json:"fixes"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	res := log.Runs[0].Results
	if len(res) != 2 || len(res[0].Fixes) != 1 || len(res[1].Fixes) != 0 {
		t.Fatalf("results %+v", res)
	}
	f := res[0].Fixes[0]
	if f.Description.Text != "Replace it" || len(f.ArtifactChanges) != 2 ||
		f.ArtifactChanges[0].ArtifactLocation.URI != "a.json" || f.ArtifactChanges[1].ArtifactLocation.URI != "b.md" {
		t.Fatalf("fix %+v", f)
	}
	reps := f.ArtifactChanges[0].Replacements
	if len(reps) != 2 || reps[1].DeletedRegion != (region{9, 20, 9, 20 + len(name)}) || reps[1].InsertedContent.Text != fixed {
		t.Errorf("replacements %+v", reps)
	}
	buf.Reset()
	if err := LintPrinters().Print(&buf, FormatJSON, false, withRules(r, rules)); err != nil {
		t.Fatal(err)
	}
	var out struct {
		Findings []map[string]json.RawMessage `json:"findings"`
	}
	if err := json.Unmarshal(buf.Bytes(), &out); err != nil {
		t.Fatal(err)
	}
	if _, ok := out.Findings[0]["fixes"]; !ok {
		t.Error("JSON finding with fixes has no fixes key")
	}
	if _, ok := out.Findings[1]["fixes"]; ok {
		t.Error("JSON finding without fixes has a fixes key")
	}
}
