package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/planner"
)

// PlanCall is one call of a plan as JSON shows it.
type PlanCall struct {
	Call       string             `json:"call" yaml:"call"`
	Why        string             `json:"why,omitempty" yaml:"why,omitempty"`
	Optional   bool               `json:"optional,omitempty" yaml:"optional,omitempty"`
	Endpoint   EndpointView       `json:"endpoint" yaml:"endpoint"`
	Granular   []string           `json:"granular" yaml:"granular"`
	Classic    []string           `json:"classic" yaml:"classic"`
	SetAside   []planner.SetAside `json:"set_aside" yaml:"set_aside"`
	Confidence string             `json:"confidence" yaml:"confidence"`
	Notes      []string           `json:"notes" yaml:"notes"`
}

// PlanUnmapped is a call or event the plan could not cover.
type PlanUnmapped struct {
	Call string `json:"call" yaml:"call"`
	// Kind is "call" or "event".
	Kind        string   `json:"kind" yaml:"kind"`
	Reason      string   `json:"reason" yaml:"reason"`
	Suggestions []string `json:"suggestions" yaml:"suggestions"`
}

// PlanEvent is one subscribed event of a plan as JSON shows it.
type PlanEvent struct {
	Event      string             `json:"event" yaml:"event"`
	Why        string             `json:"why,omitempty" yaml:"why,omitempty"`
	Optional   bool               `json:"optional,omitempty" yaml:"optional,omitempty"`
	Product    string             `json:"product,omitempty" yaml:"product,omitempty"`
	Granular   []string           `json:"granular" yaml:"granular"`
	Classic    []string           `json:"classic" yaml:"classic"`
	SetAside   []planner.SetAside `json:"set_aside" yaml:"set_aside"`
	Confidence string             `json:"confidence" yaml:"confidence"`
	Notes      []string           `json:"notes" yaml:"notes"`
}

// PlanReport is the output of "plan" (the JSON contract).
type PlanReport struct {
	Meta             `yaml:",inline"`
	App              planner.AppType `json:"app" yaml:"app"`
	Granular         []string        `json:"granular" yaml:"granular"`
	Classic          []string        `json:"classic" yaml:"classic"`
	Optional         []string        `json:"optional" yaml:"optional"`
	OverGrant        int             `json:"over_grant" yaml:"over_grant"`
	ClassicOverGrant int             `json:"classic_over_grant" yaml:"classic_over_grant"`
	Optimal          bool            `json:"optimal" yaml:"optimal"`
	Gap              int             `json:"gap" yaml:"gap"`
	Calls            []PlanCall      `json:"calls" yaml:"calls"`
	// Events are the subscribed events; absent when none was given.
	Events []PlanEvent `json:"events,omitempty" yaml:"events,omitempty"`
	// OverGrantEvents counts the events the granular scopes allow beyond
	// the subscribed ones.
	OverGrantEvents int                `json:"over_grant_events,omitempty" yaml:"over_grant_events,omitempty"`
	Unmapped        []PlanUnmapped     `json:"unmapped" yaml:"unmapped"`
	TradeOffs       []planner.TradeOff `json:"trade_offs" yaml:"trade_offs"`
	// OverGrantEndpoints names, per chosen granular scope, the endpoints
	// it grants beyond the calls (see NewOverGrant); absent when the
	// caller did not compute it.
	OverGrantEndpoints *[]OverGrantScope `json:"over_grant_endpoints,omitempty" yaml:"over_grant_endpoints,omitempty"`
}

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
			Granular: c.Granular, Classic: c.Classic, SetAside: c.SetAside, Confidence: c.Confidence.String(), Notes: nonNilStrings(c.Notes),
		})
	}
	for _, e := range p.Events {
		r.Events = append(r.Events, PlanEvent{
			Event: e.Event.Name, Why: e.Sub.Why, Optional: e.Sub.Optional, Product: e.Event.Product,
			Granular: e.Granular, Classic: e.Classic, SetAside: e.SetAside, Confidence: e.Confidence.String(), Notes: nonNilStrings(e.Notes),
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

// ManifestScope is one entry of a Zoom app manifest's scopes block.
type ManifestScope struct {
	Scope    string `json:"scope" yaml:"scope"`
	Optional bool   `json:"optional" yaml:"optional"`
}

// Manifest is the scopes block of a Zoom app manifest, with the
// subscribed events where the plan has any.
type Manifest struct {
	Scopes   []ManifestScope   `json:"scopes" yaml:"scopes"`
	Features *ManifestFeatures `json:"features,omitempty" yaml:"features,omitempty"`
}

// ManifestFeatures is the features block of a Zoom app manifest.
type ManifestFeatures struct {
	EventSubscription ManifestEvents `json:"event_subscription" yaml:"event_subscription"`
}

// ManifestEvents lists the event names an app subscribes to, under the
// key Zoom's app manifest uses (features.event_subscription.events).
type ManifestEvents struct {
	Events []string `json:"events" yaml:"events"`
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

// WritePlan renders a plan.
func WritePlan(w io.Writer, f Format, tty bool, r PlanReport) error {
	w = forPeople(w, f)
	switch f {
	case FormatJSON:
		return WriteJSON(w, r)
	case FormatYAML:
		return WriteYAML(w, r)
	case FormatManifest:
		if err := manifestHeader(w, r); err != nil {
			return err
		}
		return WriteYAML(w, NewManifest(r))
	case FormatMarkdown:
		return writePlanMarkdown(w, r)
	}
	if !tty {
		return writePlanTSV(w, r)
	}
	return writePlanText(w, r)
}

func optimality(r PlanReport) string {
	if r.Optimal {
		return "proved optimal"
	}
	return fmt.Sprintf("NOT proved optimal: best found, over-grant may be up to %d lower", r.Gap)
}

func writePlanText(w io.Writer, r PlanReport) error {
	fmt.Fprintf(w, "Plan for %s: %d granular scope(s), %s; grants %d endpoint(s) beyond the %d mapped call(s).\n\n",
		appPhrase(string(r.App)), len(r.Granular), optimality(r), r.OverGrant, len(r.Calls))
	opt := r.optionalSet()
	fmt.Fprintln(w, "Granular scopes to request:")
	for _, s := range r.Granular {
		suffix := ""
		if opt[s] {
			suffix = "  (optional)"
		}
		fmt.Fprintf(w, "  %s%s\n", s, suffix)
	}
	writeOverGrantText(w, r)
	fmt.Fprintf(w, "\nClassic equivalents (grant %d endpoint(s) beyond the calls):\n", r.ClassicOverGrant)
	for _, s := range r.Classic {
		fmt.Fprintf(w, "  %s\n", s)
	}
	if len(r.Calls) > 0 {
		fmt.Fprintln(w)
		t := NewTable(w, true, "call", "endpoint", "granular", "classic", "confidence")
		for _, c := range r.Calls {
			t.Row(c.Call, endpointShort(c.Endpoint), strings.Join(c.Granular, ", "), strings.Join(c.Classic, ", "), c.Confidence)
		}
		if err := t.Flush(); err != nil {
			return err
		}
		for _, c := range r.Calls {
			writeExplanation(w, c.Call, c.Notes, c.SetAside)
		}
	}
	if r.App != planner.AppUser {
		var lines []string
		for _, c := range r.Calls {
			if len(c.Endpoint.Permissions) > 0 {
				lines = append(lines, fmt.Sprintf("  %s: %s", c.Call, strings.Join(c.Endpoint.Permissions, " or ")))
			}
		}
		if len(lines) > 0 {
			fmt.Fprintln(w, "\nRole permissions the authorising user needs (per call, any one):")
			fmt.Fprintln(w, strings.Join(lines, "\n"))
		}
	}
	if len(r.Events) > 0 {
		fmt.Fprintf(w, "\nEvents (the granular scopes allow %d event(s) beyond them):\n", r.OverGrantEvents)
		t := NewTable(w, true, "event", "granular", "classic", "confidence")
		for _, e := range r.Events {
			t.Row(e.Event, strings.Join(e.Granular, ", "), strings.Join(e.Classic, ", "), e.Confidence)
		}
		if err := t.Flush(); err != nil {
			return err
		}
		for _, e := range r.Events {
			writeExplanation(w, e.Event, e.Notes, e.SetAside)
		}
	}
	if len(r.TradeOffs) > 0 {
		fmt.Fprintln(w, "\nTrade-offs:")
		for _, t := range r.TradeOffs {
			fmt.Fprintf(w, "  %s would replace %s: %d fewer scope(s), %d more endpoint(s) granted\n",
				t.Scope, strings.Join(t.Replaces, ", "), t.Saves, t.AddsGrant)
		}
	}
	if len(r.Unmapped) > 0 {
		fmt.Fprintf(w, "\n%s\n", Paint(w, StyleBad, fmt.Sprintf("Unmapped calls (%d):", len(r.Unmapped))))
		for _, u := range r.Unmapped {
			fmt.Fprintf(w, "  %s: %s\n", Paint(w, StyleBad, eventPrefix(u.Kind)+u.Call), u.Reason)
			if len(u.Suggestions) > 0 {
				fmt.Fprintf(w, "    did you mean: %s\n", strings.Join(u.Suggestions, " | "))
			}
		}
	}
	return nil
}

// appPhrase names an app type with its article: "a user app", "an admin app".
func appPhrase(app string) string {
	if app == "admin" {
		return "an admin app"
	}
	return "a " + app + " app"
}

func endpointShort(e EndpointView) string {
	if e.Path != "" {
		return e.Method + " " + e.Path
	}
	if e.OperationID != "" {
		return e.Product + "/" + e.OperationID
	}
	return e.Name
}

// writePlanTSV writes one record a line, first field the record type.
func writePlanTSV(w io.Writer, r PlanReport) error {
	t := NewTable(w, false)
	opt := r.optionalSet()
	for _, s := range r.Granular {
		kind := "granular"
		if opt[s] {
			kind = "granular-optional"
		}
		t.Row(kind, s)
	}
	for _, s := range r.Classic {
		t.Row("classic", s)
	}
	for _, c := range r.Calls {
		t.Row("call", c.Call, endpointShort(c.Endpoint), strings.Join(c.Granular, ","), strings.Join(c.Classic, ","), c.Confidence)
	}
	for _, e := range r.Events {
		t.Row("event", e.Event, strings.Join(e.Granular, ","), strings.Join(e.Classic, ","), e.Confidence)
	}
	for _, u := range r.Unmapped {
		t.Row("unmapped", eventPrefix(u.Kind)+u.Call, u.Reason, strings.Join(u.Suggestions, " | "))
	}
	if r.OverGrantEndpoints != nil {
		for _, o := range *r.OverGrantEndpoints {
			for _, e := range o.Endpoints {
				t.Row("over-grant", o.Scope, e)
			}
		}
	}
	t.Row("summary", fmt.Sprintf("over_grant=%d", r.OverGrant), fmt.Sprintf("optimal=%t", r.Optimal))
	return t.Flush()
}

func writePlanMarkdown(w io.Writer, r PlanReport) error {
	fmt.Fprintf(w, "## Zoom OAuth scopes for %s\n\n", appPhrase(string(r.App)))
	fmt.Fprintf(w, "%d granular scope(s), %s; %d endpoint(s) granted beyond the %d mapped call(s).\n\n",
		len(r.Granular), optimality(r), r.OverGrant, len(r.Calls))
	fmt.Fprintln(w, "| Scope | Kind |")
	fmt.Fprintln(w, "|---|---|")
	opt := r.optionalSet()
	for _, s := range r.Granular {
		kind := "granular"
		if opt[s] {
			kind = "granular (optional)"
		}
		fmt.Fprintf(w, "| %s | %s |\n", MarkdownCode(s), kind)
	}
	for _, s := range r.Classic {
		fmt.Fprintf(w, "| %s | classic equivalent |\n", MarkdownCode(s))
	}
	if len(r.Calls) > 0 {
		fmt.Fprintln(w, "\n### Calls\n\n| Call | Endpoint | Granular | Classic | Set aside | Confidence |\n|---|---|---|---|---|---|")
		for _, c := range r.Calls {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", MarkdownCode(c.Call), MarkdownCell(endpointShort(c.Endpoint)),
				codes(c.Granular), codes(c.Classic), asideCell(c.SetAside), confidenceCell(c.Confidence, c.Notes))
		}
	}
	if len(r.Events) > 0 {
		fmt.Fprintln(w, "\n### Events\n\n| Event | Granular | Classic | Set aside | Confidence |\n|---|---|---|---|---|")
		for _, e := range r.Events {
			fmt.Fprintf(w, "| %s | %s | %s | %s | %s |\n", MarkdownCode(e.Event), codes(e.Granular), codes(e.Classic),
				asideCell(e.SetAside), confidenceCell(e.Confidence, e.Notes))
		}
	}
	writeOverGrantMarkdown(w, r)
	if len(r.TradeOffs) > 0 {
		fmt.Fprintln(w, "\n### Trade-offs\n\n| Broader scope | Replaces | Scopes saved | Endpoints added |\n|---|---|---|---|")
		for _, t := range r.TradeOffs {
			fmt.Fprintf(w, "| %s | %s | %d | %d |\n", MarkdownCode(t.Scope), codes(t.Replaces), t.Saves, t.AddsGrant)
		}
	}
	if len(r.Unmapped) > 0 {
		fmt.Fprintln(w, "\n### Unmapped calls\n\n| Call | Reason | Did you mean |\n|---|---|---|")
		for _, u := range r.Unmapped {
			fmt.Fprintf(w, "| %s | %s | %s |\n", MarkdownCode(eventPrefix(u.Kind)+u.Call), MarkdownCell(u.Reason), codes(u.Suggestions))
		}
	}
	return nil
}

func codes(s []string) string {
	out := make([]string, len(s))
	for i, x := range s {
		out[i] = MarkdownCode(x)
	}
	return strings.Join(out, ", ")
}

// optionalSet is the set of the plan's optional scopes.
func (r PlanReport) optionalSet() map[string]bool {
	opt := make(map[string]bool, len(r.Optional))
	for _, s := range r.Optional {
		opt[s] = true
	}
	return opt
}

// eventPrefix marks an unmapped event in text: "event recording.started".
func eventPrefix(kind string) string {
	if kind == "event" {
		return "event "
	}
	return ""
}

// writeExplanation writes a call's or event's notes and set-aside scopes
// under its name, when it has any.
func writeExplanation(w io.Writer, name string, notes []string, aside []planner.SetAside) {
	if len(aside) == 0 && len(notes) == 0 {
		return
	}
	fmt.Fprintf(w, "\n%s:\n", name)
	for _, n := range notes {
		fmt.Fprintf(w, "  note: %s\n", n)
	}
	for _, s := range aside {
		fmt.Fprintf(w, "  set aside %s: %s\n", s.Scope, s.Reason)
	}
}

// asideCell is a Markdown cell listing set-aside scopes and why.
func asideCell(aside []planner.SetAside) string {
	var out []string
	for _, s := range aside {
		out = append(out, MarkdownCode(s.Scope)+": "+MarkdownCell(s.Reason))
	}
	return strings.Join(out, "<br>")
}

// confidenceCell is a Markdown cell with a confidence and its notes.
func confidenceCell(conf string, notes []string) string {
	if len(notes) > 0 {
		conf += " (" + MarkdownCell(strings.Join(notes, "; ")) + ")"
	}
	return conf
}
