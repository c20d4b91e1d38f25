package audit_test

import (
	"context"
	"fmt"
	"log"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/audit"
	"github.com/scopeplan/scopeplan/planner"
)

func ExampleRun() {
	c, _, err := scopeplan.Load(context.Background(), scopeplan.Options{})
	if err != nil {
		log.Fatal(err)
	}
	req := audit.ParseScopeList("user:read:user:admin,user:read:list_users:admin")
	res, _ := audit.Run(c, req, []planner.Call{{Spec: "GET /users/{userId}"}}, planner.AppAdmin)
	for _, u := range res.OverPrivileged {
		fmt.Println("over-privileged:", u.Scope)
	}
	fmt.Println("remove:", res.ToRemove, "mismatch:", res.Mismatch())
	// Output:
	// over-privileged: user:read:list_users:admin
	// remove: [user:read:list_users:admin] mismatch: true
}
