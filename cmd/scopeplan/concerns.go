package main

import (
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/lint"
)

// concerns tells the planner which endpoints have lint findings of
// warning severity or worse: a call to such an endpoint is planned with
// low confidence.
func concerns(a *lint.Attribution) func(*catalog.Endpoint) []string {
	return func(e *catalog.Endpoint) []string {
		var out []string
		seen := map[string]bool{}
		for _, f := range a.Endpoint(e) {
			note := f.Rule + ": " + f.Message
			if f.Severity.AtLeast(lint.SeverityWarning) && !seen[note] {
				seen[note] = true
				out = append(out, note)
			}
		}
		return out
	}
}
