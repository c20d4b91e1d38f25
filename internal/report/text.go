package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/scopeplan/scopeplan/audit"
	"github.com/scopeplan/scopeplan/internal/update"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/planner"
	"github.com/scopeplan/scopeplan/scan"
)

func writePlanText(w *Writer, r PlanReport) error {
	w.Printf("Plan for %s: %d granular scope(s), %s; grants %d endpoint(s) beyond the %d mapped call(s).\n\n",
		appPhrase(string(r.App)), len(r.Granular), optimality(r), r.OverGrant, len(r.Calls))
	opt := r.optionalSet()
	w.Println("Granular scopes to request:")
	for _, s := range r.Granular {
		suffix := ""
		if opt[s] {
			suffix = "  (optional)"
		}
		w.Printf("  %s%s\n", s, suffix)
	}
	writeOverGrantText(w, r)
	w.Printf("\nClassic equivalents (grant %d endpoint(s) beyond the calls):\n", r.ClassicOverGrant)
	for _, s := range r.Classic {
		w.Printf("  %s\n", s)
	}
	if len(r.Calls) > 0 {
		w.Println()
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
			w.Println("\nRole permissions the authorising user needs (per call, any one):")
			w.Println(strings.Join(lines, "\n"))
		}
	}
	if len(r.Events) > 0 {
		w.Printf("\nEvents (the granular scopes allow %d event(s) beyond them):\n", r.OverGrantEvents)
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
		w.Println("\nTrade-offs:")
		for _, t := range r.TradeOffs {
			w.Printf("  %s would replace %s: %d fewer scope(s), %d more endpoint(s) granted\n",
				t.Scope, strings.Join(t.Replaces, ", "), t.Saves, t.AddsGrant)
		}
	}
	if len(r.Unmapped) > 0 {
		w.Printf("\n%s\n", Paint(w, StyleBad, fmt.Sprintf("Unmapped calls (%d):", len(r.Unmapped))))
		for _, u := range r.Unmapped {
			w.Printf("  %s: %s\n", Paint(w, StyleBad, eventPrefix(u.Kind)+u.Call), u.Reason)
			if len(u.Suggestions) > 0 {
				w.Printf("    did you mean: %s\n", strings.Join(u.Suggestions, " | "))
			}
		}
	}
	return nil
}

// writePlanTSV writes one record a line, first field the record type.
func writePlanTSV(w *Writer, r PlanReport) error {
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

// writeExplanation writes a call's or event's notes and set-aside scopes
// under its name, when it has any.
func writeExplanation(w *Writer, name string, notes []string, aside []planner.SetAside) {
	if len(aside) == 0 && len(notes) == 0 {
		return
	}
	w.Printf("\n%s:\n", name)
	for _, n := range notes {
		w.Printf("  note: %s\n", n)
	}
	for _, s := range aside {
		w.Printf("  set aside %s: %s\n", s.Scope, s.Reason)
	}
}

func writeOverGrantText(w *Writer, r PlanReport) {
	if r.OverGrantEndpoints == nil || len(*r.OverGrantEndpoints) == 0 {
		return
	}
	w.Println("\nGranted beyond the calls (over-grant), per scope:")
	for _, o := range *r.OverGrantEndpoints {
		w.Printf("  %s: %d endpoint(s)\n", o.Scope, len(o.Endpoints))
		for i, e := range o.Endpoints {
			if i == overGrantShown {
				w.Printf("    ... and %d more (--format json lists every one)\n", len(o.Endpoints)-overGrantShown)
				break
			}
			w.Printf("    %s\n", e)
		}
	}
}

func lintText(w *Writer, r LintReport) error {
	tty := w.TTY()
	if tty && len(r.Findings) == 0 {
		// No empty table header: say so.
		line := "no findings"
		if r.Baselined > 0 {
			line += fmt.Sprintf(" (%d accepted by the baseline)", r.Baselined)
		}
		w.Println(line)
		return nil
	}
	t := NewTable(w, tty, "location", "severity", "rule", "subject", "message", "suggestion")
	t.Style(1, func(s string) Style { return SeverityStyle(s) })
	for _, f := range r.Findings {
		t.Row(location(f), string(f.Severity), f.Rule, f.Subject, f.Message, f.Suggestion)
	}
	if err := t.Flush(); err != nil {
		return fmt.Errorf("write lint report: %w", err)
	}
	if !tty {
		return nil
	}
	var parts []string
	for _, s := range []lint.Severity{lint.SeverityError, lint.SeverityWarning, lint.SeverityInfo} {
		parts = append(parts, fmt.Sprintf("%d %s", r.Summary.BySeverity[string(s)], s))
	}
	line := fmt.Sprintf("%d findings (%s)", r.Summary.Total, strings.Join(parts, ", "))
	if r.Baselined > 0 {
		line += fmt.Sprintf("; %d accepted by the baseline", r.Baselined)
	}
	w.Println(line)
	return nil
}

func writeAuditText(w *Writer, r AuditReport) error {
	w.Printf("Audit of %d requested %s scope(s) for %s: %s\n", len(r.Requested), r.Kind, appPhrase(r.App), Paint(w, VerdictStyle(r.Verdict), r.Verdict))
	if r.Mixed {
		w.Println("\nThe request mixes classic and granular scopes; Zoom rejects such an app.")
	}
	if len(r.Unknown) > 0 {
		w.Println("\nUnknown scopes:")
		for _, u := range r.Unknown {
			w.Printf("  %s", u.Scope)
			if len(u.Suggestions) > 0 {
				w.Printf(" (did you mean %s?)", strings.Join(u.Suggestions, ", "))
			}
			w.Println()
		}
	}
	for _, l := range r.Levels {
		w.Printf("\nLevel not allowed: %s: %s\n", l.Scope, l.Reason)
	}
	writeUnused := func(title string, us []AuditUnused) {
		if len(us) == 0 {
			return
		}
		w.Printf("\n%s:\n", title)
		for _, u := range us {
			if len(u.Events) > 0 {
				w.Printf("  %s grants %d endpoint(s) and %d event(s), none of them called or subscribed:\n", u.Scope, u.Grants, len(u.Events))
			} else {
				w.Printf("  %s grants %d endpoint(s), none of them called:\n", u.Scope, u.Grants)
			}
			for _, e := range u.Endpoints {
				w.Printf("    %s\n", endpointLine(e))
			}
			for _, e := range u.Events {
				w.Printf("    event %s\n", e)
			}
		}
	}
	if r.Incomplete {
		w.Printf("\nThe check is incomplete: %d call(s) could not be mapped, so only scopes no call could use are reported unused.\n", len(r.Unmapped))
		writeUnused("Unused (needed by no mapped call, and no unmapped call could need them)", r.OverPrivileged)
		if len(r.CannotJudge) > 0 {
			w.Println("\nCannot judge (no mapped call needs these, but an unmapped call could; map the calls, e.g. with --add-docs, to check):")
			for _, j := range r.CannotJudge {
				w.Printf("  %s: could be needed by %s\n", j.Scope, strings.Join(j.Calls, ", "))
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
		w.Println("\nRedundant (other requested scopes already cover every call these cover):")
		for _, u := range r.Redundant {
			w.Printf("  %s grants %d endpoint(s)\n", u.Scope, u.Grants)
		}
	}
	if len(r.Unmapped) > 0 {
		w.Println("\nCalls the request could not be checked against (unmapped):")
		for _, u := range r.Unmapped {
			w.Printf("  %s: %s\n", u.Call, u.Reason)
			if len(u.Suggestions) > 0 {
				w.Printf("    did you mean: %s\n", strings.Join(u.Suggestions, " | "))
			}
		}
	}
	writeUnused("Optional and unused", r.OptionalUnused)
	if len(r.UnmappedEvents) > 0 {
		w.Println("\nEvent subscriptions the request could not be checked against:")
		for _, e := range r.UnmappedEvents {
			w.Printf("  %s (%s, line %d): %s\n", e.Event, e.Pointer, e.Line, e.Reason)
		}
	}
	if z := r.ZoomAppAPIs; z != nil {
		switch {
		case z.Missing:
			w.Printf("\nMissing: the manifest lists %d in-client Zoom Apps API(s) (%s) but does not request %s, which they require\n", len(z.APIs), z.Pointer, z.RequiredScope)
		case z.Unused:
			w.Printf("\nUnused: %s is requested but the manifest lists no in-client Zoom Apps API\n", z.RequiredScope)
		default:
			w.Printf("\nIn-client Zoom Apps APIs (%d, covered by %s): %s\n", len(z.APIs), z.RequiredScope, strings.Join(z.APIs, ", "))
		}
	}
	if len(r.Missing) > 0 {
		w.Println("\nMissing (calls no requested scope covers):")
		for _, m := range r.Missing {
			if m.Event != "" {
				w.Printf("  event %s; request %s\n", m.Event, orNone(m.Would))
				continue
			}
			w.Printf("  %s -> %s; request %s\n", m.Call, endpointShort(m.Endpoint), orNone(m.Would))
		}
	}
	if r.Plan != nil {
		w.Printf("\nLeast-privileged plan: %s\n", orNone(planScopes(r)))
		if len(r.ToAdd) > 0 {
			w.Printf("  add:    %s\n", strings.Join(r.ToAdd, ", "))
		}
		if len(r.ToRemove) > 0 {
			w.Printf("  remove: %s\n", strings.Join(r.ToRemove, ", "))
		}
	}
	if len(r.BlastRadius) > 0 {
		w.Println("\nBlast radius (what each requested scope grants):")
		for _, b := range r.BlastRadius {
			var parts []string
			for _, p := range b.ByProduct {
				parts = append(parts, fmt.Sprintf("%s %d", p.Product, p.Count))
			}
			w.Printf("  %s: %d endpoint(s) (%s)\n", b.Scope, b.Total, strings.Join(parts, ", "))
		}
	}
	writeAuditGrants(w, r.Grants)
	return nil
}

func planScopes(r AuditReport) []string {
	if r.Kind == audit.KindClassic.String() {
		return r.Plan.Classic
	}
	return r.Plan.Granular
}

func writeEndpointText(w *Writer, m EndpointView) {
	w.Printf("%s\n", m.Name)
	if m.Path != "" {
		w.Printf("  call:      %s %s\n", m.Method, m.Path)
	}
	if m.OperationID != "" {
		w.Printf("  operation: %s (%s, %s)\n", m.OperationID, m.Product, m.Variant)
	} else {
		w.Printf("  product:   %s (%s)\n", m.Product, m.Variant)
	}
	if m.Link != "" {
		w.Printf("  doc link:  %s\n", m.Link)
	}
	w.Printf("  joined by: %s\n", m.Join)
	w.Printf("  granular:  %s\n", orNone(m.Granular))
	w.Printf("  classic:   %s\n", orNone(m.Classic))
	if len(m.Permissions) > 0 {
		w.Printf("  role:      the authorising user needs one of the role permissions %s (admin and master apps)\n", strings.Join(m.Permissions, ", "))
	}
	w.Printf("  sources:   %s\n", sourcesText(m.Sources))
	for _, f := range m.Findings {
		w.Printf("  %s %s: %s (%s:%d)\n", f.Severity, f.Rule, f.Message, f.File, f.Line)
	}
}

func writeEventText(w *Writer, e EventView) {
	w.Printf("%s\n", e.Event)
	w.Printf("  event of: %s\n", e.Product)
	if e.Summary != "" {
		w.Printf("  summary:  %s\n", e.Summary)
	}
	w.Printf("  granular: %s\n", orNone(e.Granular))
	w.Printf("  classic:  %s\n", orNone(e.Classic))
	w.Printf("  sources:  %s\n", sourcesText(e.Sources))
}

func scanText(w *Writer, r ScanReport) error {
	type group struct {
		best  scan.Call
		count int
	}
	var order []string
	groups := map[string]*group{}
	for _, c := range r.Calls {
		g, ok := groups[c.Call]
		if !ok {
			groups[c.Call] = &group{best: c, count: 1}
			order = append(order, c.Call)
			continue
		}
		g.count++
		if confidenceRank(c.Confidence) < confidenceRank(g.best.Confidence) {
			g.best = c
		}
	}
	// Calls are in (file, line) order; sort the groups by their shown
	// occurrence, keeping first-seen order for ties.
	sorted := make([]*group, 0, len(order))
	for _, k := range order {
		sorted = append(sorted, groups[k])
	}
	sort.SliceStable(sorted, func(i, j int) bool { return before(sorted[i].best, sorted[j].best) })
	var b strings.Builder
	for _, g := range sorted {
		fmt.Fprintf(&b, "%s  # %s:%d %s", g.best.Call, g.best.File, g.best.Line, g.best.Confidence)
		if g.count > 1 {
			fmt.Fprintf(&b, " (+%d more)", g.count-1)
		}
		b.WriteByte('\n')
	}
	seen := map[string]bool{}
	for _, k := range r.Skipped {
		if k.Text == "" || seen[k.Text] {
			continue
		}
		seen[k.Text] = true
		fmt.Fprintf(&b, "%s  # %s:%d unresolved: %s\n", k.Text, k.File, k.Line, k.Reason)
	}
	w.Printf("%s", b.String())
	return nil
}

// before orders calls by file, then line.
func before(a, b scan.Call) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	return a.Line < b.Line
}

func confidenceRank(c scan.Confidence) int {
	switch c {
	case scan.High:
		return 0
	case scan.Medium:
		return 1
	}
	return 2
}

func optimality(r PlanReport) string {
	if r.Optimal {
		return "proved optimal"
	}
	return fmt.Sprintf("NOT proved optimal: best found, over-grant may be up to %d lower", r.Gap)
}

// location renders file:line[:column].
func location(f lint.Finding) string {
	s := f.File
	if f.Line > 0 {
		s += ":" + strconv.Itoa(f.Line)
		if f.Column > 0 {
			s += ":" + strconv.Itoa(f.Column)
		}
	}
	return s
}

// textLists writes lists as indented lines under a "Title:" line.
func textLists() lists {
	return lists{
		section:    func(w *Writer, title string) { w.Printf("\n%s:\n", title) },
		item:       func(w *Writer, s string) { w.Printf("  %s\n", s) },
		text:       func(s string) string { return s },
		list:       func(s []string) string { return strings.Join(s, ", ") },
		listOrNone: orNone,
	}
}

// planText writes a plan for people on a terminal, and one record a line
// for scripts in a pipe.
func planText(w *Writer, r PlanReport) error {
	if !w.TTY() {
		return writePlanTSV(w, r)
	}
	return writePlanText(w, r)
}

func statsText(w *Writer, r StatsReport) error {
	t := NewTable(w, w.TTY(), "document", "kind", "records", "sha256")
	for _, d := range r.Documents {
		t.Row(d.Path, string(d.Kind), strconv.Itoa(d.Records), d.SHA256[:min(12, len(d.SHA256))])
	}
	if err := t.Flush(); err != nil {
		return err
	}
	w.Printf("\nendpoints\t%d\ngranular_scopes\t%d\nclassic_scopes\t%d\nclassic_associations\t%d\nproducts\t%d\nevents\t%d\nevents_with_scopes\t%d\n",
		r.Endpoints, r.GranularScopes, r.ClassicScopes, r.ClassicAssociations, r.Products, r.Events, r.EventsWithScopes)
	return nil
}

func lookupText(w *Writer, r LookupReport) error {
	for i, m := range r.Matches {
		if i > 0 {
			w.Println()
		}
		writeEndpointText(w, m)
	}
	for i, e := range r.Events {
		if i > 0 || len(r.Matches) > 0 {
			w.Println()
		}
		writeEventText(w, e)
	}
	return nil
}

func scopeText(w *Writer, r ScopeReport) error {
	w.Printf("%s (%s, %s level", r.Scope, r.Kind, r.Level)
	if !r.Defined {
		w.Printf(", defined on no scope page")
	}
	w.Println(")")
	if r.Description != "" {
		w.Printf("%s\n", r.Description)
	}
	for _, f := range r.Findings {
		w.Printf("%s %s: %s (%s:%d)\n", f.Severity, f.Rule, f.Message, f.File, f.Line)
	}
	w.Printf("grants %d endpoint(s):\n", len(r.Endpoints))
	t := NewTable(w, w.TTY(), "method", "path", "name", "product", "variant")
	for _, e := range r.Endpoints {
		t.Row(e.Method, e.Path, e.Name, e.Product, string(e.Variant))
	}
	if err := t.Flush(); err != nil || len(r.Events) == 0 {
		return err
	}
	w.Printf("allows %d event(s):\n", len(r.Events))
	t = NewTable(w, w.TTY(), "event", "product", "summary")
	for _, e := range r.Events {
		t.Row(e.Event, e.Product, e.Summary)
	}
	return t.Flush()
}

func explainText(w *Writer, r ExplainReport) error {
	head := "Zoom error"
	if r.Error.Code != 0 {
		head += fmt.Sprintf(" %d", r.Error.Code)
	}
	w.Printf("%s: %s\n%s.\n", head, r.Error.Message, r.Title)
	w.Printf("\nCause: %s\nFix: %s\n", r.Cause, r.Fix)
	if len(r.Candidates) > 0 {
		w.Printf("\nCandidate endpoints (%d; the call was one of these):\n", len(r.Candidates))
		for _, c := range r.Candidates {
			w.Printf("  %-8s  %s\n", c.Match, endpointLine(c.Endpoint))
		}
	}
	for _, a := range r.Add {
		how := ""
		if r.AppInferred && len(r.Add) == 1 {
			how = " (app type inferred from the listed scopes' levels)"
		}
		w.Printf("\nAdd for %s%s: %s (%s, grants %d endpoint(s))\n", appPhrase(string(a.App)), how, a.Scope, a.Kind, a.Grants)
		w.Printf("  manifest, oauth_information.scopes: %s\n", a.Manifest)
	}
	if len(r.Notes) > 0 {
		w.Println("\nNotes:")
		for _, n := range r.Notes {
			w.Printf("  - %s\n", strings.TrimSpace(n))
		}
	}
	return nil
}

// usagePeriodText says when the logged calls were made.
func usagePeriodText(u UsageSection) string {
	if u.Period.From != "" {
		return "from " + u.Period.From + " to " + u.Period.To
	}
	return "no row has a time"
}

func usageAuditText(w *Writer, r UsageAuditReport) error {
	u := r.Usage
	w.Printf("Usage: %d logged call(s), %s", u.Rows, usagePeriodText(u))
	if u.Filtered > 0 {
		w.Printf(" (%d outside --since/--until)", u.Filtered)
	}
	w.Println()
	if u.OtherFail > 0 {
		w.Printf("  %d call(s) failed for reasons other than authorisation and count as no use\n", u.OtherFail)
	}
	for _, c := range u.Calls {
		w.Printf("  %-40s %6d call(s), %d ok, %d denied", c.Call, c.Count, c.OK, c.Denied)
		if len(c.Listed) > 0 {
			w.Printf("; Zoom listed %s", strings.Join(c.Listed, ", "))
		}
		w.Println()
	}
	if len(u.Unresolved) > 0 {
		w.Println("\nLogged URLs that resolve to no single endpoint:")
		for _, c := range u.Unresolved {
			w.Printf("  %s (%d call(s), e.g. %s): %s\n", c.Call, c.Count, c.Example, c.Reason)
		}
	}
	w.Println()
	return writeAuditText(w, r.AuditReport)
}

// updateText writes one line per kind of outcome that occurred (the
// sources it covers, with the reason of each failure or refusal), the
// catalog diff's totals, and the whole diff when asked.
func updateText(w *Writer, r UpdateReport) error {
	for _, st := range update.Statuses() {
		var items []string
		for _, s := range r.Sources {
			if s.Status != st {
				continue
			}
			item := s.Source.Name
			if st == update.StatusFailed || st == update.StatusRefused {
				item += " (" + s.Reason + ")"
			}
			items = append(items, item)
		}
		if len(items) > 0 {
			w.Printf("%s: %d: %s\n", st, len(items), strings.Join(items, ", "))
		}
	}
	t := r.DiffTotals
	w.Printf("catalog: %d endpoint(s) added, %d removed, %d with changed scopes; %d scope(s) added, %d removed\n",
		t.EndpointsAdded, t.EndpointsRemoved, t.EndpointsChanged, t.ScopesAdded, t.ScopesRemoved)
	if r.FullDiff && r.Changes != nil {
		w.Println()
		writeDiff(w, textLists(), *r.Changes)
	}
	return nil
}
