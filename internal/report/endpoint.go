package report

import (
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/parser/record"
)

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
