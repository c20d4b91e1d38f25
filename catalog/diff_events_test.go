package catalog_test

import (
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
)

// TestDiffEvents: events are compared by name; added, removed and
// changed scopes are each reported.
func TestDiffEvents(t *testing.T) {
	build := func(events string) *catalog.Catalog {
		t.Helper()
		doc, err := parser.Parse("w.json", []byte(`{"openapi":"3.1.0","info":{"title":"W"},"webhooks":{`+events+`}}`), "")
		if err != nil {
			t.Fatal(err)
		}
		c, err := catalog.Build([]*record.Document{doc})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	ev := func(name, scopes string) string {
		return `"` + name + `":{"post":{"operationId":"` + name + `","requestBody":{"description":"**Granular Scopes:** ` + scopes + `"}}}`
	}
	old := build(ev("a.kept", "`x:read:a`") + "," + ev("a.changed", "`x:read:b`") + "," + ev("a.gone", "`x:read:c`"))
	new := build(ev("a.kept", "`x:read:a`") + "," + ev("a.changed", "`x:read:b`,`x:read:d`") + "," + ev("a.new", "`x:read:e`"))
	d := catalog.Diff(old, new)
	if len(d.EventsAdded) != 1 || d.EventsAdded[0].Name != "a.new" ||
		len(d.EventsRemoved) != 1 || d.EventsRemoved[0].Name != "a.gone" ||
		len(d.EventsChanged) != 1 || d.EventsChanged[0].New.Name != "a.changed" ||
		len(d.EventsChanged[0].GranularAdded) != 1 || d.EventsChanged[0].GranularAdded[0] != "x:read:d" {
		t.Errorf("diff: added %v removed %v changed %+v", d.EventsAdded, d.EventsRemoved, d.EventsChanged)
	}
	if d.Empty() || !catalog.Diff(old, old).Empty() {
		t.Error("Empty() is wrong")
	}
}
