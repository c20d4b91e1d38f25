package catalog

import (
	"slices"
	"sort"
	"testing"
)

// TestIDIndex: IDs come back in the order added, once each, whether a key
// names one endpoint or several; a returned slice cannot be grown into
// another key's IDs.
func TestIDIndex(t *testing.T) {
	x := newIDIndex(0)
	x.add("a", 1)
	x.add("b", 2)
	x.add("a", 1)
	x.add("c", 3)
	if got := x.get("a"); !slices.Equal(got, []int{1}) {
		t.Errorf("a = %v", got)
	}
	x.add("a", 4)
	x.add("a", 1)
	x.add("a", 5)
	x.add("a", 4)
	if got := x.get("a"); !slices.Equal(got, []int{1, 4, 5}) {
		t.Errorf("a = %v, want [1 4 5]", got)
	}
	b := x.get("b")
	_ = append(b, 99)
	if got := x.get("c"); !slices.Equal(got, []int{3}) {
		t.Errorf("appending to b's IDs changed c: %v", got)
	}
	if got := x.get("missing"); got != nil {
		t.Errorf("missing = %v", got)
	}
	var keys []string
	x.keys(func(k string) { keys = append(keys, k) })
	sort.Strings(keys)
	if !slices.Equal(keys, []string{"a", "b", "c"}) {
		t.Errorf("keys = %v", keys)
	}
}
