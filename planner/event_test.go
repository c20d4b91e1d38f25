package planner_test

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
	"github.com/scopeplan/scopeplan/planner"
)

// extraOf counts what a set of granular scopes grants beyond the requested
// endpoints and events: endpoints plus events, the planner's objective.
func extraOf(c *catalog.Catalog, scopes []string, eps, evs map[int]bool) int {
	gotE, gotV := map[int]bool{}, map[int]bool{}
	for _, s := range scopes {
		sc, _ := c.GranularScope(s)
		for _, id := range sc.Endpoints {
			if !eps[id] {
				gotE[id] = true
			}
		}
		for _, id := range sc.Events {
			if !evs[id] {
				gotV[id] = true
			}
		}
	}
	return len(gotE) + len(gotV)
}

// TestPlanEvents plans calls and events together on the real API hub
// files, and checks the result against every choice of one allowed
// alternative per call and event.
func TestPlanEvents(t *testing.T) {
	c := catalogtest.Hub(t)
	tests := []struct {
		app    planner.AppType
		calls  []string
		events []string
	}{
		{planner.AppAdmin, []string{"GET /users/{userId}/recordings"}, []string{"recording.completed"}},
		{planner.AppUser, []string{"GET /users/{userId}/recordings"}, []string{"recording.completed", "meeting.started"}},
		{planner.AppAdmin, []string{"POST /users/{userId}/meetings", "GET /phone/users/{userId}/call_logs"}, []string{"meeting.ended", "phone.callee_ended", "user.updated"}},
		{planner.AppMaster, nil, []string{"recording.completed", "meeting.participant_joined"}},
	}
	for _, tc := range tests {
		in := calls(tc.calls...)
		for _, e := range tc.events {
			in = append(in, planner.Call{Spec: e, Event: true})
		}
		p, err := planner.Make(c, in, planner.Options{App: tc.app})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Unmapped) > 0 || len(p.Events) != len(tc.events) || len(p.Calls) != len(tc.calls) {
			t.Fatalf("%v %v: %d calls, %d events, unmapped %+v", tc.calls, tc.events, len(p.Calls), len(p.Events), p.Unmapped)
		}
		// Brute force: one allowed alternative per call and event.
		eps, evs := map[int]bool{}, map[int]bool{}
		var alts [][]string
		allowed := func(ss []string) []string {
			var out []string
			for _, s := range ss {
				if tc.app.Allows(catalog.LevelOf(s)) {
					out = append(out, s)
				}
			}
			return out
		}
		for _, cp := range p.Calls {
			eps[cp.Endpoint.ID] = true
			alts = append(alts, allowed(cp.Endpoint.Granular))
		}
		for _, ep := range p.Events {
			evs[ep.Event.ID] = true
			alts = append(alts, allowed(ep.Event.Granular))
			if len(ep.Granular) == 0 {
				t.Errorf("%s: no scope chosen", ep.Event.Name)
			}
		}
		best := -1
		var walk func(i int, chosen []string)
		walk = func(i int, chosen []string) {
			if i == len(alts) {
				if x := extraOf(c, chosen, eps, evs); best < 0 || x < best {
					best = x
				}
				return
			}
			for _, s := range alts[i] {
				walk(i+1, append(chosen, s))
			}
		}
		walk(0, nil)
		if got := extraOf(c, p.Granular, eps, evs); got != best {
			t.Errorf("%v %v: plan %v grants %d beyond, brute force %d", tc.calls, tc.events, p.Granular, got, best)
		}
		if p.OverGrant+p.OverGrantEvents != best {
			t.Errorf("%v %v: over_grant %d + over_grant_events %d, want %d", tc.calls, tc.events, p.OverGrant, p.OverGrantEvents, best)
		}
		for _, s := range p.Granular {
			if !tc.app.Allows(catalog.LevelOf(s)) {
				t.Errorf("%s: level not allowed for %s", s, tc.app)
			}
		}
	}
}

// TestPlanEventsHandChecked is the example, checked by hand against
// meetings/events/webhooks.json and the granular page.
func TestPlanEventsHandChecked(t *testing.T) {
	c := catalogtest.Hub(t)
	p, err := planner.Make(c, append(calls("GET /users/{userId}/recordings"), planner.Call{Spec: "recording.completed", Event: true}),
		planner.Options{App: planner.AppAdmin})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"cloud_recording:read:list_user_recordings:admin", "cloud_recording:read:recording:admin"}
	if !reflect.DeepEqual(p.Granular, want) {
		t.Errorf("granular %v, want %v", p.Granular, want)
	}
	if len(p.Events) != 1 || !reflect.DeepEqual(p.Events[0].Granular, []string{"cloud_recording:read:recording:admin"}) {
		t.Errorf("events %+v", p.Events)
	}
}

func TestPlanEventProblems(t *testing.T) {
	hub := catalogtest.Hub(t)
	// An unknown event is unmapped, as an event, with the nearest names.
	p, _ := planner.Make(hub, []planner.Call{{Spec: "recording.complete", Event: true}}, planner.Options{App: planner.AppAdmin})
	if len(p.Unmapped) != 1 || p.Unmapped[0].Call.Kind() != "event" || !slices.Contains(p.Unmapped[0].Suggestions, "recording.completed") {
		t.Errorf("unknown event: %+v", p.Unmapped)
	}
	// Without webhooks documents the reason names the fix.
	emb := catalogtest.Embedded(t)
	p, _ = planner.Make(emb, []planner.Call{{Spec: "recording.completed", Event: true}}, planner.Options{App: planner.AppAdmin})
	if len(p.Unmapped) != 1 || !strings.Contains(p.Unmapped[0].Reason, "scopeplan update") {
		t.Errorf("no events loaded: %+v", p.Unmapped)
	}
	// An event name given as a call is planned as the event.
	p, _ = planner.Make(hub, calls("recording.completed"), planner.Options{App: planner.AppAdmin})
	if len(p.Unmapped) != 0 || len(p.Events) != 1 {
		t.Errorf("event given as a call: unmapped %+v, events %d", p.Unmapped, len(p.Events))
	}
	// An event no document states a scope for is kept, with low confidence
	// and nothing requested for it.
	var scopeless *catalog.Event
	for _, e := range hub.Events {
		if e.Scopeless() {
			scopeless = e
			break
		}
	}
	if scopeless == nil {
		t.Fatal("the hub files have events without scopes; none found")
	}
	p, _ = planner.Make(hub, []planner.Call{{Spec: scopeless.Name, Event: true}}, planner.Options{App: planner.AppAdmin})
	if len(p.Events) != 1 || p.Events[0].Confidence != planner.ConfidenceLow || len(p.Granular) != 0 {
		t.Errorf("scopeless event %s: %+v, granular %v", scopeless.Name, p.Events, p.Granular)
	}
}

func TestCallFileEvents(t *testing.T) {
	for _, tc := range []struct{ name, data string }{
		{"a.yaml", "app: admin\ncalls: [GET /users/me]\nevents:\n  - recording.completed\n  - {event: meeting.started, why: bot joins}\n"},
		{"a.txt", "GET /users/me\nevent recording.completed\nevent meeting.started # bot joins\n"},
	} {
		cf, err := planner.ParseCallFile(tc.name, []byte(tc.data))
		if err != nil {
			t.Fatal(err)
		}
		var evs []string
		for _, c := range cf.Calls {
			if c.Event {
				evs = append(evs, c.Spec)
			}
		}
		if len(cf.Calls) != 3 || !reflect.DeepEqual(evs, []string{"recording.completed", "meeting.started"}) {
			t.Errorf("%s: %+v", tc.name, cf.Calls)
		}
	}
	if _, err := planner.ParseCallFile("a.yaml", []byte("events: recording.completed\n")); err == nil {
		t.Error("events: as a scalar was accepted")
	}
}

// TestMasterVariantOfABareName: a master app naming an operation by its
// operationId gets the regular operation, with a note naming the
// sub-account variant's doc link, which selects that one.
func TestMasterVariantOfABareName(t *testing.T) {
	c := catalogtest.Embedded(t)
	p, err := planner.Make(c, calls("userSettings"), planner.Options{App: planner.AppMaster})
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Unmapped) != 0 || len(p.Calls) != 1 || p.Calls[0].Endpoint.Variant != "regular" {
		t.Fatalf("userSettings for a master app: calls %+v, unmapped %+v", p.Calls, p.Unmapped)
	}
	const link = "/docs/api/rest/reference/user/ma/#operation/userSettings"
	if !slices.ContainsFunc(p.Calls[0].Notes, func(n string) bool { return strings.Contains(n, link) }) {
		t.Errorf("no note names %s: %v", link, p.Calls[0].Notes)
	}
	p, _ = planner.Make(c, calls(link), planner.Options{App: planner.AppMaster})
	if len(p.Calls) != 1 || p.Calls[0].Endpoint.Variant != "master" {
		t.Errorf("%s: %+v", link, p.Calls)
	}
}
