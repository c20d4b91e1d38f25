package report

import (
	"strings"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/catalog"
)

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
			Event: NewEventView(c.New), GranularAdded: nonNilStrings(c.GranularAdded), GranularRemoved: nonNilStrings(c.GranularRemoved),
			ClassicAdded: nonNilStrings(c.ClassicAdded), ClassicRemoved: nonNilStrings(c.ClassicRemoved),
		})
	}
	return r
}

// DiffPrinters is the table of catalog diff printers.
func DiffPrinters() Printers[DiffReport] {
	return printers(
		row(FormatText, func(w *Writer, r DiffReport) error { writeDiff(w, textLists(), r); return nil }),
		row(FormatJSON, jsonPrinter[DiffReport]()),
		row(FormatYAML, yamlPrinter[DiffReport]()),
		row(FormatMarkdown, func(w *Writer, r DiffReport) error { writeDiff(w, markdownLists(), r); return nil }),
	)
}

// writeDiff writes catalog changes as headed lists, in text or Markdown.
func writeDiff(w *Writer, st lists, r DiffReport) {
	events := len(r.EventsAdded) + len(r.EventsRemoved) + len(r.EventsChanged)
	total := len(r.EndpointsAdded) + len(r.EndpointsRemoved) + len(r.EndpointsChanged) + len(r.ScopesAdded) + len(r.ScopesRemoved) + events
	st.heading(w, "Scope catalog changes")
	if total == 0 {
		w.Println("No changes.")
		return
	}
	w.Printf("%d endpoint(s) added, %d removed, %d with changed scopes; %d scope(s) added, %d removed.\n",
		len(r.EndpointsAdded), len(r.EndpointsRemoved), len(r.EndpointsChanged), len(r.ScopesAdded), len(r.ScopesRemoved))
	if events > 0 {
		w.Printf("%d event(s) added, %d removed, %d with changed scopes.\n", len(r.EventsAdded), len(r.EventsRemoved), len(r.EventsChanged))
	}
	endpoints := func(title string, es []EndpointView) {
		if len(es) == 0 {
			return
		}
		st.section(w, title)
		for _, e := range es {
			st.item(w, st.text(endpointLine(e))+": "+st.list(e.Granular))
		}
	}
	endpoints("Endpoints added", r.EndpointsAdded)
	endpoints("Endpoints removed", r.EndpointsRemoved)
	if len(r.EndpointsChanged) > 0 {
		st.section(w, "Endpoints whose scopes changed")
		for _, c := range r.EndpointsChanged {
			st.item(w, st.text(endpointLine(c.Endpoint))+": "+changeParts(st.list, c.GranularAdded, c.GranularRemoved, c.ClassicAdded, c.ClassicRemoved))
		}
	}
	scopes := func(title string, ss []DiffScope) {
		if len(ss) == 0 {
			return
		}
		st.section(w, title)
		for _, s := range ss {
			st.item(w, st.list([]string{s.Scope})+" ("+string(s.Kind)+")")
		}
	}
	scopes("Scopes added", r.ScopesAdded)
	scopes("Scopes removed", r.ScopesRemoved)
	evs := func(title string, es []EventView) {
		if len(es) == 0 {
			return
		}
		st.section(w, title)
		for _, e := range es {
			st.item(w, st.text(e.Event)+": "+st.list(e.Granular))
		}
	}
	evs("Events added", r.EventsAdded)
	evs("Events removed", r.EventsRemoved)
	if len(r.EventsChanged) > 0 {
		st.section(w, "Events whose scopes changed")
		for _, c := range r.EventsChanged {
			st.item(w, st.text(c.Event.Event)+": "+changeParts(st.list, c.GranularAdded, c.GranularRemoved, c.ClassicAdded, c.ClassicRemoved))
		}
	}
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
