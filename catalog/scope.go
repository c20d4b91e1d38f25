package catalog

import "github.com/scopeplan/scopeplan/parser/record"

// Scope is one granular or classic scope name, as written.
type Scope struct {
	Name   string    `json:"name" yaml:"name"`
	Kind   ScopeKind `json:"kind" yaml:"kind"`
	Parsed ScopeName `json:"parsed" yaml:"parsed"`
	// Group and Description come from the classic scopes page.
	Group       string `json:"group,omitempty" yaml:"group,omitempty"`
	Description string `json:"description,omitempty" yaml:"description,omitempty"`
	// Defined is true when a scope page (granular page for granular scopes,
	// classic page for classic ones) lists the scope.
	Defined bool `json:"defined" yaml:"defined"`
	// Endpoints are the IDs of the endpoints the scope grants, sorted.
	Endpoints []int `json:"endpoints" yaml:"endpoints"`
	// Events are the IDs of the events the scope lets an app subscribe
	// to, sorted.
	Events []int `json:"events,omitempty" yaml:"events,omitempty"`
	// Sources lists every place the name is written.
	Sources []record.Source `json:"sources" yaml:"sources"`
}

// Level is the scope's privilege level.
func (s *Scope) Level() Level { return s.Parsed.Level }

// Grant is one edge scope -> endpoint, with where it is stated.
type Grant struct {
	Scope    string        `json:"scope" yaml:"scope"`
	Kind     ScopeKind     `json:"kind" yaml:"kind"`
	Endpoint int           `json:"endpoint" yaml:"endpoint"`
	Source   record.Source `json:"source" yaml:"source"`
	// Via says which document kind stated it.
	Via record.Kind `json:"via" yaml:"via"`
}

// Association is one "Associated API" item of the classic page and the
// endpoints its API name matched (none, one or several).
type Association struct {
	Scope     string `json:"scope" yaml:"scope"`
	API       string `json:"api" yaml:"api"`
	Link      string `json:"link,omitempty" yaml:"link,omitempty"`
	Endpoints []int  `json:"endpoints" yaml:"endpoints"`
	// Matched lists every endpoint the API name matched when the level and
	// product rules kept fewer (Endpoints); empty when they kept all.
	Matched []int         `json:"matched,omitempty" yaml:"matched,omitempty"`
	Source  record.Source `json:"source" yaml:"source"`
}
