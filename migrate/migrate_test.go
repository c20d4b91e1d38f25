package migrate_test

import (
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
	"github.com/scopeplan/scopeplan/migrate"
	"github.com/scopeplan/scopeplan/planner"
)

func TestAppFor(t *testing.T) {
	for in, want := range map[string]planner.AppType{"user:read": planner.AppUser, "user:read:admin": planner.AppAdmin, "account:master": planner.AppMaster} {
		if got := migrate.AppFor([]string{in}); got != want {
			t.Errorf("AppFor(%s) = %s, want %s", in, got, want)
		}
	}
}

// TestRun checks the migration's promises on the embedded catalog: every
// endpoint the classic scopes grant is either covered by the equivalent
// granular scopes or listed as uncovered, and the plan for the calls drops
// privilege rather than adding it.
func TestRun(t *testing.T) {
	c := catalogtest.Embedded(t)
	r, err := migrate.Run(c, []string{"user:read:admin", "nope:read"}, planner.AppAdmin, []planner.Call{{Spec: "GET /users/{userId}"}})
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := r.Unknown["nope:read"]; !ok || len(r.Unknown) != 1 {
		t.Errorf("unknown = %v", r.Unknown)
	}
	covered := map[int]bool{}
	for _, id := range r.Equivalent.Granted {
		covered[id] = true
	}
	if len(r.Granted) == 0 {
		t.Fatal("user:read:admin grants nothing")
	}
	uncovered := len(r.Uncovered)
	for _, e := range r.Granted {
		if !covered[e.ID] {
			uncovered--
		}
	}
	if uncovered != 0 {
		t.Errorf("%d granted endpoints are neither covered nor listed", -uncovered)
	}
	for _, s := range r.Equivalent.Granular {
		if catalog.LevelOf(s) != catalog.LevelAdmin {
			t.Errorf("admin migration gave %s", s)
		}
	}
	if r.Calls == nil || len(r.Calls.Granular) != 1 || len(r.Dropped) == 0 || len(r.Dropped) >= len(r.Granted) {
		t.Errorf("calls plan %+v, dropped %d of %d", r.Calls, len(r.Dropped), len(r.Granted))
	}
	if _, err := migrate.Run(c, nil, planner.AppUser, nil); err == nil {
		t.Error("no classic scopes: want an error")
	}
}
