package catalog

import (
	"fmt"
	"slices"
	"sort"
	"testing"

	"github.com/scopeplan/scopeplan/parser/record"
)

// TestGrantsOncePerPair: a row naming a scope twice, and the same page
// given twice, give one grant per scope and endpoint, whether the
// endpoint's scope list is short or long (past longList, where grants
// are looked up in a map); every statement is still a source of the scope.
func TestGrantsOncePerPair(t *testing.T) {
	for _, n := range []int{3, longList - 1, longList, longList + 1, 5 * longList} {
		var names []string
		for i := range n {
			names = append(names, fmt.Sprintf("phone:read:thing%d", i))
		}
		twice := append(append([]string(nil), names...), names...)
		doc := func(kind record.Kind) *record.Document {
			return &record.Document{Path: string(kind), Kind: kind, GranularRows: []record.GranularRow{
				row("Phone", "Get thing", "phone", "", "getThing", twice...),
			}}
		}
		c, err := Build([]*record.Document{doc(record.KindGranularMD), doc(record.KindGranularHTML)})
		if err != nil {
			t.Fatal(err)
		}
		if len(c.Endpoints) != 1 {
			t.Fatalf("%d scopes: %d endpoints, want 1", n, len(c.Endpoints))
		}
		want := slices.Clone(names)
		sort.Strings(want)
		if got := c.Endpoints[0].Granular; !slices.Equal(got, want) {
			t.Errorf("%d scopes: endpoint's granular scopes = %v, want %v", n, got, want)
		}
		if len(c.Grants()) != n {
			t.Errorf("%d scopes: %d grants, want %d", n, len(c.Grants()), n)
		}
		for _, s := range c.Scopes {
			if !slices.Equal(s.Endpoints, []int{0}) || len(s.Sources) != 4 {
				t.Errorf("%d scopes: %s grants %v with %d sources, want [0] and 4", n, s.Name, s.Endpoints, len(s.Sources))
			}
		}
	}
}
