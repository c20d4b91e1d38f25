package report

import (
	"github.com/scopeplan/scopeplan/explain"
)

// NewExplainReport converts an explanation for output.
func NewExplainReport(x *explain.Explanation, m Meta) ExplainReport {
	r := ExplainReport{
		Meta: m, Error: x.Error, Kind: x.Kind, Title: x.Title, Cause: x.Cause, Fix: x.Fix,
		App: string(x.App), AppInferred: x.AppInferred, Candidates: []ExplainCandidate{},
		Add: x.Add, Notes: nonNilStrings(x.Notes),
	}
	if r.Error.Scopes == nil {
		r.Error.Scopes = []string{}
	}
	if r.Add == nil {
		r.Add = []explain.Addition{}
	}
	for _, c := range x.Candidates {
		r.Candidates = append(r.Candidates, ExplainCandidate{Endpoint: NewEndpointView(c.Endpoint), Match: c.Match})
	}
	return r
}

// ExplainPrinters is the table of explain printers.
func ExplainPrinters() Printers[ExplainReport] {
	return printers(
		row(FormatText, explainText),
		row(FormatJSON, jsonPrinter[ExplainReport]()),
		row(FormatYAML, yamlPrinter[ExplainReport]()),
	)
}
