package report

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/scopeplan/scopeplan/lint"
)

// TestSARIFColumnsAreCharacters: columns count characters, as the parsers
// do, and the log says so (SARIF's default unit is UTF-16 code units); a
// fix's end column is its start plus the characters it replaces, not the
// bytes.
func TestSARIFColumnsAreCharacters(t *testing.T) {
	fixes := lintFixes([]lint.Fix{{Message: "m", File: "f.md", Line: 3, Column: 5, Old: "usér:réad:😀", New: "user:read:x"}})
	if len(fixes) != 1 || len(fixes[0].Edits) != 1 {
		t.Fatalf("fixes = %+v", fixes)
	}
	if e := fixes[0].Edits[0]; e.EndColumn != 5+11 {
		t.Errorf("end column %d, want %d (11 characters from column 5)", e.EndColumn, 5+11)
	}
	var b bytes.Buffer
	if err := writeSARIF(&b, SARIFTool{}, nil, []SARIFResult{{RuleID: "R", Level: "note", Message: "m", File: "f.md", Line: 3, Column: 5, Fixes: fixes}}); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			ColumnKind string `json:"columnKind"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || log.Runs[0].ColumnKind != "unicodeCodePoints" {
		t.Errorf("runs = %+v, want one whose columnKind is unicodeCodePoints", log.Runs)
	}
}
