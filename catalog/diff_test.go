package catalog

import (
	"reflect"
	"testing"

	"github.com/scopeplan/scopeplan/parser/record"
)

func TestDiff(t *testing.T) {
	page := func(rows ...record.GranularRow) *Catalog {
		c, err := Build([]*record.Document{{Path: "p.md", Kind: record.KindGranularMD, GranularRows: rows}})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	old := page(
		row("Zoom User", "Get a user", "user", "methods", "user", "user:read:user", "user:read:user:admin"),
		row("Zoom User", "List users", "user", "methods", "users", "user:read:list_users:admin"),
	)
	new := page(
		row("Zoom User", "Get a user", "user", "methods", "user", "user:read:user:admin", "user:read:user:master"),
		row("Zoom User", "Get user settings", "user", "methods", "userSettings", "user:read:settings"),
	)
	d := Diff(old, new)
	names := func(es []*Endpoint) []string {
		var out []string
		for _, e := range es {
			out = append(out, e.Name)
		}
		return out
	}
	if got := names(d.EndpointsAdded); !reflect.DeepEqual(got, []string{"Get user settings"}) {
		t.Errorf("added = %v", got)
	}
	if got := names(d.EndpointsRemoved); !reflect.DeepEqual(got, []string{"List users"}) {
		t.Errorf("removed = %v", got)
	}
	if len(d.EndpointsChanged) != 1 || !reflect.DeepEqual(d.EndpointsChanged[0].GranularAdded, []string{"user:read:user:master"}) ||
		!reflect.DeepEqual(d.EndpointsChanged[0].GranularRemoved, []string{"user:read:user"}) {
		t.Errorf("changed = %+v", d.EndpointsChanged)
	}
	var added, removed []string
	for _, s := range d.ScopesAdded {
		added = append(added, s.Name)
	}
	for _, s := range d.ScopesRemoved {
		removed = append(removed, s.Name)
	}
	if !reflect.DeepEqual(added, []string{"user:read:settings", "user:read:user:master"}) || !reflect.DeepEqual(removed, []string{"user:read:list_users:admin", "user:read:user"}) {
		t.Errorf("scopes added %v removed %v", added, removed)
	}
	if !Diff(old, old).Empty() {
		t.Error("a catalog differs from itself")
	}
}

// TestDiffPairsMovedEndpoints: an operation that an API reference described
// alone and that now joins a page row is one endpoint, not a removal and an
// addition.
func TestDiffPairsMovedEndpoints(t *testing.T) {
	ref := &record.Document{Path: "u.txt", Kind: record.KindOpenAPIText, Title: "Users", Operations: []record.Operation{
		op("GET", "/users/{userId}/things", "things", "List things", nil, []string{"user:read:things"}),
	}}
	old, err := Build([]*record.Document{ref})
	if err != nil {
		t.Fatal(err)
	}
	page := &record.Document{Path: "p.md", Kind: record.KindGranularMD, GranularRows: []record.GranularRow{
		row("Zoom User", "List things", "user", "methods", "things", "user:read:things", "user:read:things:admin"),
	}}
	new, err := Build([]*record.Document{page, ref})
	if err != nil {
		t.Fatal(err)
	}
	d := Diff(old, new)
	if len(d.EndpointsAdded)+len(d.EndpointsRemoved) != 0 || len(d.EndpointsChanged) != 1 ||
		!reflect.DeepEqual(d.EndpointsChanged[0].GranularAdded, []string{"user:read:things:admin"}) {
		t.Errorf("diff = added %d removed %d changed %+v", len(d.EndpointsAdded), len(d.EndpointsRemoved), d.EndpointsChanged)
	}
}
