package audit_test

import (
	"fmt"

	"github.com/scopeplan/scopeplan/audit"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/planner"
)

func ExampleRun() {
	c, _, _ := loader.Load(loader.Options{})
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
