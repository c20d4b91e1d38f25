package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/scopeplan/scopeplan/audit"
)

// AuditUnused is a requested scope no intended call needs.
type AuditUnused struct {
	Scope     string         `json:"scope" yaml:"scope"`
	Optional  bool           `json:"optional" yaml:"optional"`
	Grants    int            `json:"grants" yaml:"grants"`
	Endpoints []EndpointView `json:"endpoints" yaml:"endpoints"`
}

// AuditMissing is an intended call no requested scope covers.
type AuditMissing struct {
	Call     string       `json:"call" yaml:"call"`
	Endpoint EndpointView `json:"endpoint" yaml:"endpoint"`
	Would    []string     `json:"would" yaml:"would"`
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
	Missing        []AuditMissing     `json:"missing" yaml:"missing"`
	Plan           *PlanReport        `json:"plan,omitempty" yaml:"plan,omitempty"`
	ToAdd          []string           `json:"to_add" yaml:"to_add"`
	ToRemove       []string           `json:"to_remove" yaml:"to_remove"`
	BlastRadius    []audit.Radius     `json:"blast_radius" yaml:"blast_radius"`
}

// NewAuditReport converts an audit result for output.
func NewAuditReport(r *audit.Result, m Meta) AuditReport {
	out := AuditReport{
		Meta: m, App: string(r.App), Requested: r.Requested, Kind: r.Kind, Mixed: r.Kind == "mixed",
		Unknown: r.Unknown, Levels: r.Levels, OverPrivileged: []AuditUnused{}, OptionalUnused: []AuditUnused{},
		Redundant: []AuditUnused{}, Unmapped: []PlanUnmapped{},
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
	for _, u := range r.OverPrivileged {
		out.OverPrivileged = append(out.OverPrivileged, AuditUnused{u.Scope, u.Optional, len(u.Endpoints), EndpointViews(u.Endpoints)})
	}
	for _, u := range r.Redundant {
		out.Redundant = append(out.Redundant, AuditUnused{u.Scope, u.Optional, len(u.Endpoints), EndpointViews(u.Endpoints)})
	}
	for _, u := range r.Unmapped {
		out.Unmapped = append(out.Unmapped, NewPlanUnmapped(u))
	}
	for _, u := range r.OptionalUnused {
		out.OptionalUnused = append(out.OptionalUnused, AuditUnused{u.Scope, u.Optional, len(u.Endpoints), EndpointViews(u.Endpoints)})
	}
	for _, ms := range r.Missing {
		out.Missing = append(out.Missing, AuditMissing{Call: ms.Call.Spec, Endpoint: NewEndpointView(ms.Endpoint), Would: nonNilStrings(ms.Would)})
	}
	if r.Plan != nil {
		p := NewPlanReport(r.Plan, m, nil)
		out.Plan = &p
	}
	out.Verdict = verdict(r)
	return out
}

func verdict(r *audit.Result) string {
	over := len(r.OverPrivileged) > 0 || len(r.Redundant) > 0 || len(r.Unknown) > 0 || len(r.Levels) > 0 || r.Kind == "mixed"
	under := len(r.Missing) > 0
	switch {
	case !over && !under && len(r.Unmapped) > 0:
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

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// WriteAudit renders an audit.
func WriteAudit(w io.Writer, f Format, r AuditReport) error {
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
	fmt.Fprintf(w, "Audit of %d requested %s scope(s) for %s: %s\n", len(r.Requested), r.Kind, appPhrase(r.App), r.Verdict)
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
			fmt.Fprintf(w, "  %s grants %d endpoint(s), none of them called:\n", u.Scope, u.Grants)
			for _, e := range u.Endpoints {
				fmt.Fprintf(w, "    %s\n", endpointLine(e))
			}
		}
	}
	writeUnused("Over-privileged (requested, needed by no call)", r.OverPrivileged)
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
	if len(r.Missing) > 0 {
		fmt.Fprintln(w, "\nMissing (calls no requested scope covers):")
		for _, m := range r.Missing {
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
	if r.Kind == "classic" {
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
	if r.Mixed {
		fmt.Fprintln(w, "\n> The request mixes classic and granular scopes; Zoom rejects such an app.")
	}
	if len(r.Unknown) > 0 || len(r.Levels) > 0 || len(r.OverPrivileged) > 0 || len(r.Redundant) > 0 || len(r.Missing) > 0 || len(r.Unmapped) > 0 {
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
		for _, u := range r.Redundant {
			fmt.Fprintf(w, "| redundant | %s | other requested scopes cover its calls |\n", MarkdownCode(u.Scope))
		}
		for _, m := range r.Missing {
			fmt.Fprintf(w, "| missing | %s | request %s |\n", MarkdownCode(m.Call), codes(m.Would))
		}
		for _, u := range r.Unmapped {
			fmt.Fprintf(w, "| unmapped call | %s | %s |\n", MarkdownCode(u.Call), MarkdownCell(u.Reason))
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
