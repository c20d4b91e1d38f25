package report

import (
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/planner"
)

// NewPlanReport converts a plan for output; a, when given, attributes the
// lint findings to show beside each call's endpoint.
func NewPlanReport(p *planner.Plan, m Meta, a *lint.Attribution) PlanReport {
	r := PlanReport{
		Meta: m, App: p.App, Granular: p.Granular, Classic: p.Classic, Optional: p.Optional,
		OverGrant: p.OverGrant, ClassicOverGrant: p.ClassicOverGrant, Optimal: p.Optimal, Gap: p.Gap,
		Calls: []PlanCall{}, Unmapped: []PlanUnmapped{}, TradeOffs: p.TradeOffs,
	}
	if r.TradeOffs == nil {
		r.TradeOffs = []planner.TradeOff{}
	}
	for _, c := range p.Calls {
		r.Calls = append(r.Calls, PlanCall{
			Call: c.Call.Spec, Why: c.Call.Why, Optional: c.Call.Optional, Endpoint: NewEndpointViewWith(c.Endpoint, a),
			Granular: c.Granular, Classic: c.Classic, SetAside: c.SetAside, Confidence: c.Confidence, Notes: nonNilStrings(c.Notes),
		})
	}
	for _, e := range p.Events {
		r.Events = append(r.Events, PlanEvent{
			Event: e.Event.Name, Why: e.Sub.Why, Optional: e.Sub.Optional, Product: e.Event.Product,
			Granular: e.Granular, Classic: e.Classic, SetAside: e.SetAside, Confidence: e.Confidence, Notes: nonNilStrings(e.Notes),
		})
	}
	if len(p.Events) > 0 {
		r.OverGrantEvents = p.OverGrantEvents
	}
	for _, u := range p.Unmapped {
		r.Unmapped = append(r.Unmapped, NewPlanUnmapped(u))
	}
	return r
}

// NewPlanUnmapped converts an unmapped call or event for output.
func NewPlanUnmapped(u planner.Unmapped) PlanUnmapped {
	return PlanUnmapped{Call: u.Call.Spec, Kind: u.Call.Kind(), Reason: u.Reason, Suggestions: nonNilStrings(u.Suggestions)}
}

// NewManifest lists a plan's granular scopes, optional where only optional
// calls need them, and its subscribed events.
func NewManifest(r PlanReport) Manifest {
	opt := r.optionalSet()
	m := Manifest{Scopes: []ManifestScope{}}
	for _, s := range r.Granular {
		m.Scopes = append(m.Scopes, ManifestScope{Scope: s, Optional: opt[s]})
	}
	if len(r.Events) > 0 {
		m.Features = &ManifestFeatures{}
		for _, e := range r.Events {
			m.Features.EventSubscription.Events = append(m.Features.EventSubscription.Events, e.Event)
		}
	}
	return m
}

// optionalSet is the set of the plan's optional scopes.
func (r PlanReport) optionalSet() map[string]bool {
	opt := make(map[string]bool, len(r.Optional))
	for _, s := range r.Optional {
		opt[s] = true
	}
	return opt
}

// PlanPrinters is the table of plan printers: text (for people on a
// terminal, one record a line in a pipe), JSON, YAML, Markdown and a Zoom
// app manifest's scopes block.
func PlanPrinters() Printers[PlanReport] {
	return printers(
		row(FormatText, planText),
		row(FormatJSON, jsonPrinter[PlanReport]()),
		row(FormatYAML, yamlPrinter[PlanReport]()),
		row(FormatMarkdown, writePlanMarkdown),
		row(FormatManifest, planManifest),
	)
}
