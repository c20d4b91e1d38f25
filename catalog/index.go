package catalog

import "slices"

// idIndex maps a key to endpoint IDs, in the order added, without
// duplicates. Nearly every key names one endpoint, so such a key takes one
// int32 in a map (a position in a shared array) rather than a slice of its
// own; the few keys naming more keep a slice.
type idIndex struct {
	one  map[string]int32 // key -> position in first, for keys naming one endpoint
	ids  []int            // the endpoint of each position in one
	more map[string][]int // keys naming two endpoints or more
}

func newIDIndex(n int) idIndex {
	return idIndex{one: make(map[string]int32, n), ids: make([]int, 0, n), more: map[string][]int{}}
}

// get returns the endpoints of key, or nil. The slice must not be
// modified (appending to it copies).
func (x *idIndex) get(key string) []int {
	if p, ok := x.one[key]; ok {
		return x.ids[p : p+1 : p+1]
	}
	return x.more[key]
}

// add records endpoint id under key, unless it is there already.
func (x *idIndex) add(key string, id int) {
	if p, ok := x.one[key]; ok {
		if x.ids[p] != id {
			x.more[key] = []int{x.ids[p], id}
			delete(x.one, key)
		}
		return
	}
	if ids, ok := x.more[key]; ok {
		if !slices.Contains(ids, id) {
			x.more[key] = append(ids, id)
		}
		return
	}
	x.one[key] = int32(len(x.ids))
	x.ids = append(x.ids, id)
}

// keys calls f with every key, in no particular order.
func (x *idIndex) keys(f func(key string)) {
	for k := range x.one {
		f(k)
	}
	for k := range x.more {
		f(k)
	}
}
