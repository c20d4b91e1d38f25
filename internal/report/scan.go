package report

import (
	"github.com/scopeplan/scopeplan/scan"
)

// NewScanReport converts a scan result for output; lists are never nil.
func NewScanReport(r *scan.Result, m Meta) ScanReport {
	out := ScanReport{Meta: m, Files: r.Files, Calls: r.Calls, Skipped: r.Skipped}
	if out.Calls == nil {
		out.Calls = []scan.Call{}
	}
	if out.Skipped == nil {
		out.Skipped = []scan.Skipped{}
	}
	return out
}

// ScanPrinters is the table of scan printers: JSON, YAML, or text, which
// is a call file the plan command reads ("scopeplan scan ./src |
// scopeplan plan -"). The text form has one line per distinct call, its
// best evidence as a trailing comment: "POST /users/{userId}/meetings  #
// src/a.js:9 high (+2 more)". It shows the occurrence with the highest
// confidence (the first of equals), and lines are in that occurrence's
// (file, line) order. Every occurrence is in the JSON and YAML forms. The
// text form is the same on a terminal and in a pipe.
//
// Zoom calls the catalog cannot resolve (a path it does not know, or a
// path whose method the code does not show) follow as lines of their own,
// "METHOD /path" or "/path" with an "unresolved" comment, so that plan
// reports them as unmapped instead of planning without them.
func ScanPrinters() Printers[ScanReport] {
	return printers(
		row(FormatText, scanText),
		row(FormatJSON, jsonPrinter[ScanReport]()),
		row(FormatYAML, yamlPrinter[ScanReport]()),
	)
}
