package main

import (
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/lint"
)

// concerns tells the planner which endpoints have lint findings of
// warning severity or worse: a call to such an endpoint is planned with
// low confidence.
func concerns(fs []lint.Finding) func(*catalog.Endpoint) []string {
	return func(e *catalog.Endpoint) []string {
		var out []string
		for _, f := range lint.Touching(fs, e) {
			if f.Severity.AtLeast(lint.SeverityWarning) {
				out = append(out, f.Rule+": "+f.Message)
			}
		}
		return out
	}
}
