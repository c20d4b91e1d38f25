package planner_test

import (
	"context"
	"fmt"
	"log"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/planner"
)

func ExampleMake() {
	c, _, err := scopeplan.Load(context.Background(), scopeplan.Options{})
	if err != nil {
		log.Fatal(err)
	}
	p, err := planner.Make(c, []planner.Call{{Spec: "GET /users/{userId}"}, {Spec: "GET /users/me/settings"}},
		planner.Options{App: planner.AppUser})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(p.Granular, p.Optimal)
	// Output: [user:read:settings user:read:user] true
}
