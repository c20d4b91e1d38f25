package scan

import (
	"path/filepath"
	"testing"
)

// TestPlannerCalls turns the fixture tree's scan into calls: every
// occurrence is a site, each call is planned once at its first place,
// and skipped places count as their URL or as their candidates.
func TestPlannerCalls(t *testing.T) {
	res, err := New(testCatalog(t)).Scan(filepath.Join("testdata", "src"))
	if err != nil {
		t.Fatal(err)
	}
	calls, sites := res.PlannerCalls(false)
	if want := len(res.Calls) + 2; len(sites) != want {
		t.Fatalf("%d sites, want %d (every call and the two skipped URLs)", len(sites), want)
	}
	seen := map[string]bool{}
	for i, c := range calls {
		if seen[c.Spec] {
			t.Errorf("call %d %q planned twice", i, c.Spec)
		}
		seen[c.Spec] = true
	}
	for _, s := range sites {
		if !seen[s.Spec] {
			t.Errorf("site %s:%d %q has no call", s.File, s.Line, s.Spec)
		}
	}
	if first := sites[0]; calls[0] != first {
		t.Errorf("first call %+v, want the first site %+v", calls[0], first)
	}
	// The unresolved URL of the Go client is a call, at its place.
	last := sites[len(sites)-2]
	if last.Spec != "/users/{userID}" || last.File != "testdata/src/go/zoomclient/client.go" || last.Line != 61 {
		t.Errorf("skipped URL as %+v", last)
	}

	_, withCands := res.PlannerCalls(true)
	var cands []string
	for _, s := range withCands[len(res.Calls):] {
		cands = append(cands, s.Spec)
	}
	want := []string{"DELETE /users/{userId}", "GET /users/{userId}", "PATCH /users/{userId}"}
	if len(cands) != len(want) {
		t.Fatalf("candidate sites %q, want %q", cands, want)
	}
	for i := range want {
		if cands[i] != want[i] {
			t.Errorf("candidate %d: %q, want %q", i, cands[i], want[i])
		}
	}
	if n := res.Unresolvable(); n != 0 {
		t.Errorf("Unresolvable() = %d, want 0: every skipped place of the fixtures names a URL", n)
	}
	res.Skipped = append(res.Skipped, Skipped{File: "x.go", Reason: "unreadable"})
	if n := res.Unresolvable(); n != 1 {
		t.Errorf("Unresolvable() = %d after an unreadable file, want 1", n)
	}
}
