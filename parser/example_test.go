package parser_test

import (
	"fmt"

	"github.com/scopeplan/scopeplan/parser"
)

func ExampleParse() {
	page := "## Zoom User\n\n### Users\n\n| API Endpoint | Granular Scopes |\n|---|---|\n" +
		"| [Get a user](/docs/api/rest/reference/user/methods/#operation/user) | `user:read:user`, `user:read:user:admin` |\n"
	doc, err := parser.Parse("page.md", []byte(page), "")
	if err != nil {
		fmt.Println(err)
		return
	}
	r := doc.GranularRows[0]
	fmt.Println(doc.Kind, r.Product, r.OperationID(), r.Variant(), len(r.Scopes), r.Source.Line)
	// Output: granular-md Zoom User user regular 2 7
}
