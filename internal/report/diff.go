package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/catalog"
)

// DiffScope is a scope added or removed.
type DiffScope struct {
	Scope string            `json:"scope" yaml:"scope"`
	Kind  catalog.ScopeKind `json:"kind" yaml:"kind"`
}

// DiffChange is an endpoint whose scopes changed.
type DiffChange struct {
	Endpoint        EndpointView `json:"endpoint" yaml:"endpoint"`
	GranularAdded   []string     `json:"granular_added" yaml:"granular_added"`
	GranularRemoved []string     `json:"granular_removed" yaml:"granular_removed"`
	ClassicAdded    []string     `json:"classic_added" yaml:"classic_added"`
	ClassicRemoved  []string     `json:"classic_removed" yaml:"classic_removed"`
}

// DiffReport is the output of "catalog diff"; its data is the new side's
// provenance, old and new give both.
type DiffReport struct {
	Meta             `yaml:",inline"`
	Old              scopeplan.Provenance `json:"old" yaml:"old"`
	New              scopeplan.Provenance `json:"new" yaml:"new"`
	EndpointsAdded   []EndpointView       `json:"endpoints_added" yaml:"endpoints_added"`
	EndpointsRemoved []EndpointView       `json:"endpoints_removed" yaml:"endpoints_removed"`
	EndpointsChanged []DiffChange         `json:"endpoints_changed" yaml:"endpoints_changed"`
	ScopesAdded      []DiffScope          `json:"scopes_added" yaml:"scopes_added"`
	ScopesRemoved    []DiffScope          `json:"scopes_removed" yaml:"scopes_removed"`
	// Events added, removed and with changed scopes; absent when neither
	// side has events.
	EventsAdded   []EventView       `json:"events_added,omitempty" yaml:"events_added,omitempty"`
	EventsRemoved []EventView       `json:"events_removed,omitempty" yaml:"events_removed,omitempty"`
	EventsChanged []DiffEventChange `json:"events_changed,omitempty" yaml:"events_changed,omitempty"`
}

// DiffEventChange is an event whose scopes changed.
type DiffEventChange struct {
	Event           EventView `json:"event" yaml:"event"`
	GranularAdded   []string  `json:"granular_added" yaml:"granular_added"`
	GranularRemoved []string  `json:"granular_removed" yaml:"granular_removed"`
	ClassicAdded    []string  `json:"classic_added" yaml:"classic_added"`
	ClassicRemoved  []string  `json:"classic_removed" yaml:"classic_removed"`
}

// NewDiffReport converts catalog changes for output.
func NewDiffReport(d catalog.Changes, old, new scopeplan.Provenance) DiffReport {
	r := DiffReport{
		Meta: NewMeta(new), Old: old, New: new,
		EndpointsAdded: EndpointViews(d.EndpointsAdded), EndpointsRemoved: EndpointViews(d.EndpointsRemoved),
		EndpointsChanged: []DiffChange{}, ScopesAdded: []DiffScope{}, ScopesRemoved: []DiffScope{},
	}
	for _, c := range d.EndpointsChanged {
		r.EndpointsChanged = append(r.EndpointsChanged, DiffChange{
			Endpoint: NewEndpointView(c.New), GranularAdded: nonNilStrings(c.GranularAdded), GranularRemoved: nonNilStrings(c.GranularRemoved),
			ClassicAdded: nonNilStrings(c.ClassicAdded), ClassicRemoved: nonNilStrings(c.ClassicRemoved),
		})
	}
	for _, s := range d.ScopesAdded {
		r.ScopesAdded = append(r.ScopesAdded, DiffScope{s.Name, s.Kind})
	}
	for _, s := range d.ScopesRemoved {
		r.ScopesRemoved = append(r.ScopesRemoved, DiffScope{s.Name, s.Kind})
	}
	if len(d.EventsAdded) > 0 {
		r.EventsAdded = NewEventViews(d.EventsAdded)
	}
	if len(d.EventsRemoved) > 0 {
		r.EventsRemoved = NewEventViews(d.EventsRemoved)
	}
	for _, c := range d.EventsChanged {
		r.EventsChanged = append(r.EventsChanged, DiffEventChange{
			Event: NewEventViews([]*catalog.Event{c.New})[0], GranularAdded: nonNilStrings(c.GranularAdded), GranularRemoved: nonNilStrings(c.GranularRemoved),
			ClassicAdded: nonNilStrings(c.ClassicAdded), ClassicRemoved: nonNilStrings(c.ClassicRemoved),
		})
	}
	return r
}

// WriteDiff renders catalog changes.
func WriteDiff(w io.Writer, f Format, r DiffReport) error {
	w = forPeople(w, f)
	switch f {
	case FormatJSON:
		return WriteJSON(w, r)
	case FormatYAML:
		return WriteYAML(w, r)
	}
	md := f == FormatMarkdown
	events := len(r.EventsAdded) + len(r.EventsRemoved) + len(r.EventsChanged)
	total := len(r.EndpointsAdded) + len(r.EndpointsRemoved) + len(r.EndpointsChanged) + len(r.ScopesAdded) + len(r.ScopesRemoved) + events
	if md {
		fmt.Fprintln(w, "## Scope catalog changes")
		fmt.Fprintln(w)
	}
	if total == 0 {
		fmt.Fprintln(w, "No changes.")
		return nil
	}
	fmt.Fprintf(w, "%d endpoint(s) added, %d removed, %d with changed scopes; %d scope(s) added, %d removed.\n",
		len(r.EndpointsAdded), len(r.EndpointsRemoved), len(r.EndpointsChanged), len(r.ScopesAdded), len(r.ScopesRemoved))
	if events > 0 {
		fmt.Fprintf(w, "%d event(s) added, %d removed, %d with changed scopes.\n", len(r.EventsAdded), len(r.EventsRemoved), len(r.EventsChanged))
	}
	section := func(title string) {
		if md {
			fmt.Fprintf(w, "\n### %s\n\n", title)
		} else {
			fmt.Fprintf(w, "\n%s:\n", title)
		}
	}
	item := func(s string) {
		if md {
			fmt.Fprintf(w, "- %s\n", s)
		} else {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	text := func(s string) string {
		if md {
			return MarkdownCell(s)
		}
		return s
	}
	list := func(s []string) string {
		if md {
			return codes(s)
		}
		return strings.Join(s, ", ")
	}
	endpoints := func(title string, es []EndpointView) {
		if len(es) == 0 {
			return
		}
		section(title)
		for _, e := range es {
			item(text(endpointLine(e)) + ": " + list(e.Granular))
		}
	}
	endpoints("Endpoints added", r.EndpointsAdded)
	endpoints("Endpoints removed", r.EndpointsRemoved)
	if len(r.EndpointsChanged) > 0 {
		section("Endpoints whose scopes changed")
		for _, c := range r.EndpointsChanged {
			item(text(endpointLine(c.Endpoint)) + ": " + changeParts(list, c.GranularAdded, c.GranularRemoved, c.ClassicAdded, c.ClassicRemoved))
		}
	}
	scopes := func(title string, ss []DiffScope) {
		if len(ss) == 0 {
			return
		}
		section(title)
		for _, s := range ss {
			item(list([]string{s.Scope}) + " (" + string(s.Kind) + ")")
		}
	}
	scopes("Scopes added", r.ScopesAdded)
	scopes("Scopes removed", r.ScopesRemoved)
	evs := func(title string, es []EventView) {
		if len(es) == 0 {
			return
		}
		section(title)
		for _, e := range es {
			item(text(e.Event) + ": " + list(e.Granular))
		}
	}
	evs("Events added", r.EventsAdded)
	evs("Events removed", r.EventsRemoved)
	if len(r.EventsChanged) > 0 {
		section("Events whose scopes changed")
		for _, c := range r.EventsChanged {
			item(text(c.Event.Event) + ": " + changeParts(list, c.GranularAdded, c.GranularRemoved, c.ClassicAdded, c.ClassicRemoved))
		}
	}
	return nil
}

// changeParts describes scope changes: "granular + a; classic - b".
func changeParts(list func([]string) string, granularAdded, granularRemoved, classicAdded, classicRemoved []string) string {
	var parts []string
	for _, p := range []struct {
		label string
		s     []string
	}{{"granular +", granularAdded}, {"granular -", granularRemoved}, {"classic +", classicAdded}, {"classic -", classicRemoved}} {
		if len(p.s) > 0 {
			parts = append(parts, p.label+" "+list(p.s))
		}
	}
	return strings.Join(parts, "; ")
}
