package report

import (
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/parser/record"
)

// NewEventViews converts events for output, never returning nil.
func NewEventViews(es []*catalog.Event) []EventView {
	out := make([]EventView, 0, len(es))
	for _, e := range es {
		src := e.Sources
		if src == nil {
			src = []record.Source{}
		}
		out = append(out, EventView{Event: e.Name, Summary: e.Summary, Product: e.Product,
			Granular: nonNilStrings(e.Granular), Classic: nonNilStrings(e.Classic), Sources: src})
	}
	return out
}
