package report

import (
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/migrate"
)

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

// MigratePrinters is the table of migrate printers.
func MigratePrinters() Printers[MigrateReport] {
	return printers(
		row(FormatText, func(w *Writer, r MigrateReport) error { writeMigrate(w, textLists(), r); return nil }),
		row(FormatJSON, jsonPrinter[MigrateReport]()),
		row(FormatYAML, yamlPrinter[MigrateReport]()),
		row(FormatMarkdown, func(w *Writer, r MigrateReport) error { writeMigrate(w, markdownLists(), r); return nil }),
	)
}

// writeMigrate writes a migration, in text or Markdown.
func writeMigrate(w *Writer, st lists, r MigrateReport) {
	w.Printf("%sMigrating %s to granular scopes (%s app)\n\n", st.title, st.listOrNone(r.Classic), r.App)
	var unknown []string
	for k := range r.Unknown {
		unknown = append(unknown, k)
	}
	sort.Strings(unknown)
	for _, k := range unknown {
		w.Printf("Unknown classic scope %s; did you mean %s?\n\n", k, orNone(r.Unknown[k]))
	}
	optimal := "proved optimal"
	if !r.Optimal {
		optimal = "not proved optimal"
	}
	w.Printf("The classic scopes grant %d endpoint(s). Equivalent granular scopes (%s, %d more endpoint(s) granted):\n\n", r.Granted, optimal, r.OverGrant)
	for _, s := range r.Granular {
		st.item(w, st.list([]string{s}))
	}
	if len(r.Uncovered) > 0 {
		w.Printf("\n%d granted endpoint(s) no granular scope of an allowed level covers:\n\n", len(r.Uncovered))
		for _, u := range r.Uncovered {
			st.item(w, st.text(u.Endpoint)+": "+st.text(u.Reason))
		}
	}
	if r.Plan != nil {
		w.Printf("\nFor the calls the app makes, the least-privileged plan is %s; it drops %d of the %d endpoint(s) the classic scopes grant.\n",
			st.listOrNone(r.Plan.Granular), len(r.Dropped), r.Granted)
		if len(r.Plan.Unmapped) > 0 {
			var calls []string
			for _, u := range r.Plan.Unmapped {
				calls = append(calls, u.Call)
			}
			w.Printf("Unmapped calls: %s\n", strings.Join(calls, "; "))
		}
	}
}
