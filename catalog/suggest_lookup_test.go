package catalog_test

import (
	"slices"
	"testing"

	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
)

// TestSuggestLookup: on the embedded catalog a misspelt operation gets
// the endpoint suggestions, at most n.
func TestSuggestLookup(t *testing.T) {
	c := catalogtest.Embedded(t)
	got := c.SuggestLookup("userSetings", 5)
	if len(got) == 0 || len(got) > 5 || !slices.Equal(got, c.Suggest("userSetings", 5)) {
		t.Errorf("SuggestLookup(userSetings) = %q, want Suggest's %q", got, c.Suggest("userSetings", 5))
	}
	// An event-shaped name: the events the catalog has come first.
	spec := "recording.complted"
	ev := c.SuggestEvent(spec, 2)
	got = c.SuggestLookup(spec, 2)
	if len(got) > 2 || len(ev) > 0 && got[0] != ev[0] {
		t.Errorf("SuggestLookup(%s) = %q; events %q", spec, got, ev)
	}
}
