package catalog

import "hash/maphash"

// idIndex maps a key to endpoint IDs, in the order added, without
// duplicates. The key of an endpoint is computed from it (keyOf), so the
// index stores no keys: an open-addressing table (linear probing) of
// endpoint IDs, each with 8 bits of its key's hash to skip most
// comparisons. It takes 5 bytes a slot where a map from string keys took
// about 25 an entry.
type idIndex struct {
	c     *Catalog
	keyOf func(e *Endpoint) string // "" for an endpoint not filed
	seed  maphash.Seed
	ids   []uint32 // endpoint ID + 1; 0 is an empty slot
	tags  []uint8  // the top 8 bits of the key's hash
	n     int      // slots in use
}

func newIDIndex(c *Catalog, n int, keyOf func(e *Endpoint) string) idIndex {
	x := idIndex{c: c, keyOf: keyOf, seed: maphash.MakeSeed()}
	x.alloc(n)
	return x
}

// alloc makes the table large enough for n entries, empty.
func (x *idIndex) alloc(n int) {
	size := 16
	for size*7/8 < n+1 {
		size *= 2
	}
	x.ids, x.tags, x.n = make([]uint32, size), make([]uint8, size), 0
}

func (x *idIndex) hash(key string) (int, uint8) {
	h := maphash.String(x.seed, key)
	return int(h) & (len(x.ids) - 1), uint8(h >> 56)
}

// get returns the endpoints of key in the order added, or nil.
func (x *idIndex) get(key string) []int {
	if x.n == 0 {
		return nil
	}
	var out []int
	mask := len(x.ids) - 1
	i, tag := x.hash(key)
	for ; x.ids[i] != 0; i = (i + 1) & mask {
		if x.tags[i] == tag {
			if id := int(x.ids[i] - 1); x.keyOf(x.c.Endpoints[id]) == key {
				out = append(out, id)
			}
		}
	}
	return out
}

// add files endpoint e under its key (none when the key is empty), unless
// it is there already.
func (x *idIndex) add(e *Endpoint) {
	key := x.keyOf(e)
	if key == "" {
		return
	}
	if (x.n+1)*8 > len(x.ids)*7 {
		x.grow()
	}
	x.insert(key, e.ID)
}

func (x *idIndex) insert(key string, id int) {
	mask := len(x.ids) - 1
	i, tag := x.hash(key)
	for ; x.ids[i] != 0; i = (i + 1) & mask {
		if int(x.ids[i]-1) == id {
			return // an endpoint has one key: this is it
		}
	}
	x.ids[i], x.tags[i] = uint32(id+1), tag
	x.n++
}

// grow doubles the table. It re-files the endpoints chain by chain,
// starting after an empty slot, so that the endpoints of one key keep
// the order they were added in.
func (x *idIndex) grow() {
	old := x.ids
	x.alloc(2 * len(old))
	start := 0
	for old[start] != 0 {
		start++
	}
	for k := 1; k <= len(old); k++ {
		if v := old[(start+k)%len(old)]; v != 0 {
			id := int(v - 1)
			x.insert(x.keyOf(x.c.Endpoints[id]), id)
		}
	}
}

// keys calls f with every key once, in no particular order.
func (x *idIndex) keys(f func(key string)) {
	seen := make(map[string]bool, x.n)
	for _, v := range x.ids {
		if v == 0 {
			continue
		}
		if k := x.keyOf(x.c.Endpoints[v-1]); !seen[k] {
			seen[k] = true
			f(k)
		}
	}
}

// The keys of the four endpoint indexes.
func opIDKey(e *Endpoint) string { return e.OperationID }
func linkKey(e *Endpoint) string { return e.Link }
func nameKey(e *Endpoint) string { return normName(e.Name) }
func pathKeyOf(e *Endpoint) string {
	if e.Path == "" {
		return ""
	}
	return pathKey(e.Method, e.Path)
}

// newIndexes makes the catalog's endpoint indexes, each sized for n
// endpoints.
func (c *Catalog) newIndexes(n int) {
	c.byOpID = newIDIndex(c, n, opIDKey)
	c.byLink = newIDIndex(c, n, linkKey)
	c.byName = newIDIndex(c, n, nameKey)
	c.byPath = newIDIndex(c, n, pathKeyOf)
}
