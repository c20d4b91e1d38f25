package explain

import (
	"fmt"
	"slices"
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/planner"
)

// eventScopes names, for each event the error may be about, the scope to
// add: the least-privileged of the event's scopes the app type may
// request (inferred from the event's scopes when no --app).
func eventScopes(c *catalog.Catalog, x *Explanation, o Options) {
	for _, name := range o.Events {
		ev, ok := c.Event(name)
		if !ok {
			note := fmt.Sprintf("%s is no event of the loaded documents (%d events known)", name, len(c.Events))
			if len(c.Events) == 0 {
				note = fmt.Sprintf("the loaded documents describe no events, so the scope %s needs cannot be named: run scopeplan update, or add the product's webhooks file with --add-docs", name)
			} else if sug := c.SuggestEvent(name, 3); len(sug) > 0 {
				note += "; did you mean " + strings.Join(sug, ", ") + "?"
			}
			x.Notes = append(x.Notes, note)
			continue
		}
		if ev.Scopeless() {
			x.Notes = append(x.Notes, fmt.Sprintf("no loaded document states a scope for %s; see the event's page", ev.Name))
			continue
		}
		alts := slices.Concat(ev.Granular, ev.Classic)
		apps := []planner.AppType{o.App}
		if o.App == "" {
			x.AppInferred = true
			apps = appsOf(alts)
		}
		if len(apps) == 1 {
			x.App = apps[0]
		}
		for _, app := range apps {
			a, ok := leastOf(c, ev, app)
			if !ok {
				x.Notes = append(x.Notes, fmt.Sprintf("%s has no scope %s may request", ev.Name, article(app)))
				continue
			}
			x.Add = append(x.Add, a)
		}
		x.Notes = append(x.Notes, fmt.Sprintf("%s is allowed by any of: %s", ev.Name, strings.Join(alts, ", ")))
	}
}

// appsOf infers the app types a set of scope alternatives serves: user
// when a user-level one exists, admin when an admin-level one does.
func appsOf(scopes []string) []planner.AppType {
	var out []planner.AppType
	if slices.ContainsFunc(scopes, func(s string) bool { return catalog.LevelOf(s) == catalog.LevelUser }) {
		out = append(out, planner.AppUser)
	}
	if slices.ContainsFunc(scopes, func(s string) bool { return catalog.LevelOf(s) == catalog.LevelAdmin }) {
		out = append(out, planner.AppAdmin)
	}
	if len(out) == 0 {
		out = append(out, planner.AppMaster)
	}
	return out
}

// leastOf picks the event's scope to add for an app type: granular before
// classic, then the fewest endpoints and events granted, then by name.
func leastOf(c *catalog.Catalog, ev *catalog.Event, app planner.AppType) (Addition, bool) {
	var best *Addition
	consider := func(s string, kind catalog.ScopeKind) {
		if !app.Allows(catalog.LevelOf(s)) {
			return
		}
		a := Addition{App: app, Scope: s, Kind: kind, Manifest: fmt.Sprintf(`{"scope": %q, "optional": false}`, s)}
		if sc, ok := c.Scope(s); ok {
			a.Grants = len(sc.Endpoints) + len(sc.Events)
		}
		if best == nil || better(a, *best) {
			best = &a
		}
	}
	for _, s := range ev.Granular {
		consider(s, catalog.KindGranular)
	}
	for _, s := range ev.Classic {
		consider(s, catalog.KindClassic)
	}
	if best == nil {
		return Addition{}, false
	}
	return *best, true
}
