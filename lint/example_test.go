package lint_test

import (
	"fmt"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
)

func ExampleRun() {
	page := []byte("# Granular OAuth Scopes\n\n## Zoom User\n\n### Users\n\n" +
		"| API Endpoint | Granular Scopes |\n|--------------|-----------------|\n" +
		"| [Get a user](/docs/api/rest/reference/user/methods/#operation/user) | `user:read:user:admin` |\n" +
		"| [Update a user](/docs/api/rest/reference/user/methods/#operation/userUpdate) | `user:udpate:user:admin` |\n")
	doc, err := parser.Parse("granular.md", page, "")
	if err != nil {
		fmt.Println(err)
		return
	}
	c, err := catalog.Build([]*record.Document{doc})
	if err != nil {
		fmt.Println(err)
		return
	}
	rules, _ := lint.Select([]string{"UNKNOWN_ACTION"})
	for _, f := range lint.Run(c, rules) {
		fmt.Printf("%s:%d: %s %s -> %s\n", f.File, f.Line, f.Rule, f.Subject, f.Suggestion)
	}
	// Output:
	// granular.md:10: UNKNOWN_ACTION user:udpate:user:admin -> update
}
