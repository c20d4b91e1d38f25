package explain_test

import (
	"reflect"
	"slices"
	"testing"

	"github.com/scopeplan/scopeplan/explain"
	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
	"github.com/scopeplan/scopeplan/planner"
)

// TestOptionsFor splits a call file's calls and events, and the options
// narrow a 4711 on the embedded catalog.
func TestOptionsFor(t *testing.T) {
	cf, err := planner.ParseCallFile("calls.txt", []byte("GET /users/{userId}\nevent recording.completed\nGET /users/me/settings\n"))
	if err != nil {
		t.Fatal(err)
	}
	o := explain.OptionsFor(planner.AppUser, cf.Calls)
	if o.App != planner.AppUser || len(o.Calls) != 2 || !reflect.DeepEqual(o.Events, []string{"recording.completed"}) {
		t.Fatalf("OptionsFor = %+v", o)
	}
	for _, c := range o.Calls {
		if c.Event {
			t.Errorf("event %q among the calls", c.Spec)
		}
	}
	ze, ok := explain.Parse(`{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:user, user:read:user:admin]."}`)
	if !ok {
		t.Fatal("not a Zoom error")
	}
	c := catalogtest.Embedded(t)
	got, err := explain.Explain(c, ze, o)
	if err != nil {
		t.Fatal(err)
	}
	// The calls narrow the candidates (the event is no call to narrow to).
	if !slices.Contains(got.Notes, "narrowed to the app's calls: 1 of 1 candidate endpoint(s)") {
		t.Errorf("the calls did not narrow the explanation: notes %q", got.Notes)
	}
	if o := explain.OptionsFor("", nil); o.Calls != nil || o.Events != nil {
		t.Errorf("no calls: %+v", o)
	}
}
