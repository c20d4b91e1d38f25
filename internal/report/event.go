package report

import (
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/parser/record"
)

// NewEventView converts one event for output.
func NewEventView(e *catalog.Event) EventView {
	src := e.Sources
	if src == nil {
		src = []record.Source{}
	}
	return EventView{Event: e.Name, Summary: e.Summary, Product: e.Product,
		Granular: nonNilStrings(e.Granular), Classic: nonNilStrings(e.Classic), Sources: src}
}

// NewEventViews converts events for output, never returning nil.
func NewEventViews(es []*catalog.Event) []EventView {
	out := make([]EventView, 0, len(es))
	for _, e := range es {
		out = append(out, NewEventView(e))
	}
	return out
}
