// Package audit checks the scopes an app requests against the calls it
// makes: over-privilege (scopes no call needs), missing scopes (calls no
// requested scope covers), levels the app type cannot use, classic and
// granular scopes mixed, unknown names, and the least-privileged plan
// beside the request. Without calls it reports each scope's blast radius.
// The plan comes from package planner; audit never optimises on its own.
package audit

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/planner"
)

// Unknown is a requested scope no document defines or uses.
type Unknown struct {
	Scope       string   `json:"scope" yaml:"scope"`
	Suggestions []string `json:"suggestions" yaml:"suggestions"`
	// Pointer and Line locate the scope in a manifest.
	Pointer string `json:"pointer,omitempty" yaml:"pointer,omitempty"`
	Line    int    `json:"line,omitempty" yaml:"line,omitempty"`
}

// LevelIssue is a requested scope at a level the app type cannot request.
type LevelIssue struct {
	Scope  string        `json:"scope" yaml:"scope"`
	Level  catalog.Level `json:"level" yaml:"level"`
	Reason string        `json:"reason" yaml:"reason"`
	// Pointer and Line locate the scope in a manifest.
	Pointer string `json:"pointer,omitempty" yaml:"pointer,omitempty"`
	Line    int    `json:"line,omitempty" yaml:"line,omitempty"`
}

// Unused is a requested scope that no intended call needs, with
// everything it grants.
type Unused struct {
	Scope     string
	Optional  bool
	Endpoints []*catalog.Endpoint
	// Events are the event subscriptions the scope allows.
	Events []*catalog.Event
}

// Missing is an intended call (or subscribed event) that no requested
// scope covers.
type Missing struct {
	Call     planner.Call
	Endpoint *catalog.Endpoint
	// Event is set, and Endpoint nil, for an event subscription; At
	// locates it in a manifest.
	Event *catalog.Event
	At    Position
	// Would lists the planned scopes that cover the call.
	Would []string
}

// ProductCount counts endpoints of one product.
type ProductCount struct {
	Product string `json:"product" yaml:"product"`
	Count   int    `json:"count" yaml:"count"`
}

// Radius is what one requested scope grants, grouped by product.
type Radius struct {
	Scope     string         `json:"scope" yaml:"scope"`
	Total     int            `json:"total" yaml:"total"`
	ByProduct []ProductCount `json:"by_product" yaml:"by_product"`
}

// Result is an audit's outcome.
type Result struct {
	App       planner.AppType
	Requested []Requested
	// Kind is the kind of the known requested scopes: granular, classic,
	// or mixed (which Zoom rejects).
	Kind           Kind
	Unknown        []Unknown
	Levels         []LevelIssue
	OverPrivileged []Unused
	// Redundant lists requested scopes that some call needs but other
	// requested scopes already cover: over-privilege too.
	Redundant      []Unused
	OptionalUnused []Unused
	// UnmappedEvents lists the manifest's event subscriptions the catalog
	// cannot map to scopes; the request cannot be checked against them.
	UnmappedEvents []UnmappedEvent
	// InClient is the manifest's in-client Zoom Apps APIs (nil when it
	// lists none and requests no in-client scope).
	InClient *InClient
	// Where gives each requested scope's position in the file.
	Where map[string]Position
	// CannotJudge lists requested scopes no mapped call needs but an
	// unmapped call could: the audit cannot say whether they are needed.
	CannotJudge []Judge
	// Unmapped lists the calls the plan could not map; the request
	// cannot be checked against them.
	Unmapped []planner.Unmapped
	Missing  []Missing
	// Plan is the least-privileged plan for the calls (nil without calls).
	Plan *planner.Plan
	// ToAdd and ToRemove turn the request into the plan (same kind as the
	// request: classic requests are compared with the classic plan).
	ToAdd, ToRemove []string
	Radius          []Radius
	HasCalls        bool
}

// UnmappedEvent is an event subscription the request cannot be checked
// against.
type UnmappedEvent struct {
	Event       Event
	Reason      string
	Suggestions []string
}

// InClientScope is the scope every app that uses in-client Zoom Apps APIs
// (the Zoom Apps JavaScript SDK) must request.
const InClientScope = "zoomapp:inmeeting"

// InClient is what a manifest says about in-client Zoom Apps APIs.
type InClient struct {
	APIs []string
	At   Position
	// Missing is true when the manifest lists APIs but does not request
	// InClientScope; Unused when it requests it but lists no API.
	Missing, Unused bool
}

// isInClientScope reports whether a scope is a Zoom Apps in-client scope
// (zoomapp:...), which no REST API document describes.
func isInClientScope(name string) bool { return strings.HasPrefix(name, "zoomapp:") }

// Incomplete reports whether some call or event could not be mapped, so
// the request was not checked against everything the app does.
func (r *Result) Incomplete() bool { return len(r.Unmapped) > 0 || len(r.UnmappedEvents) > 0 }

// Mismatch reports whether the request is over- or under-privileged, or
// cannot be checked against every call (an unmapped call), or is otherwise
// unusable as it stands.
// It is true exactly when the verdict is not OK.
func (r *Result) Mismatch() bool { return !r.Verdict().OK() }

// coveredBy reports whether any of the alternatives is a usable requested
// scope.
func coveredBy(alternatives []string, usable func(string) bool) bool {
	for _, s := range alternatives {
		if usable(s) {
			return true
		}
	}
	return false
}

// redundant finds requested scopes that some call needs but other
// requested scopes already cover: dropping each, in the order the plan
// would drop them, keeps every covered call covered. Optional scopes are
// left alone.
func redundant(c *catalog.Catalog, req Request, plan *planner.Plan, classic bool, usable func(string) bool, alts func(*catalog.Endpoint) []string) []Unused {
	keep := map[string]bool{}
	for _, rq := range req.Scopes {
		if usable(rq.Scope) {
			keep[rq.Scope] = true
		}
	}
	want := map[string]bool{}
	for _, s := range plan.Granular {
		want[s] = true
	}
	if classic {
		want = map[string]bool{}
		for _, s := range plan.Classic {
			want[s] = true
		}
	}
	var out []Unused
	for _, rq := range req.Scopes {
		if rq.Optional || !keep[rq.Scope] || want[rq.Scope] {
			continue
		}
		covers, stillCovered := false, true
		lists := make([][]string, 0, len(plan.Calls)+len(plan.Events))
		for _, cp := range plan.Calls {
			lists = append(lists, alts(cp.Endpoint))
		}
		for _, ep := range plan.Events {
			if classic {
				lists = append(lists, ep.Event.Classic)
			} else {
				lists = append(lists, ep.Event.Granular)
			}
		}
		for _, a := range lists {
			if !slices.Contains(a, rq.Scope) {
				continue
			}
			covers = true
			other := false
			for _, s := range a {
				other = other || (s != rq.Scope && keep[s])
			}
			stillCovered = stillCovered && other
		}
		if covers && stillCovered {
			delete(keep, rq.Scope)
			s, _ := c.Scope(rq.Scope)
			var eps []*catalog.Endpoint
			if s != nil {
				eps = c.EndpointsOf(s.Endpoints)
			}
			var evs []*catalog.Event
			if s != nil {
				evs = c.EventsOf(s.Events)
			}
			out = append(out, Unused{Scope: rq.Scope, Endpoints: eps, Events: evs})
		}
	}
	return out
}

// InferApp derives the app type from the requested scopes' levels when no
// one said it: any :master scope makes a master app, else all :admin an
// admin app, else all user-level a user app. Mixed user and admin levels
// cannot be one app type.
func InferApp(req Request) (planner.AppType, error) {
	levels := map[catalog.Level]bool{}
	for _, s := range req.Scopes {
		levels[catalog.LevelOf(s.Scope)] = true
	}
	switch {
	case levels[catalog.LevelMaster]:
		return planner.AppMaster, nil
	case levels[catalog.LevelAdmin] && levels[catalog.LevelUser]:
		return "", fmt.Errorf("the request mixes user- and admin-level scopes, so its app type cannot be inferred; give --app")
	case levels[catalog.LevelAdmin]:
		return planner.AppAdmin, nil
	}
	return planner.AppUser, nil
}

// Run audits a request against the intended calls for an app type.
func Run(c *catalog.Catalog, req Request, calls []planner.Call, app planner.AppType) (*Result, error) {
	if _, err := planner.ParseAppType(string(app)); err != nil {
		return nil, err
	}
	// The manifest's event subscriptions are checked like calls.
	eventAt := map[string]Position{}
	subscribed := map[string]bool{}
	for _, call := range calls {
		if call.Event {
			subscribed[call.Spec] = true
		}
	}
	for _, e := range req.Events {
		eventAt[e.Name] = e.At
		if !subscribed[e.Name] {
			subscribed[e.Name] = true
			calls = append(calls, planner.Call{Spec: e.Name, Event: true, File: "manifest", Line: e.At.Line})
		}
	}
	r := &Result{App: app, Requested: req.Scopes, HasCalls: len(calls) > 0, Where: req.Where}
	known := map[string]*catalog.Scope{}
	kinds := map[catalog.ScopeKind]bool{}
	inClient := false
	for _, rq := range req.Scopes {
		if isInClientScope(rq.Scope) {
			inClient = true
			continue // checked against the manifest's in-client APIs below
		}
		s, ok := c.Scope(rq.Scope)
		if !ok {
			at := req.Where[rq.Scope]
			r.Unknown = append(r.Unknown, Unknown{Scope: rq.Scope, Suggestions: nonNil(c.SuggestScope(rq.Scope, 3)), Pointer: at.Pointer, Line: at.Line})
			continue
		}
		known[rq.Scope] = s
		kinds[s.Kind] = true
		if l := s.Level(); !app.Allows(l) {
			at := req.Where[rq.Scope]
			r.Levels = append(r.Levels, LevelIssue{Scope: rq.Scope, Level: l, Reason: fmt.Sprintf("a %s app cannot request a %s-level scope", app, l), Pointer: at.Pointer, Line: at.Line})
		}
	}
	r.Kind = kindOf(kinds)
	for _, rq := range req.Scopes {
		if s := known[rq.Scope]; s != nil {
			r.Radius = append(r.Radius, radius(c, s))
		}
	}
	if len(req.ZoomAppAPIs) > 0 || inClient && req.Manifest {
		requested := false
		for _, rq := range req.Scopes {
			requested = requested || rq.Scope == InClientScope
		}
		r.InClient = &InClient{APIs: req.ZoomAppAPIs, At: req.ZoomAppAPIsAt,
			Missing: len(req.ZoomAppAPIs) > 0 && !requested, Unused: len(req.ZoomAppAPIs) == 0 && requested}
	}
	if len(calls) == 0 {
		return r, nil
	}
	plan, err := planner.Make(c, calls, planner.Options{App: app})
	if err != nil {
		return nil, err
	}
	r.Plan = plan
	classic := r.Kind == KindClassic
	// allowed reports whether a requested scope can serve this app.
	allowed := func(name string) bool { return known[name] != nil && app.Allows(catalog.LevelOf(name)) }
	alts := func(e *catalog.Endpoint) []string {
		if classic {
			return e.Classic
		}
		return e.Granular
	}
	// Missing: a mapped call, or a call resolved to one endpoint the plan
	// could not cover with granular scopes, that no requested scope covers.
	checked := map[string]bool{}
	for _, cp := range plan.Calls {
		checked[cp.Call.Spec] = true
		would := cp.Granular
		if classic {
			would = cp.Classic
		}
		if !coveredBy(alts(cp.Endpoint), allowed) {
			r.Missing = append(r.Missing, Missing{Call: cp.Call, Endpoint: cp.Endpoint, Would: would})
		}
	}
	for _, ep := range plan.Events {
		ev := ep.Event
		a, would := ev.Granular, ep.Granular
		if classic {
			a, would = ev.Classic, ep.Classic
		}
		if !ev.Scopeless() && !coveredBy(a, allowed) {
			r.Missing = append(r.Missing, Missing{Call: ep.Sub, Event: ev, Would: would, At: eventAt[ep.Sub.Spec]})
		}
	}
	for _, u := range plan.Unmapped {
		if u.Call.Event {
			r.UnmappedEvents = append(r.UnmappedEvents, UnmappedEvent{Event: Event{Name: u.Call.Spec, At: eventAt[u.Call.Spec]}, Reason: u.Reason, Suggestions: u.Suggestions})
			continue
		}
		eps, _ := c.Resolve(u.Call.Spec)
		// A classic request can still be checked against a call the
		// granular plan could not map, when the call names one endpoint
		// with classic scopes of an allowed level.
		if !classic || len(eps) != 1 || checked[u.Call.Spec] || !coveredBy(eps[0].Classic, func(s string) bool { return app.Allows(catalog.LevelOf(s)) }) {
			r.Unmapped = append(r.Unmapped, u)
			continue
		}
		var would []string
		for _, s := range eps[0].Classic {
			if app.Allows(catalog.LevelOf(s)) {
				would = append(would, s)
			}
		}
		if !coveredBy(eps[0].Classic, allowed) {
			r.Missing = append(r.Missing, Missing{Call: u.Call, Endpoint: eps[0], Would: would})
		}
	}
	// Every endpoint any call may mean, mapped or not: a scope that grants
	// one of them is not "needed by no call".
	touched, touchedEvents := map[int]bool{}, map[int]bool{}
	for _, call := range calls {
		if ev, ok := c.Event(call.Spec); ok && (call.Event || catalog.LooksLikeEvent(call.Spec)) {
			touchedEvents[ev.ID] = true
		}
		if call.Event {
			continue
		}
		eps, _ := c.Resolve(call.Spec)
		for _, e := range eps {
			touched[e.ID] = true
		}
	}
	// The words of each unmapped call: a scope sharing one could be what
	// the call needs, so it cannot be judged unused.
	var open []unjudged
	for _, u := range r.Unmapped {
		open = append(open, unjudged{label: u.Call.Spec, words: callWords(u.Call.Spec)})
	}
	for _, e := range r.UnmappedEvents {
		open = append(open, unjudged{label: "event " + e.Event.Name, words: eventWords(e.Event.Name)})
	}
	judged := map[string]bool{}
	for _, rq := range req.Scopes {
		s := known[rq.Scope]
		if s == nil {
			continue
		}
		used := false
		for _, id := range s.Endpoints {
			used = used || touched[id]
		}
		for _, id := range s.Events {
			used = used || touchedEvents[id]
		}
		if used {
			continue
		}
		eps := c.EndpointsOf(s.Endpoints)
		if could := couldNeed(rq.Scope, open); len(could) > 0 {
			r.CannotJudge = append(r.CannotJudge, Judge{Scope: rq.Scope, Optional: rq.Optional, Endpoints: eps, Calls: could})
			judged[rq.Scope] = true
			continue
		}
		u := Unused{Scope: rq.Scope, Optional: rq.Optional, Endpoints: eps, Events: c.EventsOf(s.Events)}
		if rq.Optional {
			r.OptionalUnused = append(r.OptionalUnused, u)
		} else {
			r.OverPrivileged = append(r.OverPrivileged, u)
		}
	}
	// A scope other requested scopes make redundant for the mapped calls
	// may still be the one an unmapped call needs.
	for _, u := range redundant(c, req, plan, classic, allowed, alts) {
		if could := couldNeed(u.Scope, open); len(could) > 0 {
			r.CannotJudge = append(r.CannotJudge, Judge{Scope: u.Scope, Endpoints: u.Endpoints, Calls: could})
			judged[u.Scope] = true
			continue
		}
		r.Redundant = append(r.Redundant, u)
	}
	want := plan.Granular
	if classic {
		want = plan.Classic
	}
	have := map[string]bool{}
	for _, rq := range req.Scopes {
		have[rq.Scope] = true
	}
	wantSet := map[string]bool{}
	for _, s := range want {
		wantSet[s] = true
		if !have[s] {
			r.ToAdd = append(r.ToAdd, s)
		}
	}
	for _, rq := range req.Scopes {
		if !wantSet[rq.Scope] && !judged[rq.Scope] {
			r.ToRemove = append(r.ToRemove, rq.Scope)
		}
	}
	sort.Strings(r.ToAdd)
	sort.Strings(r.ToRemove)
	return r, nil
}

func radius(c *catalog.Catalog, s *catalog.Scope) Radius {
	counts := map[string]int{}
	for _, e := range c.EndpointsOf(s.Endpoints) {
		counts[e.Product]++
	}
	rd := Radius{Scope: s.Name, Total: len(s.Endpoints), ByProduct: []ProductCount{}}
	for p, n := range counts {
		rd.ByProduct = append(rd.ByProduct, ProductCount{Product: p, Count: n})
	}
	sort.Slice(rd.ByProduct, func(i, j int) bool {
		if rd.ByProduct[i].Count != rd.ByProduct[j].Count {
			return rd.ByProduct[i].Count > rd.ByProduct[j].Count
		}
		return rd.ByProduct[i].Product < rd.ByProduct[j].Product
	})
	return rd
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
