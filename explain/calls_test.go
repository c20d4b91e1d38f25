package explain_test

import (
	"reflect"
	"testing"

	"github.com/scopeplan/scopeplan/explain"
	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
	"github.com/scopeplan/scopeplan/planner"
)

// TestOptionsFor splits a call file's calls and events, and the options
// narrow a 4711 on the embedded catalog as calls given apart do.
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
	want, err := explain.Explain(c, ze, explain.Options{App: planner.AppUser, Calls: o.Calls, Events: o.Events})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, want) {
		t.Error("the options explain otherwise than the same calls and events given apart")
	}
	if o := explain.OptionsFor("", nil); o.Calls != nil || o.Events != nil {
		t.Errorf("no calls: %+v", o)
	}
}
