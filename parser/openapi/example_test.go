package openapi_test

import (
	"fmt"
	"log"

	"github.com/scopeplan/scopeplan/parser/openapi"
)

func ExampleParse() {
	spec := []byte(`{
  "openapi": "3.0.0",
  "info": {"title": "Users"},
  "paths": {
    "/users/{userId}": {
      "get": {
        "tags": ["Users"],
        "summary": "Get a user",
        "operationId": "user",
        "description": "**[Scopes](https://developers.zoom.us/):** ` + "`user:read:admin`" + `",
        "x-extensions": {
          "x-macro-scopes": ["user:read:admin"],
          "x-granular-scopes": ["user:read:user:admin"]
        }
      }
    }
  }
}`)
	fmt.Println(openapi.Sniff(spec))
	doc, err := openapi.Parse("users.json", spec)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(doc.Title)
	for _, op := range doc.Operations {
		fmt.Printf("%s %s %s (line %d)\n", op.Method, op.Path, op.OperationID, op.Source.Line)
		for _, l := range op.Scopes {
			fmt.Printf("  %s: classic %d, granular %d (stated: %v)\n", l.Origin, len(l.Classic), len(l.Granular), l.HasGranular)
		}
		fmt.Println("  granular:", op.Granular()[0].Name)
	}
	// Output:
	// true
	// Users
	// GET /users/{userId} user (line 6)
	//   x-extensions: classic 1, granular 1 (stated: true)
	//   text: classic 1, granular 0 (stated: false)
	//   granular: user:read:user:admin
}
