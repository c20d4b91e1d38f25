package apiref_test

import (
	"fmt"

	"github.com/scopeplan/scopeplan/parser/apiref"
)

func ExampleParsePostman() {
	doc, err := apiref.ParsePostman("users.txt", []byte(`Number of APIs: 2
1. users-{userId} - Get a user
GET {{baseUrl}}/users/:userId?login_type=99
View a user's information.
Scopes: user:read:admin
,user:read
Rate Limit Label: LIGHT
POST {{baseUrl}}/users
Add a new user.
Scopes: user:write:admin
Rate Limit Label: Light`))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, op := range doc.Operations {
		fmt.Printf("%s %s %q %s:", op.Method, op.Path, op.Name, op.RateLimit)
		for _, s := range op.Classic() {
			fmt.Printf(" %s (line %d)", s.Name, s.Source.Line)
		}
		fmt.Println()
	}
	for _, p := range doc.Problems {
		fmt.Printf("%s line %d: %s\n", p.Code, p.Source.Line, p.Message)
	}
	// Output:
	// GET /users/:userId "Get a user" LIGHT: user:read:admin (line 5) user:read (line 6)
	// POST /users "" Light: user:write:admin (line 10)
	// SPLIT_SCOPE_LIST line 5: Scopes list continues on line 6; the lines were joined
	// MISSING_HEADER line 8: entry 2 has no numbered header; it starts at its request line and has no name
}
