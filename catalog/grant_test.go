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

// TestGrantsRestore: the grants a catalog gives survive Parts and Restore
// unchanged (source, kind and stating document), and Restore refuses a
// grant whose scope is unknown or whose source is not among the scope's.
func TestGrantsRestore(t *testing.T) {
	page := &record.Document{Path: "p.md", Kind: record.KindGranularMD, GranularRows: []record.GranularRow{
		row("Phone", "Get a", "phone", "", "getA", "phone:read:a", "phone:read:a:admin"),
		row("Phone", "Get b", "phone", "", "getB", "phone:read:a"),
	}}
	c, err := Build([]*record.Document{page})
	if err != nil {
		t.Fatal(err)
	}
	want := c.Grants()
	if len(want) != 3 || want[0].Via != record.KindGranularMD || want[0].Source.File != "t" {
		t.Fatalf("grants = %+v, want three stated by the page", want)
	}
	r, err := Restore(c.Parts())
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Grants(); !slices.Equal(got, want) {
		t.Errorf("restored grants = %+v, want %+v", got, want)
	}
	for name, bad := range map[string]func(g []Grant){
		"unknown scope":  func(g []Grant) { g[0].Scope = "phone:read:nothing" },
		"foreign source": func(g []Grant) { g[1].Source.Line = 999 },
		"endpoint":       func(g []Grant) { g[2].Endpoint = 7 },
	} {
		p := c.Parts()
		p.Grants = slices.Clone(p.Grants)
		bad(p.Grants)
		if _, err := Restore(p); err == nil {
			t.Errorf("%s: Restore accepted %+v", name, p.Grants)
		}
	}
}
