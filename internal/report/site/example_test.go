package site_test

import (
	"fmt"
	"log"
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/report/site"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
)

// A granular scopes page with one endpoint, documented: the index, one
// product page and one page per scope.
func ExampleSite_Markdown() {
	page := "# Granular OAuth Scopes\n\n## Zoom User\n\n### Users\n\n" +
		"| API Endpoint | Granular Scopes |\n|---|---|\n" +
		"| [Get a user](/docs/api/rest/reference/user/methods/#operation/user) | `user:read:user`, `user:read:user:admin` |\n"
	doc, err := parser.Parse("granular.md", []byte(page), record.KindGranularMD)
	if err != nil {
		log.Fatal(err)
	}
	c, err := catalog.Build([]*record.Document{doc})
	if err != nil {
		log.Fatal(err)
	}
	s, err := site.New(c, site.Options{})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range s.Markdown() {
		fmt.Println(p.Path)
		if strings.HasPrefix(p.Path, "products/") {
			for _, line := range strings.Split(string(p.Content), "\n") {
				if strings.HasPrefix(line, "| admin") {
					fmt.Println(line)
				}
			}
		}
	}
	// Output:
	// index.md
	// products/zoom-user.md
	// | admin | [`user:read:user:admin`](../scopes/granular/user.read.user.admin.md) | — | — |
	// scopes/granular/user.read.user.md
	// scopes/granular/user.read.user.admin.md
}
