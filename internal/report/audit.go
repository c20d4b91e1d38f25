package report

import (
	"github.com/scopeplan/scopeplan/audit"
	"github.com/scopeplan/scopeplan/parser/record"
)

// NewAuditReport converts an audit result for output.
func NewAuditReport(r *audit.Result, m Meta) AuditReport {
	out := AuditReport{
		Meta: m, App: string(r.App), Requested: r.Requested, Kind: r.Kind, Mixed: r.Kind == "mixed",
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
	out.Verdict = verdict(r)
	return out
}

func verdict(r *audit.Result) string {
	over := len(r.OverPrivileged) > 0 || len(r.Redundant) > 0 || len(r.Unknown) > 0 || len(r.Levels) > 0 || r.Kind == "mixed" ||
		r.InClient != nil && r.InClient.Unused
	under := len(r.Missing) > 0 || r.InClient != nil && r.InClient.Missing
	switch {
	case r.Incomplete():
		// Whatever else was found, an unmapped call means the request was
		// not checked against everything the app does.
		return "unverified"
	case over && under:
		return "over-and-under-privileged"
	case over:
		return "over-privileged"
	case under:
		return "under-privileged"
	case !r.HasCalls:
		return "no-calls"
	}
	return "match"
}

// AuditPrinters is the table of audit printers; SARIF places its results
// as the report's SARIF field says.
func AuditPrinters() Printers[AuditReport] {
	return printers(
		row(FormatText, writeAuditText),
		row(FormatJSON, jsonPrinter[AuditReport]()),
		row(FormatYAML, yamlPrinter[AuditReport]()),
		row(FormatMarkdown, writeAuditMarkdown),
		row(FormatSARIF, auditSARIF),
	)
}
