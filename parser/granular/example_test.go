package granular_test

import (
	"fmt"

	"github.com/scopeplan/scopeplan/parser/granular"
)

func ExampleParseMarkdown() {
	page := "## Zoom Meeting\n\n### Meetings\n\n" +
		"| API Endpoint | Granular Scopes |\n" +
		"|---|---|\n" +
		"| [Get a meeting](/docs/api/rest/reference/zoom-api/ma/#operation/meeting) | `meeting:read:meeting:master` |\n" +
		"| List meetings | `meeting:read:list_meetings`, `meeting:read:list_meetings:admin` |\n"
	doc, err := granular.ParseMarkdown("page.md", []byte(page))
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range doc.GranularRows {
		fmt.Printf("%s / %s: %q variant=%q op=%q line %d\n", r.Product, r.Section, r.Name, r.Variant(), r.OperationID(), r.Source.Line)
		for _, s := range r.Scopes {
			fmt.Printf("  %s at %d:%d\n", s.Name, s.Source.Line, s.Source.Column)
		}
	}
	for _, p := range doc.Problems {
		fmt.Println(p.Code, p.Subject)
	}
	// Output:
	// Zoom Meeting / Meetings: "Get a meeting" variant="master" op="meeting" line 7
	//   meeting:read:meeting:master at 7:79
	// Zoom Meeting / Meetings: "List meetings" variant="" op="" line 8
	//   meeting:read:list_meetings at 8:20
	//   meeting:read:list_meetings:admin at 8:50
	// ROW_WITHOUT_LINK List meetings
}
