// Package migrate moves an app from classic scopes to granular ones: the
// granular scopes that cover exactly the endpoints its classic scopes
// grant (what Zoom's migration would give it) and, given the calls it
// really makes, the least-privileged plan with the privilege it drops.
// Both plans come from package planner.
package migrate

import (
	"fmt"
	"sort"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/planner"
)

// Result is a migration.
type Result struct {
	App     planner.AppType
	Classic []string
	// Unknown lists the given names that are not classic scopes, with the
	// nearest known names.
	Unknown map[string][]string
	// Granted are the endpoints the classic scopes grant.
	Granted []*catalog.Endpoint
	// Equivalent covers every granted endpoint a granular scope of an
	// allowed level covers; Uncovered lists the rest, with why.
	Equivalent *planner.Plan
	Uncovered  []planner.Unmapped
	// Calls, when calls were given, is the least-privileged plan for them;
	// Dropped lists the granted endpoints it no longer grants.
	Calls   *planner.Plan
	Dropped []*catalog.Endpoint
}

// AppFor derives the app type from classic scope levels: any :master
// makes a master app, any :admin an admin app, else a user app.
func AppFor(classic []string) planner.AppType {
	app := planner.AppUser
	for _, s := range classic {
		switch catalog.LevelOf(s) {
		case catalog.LevelMaster:
			return planner.AppMaster
		case catalog.LevelAdmin:
			app = planner.AppAdmin
		}
	}
	return app
}

// Run migrates classic scopes for an app type; calls may be empty.
func Run(c *catalog.Catalog, classic []string, app planner.AppType, calls []planner.Call) (*Result, error) {
	if len(classic) == 0 {
		return nil, fmt.Errorf("no classic scopes given")
	}
	r := &Result{App: app, Classic: append([]string(nil), classic...), Unknown: map[string][]string{}}
	sort.Strings(r.Classic)
	granted := map[int]bool{}
	for _, name := range r.Classic {
		s, ok := c.ClassicScope(name)
		if !ok {
			var sug []string
			for _, n := range c.SuggestScope(name, 5) {
				if cs, ok := c.ClassicScope(n); ok {
					sug = append(sug, cs.Name)
				}
			}
			r.Unknown[name] = sug
			continue
		}
		for _, id := range s.Endpoints {
			granted[id] = true
		}
	}
	ids := make([]int, 0, len(granted))
	for id := range granted {
		ids = append(ids, id)
	}
	sort.Ints(ids)
	r.Granted = c.EndpointsOf(ids)
	eq, err := planner.ForEndpoints(c, r.Granted, planner.Options{App: app})
	if err != nil {
		return nil, err
	}
	r.Equivalent, r.Uncovered = eq, eq.Unmapped
	if len(calls) == 0 {
		return r, nil
	}
	p, err := planner.Make(c, calls, planner.Options{App: app})
	if err != nil {
		return nil, err
	}
	r.Calls = p
	still := map[int]bool{}
	for _, id := range p.Granted {
		still[id] = true
	}
	for _, e := range r.Granted {
		if !still[e.ID] {
			r.Dropped = append(r.Dropped, e)
		}
	}
	return r, nil
}
