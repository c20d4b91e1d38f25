package report

import (
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/parser/record"
)

// EndpointView is an endpoint as every JSON output shows it (the lookup
// contract): method, path, operation_id, name, product, variant, granular,
// classic, sources; plus how it was joined.
type EndpointView struct {
	Method      string           `json:"method" yaml:"method"`
	Path        string           `json:"path" yaml:"path"`
	OperationID string           `json:"operation_id" yaml:"operation_id"`
	Name        string           `json:"name" yaml:"name"`
	Product     string           `json:"product" yaml:"product"`
	Section     string           `json:"section,omitempty" yaml:"section,omitempty"`
	Variant     record.Variant   `json:"variant" yaml:"variant"`
	Link        string           `json:"link,omitempty" yaml:"link,omitempty"`
	Join        catalog.JoinKind `json:"join" yaml:"join"`
	Granular    []string         `json:"granular" yaml:"granular"`
	Classic     []string         `json:"classic" yaml:"classic"`
	Sources     []record.Source  `json:"sources" yaml:"sources"`
	// Permissions are the Zoom role permissions the authorising user of an
	// admin or master app needs (any one of them), from x-permissions.
	Permissions []string `json:"permissions,omitempty" yaml:"permissions,omitempty"`
	// Findings are the lint findings that touch the endpoint, when the
	// command ran lint.
	Findings []lint.Finding `json:"findings,omitempty" yaml:"findings,omitempty"`
}

// NewEndpointView converts an endpoint for output.
func NewEndpointView(e *catalog.Endpoint) EndpointView {
	src := e.Sources
	if src == nil {
		src = []record.Source{}
	}
	return EndpointView{
		Method: e.Method, Path: e.Path, OperationID: e.OperationID, Name: e.Name,
		Product: e.Product, Section: e.Section, Variant: e.Variant, Link: e.Link, Join: e.Join,
		Granular: e.Granular, Classic: e.Classic, Sources: src, Permissions: e.Permissions,
	}
}

// EndpointViews converts endpoints for output, never returning nil.
func EndpointViews(es []*catalog.Endpoint) []EndpointView {
	return EndpointViewsWith(es, nil)
}

// EndpointViewsWith converts endpoints for output with the lint findings
// that touch each of them (none when a is nil).
func EndpointViewsWith(es []*catalog.Endpoint, a *lint.Attribution) []EndpointView {
	out := make([]EndpointView, 0, len(es))
	for _, e := range es {
		out = append(out, NewEndpointViewWith(e, a))
	}
	return out
}

// NewEndpointViewWith converts an endpoint with the lint findings that
// touch it (none when a is nil).
func NewEndpointViewWith(e *catalog.Endpoint, a *lint.Attribution) EndpointView {
	v := NewEndpointView(e)
	if t := a.Endpoint(e); len(t) > 0 {
		v.Findings = t
	}
	return v
}
