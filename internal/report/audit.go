package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/scopeplan/scopeplan/audit"
	"github.com/scopeplan/scopeplan/parser/record"
)

// AuditUnused is a requested scope no intended call needs.
type AuditUnused struct {
	Scope     string         `json:"scope" yaml:"scope"`
	Optional  bool           `json:"optional" yaml:"optional"`
	Grants    int            `json:"grants" yaml:"grants"`
	Endpoints []EndpointView `json:"endpoints" yaml:"endpoints"`
	// Events are the event subscriptions the scope allows, by name.
	Events []string `json:"events,omitempty" yaml:"events,omitempty"`
	// Pointer and Line locate the scope in a manifest.
	Pointer string `json:"pointer,omitempty" yaml:"pointer,omitempty"`
	Line    int    `json:"line,omitempty" yaml:"line,omitempty"`
}

// AuditMissing is an intended call no requested scope covers.
type AuditMissing struct {
	Call     string       `json:"call" yaml:"call"`
	Endpoint EndpointView `json:"endpoint" yaml:"endpoint"`
	Would    []string     `json:"would" yaml:"would"`
	// Event is set for a subscribed event no requested scope allows (its
	// endpoint is then empty); Pointer and Line locate it in a manifest.
	Event   string `json:"event,omitempty" yaml:"event,omitempty"`
	Pointer string `json:"pointer,omitempty" yaml:"pointer,omitempty"`
	Line    int    `json:"line,omitempty" yaml:"line,omitempty"`
}

// AuditCannotJudge is a requested scope no mapped call needs but an
// unmapped call could.
type AuditCannotJudge struct {
	Scope     string         `json:"scope" yaml:"scope"`
	Optional  bool           `json:"optional" yaml:"optional"`
	Grants    int            `json:"grants" yaml:"grants"`
	Endpoints []EndpointView `json:"endpoints" yaml:"endpoints"`
	// Calls are the unmapped calls (and events) that could need it.
	Calls   []string `json:"calls" yaml:"calls"`
	Pointer string   `json:"pointer,omitempty" yaml:"pointer,omitempty"`
	Line    int      `json:"line,omitempty" yaml:"line,omitempty"`
}

// AuditEvent is a manifest event subscription the audit could not map.
type AuditEvent struct {
	Event       string   `json:"event" yaml:"event"`
	Reason      string   `json:"reason" yaml:"reason"`
	Suggestions []string `json:"suggestions" yaml:"suggestions"`
	Pointer     string   `json:"pointer" yaml:"pointer"`
	Line        int      `json:"line" yaml:"line"`
}

// AuditZoomAppAPIs is what the manifest says about in-client Zoom Apps
// APIs: they need RequiredScope.
type AuditZoomAppAPIs struct {
	APIs          []string `json:"apis" yaml:"apis"`
	RequiredScope string   `json:"required_scope" yaml:"required_scope"`
	// Missing: APIs listed, the scope not requested; Unused: the scope
	// requested, no API listed.
	Missing bool   `json:"missing" yaml:"missing"`
	Unused  bool   `json:"unused" yaml:"unused"`
	Pointer string `json:"pointer,omitempty" yaml:"pointer,omitempty"`
	Line    int    `json:"line,omitempty" yaml:"line,omitempty"`
}

// AuditReport is the output of "audit".
type AuditReport struct {
	Meta           `yaml:",inline"`
	App            string             `json:"app" yaml:"app"`
	Verdict        string             `json:"verdict" yaml:"verdict"`
	Requested      []audit.Requested  `json:"requested" yaml:"requested"`
	Kind           string             `json:"kind" yaml:"kind"`
	Unknown        []audit.Unknown    `json:"unknown" yaml:"unknown"`
	Levels         []audit.LevelIssue `json:"level_not_allowed" yaml:"level_not_allowed"`
	Mixed          bool               `json:"mixed" yaml:"mixed"`
	OverPrivileged []AuditUnused      `json:"over_privileged" yaml:"over_privileged"`
	Redundant      []AuditUnused      `json:"redundant" yaml:"redundant"`
	Unmapped       []PlanUnmapped     `json:"unmapped" yaml:"unmapped"`
	OptionalUnused []AuditUnused      `json:"optional_unused" yaml:"optional_unused"`
	// CannotJudge lists the scopes the audit cannot call unused because an
	// unmapped call could need them; Incomplete says some call was unmapped.
	CannotJudge []AuditCannotJudge `json:"cannot_judge" yaml:"cannot_judge"`
	Incomplete  bool               `json:"incomplete" yaml:"incomplete"`
	// UnmappedEvents are the manifest's event subscriptions the audit
	// could not map; ZoomAppAPIs its in-client Zoom Apps APIs.
	UnmappedEvents []AuditEvent      `json:"unmapped_events" yaml:"unmapped_events"`
	ZoomAppAPIs    *AuditZoomAppAPIs `json:"zoom_app_apis,omitempty" yaml:"zoom_app_apis,omitempty"`

	// unusedTitle, when set, heads the over-privileged list in text.
	unusedTitle string
	Missing     []AuditMissing `json:"missing" yaml:"missing"`
	Plan        *PlanReport    `json:"plan,omitempty" yaml:"plan,omitempty"`
	ToAdd       []string       `json:"to_add" yaml:"to_add"`
	ToRemove    []string       `json:"to_remove" yaml:"to_remove"`
	BlastRadius []audit.Radius `json:"blast_radius" yaml:"blast_radius"`
}

// NewAuditReport converts an audit result for output.
func NewAuditReport(r *audit.Result, m Meta) AuditReport {
	out := AuditReport{
		Meta: m, App: string(r.App), Requested: r.Requested, Kind: r.Kind.String(), Mixed: r.Kind == audit.KindMixed,
		Unknown: r.Unknown, Levels: r.Levels, OverPrivileged: []AuditUnused{}, OptionalUnused: []AuditUnused{},
		Redundant: []AuditUnused{}, Unmapped: []PlanUnmapped{}, CannotJudge: []AuditCannotJudge{}, Incomplete: r.Incomplete(), UnmappedEvents: []AuditEvent{},
		Missing: []AuditMissing{}, ToAdd: nonNilStrings(r.ToAdd), ToRemove: nonNilStrings(r.ToRemove), BlastRadius: r.Radius,
	}
	if out.Unknown == nil {
		out.Unknown = []audit.Unknown{}
	}
	if out.Levels == nil {
		out.Levels = []audit.LevelIssue{}
	}
	if out.BlastRadius == nil {
		out.BlastRadius = []audit.Radius{}
	}
	if out.Requested == nil {
		out.Requested = []audit.Requested{}
	}
	unused := func(u audit.Unused) AuditUnused {
		at := r.Where[u.Scope]
		var evs []string
		for _, e := range u.Events {
			evs = append(evs, e.Name)
		}
		return AuditUnused{u.Scope, u.Optional, len(u.Endpoints), EndpointViews(u.Endpoints), evs, at.Pointer, at.Line}
	}
	for _, u := range r.OverPrivileged {
		out.OverPrivileged = append(out.OverPrivileged, unused(u))
	}
	for _, u := range r.Redundant {
		out.Redundant = append(out.Redundant, unused(u))
	}
	for _, e := range r.UnmappedEvents {
		out.UnmappedEvents = append(out.UnmappedEvents, AuditEvent{Event: e.Event.Name, Reason: e.Reason, Suggestions: nonNilStrings(e.Suggestions), Pointer: e.Event.At.Pointer, Line: e.Event.At.Line})
	}
	if ic := r.InClient; ic != nil {
		out.ZoomAppAPIs = &AuditZoomAppAPIs{APIs: nonNilStrings(ic.APIs), RequiredScope: audit.InClientScope, Missing: ic.Missing, Unused: ic.Unused, Pointer: ic.At.Pointer, Line: ic.At.Line}
		if ic.Unused {
			at := r.Where[audit.InClientScope]
			out.ZoomAppAPIs.Pointer, out.ZoomAppAPIs.Line = at.Pointer, at.Line
		}
	}
	for _, u := range r.Unmapped {
		out.Unmapped = append(out.Unmapped, NewPlanUnmapped(u))
	}
	for _, u := range r.OptionalUnused {
		out.OptionalUnused = append(out.OptionalUnused, unused(u))
	}
	for _, j := range r.CannotJudge {
		at := r.Where[j.Scope]
		out.CannotJudge = append(out.CannotJudge, AuditCannotJudge{j.Scope, j.Optional, len(j.Endpoints), EndpointViews(j.Endpoints), nonNilStrings(j.Calls), at.Pointer, at.Line})
	}
	for _, ms := range r.Missing {
		m := AuditMissing{Call: ms.Call.Spec, Would: nonNilStrings(ms.Would)}
		if ms.Endpoint != nil {
			m.Endpoint = NewEndpointView(ms.Endpoint)
		} else {
			m.Endpoint = EndpointView{Granular: []string{}, Classic: []string{}, Sources: []record.Source{}}
		}
		if ms.Event != nil {
			m.Event, m.Pointer, m.Line = ms.Event.Name, ms.At.Pointer, ms.At.Line
		}
		out.Missing = append(out.Missing, m)
	}
	if r.Plan != nil {
		p := NewPlanReport(r.Plan, m, nil)
		out.Plan = &p
	}
	out.Verdict = r.Verdict().String()
	return out
}

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// WriteAudit renders an audit.
func WriteAudit(w io.Writer, f Format, r AuditReport) error {
	w = forPeople(w, f)
	switch f {
	case FormatJSON:
		return WriteJSON(w, r)
	case FormatYAML:
		return WriteYAML(w, r)
	case FormatMarkdown:
		return writeAuditMarkdown(w, r)
	}
	return writeAuditText(w, r)
}

func writeAuditText(w io.Writer, r AuditReport) error {
	fmt.Fprintf(w, "Audit of %d requested %s scope(s) for %s: %s\n", len(r.Requested), r.Kind, appPhrase(r.App), Paint(w, VerdictStyle(r.Verdict), r.Verdict))
	if r.Mixed {
		fmt.Fprintln(w, "\nThe request mixes classic and granular scopes; Zoom rejects such an app.")
	}
	if len(r.Unknown) > 0 {
		fmt.Fprintln(w, "\nUnknown scopes:")
		for _, u := range r.Unknown {
			fmt.Fprintf(w, "  %s", u.Scope)
			if len(u.Suggestions) > 0 {
				fmt.Fprintf(w, " (did you mean %s?)", strings.Join(u.Suggestions, ", "))
			}
			fmt.Fprintln(w)
		}
	}
	for _, l := range r.Levels {
		fmt.Fprintf(w, "\nLevel not allowed: %s: %s\n", l.Scope, l.Reason)
	}
	writeUnused := func(title string, us []AuditUnused) {
		if len(us) == 0 {
			return
		}
		fmt.Fprintf(w, "\n%s:\n", title)
		for _, u := range us {
			if len(u.Events) > 0 {
				fmt.Fprintf(w, "  %s grants %d endpoint(s) and %d event(s), none of them called or subscribed:\n", u.Scope, u.Grants, len(u.Events))
			} else {
				fmt.Fprintf(w, "  %s grants %d endpoint(s), none of them called:\n", u.Scope, u.Grants)
			}
			for _, e := range u.Endpoints {
				fmt.Fprintf(w, "    %s\n", endpointLine(e))
			}
			for _, e := range u.Events {
				fmt.Fprintf(w, "    event %s\n", e)
			}
		}
	}
	if r.Incomplete {
		fmt.Fprintf(w, "\nThe check is incomplete: %d call(s) could not be mapped, so only scopes no call could use are reported unused.\n", len(r.Unmapped))
		writeUnused("Unused (needed by no mapped call, and no unmapped call could need them)", r.OverPrivileged)
		if len(r.CannotJudge) > 0 {
			fmt.Fprintln(w, "\nCannot judge (no mapped call needs these, but an unmapped call could; map the calls, e.g. with --add-docs, to check):")
			for _, j := range r.CannotJudge {
				fmt.Fprintf(w, "  %s: could be needed by %s\n", j.Scope, strings.Join(j.Calls, ", "))
			}
		}
	} else {
		title := "Over-privileged (requested, needed by no call)"
		if r.unusedTitle != "" {
			title = r.unusedTitle
		}
		writeUnused(title, r.OverPrivileged)
	}
	if len(r.Redundant) > 0 {
		fmt.Fprintln(w, "\nRedundant (other requested scopes already cover every call these cover):")
		for _, u := range r.Redundant {
			fmt.Fprintf(w, "  %s grants %d endpoint(s)\n", u.Scope, u.Grants)
		}
	}
	if len(r.Unmapped) > 0 {
		fmt.Fprintln(w, "\nCalls the request could not be checked against (unmapped):")
		for _, u := range r.Unmapped {
			fmt.Fprintf(w, "  %s: %s\n", u.Call, u.Reason)
			if len(u.Suggestions) > 0 {
				fmt.Fprintf(w, "    did you mean: %s\n", strings.Join(u.Suggestions, " | "))
			}
		}
	}
	writeUnused("Optional and unused", r.OptionalUnused)
	if len(r.UnmappedEvents) > 0 {
		fmt.Fprintln(w, "\nEvent subscriptions the request could not be checked against:")
		for _, e := range r.UnmappedEvents {
			fmt.Fprintf(w, "  %s (%s, line %d): %s\n", e.Event, e.Pointer, e.Line, e.Reason)
		}
	}
	if z := r.ZoomAppAPIs; z != nil {
		switch {
		case z.Missing:
			fmt.Fprintf(w, "\nMissing: the manifest lists %d in-client Zoom Apps API(s) (%s) but does not request %s, which they require\n", len(z.APIs), z.Pointer, z.RequiredScope)
		case z.Unused:
			fmt.Fprintf(w, "\nUnused: %s is requested but the manifest lists no in-client Zoom Apps API\n", z.RequiredScope)
		default:
			fmt.Fprintf(w, "\nIn-client Zoom Apps APIs (%d, covered by %s): %s\n", len(z.APIs), z.RequiredScope, strings.Join(z.APIs, ", "))
		}
	}
	if len(r.Missing) > 0 {
		fmt.Fprintln(w, "\nMissing (calls no requested scope covers):")
		for _, m := range r.Missing {
			if m.Event != "" {
				fmt.Fprintf(w, "  event %s; request %s\n", m.Event, orNone(m.Would))
				continue
			}
			fmt.Fprintf(w, "  %s -> %s; request %s\n", m.Call, endpointShort(m.Endpoint), orNone(m.Would))
		}
	}
	if r.Plan != nil {
		fmt.Fprintf(w, "\nLeast-privileged plan: %s\n", orNone(planScopes(r)))
		if len(r.ToAdd) > 0 {
			fmt.Fprintf(w, "  add:    %s\n", strings.Join(r.ToAdd, ", "))
		}
		if len(r.ToRemove) > 0 {
			fmt.Fprintf(w, "  remove: %s\n", strings.Join(r.ToRemove, ", "))
		}
	}
	if len(r.BlastRadius) > 0 {
		fmt.Fprintln(w, "\nBlast radius (what each requested scope grants):")
		for _, b := range r.BlastRadius {
			var parts []string
			for _, p := range b.ByProduct {
				parts = append(parts, fmt.Sprintf("%s %d", p.Product, p.Count))
			}
			fmt.Fprintf(w, "  %s: %d endpoint(s) (%s)\n", b.Scope, b.Total, strings.Join(parts, ", "))
		}
	}
	return nil
}

func planScopes(r AuditReport) []string {
	if r.Kind == audit.KindClassic.String() {
		return r.Plan.Classic
	}
	return r.Plan.Granular
}

// endpointLine names an endpoint for a list: its call and its name.
func endpointLine(e EndpointView) string {
	if e.Path == "" && e.OperationID != "" {
		return e.Name + " (" + endpointShort(e) + ")"
	}
	s := endpointShort(e)
	if e.Path != "" {
		s += " (" + e.Name + ")"
	}
	return s
}

func writeAuditMarkdown(w io.Writer, r AuditReport) error {
	fmt.Fprintf(w, "## Scope audit: %s\n\n%d requested %s scope(s) for %s.\n", r.Verdict, len(r.Requested), r.Kind, appPhrase(r.App))
	if r.Incomplete {
		fmt.Fprintf(w, "\n> The check is incomplete: %d call(s) could not be mapped, so scopes they could need are not judged.\n", len(r.Unmapped))
	}
	if r.Mixed {
		fmt.Fprintln(w, "\n> The request mixes classic and granular scopes; Zoom rejects such an app.")
	}
	if len(r.Unknown) > 0 || len(r.Levels) > 0 || len(r.OverPrivileged) > 0 || len(r.Redundant) > 0 || len(r.Missing) > 0 || len(r.Unmapped) > 0 ||
		len(r.CannotJudge) > 0 || len(r.UnmappedEvents) > 0 || r.ZoomAppAPIs != nil && (r.ZoomAppAPIs.Missing || r.ZoomAppAPIs.Unused) {
		fmt.Fprintln(w, "\n| Problem | Scope or call | Detail |\n|---|---|---|")
		for _, u := range r.Unknown {
			fmt.Fprintf(w, "| unknown scope | %s | did you mean %s |\n", MarkdownCode(u.Scope), codes(u.Suggestions))
		}
		for _, l := range r.Levels {
			fmt.Fprintf(w, "| level not allowed | %s | %s |\n", MarkdownCode(l.Scope), MarkdownCell(l.Reason))
		}
		for _, u := range r.OverPrivileged {
			fmt.Fprintf(w, "| over-privileged | %s | grants %d endpoint(s), none called |\n", MarkdownCode(u.Scope), u.Grants)
		}
		for _, j := range r.CannotJudge {
			fmt.Fprintf(w, "| cannot judge | %s | an unmapped call could need it: %s |\n", MarkdownCode(j.Scope), codes(j.Calls))
		}
		for _, u := range r.Redundant {
			fmt.Fprintf(w, "| redundant | %s | other requested scopes cover its calls |\n", MarkdownCode(u.Scope))
		}
		for _, m := range r.Missing {
			fmt.Fprintf(w, "| missing | %s | request %s |\n", MarkdownCode(m.Call), codes(m.Would))
		}
		for _, u := range r.Unmapped {
			fmt.Fprintf(w, "| unmapped call | %s | %s |\n", MarkdownCode(u.Call), MarkdownCell(u.Reason))
		}
		for _, e := range r.UnmappedEvents {
			fmt.Fprintf(w, "| unmapped event | %s | %s |\n", MarkdownCode(e.Event), MarkdownCell(e.Reason))
		}
		if z := r.ZoomAppAPIs; z != nil && z.Missing {
			fmt.Fprintf(w, "| missing | %s | required by the in-client Zoom Apps APIs %s |\n", MarkdownCode(z.RequiredScope), codes(z.APIs))
		}
		if z := r.ZoomAppAPIs; z != nil && z.Unused {
			fmt.Fprintf(w, "| over-privileged | %s | the manifest lists no in-client Zoom Apps API |\n", MarkdownCode(z.RequiredScope))
		}
	}
	if r.Plan != nil {
		fmt.Fprintf(w, "\n**Least-privileged plan:** %s\n", codes(planScopes(r)))
		if len(r.ToAdd)+len(r.ToRemove) > 0 {
			fmt.Fprintf(w, "\n- add: %s\n- remove: %s\n", codes(r.ToAdd), codes(r.ToRemove))
		}
	}
	if len(r.BlastRadius) > 0 {
		fmt.Fprintln(w, "\n### Blast radius\n\n| Scope | Endpoints | By product |\n|---|---|---|")
		for _, b := range r.BlastRadius {
			var parts []string
			for _, p := range b.ByProduct {
				parts = append(parts, fmt.Sprintf("%s %d", MarkdownCell(p.Product), p.Count))
			}
			fmt.Fprintf(w, "| %s | %d | %s |\n", MarkdownCode(b.Scope), b.Total, strings.Join(parts, ", "))
		}
	}
	return nil
}
