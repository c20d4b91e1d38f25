package catalog

import (
	"encoding/json"

	"github.com/scopeplan/scopeplan/parser/record"
)

// Scope is one granular or classic scope name, as written. Its parts
// (Parsed) are computed from the name when asked for, not stored: a
// catalog of a large table holds one Scope per row. JSON and YAML give
// them under "parsed", after the kind.
type Scope struct {
	Name string    `json:"name" yaml:"name"`
	Kind ScopeKind `json:"kind" yaml:"kind"`
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
func (s *Scope) Level() Level { return LevelOf(s.Name) }

// Parsed splits the scope's name into its parts: ParseScopeName(s.Name,
// s.Kind).
func (s *Scope) Parsed() ScopeName { return ParseScopeName(s.Name, s.Kind) }

// scopeFields is a Scope as JSON and YAML give it, with its parts.
type scopeFields struct {
	Name        string          `json:"name" yaml:"name"`
	Kind        ScopeKind       `json:"kind" yaml:"kind"`
	Parsed      ScopeName       `json:"parsed" yaml:"parsed"`
	Group       string          `json:"group,omitempty" yaml:"group,omitempty"`
	Description string          `json:"description,omitempty" yaml:"description,omitempty"`
	Defined     bool            `json:"defined" yaml:"defined"`
	Endpoints   []int           `json:"endpoints" yaml:"endpoints"`
	Events      []int           `json:"events,omitempty" yaml:"events,omitempty"`
	Sources     []record.Source `json:"sources" yaml:"sources"`
}

func (s Scope) fields() scopeFields {
	return scopeFields{
		Name: s.Name, Kind: s.Kind, Parsed: s.Parsed(), Group: s.Group, Description: s.Description,
		Defined: s.Defined, Endpoints: s.Endpoints, Events: s.Events, Sources: s.Sources,
	}
}

// MarshalJSON writes the scope with its parts under "parsed".
func (s Scope) MarshalJSON() ([]byte, error) { return json.Marshal(s.fields()) }

// MarshalYAML gives the scope with its parts under "parsed".
func (s Scope) MarshalYAML() (any, error) { return s.fields(), nil }

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
