package report

import (
	"fmt"
	"io"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/parser/record"
)

// EventView is an event subscription as reports show it.
type EventView struct {
	Event    string          `json:"event" yaml:"event"`
	Summary  string          `json:"summary,omitempty" yaml:"summary,omitempty"`
	Product  string          `json:"product" yaml:"product"`
	Granular []string        `json:"granular" yaml:"granular"`
	Classic  []string        `json:"classic" yaml:"classic"`
	Sources  []record.Source `json:"sources" yaml:"sources"`
}

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

func writeEventText(w io.Writer, e EventView) {
	fmt.Fprintf(w, "%s\n", e.Event)
	fmt.Fprintf(w, "  event of: %s\n", e.Product)
	if e.Summary != "" {
		fmt.Fprintf(w, "  summary:  %s\n", e.Summary)
	}
	fmt.Fprintf(w, "  granular: %s\n", orNone(e.Granular))
	fmt.Fprintf(w, "  classic:  %s\n", orNone(e.Classic))
	fmt.Fprintf(w, "  sources:  %s\n", sourcesText(e.Sources))
}
