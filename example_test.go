package scopeplan_test

import (
	"context"
	"fmt"
	"log"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/planner"
)

// Loading the embedded documents and planning the least-privileged scopes
// for the calls a user-level app makes.
func ExampleLoad() {
	c, prov, err := scopeplan.Load(context.Background(), scopeplan.Options{})
	if err != nil {
		log.Fatal(err)
	}
	p, err := planner.Make(c, []planner.Call{{Spec: "GET /users/{userId}"}, {Spec: "GET /users/me/settings"}},
		planner.Options{App: planner.AppUser})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("data:", prov.Source)
	fmt.Println("granular:", p.Granular, "optimal:", p.Optimal)
	// Output:
	// data: embedded
	// granular: [user:read:settings user:read:user] optimal: true
}

// Options.Core loads only what resolving calls and planning need:
// endpoints, scopes and events, several times faster.
func ExampleLoad_core() {
	c, _, err := scopeplan.Load(context.Background(), scopeplan.Options{Core: true})
	if err != nil {
		log.Fatal(err)
	}
	eps, kind := c.Resolve("PATCH /users/42")
	for _, e := range eps {
		fmt.Println(kind, e.Method, e.Path, e.Granular)
	}
	// Output:
	// path PATCH /users/{userId} [user:update:user user:update:user:admin]

}
