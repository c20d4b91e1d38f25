package report

import (
	"github.com/scopeplan/scopeplan/lint"
)

// NewLintReport builds the report for findings, summarising them.
func NewLintReport(m Meta, findings []lint.Finding, baselined int) LintReport {
	if findings == nil {
		findings = []lint.Finding{}
	}
	return LintReport{Meta: m, Findings: findings, Summary: lint.Summarize(findings), Baselined: baselined}
}

// LintPrinters is the table of lint printers: text (a table on a
// terminal, tab-separated lines in a pipe), JSON, SARIF 2.1.0 (with the
// report's Rules as the run's rules) and GitHub workflow annotations.
func LintPrinters() Printers[LintReport] {
	return printers(
		row(FormatText, lintText),
		row(FormatJSON, jsonPrinter[LintReport]()),
		row(FormatSARIF, lintSARIF),
		row(FormatGitHub, lintGitHub),
	)
}
