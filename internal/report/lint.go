package report

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/scopeplan/scopeplan/lint"
)

// LintReport is the result of scopeplan lint: the findings left after the
// baseline, sorted by file, line, rule, and their counts.
type LintReport struct {
	Meta
	Findings []lint.Finding `json:"findings" yaml:"findings"`
	Summary  lint.Summary   `json:"summary" yaml:"summary"`
	// Baselined counts the findings the baseline accepted (not listed).
	Baselined int `json:"baselined" yaml:"baselined"`
	// Tool is the SARIF run's tool version and path root (SARIF only).
	Tool SARIFTool `json:"-" yaml:"-"`
}

// NewLintReport builds the report for findings, summarising them.
func NewLintReport(m Meta, findings []lint.Finding, baselined int) LintReport {
	if findings == nil {
		findings = []lint.Finding{}
	}
	return LintReport{Meta: m, Findings: findings, Summary: lint.Summarize(findings), Baselined: baselined}
}

// lintRulesDoc is where each rule is documented; the anchor is the rule ID
// in lower case.
const lintRulesDoc = sarifInfoURI + "/blob/main/docs/lint-rules.md#"

// WriteLint renders a lint report as text (a table on a terminal,
// tab-separated lines in a pipe), JSON, SARIF 2.1.0 or GitHub workflow
// annotations. rules gives the SARIF rule metadata.
func WriteLint(w io.Writer, f Format, tty bool, r LintReport, rules []lint.Rule) error {
	w = forPeople(w, f)
	switch f {
	case FormatJSON:
		return WriteJSON(w, r)
	case FormatYAML:
		return WriteYAML(w, r)
	case FormatSARIF:
		return writeLintSARIF(w, r, rules)
	case FormatGitHub:
		return writeLintGitHub(w, r)
	case FormatText, "":
		return writeLintText(w, tty, r)
	}
	return fmt.Errorf("lint report: unsupported format %q", f)
}

// location renders file:line[:column].
func location(f lint.Finding) string {
	s := f.File
	if f.Line > 0 {
		s += ":" + strconv.Itoa(f.Line)
		if f.Column > 0 {
			s += ":" + strconv.Itoa(f.Column)
		}
	}
	return s
}

func writeLintText(w io.Writer, tty bool, r LintReport) error {
	if tty && len(r.Findings) == 0 {
		// No empty table header: say so.
		line := "no findings"
		if r.Baselined > 0 {
			line += fmt.Sprintf(" (%d accepted by the baseline)", r.Baselined)
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return fmt.Errorf("write lint report: %w", err)
		}
		return nil
	}
	t := NewTable(w, tty, "location", "severity", "rule", "subject", "message", "suggestion")
	t.Style(1, func(s string) Style { return SeverityStyle(s) })
	for _, f := range r.Findings {
		t.Row(location(f), string(f.Severity), f.Rule, f.Subject, f.Message, f.Suggestion)
	}
	if err := t.Flush(); err != nil {
		return fmt.Errorf("write lint report: %w", err)
	}
	if !tty {
		return nil
	}
	var parts []string
	for _, s := range []lint.Severity{lint.SeverityError, lint.SeverityWarning, lint.SeverityInfo} {
		parts = append(parts, fmt.Sprintf("%d %s", r.Summary.BySeverity[string(s)], s))
	}
	line := fmt.Sprintf("%d findings (%s)", r.Summary.Total, strings.Join(parts, ", "))
	if r.Baselined > 0 {
		line += fmt.Sprintf("; %d accepted by the baseline", r.Baselined)
	}
	if _, err := fmt.Fprintln(w, line); err != nil {
		return fmt.Errorf("write lint report: %w", err)
	}
	return nil
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	}
	return "note"
}

func findingText(f lint.Finding) string {
	msg := f.Message
	if f.Suggestion != "" {
		msg += " (suggestion: " + f.Suggestion + ")"
	}
	return msg
}

func writeLintSARIF(w io.Writer, r LintReport, rules []lint.Rule) error {
	var srules []SARIFRule
	known := map[string]bool{}
	for _, rule := range rules {
		known[rule.ID] = true
		srules = append(srules, SARIFRule{ID: rule.ID, Description: rule.Title, Level: sarifLevel(rule.Severity), URL: lintRulesDoc + strings.ToLower(rule.ID)})
	}
	var results []SARIFResult
	for _, f := range r.Findings {
		if !known[f.Rule] {
			known[f.Rule] = true
			srules = append(srules, SARIFRule{ID: f.Rule, Description: f.Rule, Level: sarifLevel(f.Severity)})
		}
		results = append(results, SARIFResult{RuleID: f.Rule, Level: sarifLevel(f.Severity), Message: findingText(f), File: f.File, Line: f.Line, Column: f.Column,
			Fixes: lintFixes(f.Fixes)})
	}
	return WriteSARIF(w, r.Tool, srules, results)
}

// lintFixes turns a finding's edits into one SARIF fix, or none.
func lintFixes(fixes []lint.Fix) []SARIFFix {
	if len(fixes) == 0 {
		return nil
	}
	f := SARIFFix{Description: fixes[0].Message}
	for _, x := range fixes {
		f.Edits = append(f.Edits, SARIFEdit{File: x.File, Line: x.Line, Column: x.Column, EndColumn: x.Column + len(x.Old), Text: x.New})
	}
	return []SARIFFix{f}
}

// githubEscape escapes a workflow command's data; property values also
// escape ':' and ','.
func githubEscape(s string, property bool) string {
	r := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	s = r.Replace(s)
	if property {
		s = strings.NewReplacer(":", "%3A", ",", "%2C").Replace(s)
	}
	return s
}

func writeLintGitHub(w io.Writer, r LintReport) error {
	for _, f := range r.Findings {
		cmd := "notice"
		switch f.Severity {
		case lint.SeverityError:
			cmd = "error"
		case lint.SeverityWarning:
			cmd = "warning"
		}
		props := []string{"file=" + githubEscape(f.File, true)}
		if f.Line > 0 {
			props = append(props, "line="+strconv.Itoa(f.Line))
		}
		if f.Column > 0 {
			props = append(props, "col="+strconv.Itoa(f.Column))
		}
		props = append(props, "title="+githubEscape(f.Rule, true))
		if _, err := fmt.Fprintf(w, "::%s %s::%s\n", cmd, strings.Join(props, ","), githubEscape(findingText(f), false)); err != nil {
			return fmt.Errorf("write annotations: %w", err)
		}
	}
	return nil
}
