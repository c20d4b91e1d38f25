package catalog_test

import (
	"fmt"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/parser/record"
)

func ExampleBuild() {
	page := &record.Document{Path: "page.md", Kind: record.KindGranularMD, GranularRows: []record.GranularRow{{
		Product: "Zoom User", Name: "Get user settings",
		Link:   "/docs/api/rest/reference/user/methods/#operation/userSettings",
		Scopes: []record.ScopeRef{{Name: "user:read:settings"}, {Name: "user:read:settings:admin"}},
	}}}
	ref := &record.Document{Path: "users.txt", Kind: record.KindOpenAPIText, Title: "Users", Operations: []record.Operation{{
		Method: "GET", Path: "/users/{userId}/settings", Name: "Get user settings",
		Scopes: []record.ScopeList{{Origin: record.OriginText, Classic: []record.ScopeRef{{Name: "user:read:admin"}}}},
	}}}
	c, _ := catalog.Build([]*record.Document{page, ref})
	eps, _ := c.Resolve("GET /users/me/settings")
	for _, e := range eps {
		fmt.Println(e.OperationID, e.Join, e.Granular, e.Classic)
	}
	// Output: userSettings name [user:read:settings user:read:settings:admin] [user:read:admin]
}
