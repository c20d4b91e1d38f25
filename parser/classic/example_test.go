package classic_test

import (
	"fmt"
	"log"

	"github.com/scopeplan/scopeplan/parser/classic"
)

func ExampleParse() {
	page := []byte(`Account scopes
The following are the available Account scopes and their associated API calls:
account:read:admin
View account info
Associated API
- Get account settings
- [Get locked settings](/docs/api/rest/reference/account/methods/#operation/getLockedSettings)
account:master
Associated API`)

	doc, err := classic.Parse("classic.txt", page)
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range doc.ClassicScopes {
		fmt.Printf("%s / %s (line %d): %q\n", s.Group, s.Name, s.Source.Line, s.Description)
		for _, a := range s.APIs {
			if a.Link != "" {
				fmt.Printf("  %s -> %s\n", a.Name, a.Link)
			} else {
				fmt.Printf("  %s\n", a.Name)
			}
		}
	}
	for _, p := range doc.Problems {
		fmt.Printf("%s %s line %d\n", p.Code, p.Subject, p.Source.Line)
	}
	// Output:
	// Account / account:read:admin (line 3): "View account info"
	//   Get account settings
	//   Get locked settings -> /docs/api/rest/reference/account/methods/#operation/getLockedSettings
	// Account / account:master (line 8): ""
	// MISSING_FIELD account:master line 8
}
