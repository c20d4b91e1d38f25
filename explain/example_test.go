package explain_test

import (
	"context"
	"fmt"
	"log"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/explain"
	"github.com/scopeplan/scopeplan/planner"
)

// Explaining a 4711 error an admin app got: the endpoints whose scope
// alternatives Zoom listed, and the one scope to add.
func ExampleExplain() {
	c, _, err := scopeplan.Load(context.Background(), scopeplan.Options{})
	if err != nil {
		log.Fatal(err)
	}
	ze, ok := explain.Parse(`{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:user, user:read:user:admin]."}`)
	if !ok {
		log.Fatal("not a Zoom error")
	}
	x, err := explain.Explain(c, ze, explain.Options{App: planner.AppAdmin})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(x.Kind, ze.Scopes)
	for _, cd := range x.Candidates {
		fmt.Println(cd.Match, cd.Endpoint.Method, cd.Endpoint.Path)
	}
	for _, a := range x.Add {
		fmt.Println("add", a.Scope)
	}
	// Output:
	// missing_scopes [user:read:user user:read:user:admin]
	// exact GET /users/{userId}
	// add user:read:user:admin
}
