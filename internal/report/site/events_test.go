package site

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/report/site/internal/page"
	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
	"github.com/scopeplan/scopeplan/planner"
)

// eventsFixtureCatalog is the fixture catalog plus testdata/fixture's
// webhooks document: an event with scopes of every level, one whose
// second granular scope no scope page defines, one with only such a
// scope, and one with no scope at all.
func eventsFixtureCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	var docs []*record.Document
	for _, name := range []string{"granular.md", "classic.txt", "postman.txt", "webhooks.json"} {
		b, err := os.ReadFile(filepath.Join("testdata", "fixture", name))
		if err != nil {
			t.Fatal(err)
		}
		d, err := parser.Parse("fixture/"+name, b, "")
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	c, err := catalog.Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Events) != 4 {
		t.Fatalf("fixture has %d events, want 4", len(c.Events))
	}
	return c
}

func TestGoldenMarkdownEvents(t *testing.T) {
	s := newSite(t, eventsFixtureCatalog(t), Options{})
	checkGolden(t, "markdown-events", concatPages(s.Markdown()))
}

func TestGoldenHTMLEvents(t *testing.T) {
	s := newSite(t, eventsFixtureCatalog(t), Options{})
	checkGolden(t, "html-events", normaliseHTML(renderHTML(t, s)))
}

// TestFixtureEventAdvice checks by hand what the events golden file shows.
func TestFixtureEventAdvice(t *testing.T) {
	c := eventsFixtureCatalog(t)
	s := newSite(t, c, Options{})
	advice := func(name string, app planner.AppType) eventAdvice {
		t.Helper()
		e, ok := c.Event(name)
		if !ok {
			t.Fatalf("no event %s", name)
		}
		return s.eventAdvice[e.ID][slices.Index(Apps(), app)]
	}
	if a := advice("user.updated", planner.AppUser); a.best != "user:read:user" {
		t.Errorf("user.updated, user app: least privileged %q, want user:read:user", a.best)
	}
	if a := advice("user.updated", planner.AppAdmin); a.best != "user:read:user:admin" || len(a.higher) != 0 {
		t.Errorf("user.updated, admin app: %+v, want user:read:user:admin and no alternative", a)
	}
	// A sound scope wins over one no scope page defines.
	if a := advice("user.settings_updated", planner.AppAdmin); a.best != "user:read:settings:admin" {
		t.Errorf("user.settings_updated, admin app: least privileged %q", a.best)
	}
	// A scope defined on no page is still planned when it is the only one.
	if a := advice("user.presence_status_updated", planner.AppAdmin); a.best != "user:read:presence_status:admin" {
		t.Errorf("user.presence_status_updated, admin app: least privileged %q", a.best)
	}
	if a := advice("user.signed_in", planner.AppAdmin); a.best != "" || !strings.Contains(a.reason, "no document states a scope") {
		t.Errorf("user.signed_in, admin app: %+v, want no scope and the planner's note", a)
	}
	pages := map[string]string{}
	for _, p := range s.Markdown() {
		pages[p.Path] = string(p.Content)
	}
	sc, _ := c.GranularScope("user:read:user:admin")
	sp := pages[s.scopePath[s.scopeIndex[sc]]]
	if !strings.Contains(sp, "## Events it allows (1)") || !strings.Contains(sp, "[`user.updated`](../../events/zoom-user.md#event-") {
		t.Errorf("scope page of user:read:user:admin does not list user.updated:\n%s", sp)
	}
	ev := pages["events/zoom-user.md"]
	for _, want := range []string{"`user.signed_in`", "User presence status updated", "`fixture/webhooks.json:"} {
		if !strings.Contains(ev, want) {
			t.Errorf("events page lacks %q", want)
		}
	}
}

// TestNoEventsNoChange: a catalog without events gives exactly the pages
// it gave before events existed (the golden files pin them), no events
// page and no events key in the explorer's data.
func TestNoEventsNoChange(t *testing.T) {
	s := newSite(t, fixtureCatalog(t), Options{})
	for _, p := range s.Markdown() {
		if strings.HasPrefix(p.Path, "events/") || strings.Contains(string(p.Content), "Event") {
			t.Errorf("%s mentions events in a catalog without any", p.Path)
		}
	}
	if raw := scriptText(t, renderHTML(t, s), dataID); strings.Contains(string(raw), `"events"`) {
		t.Error("the explorer's data has an events key without events")
	}
}

var hubSite struct {
	once sync.Once
	c    *catalog.Catalog
	s    *Site
	err  error
}

// hub returns the catalog of the embedded documents plus the shared API
// hub copy and its site, built once per test binary.
func hub(t *testing.T) (*catalog.Catalog, *Site) {
	t.Helper()
	catalogtest.HubDir(t) // skips (or fails under CI) when absent
	hubSite.once.Do(func() {
		hubSite.c = catalogtest.Hub(t)
		hubSite.s, hubSite.err = New(hubSite.c, Options{})
	})
	if hubSite.c == nil || hubSite.err != nil {
		t.Fatalf("hub site: %v", hubSite.err)
	}
	return hubSite.c, hubSite.s
}

// TestPlanBridgeMatchesPlanner restores the catalog from the explorer's
// data, as the WebAssembly module does, and plans through page.Plan: every
// event alone and mixes of endpoints and events, for every app type, must
// give the plan planner.ForItems gives on the real catalog, and planner.Make
// (the CLI's path) where the endpoints have specs naming them alone.
func TestPlanBridgeMatchesPlanner(t *testing.T) {
	c, s := hub(t)
	raw, err := jsonForScript(s.data())
	if err != nil {
		t.Fatal(err)
	}
	restored, err := page.Restore(raw)
	if err != nil {
		t.Fatal(err)
	}
	if len(restored.Events) != len(c.Events) || len(c.Events) == 0 {
		t.Fatalf("restored %d events of %d", len(restored.Events), len(c.Events))
	}
	type req struct{ eps, evs []int }
	var reqs []req
	for _, e := range c.Events {
		reqs = append(reqs, req{evs: []int{e.ID}})
	}
	for i := 0; i+3 < len(c.Endpoints); i += 97 {
		ev := (i / 97 * 7) % len(c.Events)
		reqs = append(reqs, req{eps: []int{i, i + 1, i + 3}, evs: []int{ev, (ev + 11) % len(c.Events)}})
	}
	makeChecked := 0
	for _, app := range Apps() {
		for _, r := range reqs {
			got, err := page.Plan(restored, page.Request{App: string(app), Endpoints: r.eps, Events: r.evs})
			if err != nil {
				t.Fatal(err)
			}
			var eps []*catalog.Endpoint
			var specs []planner.Call
			unique := true
			for _, id := range r.eps {
				e := c.Endpoint(id)
				eps = append(eps, e)
				spec := e.Method + " " + e.Path
				if found, _ := c.Resolve(spec); e.Path == "" || len(found) != 1 {
					unique = false
				}
				specs = append(specs, planner.Call{Spec: spec})
			}
			var subs []planner.Call
			for _, id := range r.evs {
				subs = append(subs, planner.Call{Spec: c.Events[id].Name, Event: true})
			}
			want, err := planner.ForItems(c, eps, subs, planner.Options{App: app})
			if err != nil {
				t.Fatal(err)
			}
			comparePlan(t, string(app), r.eps, r.evs, got, want)
			if unique {
				viaMake, err := planner.Make(c, append(specs, subs...), planner.Options{App: app})
				if err != nil {
					t.Fatal(err)
				}
				comparePlan(t, string(app)+" (Make)", r.eps, r.evs, got, viaMake)
				makeChecked++
			}
		}
	}
	if makeChecked == 0 {
		t.Error("no request was compared with planner.Make")
	}
	t.Logf("%d requests for %d app types; %d also against planner.Make", len(reqs), len(Apps()), makeChecked)
}

func comparePlan(t *testing.T, what string, eps, evs []int, got page.Result, want *planner.Plan) {
	t.Helper()
	wantEv := map[int][]string{}
	for _, ep := range want.Events {
		wantEv[ep.Event.ID] = ep.Granular
	}
	ok := slices.Equal(got.Granular, want.Granular) && slices.Equal(got.Classic, want.Classic) &&
		got.OverGrant == want.OverGrant && got.OverGrantEvents == want.OverGrantEvents &&
		len(got.Calls) == len(want.Calls) && len(got.Events) == len(want.Events) && len(got.Unmapped) == len(want.Unmapped)
	for _, e := range got.Events {
		ok = ok && slices.Equal(e.Granular, nonNil(wantEv[e.ID]))
	}
	for i, u := range got.Unmapped {
		asked := eps
		if u.Kind == "event" {
			asked = evs
		}
		ok = ok && slices.Contains(asked, u.ID) && i < len(want.Unmapped) && u.Reason == want.Unmapped[i].Reason
	}
	if !ok {
		t.Errorf("%s app, endpoints %v, events %v:\n page %+v\n planner granular %q classic %q over-grant %d/%d calls %d events %d unmapped %d",
			what, eps, evs, got, want.Granular, want.Classic, want.OverGrant, want.OverGrantEvents, len(want.Calls), len(want.Events), len(want.Unmapped))
	}
}
