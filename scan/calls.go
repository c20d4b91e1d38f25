package scan

import "github.com/scopeplan/scopeplan/planner"

// PlannerCalls turns the scan into calls for the planner, the audit or
// explain. sites lists every place a call was found, in the result's
// order: each call found, then each skipped place that names calls. A
// skipped place names its reconstructed URL or path (Text, when it has
// one; a Zoom URL the catalog could not resolve is then an unmapped
// call rather than nothing), or, with candidates set, each catalog call
// it could be instead. calls lists each distinct call of sites once, at
// its first place.
func (r *Result) PlannerCalls(candidates bool) (calls, sites []planner.Call) {
	seen := map[string]bool{}
	add := func(spec, file string, line int) {
		c := planner.Call{Spec: spec, File: file, Line: line}
		sites = append(sites, c)
		if !seen[spec] {
			seen[spec] = true
			calls = append(calls, c)
		}
	}
	for _, c := range r.Calls {
		add(c.Call, c.File, c.Line)
	}
	for _, k := range r.Skipped {
		switch {
		case candidates:
			for _, cand := range k.Candidates {
				add(cand, k.File, k.Line)
			}
		case k.Text != "":
			add(k.Text, k.File, k.Line)
		}
	}
	return calls, sites
}

// Unresolvable counts the skipped places with no URL or path to name (a
// file that could not be read, a URL built at run time).
func (r *Result) Unresolvable() int {
	n := 0
	for _, k := range r.Skipped {
		if k.Text == "" {
			n++
		}
	}
	return n
}
