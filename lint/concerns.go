package lint

import "github.com/scopeplan/scopeplan/catalog"

// Concerns returns, for an endpoint, its findings at or above min as
// "RULE: message" notes, each once, in order: what the planner gives as
// a concern about a call (planner.Options.Concerns).
func (a *Attribution) Concerns(min Severity) func(*catalog.Endpoint) []string {
	return func(e *catalog.Endpoint) []string {
		var out []string
		seen := map[string]bool{}
		for _, f := range a.Endpoint(e) {
			note := f.Rule + ": " + f.Message
			if f.Severity.AtLeast(min) && !seen[note] {
				seen[note] = true
				out = append(out, note)
			}
		}
		return out
	}
}
