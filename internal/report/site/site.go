// Package site generates scopeplan's documentation from a catalog: a set
// of Markdown pages (one per product, one per product's events when the
// catalog has events, one per scope, an index) for docs pipelines, and one
// self-contained HTML explorer.
//
// Both say, per endpoint and app type, which granular scope is the least
// privileged and which higher-privileged scopes would also do, the way
// Microsoft Graph's permission tables do. That choice is the planner's
// (planner.ForEndpoints, one endpoint at a time), never a second copy of
// it; the explorer's plan builder runs the planner itself (ForItems),
// compiled to WebAssembly (see the wasm directory and go generate).
//
// Output is deterministic: the same catalog and options give the same
// bytes. Every text that comes from a document is escaped: it is data in
// the HTML page (JSON inserted with textContent, never markup) and escaped
// table-cell text in Markdown.
package site

//go:generate go run ./internal/genwasm -out assets

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/planner"
)

// Options tune the generated documentation.
type Options struct {
	// Title heads the index page and the explorer; empty means
	// "Zoom OAuth scopes".
	Title string
	// Generated, when not zero, is stated on the index page and in the
	// explorer. It is zero by default so that output stays byte-identical.
	Generated time.Time
	// Notes are lint findings, shown in the explorer beside the endpoints
	// and scopes they touch.
	Notes []Note
}

// Note is one lint finding, already tied to what it touches. The site
// package does not depend on package lint; the caller converts.
type Note struct {
	Rule       string
	Severity   string
	Message    string
	Suggestion string
	// File and Line say where the finding is.
	File string
	Line int
	// Endpoints are the IDs of the endpoints the finding touches.
	Endpoints []int
	// Scopes are the names of the scopes the finding touches.
	Scopes []string
}

// Apps are the app types the documentation covers, in column order.
func Apps() []planner.AppType {
	return []planner.AppType{planner.AppUser, planner.AppAdmin, planner.AppMaster}
}

// advice is what the documentation says about one endpoint for one app
// type: the planner's least-privileged scope and the alternatives it set
// aside that the app type may request.
type advice struct {
	best   string   // "" when the app type cannot call the endpoint
	higher []string // allowed alternatives, least privileged first
	reason string   // why best is empty
	// classic are the endpoint's classic scopes the app type may request.
	classic []string
}

// eventAdvice is what the documentation says about one event for one
// app type, as advice says it for an endpoint.
type eventAdvice struct {
	best   string
	higher []string
	reason string
}

// eventProduct is one product's events page.
type eventProduct struct {
	name   string
	slug   string
	events []*catalog.Event
}

// product is one product page.
type product struct {
	name      string
	slug      string // file name without extension
	endpoints []*catalog.Endpoint
}

// Site is a catalog prepared for documentation: endpoints grouped by
// product and the planner's advice computed for every endpoint and app
// type. Build it with New; it is read-only afterwards.
type Site struct {
	c        *catalog.Catalog
	o        Options
	products []*product
	// productOf maps endpoint ID to index into products.
	productOf []int
	// advice is indexed by endpoint ID, then by position in Apps.
	advice [][]advice
	// scopeIndex maps a scope to its position in c.Scopes.
	scopeIndex map[*catalog.Scope]int
	// scopePath is each scope's page path, by position in c.Scopes.
	scopePath []string
	// eventProducts group the events by product (the title of the
	// document describing them), in name order; eventProductOf maps event
	// ID to index into them.
	eventProducts  []*eventProduct
	eventProductOf []int
	// eventAdvice is indexed by event ID, then by position in Apps.
	eventAdvice [][]eventAdvice
}

// New prepares a catalog for documentation.
func New(c *catalog.Catalog, o Options) (*Site, error) {
	if c == nil {
		return nil, fmt.Errorf("site: nil catalog")
	}
	if o.Title == "" {
		o.Title = "Zoom OAuth scopes"
	}
	s := &Site{c: c, o: o, scopeIndex: make(map[*catalog.Scope]int, len(c.Scopes))}
	for i, e := range c.Endpoints {
		if e == nil || e.ID != i {
			return nil, fmt.Errorf("site: catalog endpoint %d is missing or misnumbered", i)
		}
	}
	for i, e := range c.Events {
		if e == nil || e.ID != i {
			return nil, fmt.Errorf("site: catalog event %d is missing or misnumbered", i)
		}
	}
	s.groupProducts()
	s.groupEvents()
	s.scopePath = make([]string, len(c.Scopes))
	used := map[string]bool{}
	for i, sc := range c.Scopes {
		s.scopeIndex[sc] = i
		p := scopePagePath(sc)
		if used[p] {
			return nil, fmt.Errorf("site: two scopes map to page %s", p)
		}
		used[p] = true
		s.scopePath[i] = p
	}
	if err := s.plan(); err != nil {
		return nil, err
	}
	if err := s.planEvents(); err != nil {
		return nil, err
	}
	return s, nil
}

// groupProducts assigns every endpoint to a product page, by the same
// rule catalog.Products names products: a scope-page row's product
// heading; for an API reference endpoint, the heading most page rows of
// its doc-link segment use, else its own title or segment.
func (s *Site) groupProducts() {
	counts := map[string]map[string]int{} // segment -> heading -> rows
	for _, e := range s.c.Endpoints {
		if len(e.Rows) == 0 {
			continue
		}
		seg := strings.ToLower(e.Product)
		if counts[seg] == nil {
			counts[seg] = map[string]int{}
		}
		counts[seg][e.ProductTitle]++
	}
	heading := map[string]string{}
	for seg, m := range counts {
		best, n := "", -1
		for h, k := range m {
			if k > n || (k == n && h < best) {
				best, n = h, k
			}
		}
		heading[seg] = best
	}
	names := make([]string, len(s.c.Endpoints))
	byName := map[string][]*catalog.Endpoint{}
	for _, e := range s.c.Endpoints {
		name := e.ProductTitle
		if len(e.Rows) == 0 {
			if h, ok := heading[strings.ToLower(e.Product)]; ok {
				name = h
			} else if name == "" {
				name = e.Product
			}
		}
		if strings.TrimSpace(name) == "" {
			name = "Other"
		}
		names[e.ID] = name
		byName[name] = append(byName[name], e)
	}
	sorted := make([]string, 0, len(byName))
	for n := range byName {
		sorted = append(sorted, n)
	}
	sort.Strings(sorted)
	index := map[string]int{}
	slugs := map[string]bool{}
	for i, n := range sorted {
		index[n] = i
		s.products = append(s.products, &product{name: n, slug: uniqueSlug(slugify(n), slugs), endpoints: byName[n]})
	}
	s.productOf = make([]int, len(s.c.Endpoints))
	for id, n := range names {
		s.productOf[id] = index[n]
	}
}

// groupEvents assigns every event to its product's events page.
func (s *Site) groupEvents() {
	byName := map[string][]*catalog.Event{}
	for _, e := range s.c.Events {
		name := strings.TrimSpace(e.Product)
		if name == "" {
			name = "Other"
		}
		byName[name] = append(byName[name], e)
	}
	names := make([]string, 0, len(byName))
	for n := range byName {
		names = append(names, n)
	}
	sort.Strings(names)
	slugs := map[string]bool{}
	s.eventProductOf = make([]int, len(s.c.Events))
	for i, n := range names {
		evs := byName[n]
		sort.SliceStable(evs, func(a, b int) bool { return evs[a].Name < evs[b].Name })
		s.eventProducts = append(s.eventProducts, &eventProduct{name: n, slug: uniqueSlug(slugify(n), slugs), events: evs})
		for _, e := range evs {
			s.eventProductOf[e.ID] = i
		}
	}
}

// planEvents asks the planner, for every event and app type, for the
// least privileged scope of a plan subscribing to that event alone.
func (s *Site) planEvents() error {
	apps := Apps()
	s.eventAdvice = make([][]eventAdvice, len(s.c.Events))
	for _, e := range s.c.Events {
		s.eventAdvice[e.ID] = make([]eventAdvice, len(apps))
		for ai, app := range apps {
			p, err := planner.ForItems(s.c, nil, []planner.Call{{Spec: e.Name, Event: true}}, planner.Options{App: app})
			if err != nil {
				return fmt.Errorf("site: plan event %s for a %s app: %w", e.Name, app, err)
			}
			a := eventAdvice{higher: []string{}}
			switch {
			case len(p.Events) == 1 && len(p.Events[0].Granular) > 0:
				a.best = p.Events[0].Granular[0]
				a.higher = s.higherAllowed(app, p.Events[0].SetAside)
			case len(p.Unmapped) > 0:
				a.reason = p.Unmapped[0].Reason
			case len(p.Events) == 1 && len(p.Events[0].Notes) > 0:
				a.reason = p.Events[0].Notes[0]
			default:
				a.reason = "no scope lets an app subscribe to this event"
			}
			s.eventAdvice[e.ID][ai] = a
		}
	}
	return nil
}

// plan asks the planner, for every endpoint and app type, for the least
// privileged scope of a plan calling that endpoint alone.
func (s *Site) plan() error {
	apps := Apps()
	s.advice = make([][]advice, len(s.c.Endpoints))
	// The plan of one endpoint depends only on the app type and the
	// endpoint's granular alternatives (each of which grants it), so
	// endpoints sharing them share the plan: planning each anew made docs
	// quadratic in the endpoints one scope grants.
	memo := map[string]advice{}
	for _, e := range s.c.Endpoints {
		s.advice[e.ID] = make([]advice, len(apps))
		for ai, app := range apps {
			classic := []string{}
			for _, cs := range e.Classic {
				if app.Allows(catalog.LevelOf(cs)) {
					classic = append(classic, cs)
				}
			}
			key := string(app) + "\x00" + strings.Join(e.Granular, "\x00")
			if a, ok := memo[key]; ok {
				a.classic = classic
				s.advice[e.ID][ai] = a
				continue
			}
			p, err := planner.ForEndpoints(s.c, []*catalog.Endpoint{e}, planner.Options{App: app})
			if err != nil {
				return fmt.Errorf("site: plan %s for a %s app: %w", e.Label(), app, err)
			}
			a := advice{higher: []string{}, classic: classic}
			switch {
			case len(p.Calls) == 1 && len(p.Calls[0].Granular) > 0:
				a.best = p.Calls[0].Granular[0]
				a.higher = s.higherAllowed(app, p.Calls[0].SetAside)
			case len(p.Unmapped) > 0:
				a.reason = p.Unmapped[0].Reason
			default:
				a.reason = "no scope covers this endpoint"
			}
			memo[key] = a
			s.advice[e.ID][ai] = a
		}
	}
	return nil
}

// higherAllowed returns the scopes the planner set aside that app may
// request, least privileged first.
func (s *Site) higherAllowed(app planner.AppType, aside []planner.SetAside) []string {
	higher := []string{}
	for _, sa := range aside {
		if app.Allows(catalog.LevelOf(sa.Scope)) {
			higher = append(higher, sa.Scope)
		}
	}
	s.sortByGrants(higher)
	return higher
}

// sortByGrants orders granular scope names least privileged first: fewest
// endpoints and events granted, then by name.
func (s *Site) sortByGrants(names []string) {
	n := func(name string) int {
		if sc, ok := s.c.GranularScope(name); ok {
			return len(sc.Endpoints) + len(sc.Events)
		}
		return 0
	}
	sort.SliceStable(names, func(i, j int) bool {
		if a, b := n(names[i]), n(names[j]); a != b {
			return a < b
		}
		return names[i] < names[j]
	})
}

// leastFor returns the app types for which the scope is an endpoint's
// least privileged scope.
func (s *Site) leastFor(e *catalog.Endpoint, sc *catalog.Scope) []string {
	var out []string
	if sc.Kind != catalog.KindGranular {
		return out
	}
	for ai, app := range Apps() {
		if s.advice[e.ID][ai].best == sc.Name {
			out = append(out, string(app))
		}
	}
	return out
}

// scopeByName finds a scope of a kind.
func (s *Site) scopeByName(name string, kind catalog.ScopeKind) (*catalog.Scope, bool) {
	if kind == catalog.KindClassic {
		return s.c.ClassicScope(name)
	}
	return s.c.GranularScope(name)
}

// equivalents lists the scopes of the other kind that grant any endpoint
// sc grants, with how many of sc's endpoints each grants, most first.
func (s *Site) equivalents(sc *catalog.Scope) []equivalent {
	other := catalog.KindClassic
	if sc.Kind == catalog.KindClassic {
		other = catalog.KindGranular
	}
	count := map[string]int{}
	for _, id := range sc.Endpoints {
		e := s.c.Endpoint(id)
		if e == nil {
			continue
		}
		names := e.Classic
		if other == catalog.KindGranular {
			names = e.Granular
		}
		for _, n := range names {
			count[n]++
		}
	}
	out := make([]equivalent, 0, len(count))
	for n, k := range count {
		if o, ok := s.scopeByName(n, other); ok {
			out = append(out, equivalent{scope: o, common: k})
		}
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].common != out[j].common {
			return out[i].common > out[j].common
		}
		return out[i].scope.Name < out[j].scope.Name
	})
	return out
}

// equivalent is a scope of the other kind and how many endpoints it
// shares with the scope at hand.
type equivalent struct {
	scope  *catalog.Scope
	common int
}

// requestableBy names the app types that may request a scope of a level.
func requestableBy(l catalog.Level) []string {
	var out []string
	for _, a := range Apps() {
		if a.Allows(l) {
			out = append(out, string(a))
		}
	}
	return out
}
