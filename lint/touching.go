package lint

import (
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/parser/record"
)

// Attribution ties findings to the endpoints and scopes they touch.
type Attribution struct {
	findings []Finding
	// shared marks the (file, line) places that describe more than one
	// endpoint, such as every operation of a minified OpenAPI file: a
	// finding there touches an endpoint only at the endpoint's own column.
	shared map[lineRef]bool
}

type lineRef struct {
	file string
	line int
}

// Attribute indexes findings against a catalog's endpoints.
func Attribute(c *catalog.Catalog, findings []Finding) *Attribution {
	a := &Attribution{findings: findings, shared: map[lineRef]bool{}}
	if c == nil {
		return a
	}
	owner := map[lineRef]int{} // endpoint ID, or -1-ID for an event
	mark := func(id int, srcs []record.Source) {
		for _, s := range srcs {
			p := lineRef{s.File, int(s.Line)}
			if o, ok := owner[p]; ok && o != id {
				a.shared[p] = true
			}
			owner[p] = id
		}
	}
	for _, e := range c.Endpoints {
		mark(e.ID, e.Sources)
	}
	for _, e := range c.Events {
		mark(-1-e.ID, e.Sources)
	}
	return a
}

// Endpoint returns the findings about an endpoint: those at one of its
// sources (its page row or reference operation; on a line shared with
// other endpoints, at the same column) and those whose subject is one of
// its scopes, its link or its "METHOD /path". A nil Attribution has none.
func (a *Attribution) Endpoint(e *catalog.Endpoint) []Finding {
	out := []Finding{}
	if a == nil || e == nil {
		return out
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
	if e.Path != "" {
		// Findings about an operation name it "METHOD /path".
		subjects[e.Method+" "+e.Path] = true
	}
	return a.touching(e.Sources, subjects)
}

// touching returns the findings at one of the sources or about one of the
// subjects.
func (a *Attribution) touching(sources []record.Source, subjects map[string]bool) []Finding {
	out := []Finding{}
	type at struct {
		file      string
		line, col int
	}
	lines := map[at]bool{}
	for _, s := range sources {
		if a.shared[lineRef{s.File, int(s.Line)}] {
			if s.Column > 0 {
				lines[at{s.File, int(s.Line), int(s.Column)}] = true
			}
			continue
		}
		lines[at{s.File, int(s.Line), 0}] = true
	}
	for _, f := range a.findings {
		key := at{f.File, f.Line, 0}
		if a.shared[lineRef{f.File, f.Line}] {
			// Only the column can lineRef the finding; without one it
			// touches no endpoint by position.
			key.col = f.Column
			if key.col == 0 {
				key.col = -1
			}
		}
		if lines[key] || subjects[f.Subject] {
			out = append(out, f)
		}
	}
	return out
}

// Scope returns the findings whose subject is the scope name.
func (a *Attribution) Scope(scope string) []Finding {
	out := []Finding{}
	if a == nil {
		return out
	}
	for _, f := range a.findings {
		if f.Subject == scope {
			out = append(out, f)
		}
	}
	return out
}
