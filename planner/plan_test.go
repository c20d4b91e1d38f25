package planner_test

import (
	"math/rand"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
	"github.com/scopeplan/scopeplan/planner"
)

func calls(specs ...string) []planner.Call {
	var out []planner.Call
	for _, s := range specs {
		out = append(out, planner.Call{Spec: s})
	}
	return out
}

// TestPlanHandChecked: plans checked by hand against the granular page
// (data/docs/granular-scopes.md, lines in comments).
func TestPlanHandChecked(t *testing.T) {
	c := catalogtest.Embedded(t)
	tests := []struct {
		name      string
		app       planner.AppType
		calls     []string
		granular  []string
		unmapped  []string // calls expected unmapped
		reasonHas string   // substring of the first unmapped reason
	}{
		{
			// 3334: Get a user -> user:read:user, user:read:user:admin
			name: "user app, one call", app: planner.AppUser,
			calls: []string{"GET /users/{userId}"}, granular: []string{"user:read:user"},
		},
		{
			name: "admin app, same call", app: planner.AppAdmin,
			calls: []string{"GET /users/me"}, granular: []string{"user:read:user:admin"},
		},
		{
			// 3358: List users has only user:read:list_users:admin.
			name: "user app, admin-only endpoint", app: planner.AppUser,
			calls: []string{"GET /users"}, granular: []string{}, unmapped: []string{"GET /users"},
			reasonHas: "only admin-level scopes exist",
		},
		{
			// 1657/1658: Get a meeting, regular (user/admin) and /ma/ (master).
			// A bare operationId means the regular operation, for a master
			// app too; a note names the /ma/ variant.
			name: "master app, operationId of a regular and a master row", app: planner.AppMaster,
			calls: []string{"meeting"}, granular: []string{"meeting:read:meeting:admin"},
		},
		{
			// For an admin app the /ma/ row has no usable scope, so
			// "meeting" names only the regular row.
			name: "admin app, operationId", app: planner.AppAdmin,
			calls: []string{"meeting"}, granular: []string{"meeting:read:meeting:admin"},
		},
		{
			// 3330: the /ma/ userSettings row -> user:read:settings:master.
			name: "master app, doc link", app: planner.AppMaster,
			calls:    []string{"/docs/api/rest/reference/user/ma/#operation/userSettings"},
			granular: []string{"user:read:settings:master"},
		},
		{
			name: "unknown call", app: planner.AppUser,
			calls: []string{"GET /nothing/here"}, granular: []string{}, unmapped: []string{"GET /nothing/here"},
			reasonHas: "no endpoint with a known path matches",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p, err := planner.Make(c, calls(tc.calls...), planner.Options{App: tc.app})
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(p.Granular, tc.granular) {
				t.Errorf("granular = %v, want %v", p.Granular, tc.granular)
			}
			var um []string
			for _, u := range p.Unmapped {
				um = append(um, u.Call.Spec)
			}
			if !reflect.DeepEqual(um, tc.unmapped) {
				t.Errorf("unmapped = %v, want %v", um, tc.unmapped)
			}
			if tc.reasonHas != "" && (len(p.Unmapped) == 0 || !strings.Contains(p.Unmapped[0].Reason, tc.reasonHas)) {
				t.Errorf("unmapped reason = %+v, want it to mention %q", p.Unmapped, tc.reasonHas)
			}
			if !p.Optimal {
				t.Errorf("plan not proved optimal")
			}
		})
	}
}

func TestPlanRejectsUnknownApp(t *testing.T) {
	if _, err := planner.Make(catalogtest.Embedded(t), calls("GET /users"), planner.Options{App: "root"}); err == nil {
		t.Fatal("want an error for an unknown app type")
	}
}

// objective is what the plan minimises: endpoints granted beyond the
// requested ones, then the number of scopes.
func objective(c *catalog.Catalog, scopes []string, requested map[int]bool) (int, int) {
	granted := map[int]bool{}
	for _, s := range scopes {
		sc, _ := c.GranularScope(s)
		for _, id := range sc.Endpoints {
			granted[id] = true
		}
	}
	over := 0
	for id := range granted {
		if !requested[id] {
			over++
		}
	}
	return over, len(scopes)
}

// TestPlanMatchesBruteForce draws random call sets from the embedded
// catalog and checks that each plan covers every mapped call with scopes
// of allowed levels only, and that its objective equals a brute-force
// search over every subset of the candidate scopes.
func TestPlanMatchesBruteForce(t *testing.T) {
	c := catalogtest.Embedded(t)
	rng := rand.New(rand.NewSource(1))
	// Endpoints reachable by a unique spec (their doc link).
	var links []*catalog.Endpoint
	for _, e := range c.Endpoints {
		if e.Link != "" {
			if eps, _ := c.Resolve(e.Link); len(eps) == 1 {
				links = append(links, e)
			}
		}
	}
	apps := []planner.AppType{planner.AppUser, planner.AppAdmin, planner.AppMaster}
	checked := 0
	for trial := 0; trial < 300; trial++ {
		app := apps[trial%3]
		// Calls drawn from one product, so scopes overlap and choices matter.
		seed := links[rng.Intn(len(links))]
		var pool []*catalog.Endpoint
		for _, e := range links {
			if e.Product == seed.Product {
				pool = append(pool, e)
			}
		}
		n := 1 + rng.Intn(6)
		var specs []string
		requested := map[int]bool{}
		for i := 0; i < n; i++ {
			e := pool[rng.Intn(len(pool))]
			specs = append(specs, e.Link)
		}
		p, err := planner.Make(c, calls(specs...), planner.Options{App: app})
		if err != nil {
			t.Fatal(err)
		}
		cands := map[string]bool{}
		var needs [][]string
		for _, cp := range p.Calls {
			requested[cp.Endpoint.ID] = true
			var need []string
			for _, s := range cp.Endpoint.Granular {
				if app.Allows(catalog.LevelOf(s)) {
					need = append(need, s)
					cands[s] = true
				}
			}
			needs = append(needs, need)
			if len(cp.Granular) == 0 {
				t.Fatalf("%v %s: call %s not covered", specs, app, cp.Call.Spec)
			}
		}
		for _, s := range p.Granular {
			if !app.Allows(catalog.LevelOf(s)) {
				t.Fatalf("%s app given %s", app, s)
			}
		}
		var names []string
		for s := range cands {
			names = append(names, s)
		}
		sort.Strings(names)
		if len(names) > 16 {
			continue
		}
		bestOver, bestN := -1, 0
		for mask := 0; mask < 1<<len(names); mask++ {
			var set []string
			in := map[string]bool{}
			for i, s := range names {
				if mask&(1<<i) != 0 {
					set = append(set, s)
					in[s] = true
				}
			}
			ok := true
			for _, need := range needs {
				met := false
				for _, s := range need {
					met = met || in[s]
				}
				ok = ok && met
			}
			if !ok {
				continue
			}
			o, k := objective(c, set, requested)
			if bestOver < 0 || o < bestOver || (o == bestOver && k < bestN) {
				bestOver, bestN = o, k
			}
		}
		gotOver, gotN := objective(c, p.Granular, requested)
		if gotOver != p.OverGrant {
			t.Fatalf("%v: reported over-grant %d, recomputed %d", specs, p.OverGrant, gotOver)
		}
		if gotOver != bestOver || gotN != bestN {
			t.Fatalf("%v %s: plan %v has objective (%d,%d), brute force (%d,%d)", specs, app, p.Granular, gotOver, gotN, bestOver, bestN)
		}
		checked++
	}
	if checked < 200 {
		t.Fatalf("only %d trials were small enough to brute-force", checked)
	}
}

func BenchmarkPlanAllEndpoints(b *testing.B) {
	c := catalogtest.Embedded(b)
	for _, app := range []planner.AppType{planner.AppUser, planner.AppAdmin, planner.AppMaster} {
		var cs []planner.Call
		for _, e := range c.Endpoints {
			if e.Link != "" {
				cs = append(cs, planner.Call{Spec: e.Link})
			}
		}
		b.Run(string(app), func(b *testing.B) {
			for b.Loop() {
				if _, err := planner.Make(c, cs, planner.Options{App: app}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkPlanTypicalApp(b *testing.B) {
	c := catalogtest.Embedded(b)
	var cs []planner.Call
	for _, e := range c.Endpoints {
		if e.Product == "zoom-api" && e.Variant == "regular" && len(cs) < 30 {
			cs = append(cs, planner.Call{Spec: e.Link})
		}
	}
	for b.Loop() {
		if _, err := planner.Make(c, cs, planner.Options{App: planner.AppAdmin}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestSetAsideReasons: every alternative a call does not use is explained,
// and the level reason names the app type's rule.
func TestSetAsideReasons(t *testing.T) {
	c := catalogtest.Embedded(t)
	p, err := planner.Make(c, calls("GET /users/{userId}"), planner.Options{App: planner.AppAdmin})
	if err != nil {
		t.Fatal(err)
	}
	cp := p.Calls[0]
	if len(cp.Granular)+len(cp.SetAside) != len(cp.Endpoint.Granular) {
		t.Fatalf("chosen %v + set aside %v do not account for %v", cp.Granular, cp.SetAside, cp.Endpoint.Granular)
	}
	for _, s := range cp.SetAside {
		if s.Scope == "user:read:user" && !strings.Contains(s.Reason, "an admin app may request only admin-level scopes") {
			t.Errorf("reason for %s: %q", s.Scope, s.Reason)
		}
	}
}
