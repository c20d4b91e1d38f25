package report

import (
	"fmt"
	"io"
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/migrate"
)

// MigrateUncovered is a classic-granted endpoint no allowed granular scope covers.
type MigrateUncovered struct {
	Endpoint string `json:"endpoint" yaml:"endpoint"`
	Reason   string `json:"reason" yaml:"reason"`
}

// MigrateReport is the output of "migrate".
type MigrateReport struct {
	Meta      `yaml:",inline"`
	App       string              `json:"app" yaml:"app"`
	Classic   []string            `json:"classic" yaml:"classic"`
	Unknown   map[string][]string `json:"unknown" yaml:"unknown"`
	Granted   int                 `json:"granted" yaml:"granted"`
	Granular  []string            `json:"granular" yaml:"granular"`
	OverGrant int                 `json:"over_grant" yaml:"over_grant"`
	Optimal   bool                `json:"optimal" yaml:"optimal"`
	Uncovered []MigrateUncovered  `json:"uncovered" yaml:"uncovered"`
	// Plan and Dropped are present when calls were given.
	Plan    *PlanReport    `json:"plan,omitempty" yaml:"plan,omitempty"`
	Dropped []EndpointView `json:"dropped" yaml:"dropped"`
}

// NewMigrateReport converts a migration for output.
func NewMigrateReport(r *migrate.Result, m Meta) MigrateReport {
	out := MigrateReport{
		Meta: m, App: string(r.App), Classic: r.Classic, Unknown: r.Unknown, Granted: len(r.Granted),
		Granular: r.Equivalent.Granular, OverGrant: r.Equivalent.OverGrant, Optimal: r.Equivalent.Optimal,
		Uncovered: []MigrateUncovered{}, Dropped: EndpointViews(r.Dropped),
	}
	for _, u := range r.Uncovered {
		out.Uncovered = append(out.Uncovered, MigrateUncovered{Endpoint: u.Call.Spec, Reason: u.Reason})
	}
	if r.Calls != nil {
		p := NewPlanReport(r.Calls, m, nil)
		out.Plan = &p
	}
	return out
}

// WriteMigrate renders a migration.
func WriteMigrate(w io.Writer, f Format, r MigrateReport) error {
	w = forPeople(w, f)
	switch f {
	case FormatJSON:
		return WriteJSON(w, r)
	case FormatYAML:
		return WriteYAML(w, r)
	}
	md := f == FormatMarkdown
	code := func(s []string) string {
		if md {
			return codes(s)
		}
		return orNone(s)
	}
	if md {
		fmt.Fprintf(w, "## Migrating %s to granular scopes (%s app)\n\n", code(r.Classic), r.App)
	} else {
		fmt.Fprintf(w, "Migrating %s to granular scopes (%s app)\n\n", code(r.Classic), r.App)
	}
	var unknown []string
	for k := range r.Unknown {
		unknown = append(unknown, k)
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		fmt.Fprintf(w, "Unknown classic scope %s; did you mean %s?\n\n", k, orNone(r.Unknown[k]))
	}
	optimal := "proved optimal"
	if !r.Optimal {
		optimal = "not proved optimal"
	}
	fmt.Fprintf(w, "The classic scopes grant %d endpoint(s). Equivalent granular scopes (%s, %d more endpoint(s) granted):\n\n", r.Granted, optimal, r.OverGrant)
	for _, s := range r.Granular {
		if md {
			fmt.Fprintf(w, "- %s\n", MarkdownCode(s))
		} else {
			fmt.Fprintf(w, "  %s\n", s)
		}
	}
	if len(r.Uncovered) > 0 {
		fmt.Fprintf(w, "\n%d granted endpoint(s) no granular scope of an allowed level covers:\n\n", len(r.Uncovered))
		for _, u := range r.Uncovered {
			if md {
				fmt.Fprintf(w, "- %s: %s\n", MarkdownCell(u.Endpoint), MarkdownCell(u.Reason))
			} else {
				fmt.Fprintf(w, "  %s: %s\n", u.Endpoint, u.Reason)
			}
		}
	}
	if r.Plan != nil {
		fmt.Fprintf(w, "\nFor the calls the app makes, the least-privileged plan is %s; it drops %d of the %d endpoint(s) the classic scopes grant.\n",
			code(r.Plan.Granular), len(r.Dropped), r.Granted)
		if len(r.Plan.Unmapped) > 0 {
			var calls []string
			for _, u := range r.Plan.Unmapped {
				calls = append(calls, u.Call)
			}
			fmt.Fprintf(w, "Unmapped calls: %s\n", strings.Join(calls, "; "))
		}
	}
	return nil
}
