// Package page is the data the HTML explorer carries and the plan
// builder's bridge to the planner: the site package writes Data into the
// page; the explorer's WebAssembly module (report/site/wasm) reads it
// back, restores a catalog from it and plans ticked endpoints and events
// with planner.ForItems, the planner the CLI runs. Keys are short: the
// page carries every endpoint, scope and event.
package page

import (
	"encoding/json"
	"fmt"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/parser/record"
	"github.com/scopeplan/scopeplan/planner"
)

// Data is the catalog as the explorer sees it.
type Data struct {
	Title     string `json:"title"`
	Generated string `json:"generated,omitempty"`
	Apps      []App  `json:"apps"`
	// Products are the endpoints' products, then the events' products
	// that no endpoint has.
	Products  []string   `json:"products"`
	Endpoints []Endpoint `json:"endpoints"`
	Scopes    []Scope    `json:"scopes"`
	Events    []Event    `json:"events,omitempty"`
	Notes     []Note     `json:"notes"`
	Documents []Document `json:"documents"`
}

// App is an app type and the scope levels it may request
// (planner.AppType.Allows, evaluated when the page is written so the
// script has no copy of it).
type App struct {
	ID     string   `json:"id"`
	Levels []string `json:"levels"`
}

// Endpoint is one endpoint and the documentation's advice for it.
type Endpoint struct {
	ID      int    `json:"id"`
	Method  string `json:"m,omitempty"`
	Path    string `json:"p,omitempty"`
	Name    string `json:"n"`
	OpID    string `json:"o,omitempty"`
	Product int    `json:"pr"`
	Section string `json:"s,omitempty"`
	Master  bool   `json:"ma,omitempty"`
	// Link is an absolute http(s) URL, or empty.
	Link string `json:"l,omitempty"`
	// Granular and Classic are indices into scopes, in the catalog's order.
	Granular []int `json:"g"`
	Classic  []int `json:"c"`
	// ClassicByName are the classic scopes that reach the endpoint only
	// through a shared API name.
	ClassicByName []int `json:"cw,omitempty"`
	// Best, Higher and Why are per app (in Apps order): the least
	// privileged scope (-1 for none), the allowed alternatives and, when
	// there is no scope, why.
	Best   []int    `json:"b"`
	Higher [][]int  `json:"h"`
	Why    []string `json:"w"`
	Notes  []int    `json:"no,omitempty"`
}

// Scope is one scope.
type Scope struct {
	Name        string `json:"n"`
	Kind        string `json:"k"` // "g" granular, "c" classic
	Level       string `json:"lv"`
	Endpoints   []int  `json:"e"`
	Events      []int  `json:"ev,omitempty"`
	Group       string `json:"gr,omitempty"`
	Description string `json:"d,omitempty"`
	Defined     bool   `json:"df,omitempty"`
	Notes       []int  `json:"no,omitempty"`
}

// Event is one event subscription.
type Event struct {
	ID      int    `json:"id"`
	Name    string `json:"n"`
	Summary string `json:"su,omitempty"`
	Product int    `json:"pr"`
	// Granular and Classic are indices into scopes, in the catalog's order.
	Granular []int `json:"g"`
	Classic  []int `json:"c"`
	// Best, Higher and Why are per app (in Apps order), as for an
	// endpoint: the least privileged granular scope of a plan subscribing
	// to the event alone (-1 for none), the allowed alternatives and, when
	// there is no scope, why.
	Best   []int    `json:"b"`
	Higher [][]int  `json:"h"`
	Why    []string `json:"w"`
	// Sources are "file:line" of every place the event is described.
	Sources []string `json:"src,omitempty"`
}

// Note is one lint finding.
type Note struct {
	Rule       string `json:"r"`
	Severity   string `json:"sv"`
	Message    string `json:"m"`
	Suggestion string `json:"sg,omitempty"`
	File       string `json:"f,omitempty"`
	Line       int    `json:"ln,omitempty"`
}

// Document is one source document's identity.
type Document struct {
	Path   string `json:"p"`
	Kind   string `json:"k"`
	SHA256 string `json:"h"`
}

// planData is the part of Data the planner needs; decoding only it skips
// the advice, notes and texts, which matters in WebAssembly.
type planData struct {
	Endpoints []struct {
		ID            int   `json:"id"`
		Master        bool  `json:"ma"`
		Granular      []int `json:"g"`
		Classic       []int `json:"c"`
		ClassicByName []int `json:"cw"`
	} `json:"endpoints"`
	Scopes []struct {
		Name      string `json:"n"`
		Kind      string `json:"k"`
		Defined   bool   `json:"df"`
		Endpoints []int  `json:"e"`
		Events    []int  `json:"ev"`
	} `json:"scopes"`
	Events []struct {
		ID       int    `json:"id"`
		Name     string `json:"n"`
		Granular []int  `json:"g"`
		Classic  []int  `json:"c"`
	} `json:"events"`
}

// Restore rebuilds, from the page's data (Data as JSON), the catalog the
// planner needs: endpoints with their scope alternatives in the catalog's
// order, scopes with what they grant and whether a scope page defines
// them, and events. Names, paths and texts are left out: the planner
// chooses scopes from these alone.
func Restore(data []byte) (*catalog.Catalog, error) {
	var d planData
	if err := json.Unmarshal(data, &d); err != nil {
		return nil, fmt.Errorf("page data: %w", err)
	}
	scopeName := func(what string, idx []int, kind string) ([]string, error) {
		out := make([]string, 0, len(idx))
		for _, i := range idx {
			if i < 0 || i >= len(d.Scopes) || d.Scopes[i].Kind != kind {
				return nil, fmt.Errorf("%s names scope %d, not a %s scope of the page", what, i, kind)
			}
			out = append(out, d.Scopes[i].Name)
		}
		return out, nil
	}
	var p catalog.Parts
	for i, je := range d.Endpoints {
		if je.ID != i {
			return nil, fmt.Errorf("page data: endpoint %d is numbered %d", i, je.ID)
		}
		e := &catalog.Endpoint{ID: i}
		if je.Master {
			e.Variant = record.VariantMaster
		}
		var err error
		what := fmt.Sprintf("page data: endpoint %d", i)
		if e.Granular, err = scopeName(what, je.Granular, "g"); err != nil {
			return nil, err
		}
		if e.Classic, err = scopeName(what, je.Classic, "c"); err != nil {
			return nil, err
		}
		if e.ClassicByName, err = scopeName(what, je.ClassicByName, "c"); err != nil {
			return nil, err
		}
		p.Endpoints = append(p.Endpoints, e)
	}
	for i, jv := range d.Events {
		if jv.ID != i {
			return nil, fmt.Errorf("page data: event %d is numbered %d", i, jv.ID)
		}
		ev := &catalog.Event{ID: i, Name: jv.Name}
		var err error
		what := fmt.Sprintf("page data: event %d", i)
		if ev.Granular, err = scopeName(what, jv.Granular, "g"); err != nil {
			return nil, err
		}
		if ev.Classic, err = scopeName(what, jv.Classic, "c"); err != nil {
			return nil, err
		}
		p.Events = append(p.Events, ev)
	}
	for _, js := range d.Scopes {
		kind := catalog.KindGranular
		if js.Kind == "c" {
			kind = catalog.KindClassic
		}
		p.Scopes = append(p.Scopes, &catalog.Scope{Name: js.Name, Kind: kind,
			Defined: js.Defined, Endpoints: nonNilInts(js.Endpoints), Events: js.Events})
	}
	c, err := catalog.Restore(p)
	if err != nil {
		return nil, fmt.Errorf("page data: %w", err)
	}
	return c, nil
}

func nonNilInts(s []int) []int {
	if s == nil {
		return []int{}
	}
	return s
}

// Request is what the plan builder asks: an app type, the ticked
// endpoints and events (IDs).
type Request struct {
	App       string `json:"app"`
	Endpoints []int  `json:"endpoints"`
	Events    []int  `json:"events"`
}

// Result is the plan the builder shows: planner.Plan's figures, with
// endpoints and events as IDs.
type Result struct {
	Granular        []string     `json:"granular"`
	Classic         []string     `json:"classic"`
	OverGrant       int          `json:"overGrant"`
	OverGrantEvents int          `json:"overGrantEvents"`
	Optimal         bool         `json:"optimal"`
	Gap             int          `json:"gap"`
	Calls           []ItemResult `json:"calls"`
	Events          []ItemResult `json:"events"`
	Unmapped        []Unmapped   `json:"unmapped"`
}

// ItemResult is how one endpoint or event is covered.
type ItemResult struct {
	ID       int      `json:"id"`
	Granular []string `json:"granular"`
	Classic  []string `json:"classic"`
	Notes    []string `json:"notes"`
}

// Unmapped is an endpoint or event the plan cannot cover, and why.
type Unmapped struct {
	Kind   string `json:"kind"` // "call" or "event"
	ID     int    `json:"id"`
	Reason string `json:"reason"`
}

// Plan plans a request with planner.ForItems.
func Plan(c *catalog.Catalog, r Request) (Result, error) {
	app, err := planner.ParseAppType(r.App)
	if err != nil {
		return Result{}, err
	}
	var eps []*catalog.Endpoint
	for _, id := range r.Endpoints {
		e := c.Endpoint(id)
		if e == nil {
			return Result{}, fmt.Errorf("no endpoint %d", id)
		}
		eps = append(eps, e)
	}
	var subs []planner.Call
	for _, id := range r.Events {
		if id < 0 || id >= len(c.Events) {
			return Result{}, fmt.Errorf("no event %d", id)
		}
		subs = append(subs, planner.Call{Spec: c.Events[id].Name, Event: true})
	}
	p, err := planner.ForItems(c, eps, subs, planner.Options{App: app})
	if err != nil {
		return Result{}, err
	}
	res := Result{Granular: p.Granular, Classic: p.Classic, OverGrant: p.OverGrant, OverGrantEvents: p.OverGrantEvents,
		Optimal: p.Optimal, Gap: p.Gap, Calls: []ItemResult{}, Events: []ItemResult{}, Unmapped: []Unmapped{}}
	for _, cp := range p.Calls {
		res.Calls = append(res.Calls, ItemResult{ID: cp.Endpoint.ID, Granular: cp.Granular, Classic: cp.Classic, Notes: nonNil(cp.Notes)})
	}
	for _, ep := range p.Events {
		res.Events = append(res.Events, ItemResult{ID: ep.Event.ID, Granular: nonNil(ep.Granular), Classic: nonNil(ep.Classic), Notes: nonNil(ep.Notes)})
	}
	// ForItems plans the endpoints, then the events, in request order,
	// each either covered or unmapped: the requested items it did not
	// cover are, in order, its unmapped calls and events.
	covered := map[*catalog.Endpoint]bool{}
	for _, cp := range p.Calls {
		covered[cp.Endpoint] = true
	}
	var missedCalls, missedEvents []int
	for _, e := range eps {
		if !covered[e] {
			missedCalls = append(missedCalls, e.ID)
		}
	}
	subscribed := map[int]bool{}
	for _, ep := range p.Events {
		subscribed[ep.Event.ID] = true
	}
	for _, id := range r.Events {
		if !subscribed[id] {
			missedEvents = append(missedEvents, id)
		}
	}
	for _, um := range p.Unmapped {
		u := Unmapped{Kind: "call", ID: -1, Reason: um.Reason}
		queue := &missedCalls
		if um.Call.Event {
			u.Kind, queue = "event", &missedEvents
		}
		if len(*queue) > 0 {
			u.ID, *queue = (*queue)[0], (*queue)[1:]
		}
		res.Unmapped = append(res.Unmapped, u)
	}
	return res, nil
}

// PlanJSON decodes a request, plans it and encodes the result; a bad
// request gives {"error": "..."}. It is what the WebAssembly module
// exposes to the page.
func PlanJSON(c *catalog.Catalog, request []byte) []byte {
	var r Request
	var out any
	if err := json.Unmarshal(request, &r); err != nil {
		out = map[string]string{"error": "bad plan request: " + err.Error()}
	} else if res, err := Plan(c, r); err != nil {
		out = map[string]string{"error": err.Error()}
	} else {
		out = res
	}
	b, err := json.Marshal(out)
	if err != nil {
		return []byte(`{"error":"cannot encode the plan"}`)
	}
	return b
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
