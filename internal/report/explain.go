package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/scopeplan/scopeplan/explain"
)

// ExplainCandidate is an endpoint the failed call may have been: the
// endpoint as plan shows it in calls[].endpoint, and how well its scopes
// match the listed ones (exact or superset).
type ExplainCandidate struct {
	Endpoint EndpointView `json:"endpoint" yaml:"endpoint"`
	Match    string       `json:"match" yaml:"match"`
}

// ExplainReport is the output of "explain".
type ExplainReport struct {
	Meta        `yaml:",inline"`
	Error       explain.ZoomError  `json:"error" yaml:"error"`
	Kind        string             `json:"kind" yaml:"kind"`
	Title       string             `json:"title" yaml:"title"`
	Cause       string             `json:"cause" yaml:"cause"`
	Fix         string             `json:"fix" yaml:"fix"`
	App         string             `json:"app" yaml:"app"`
	AppInferred bool               `json:"app_inferred" yaml:"app_inferred"`
	Candidates  []ExplainCandidate `json:"candidates" yaml:"candidates"`
	Add         []explain.Addition `json:"add" yaml:"add"`
	Notes       []string           `json:"notes" yaml:"notes"`
}

// NewExplainReport converts an explanation for output.
func NewExplainReport(x *explain.Explanation, m Meta) ExplainReport {
	r := ExplainReport{
		Meta: m, Error: x.Error, Kind: x.Kind, Title: x.Title, Cause: x.Cause, Fix: x.Fix,
		App: string(x.App), AppInferred: x.AppInferred, Candidates: []ExplainCandidate{},
		Add: x.Add, Notes: nonNilStrings(x.Notes),
	}
	if r.Error.Scopes == nil {
		r.Error.Scopes = []string{}
	}
	if r.Add == nil {
		r.Add = []explain.Addition{}
	}
	for _, c := range x.Candidates {
		r.Candidates = append(r.Candidates, ExplainCandidate{Endpoint: NewEndpointView(c.Endpoint), Match: c.Match})
	}
	return r
}

// WriteExplain renders an explanation.
func WriteExplain(w io.Writer, f Format, r ExplainReport) error {
	w = forPeople(w, f)
	switch f {
	case FormatJSON:
		return WriteJSON(w, r)
	case FormatYAML:
		return WriteYAML(w, r)
	}
	head := "Zoom error"
	if r.Error.Code != 0 {
		head += fmt.Sprintf(" %d", r.Error.Code)
	}
	fmt.Fprintf(w, "%s: %s\n%s.\n", head, r.Error.Message, r.Title)
	fmt.Fprintf(w, "\nCause: %s\nFix: %s\n", r.Cause, r.Fix)
	if len(r.Candidates) > 0 {
		fmt.Fprintf(w, "\nCandidate endpoints (%d; the call was one of these):\n", len(r.Candidates))
		for _, c := range r.Candidates {
			fmt.Fprintf(w, "  %-8s  %s\n", c.Match, endpointLine(c.Endpoint))
		}
	}
	for _, a := range r.Add {
		how := ""
		if r.AppInferred && len(r.Add) == 1 {
			how = " (app type inferred from the listed scopes' levels)"
		}
		fmt.Fprintf(w, "\nAdd for %s%s: %s (%s, grants %d endpoint(s))\n", appPhrase(string(a.App)), how, a.Scope, a.Kind, a.Grants)
		fmt.Fprintf(w, "  manifest, oauth_information.scopes: %s\n", a.Manifest)
	}
	if len(r.Notes) > 0 {
		fmt.Fprintln(w, "\nNotes:")
		for _, n := range r.Notes {
			fmt.Fprintf(w, "  - %s\n", strings.TrimSpace(n))
		}
	}
	return nil
}
