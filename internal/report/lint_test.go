package report

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/lint"
)

var updateLint = flag.Bool("update-lint", false, "rewrite report/testdata/lint.*.golden (-update does too)")

func lintSample() (LintReport, []lint.Rule) {
	rules, _ := lint.Select([]string{lint.RuleUnknownAction, lint.RuleSuspiciousResource, lint.RuleClassicScopeWithoutAPI})
	fs := []lint.Finding{
		{Rule: lint.RuleUnknownAction, Severity: lint.SeverityError, File: "data/docs/granular-scopes.md", Line: 326, Column: 98,
			Subject: "contact_center:udpate:region:admin", Message: `unknown action "udpate"`, Suggestion: "update"},
		{Rule: lint.RuleSuspiciousResource, Severity: lint.SeverityWarning, File: "data/docs/granular-scopes.md", Line: 2950, Column: 96,
			Subject: "zra:write:team_manages:admin", Message: "resource \"team_manages\" looks like \"team_managers\",\nwhich is more common", Suggestion: "zra:write:team_managers:admin"},
		{Rule: lint.RuleClassicScopeWithoutAPI, Severity: lint.SeverityInfo, File: "data/docs/classic-scopes.txt", Line: 228,
			Subject: "chat_channel:read:member", Message: "lists no associated API"},
	}
	m := NewMeta(scopeplan.Provenance{Source: scopeplan.OriginEmbedded, Documents: []scopeplan.DocInfo{{Path: "data/docs/granular-scopes.md", Kind: "granular-md", Records: 1, SHA256: "abc"}}})
	return NewLintReport(m, fs, 2), rules
}

func TestWriteLintGolden(t *testing.T) {
	r, rules := lintSample()
	tests := []struct {
		name   string
		format Format
		tty    bool
	}{
		{"text-tty", FormatText, true},
		{"text-pipe", FormatText, false},
		{"json", FormatJSON, false},
		{"sarif", FormatSARIF, false},
		{"github", FormatGitHub, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := LintPrinters().Print(&buf, tt.format, tt.tty, withRules(r, rules)); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join("testdata", "lint."+tt.name+".golden")
			if *updateLint || *updateGoldens {
				if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report/ -run Lint -update-lint)", err)
			}
			if !bytes.Equal(want, buf.Bytes()) {
				t.Errorf("%s differs:\n%s", path, buf.String())
			}
		})
	}
}

func TestWriteLintJSONKeys(t *testing.T) {
	r, rules := lintSample()
	var buf bytes.Buffer
	if err := LintPrinters().Print(&buf, FormatJSON, false, withRules(r, rules)); err != nil {
		t.Fatal(err)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema_version", "data", "findings", "summary"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	var findings []map[string]any
	if err := json.Unmarshal(doc["findings"], &findings); err != nil {
		t.Fatal(err)
	}
	want := []string{"column", "file", "line", "message", "rule", "severity", "subject", "suggestion"}
	for _, f := range findings {
		if len(f) != len(want) {
			t.Errorf("finding keys %v, want exactly %v", f, want)
		}
		for _, k := range want {
			if _, ok := f[k]; !ok {
				t.Errorf("finding lacks %q", k)
			}
		}
	}
	var sum struct {
		ByRule     map[string]int `json:"by_rule"`
		BySeverity map[string]int `json:"by_severity"`
		Total      int            `json:"total"`
	}
	if err := json.Unmarshal(doc["summary"], &sum); err != nil {
		t.Fatal(err)
	}
	if sum.Total != 3 || sum.BySeverity["error"] != 1 || sum.ByRule[lint.RuleUnknownAction] != 1 {
		t.Errorf("summary %+v", sum)
	}
}

// TestWriteLintSARIFStructure checks the SARIF 2.1.0 log by structure (no
// Go module ships the schema): version, schema URI, one run with a driver,
// rule metadata for every result, levels, locations and rule indexes.
func TestWriteLintSARIFStructure(t *testing.T) {
	r, rules := lintSample()
	r.Findings = append(r.Findings, lint.Finding{Rule: "INTERNAL_ERROR", Severity: lint.SeverityError, Subject: "X", Message: "boom"})
	var buf bytes.Buffer
	if err := LintPrinters().Print(&buf, FormatSARIF, false, withRules(r, rules)); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Version string `json:"version"`
		Schema  string `json:"$schema"`
		Runs    []struct {
			Tool struct {
				Driver struct {
					Name  string `json:"name"`
					Rules []struct {
						ID               string `json:"id"`
						ShortDescription struct {
							Text string `json:"text"`
						} `json:"shortDescription"`
						DefaultConfiguration struct {
							Level string `json:"level"`
						} `json:"defaultConfiguration"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID    string `json:"ruleId"`
				RuleIndex int    `json:"ruleIndex"`
				Level     string `json:"level"`
				Message   struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI string `json:"uri"`
						} `json:"artifactLocation"`
						Region *struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(buf.Bytes(), &log); err != nil {
		t.Fatal(err)
	}
	if log.Version != "2.1.0" || !strings.Contains(log.Schema, "sarif-schema-2.1.0") || len(log.Runs) != 1 {
		t.Fatalf("version %q schema %q runs %d", log.Version, log.Schema, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name == "" {
		t.Error("driver has no name")
	}
	levels := map[string]bool{"error": true, "warning": true, "note": true}
	for _, rule := range run.Tool.Driver.Rules {
		if rule.ID == "" || rule.ShortDescription.Text == "" || !levels[rule.DefaultConfiguration.Level] {
			t.Errorf("rule metadata %+v", rule)
		}
	}
	if len(run.Results) != len(r.Findings) {
		t.Fatalf("%d results, want %d", len(run.Results), len(r.Findings))
	}
	for _, res := range run.Results {
		if res.RuleIndex < 0 || res.RuleIndex >= len(run.Tool.Driver.Rules) || run.Tool.Driver.Rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %s has rule index %d", res.RuleID, res.RuleIndex)
		}
		// A finding with no file (an internal error) has no location.
		if !levels[res.Level] || res.Message.Text == "" || len(res.Locations) > 1 {
			t.Errorf("result %+v", res)
		}
		if len(res.Locations) == 0 {
			if res.RuleID != "INTERNAL_ERROR" {
				t.Errorf("result %s has no location", res.RuleID)
			}
			continue
		}
		if loc := res.Locations[0].PhysicalLocation; loc.Region != nil && loc.Region.StartLine < 1 {
			t.Errorf("result %s has start line %d", res.RuleID, loc.Region.StartLine)
		}
	}
}

func TestWriteLintUnknownFormat(t *testing.T) {
	r, rules := lintSample()
	if err := LintPrinters().Print(&bytes.Buffer{}, FormatHTML, false, withRules(r, rules)); err == nil {
		t.Error("LintPrinters().Print(html) succeeded")
	}
}

// withRules gives a lint report its rules (SARIF's rule metadata).
func withRules(r LintReport, rules []lint.Rule) LintReport {
	r.Rules = rules
	return r
}
