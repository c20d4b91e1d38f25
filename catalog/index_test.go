package catalog

import (
	"fmt"
	"slices"
	"sort"
	"testing"
)

// TestIDIndex: IDs come back in the order added, once each, whether a key
// names one endpoint or several, also after the table grew (from its
// smallest size, many times); a returned slice cannot be grown into
// another key's IDs.
func TestIDIndex(t *testing.T) {
	c := &Catalog{}
	link := func(id int, l string) *Endpoint {
		for len(c.Endpoints) <= id {
			c.Endpoints = append(c.Endpoints, &Endpoint{ID: len(c.Endpoints)})
		}
		c.Endpoints[id].Link = l
		return c.Endpoints[id]
	}
	x := newIDIndex(&c.Endpoints, 0, linkKey)
	for _, e := range []*Endpoint{link(1, "a"), link(2, "b"), link(1, "a"), link(3, "c"), link(0, "")} {
		x.add(e.ID)
	}
	if got := x.get("a"); !slices.Equal(got, []int{1}) {
		t.Errorf("a = %v", got)
	}
	for _, e := range []*Endpoint{link(4, "a"), c.Endpoints[1], link(5, "a"), c.Endpoints[4]} {
		x.add(e.ID)
	}
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
	if got := x.get(""); got != nil {
		t.Errorf("the empty key = %v", got)
	}
	var keys []string
	x.keys(func(k string) { keys = append(keys, k) })
	sort.Strings(keys)
	if !slices.Equal(keys, []string{"a", "b", "c"}) {
		t.Errorf("keys = %v", keys)
	}
	// Many keys, some named by several endpoints added in a shuffled
	// order, through many growths.
	want := map[string][]int{}
	for i := 6; i < 5000; i++ {
		id := 6 + (i*7919)%4994 // a permutation of 6..4999
		k := fmt.Sprintf("k%d", id%1500)
		x.add(link(id, k).ID)
		want[k] = append(want[k], id)
	}
	for k, ids := range want {
		if got := x.get(k); !slices.Equal(got, ids) {
			t.Fatalf("%s = %v, want %v", k, got, ids)
		}
	}
}
