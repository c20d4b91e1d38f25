package lint

import (
	"github.com/scopeplan/scopeplan/catalog"
)

// Touching returns the findings about an endpoint: those at one of its
// sources (file and line of a page row or reference operation) and those
// whose subject is one of its scopes, its link or its operationId.
func Touching(findings []Finding, e *catalog.Endpoint) []Finding {
	out := []Finding{}
	if e == nil {
		return out
	}
	type at struct {
		file string
		line int
	}
	lines := map[at]bool{}
	for _, s := range e.Sources {
		lines[at{s.File, s.Line}] = true
	}
	subjects := map[string]bool{}
	for _, s := range e.Granular {
		subjects[s] = true
	}
	for _, s := range e.Classic {
		subjects[s] = true
	}
	if e.Link != "" {
		subjects[e.Link] = true
	}
	for _, f := range findings {
		if lines[at{f.File, f.Line}] || subjects[f.Subject] {
			out = append(out, f)
		}
	}
	return out
}

// TouchingScope returns the findings whose subject is the scope name.
func TouchingScope(findings []Finding, scope string) []Finding {
	out := []Finding{}
	for _, f := range findings {
		if f.Subject == scope {
			out = append(out, f)
		}
	}
	return out
}
