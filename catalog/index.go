package catalog

import "hash/maphash"

// idIndex maps a key to positions in a list (the catalog's endpoints or
// scopes), in the order added, without duplicates. The key of an item is
// computed from it (keyOf), so the index stores no keys: an
// open-addressing table (linear probing) of positions, each with 8 bits of
// its key's hash to skip most comparisons. It takes 5 bytes a slot where a
// map from string keys took about 25 an entry.
type idIndex[T any] struct {
	list  *[]T
	keyOf func(T) string
	// empty files items whose key is empty too (endpoint indexes skip
	// them: an endpoint without an operationId has none).
	empty bool
	seed  maphash.Seed
	ids   []uint32 // position + 1; 0 is an empty slot
	tags  []uint8  // the top 8 bits of the key's hash
	n     int      // slots in use
}

func newIDIndex[T any](list *[]T, n int, keyOf func(T) string) idIndex[T] {
	x := idIndex[T]{list: list, keyOf: keyOf, seed: maphash.MakeSeed()}
	x.alloc(n)
	return x
}

// item is the item at a position of the list.
func (x *idIndex[T]) item(id int) T { return (*x.list)[id] }

// find returns the position of the first item filed under key.
func (x *idIndex[T]) find(key string) (int, bool) {
	if x.n == 0 {
		return 0, false
	}
	mask := len(x.ids) - 1
	i, tag := x.hash(key)
	for ; x.ids[i] != 0; i = (i + 1) & mask {
		if id := int(x.ids[i] - 1); x.tags[i] == tag && x.keyOf(x.item(id)) == key {
			return id, true
		}
	}
	return 0, false
}

// alloc makes the table large enough for n entries, empty.
func (x *idIndex[T]) alloc(n int) {
	size := 16
	for size*7/8 < n+1 {
		size *= 2
	}
	x.ids, x.tags, x.n = make([]uint32, size), make([]uint8, size), 0
}

func (x *idIndex[T]) hash(key string) (int, uint8) {
	h := maphash.String(x.seed, key)
	return int(h) & (len(x.ids) - 1), uint8(h >> 56)
}

// get returns the positions of key's items in the order added, or nil,
// in a new slice the caller may keep, sort or append to.
func (x *idIndex[T]) get(key string) []int {
	if x.n == 0 {
		return nil
	}
	var out []int
	mask := len(x.ids) - 1
	i, tag := x.hash(key)
	for ; x.ids[i] != 0; i = (i + 1) & mask {
		if x.tags[i] == tag {
			if id := int(x.ids[i] - 1); x.keyOf(x.item(id)) == key {
				out = append(out, id)
			}
		}
	}
	return out
}

// add files the item at position id under its key (none when the key is
// empty, unless x.empty), unless it is there already.
func (x *idIndex[T]) add(id int) {
	key := x.keyOf(x.item(id))
	if key == "" && !x.empty {
		return
	}
	if (x.n+1)*8 > len(x.ids)*7 {
		x.grow()
	}
	x.insert(key, id)
}

func (x *idIndex[T]) insert(key string, id int) {
	mask := len(x.ids) - 1
	i, tag := x.hash(key)
	for ; x.ids[i] != 0; i = (i + 1) & mask {
		if int(x.ids[i]-1) == id {
			return // an item has one key: this is it
		}
	}
	x.ids[i], x.tags[i] = uint32(id+1), tag
	x.n++
}

// grow doubles the table. It re-files the items chain by chain, starting
// after an empty slot, so that the items of one key keep the order they
// were added in.
func (x *idIndex[T]) grow() {
	old := x.ids
	x.alloc(len(old)) // twice the slots: room for as many entries again
	start := 0
	for start < len(old) && old[start] != 0 {
		start++
	}
	for k := 1; k <= len(old); k++ {
		if v := old[(start+k)%len(old)]; v != 0 {
			id := int(v - 1)
			x.insert(x.keyOf(x.item(id)), id)
		}
	}
}

// keys calls f with every key once, in no particular order.
func (x *idIndex[T]) keys(f func(key string)) {
	seen := make(map[string]bool, x.n)
	for _, v := range x.ids {
		if v == 0 {
			continue
		}
		if k := x.keyOf(x.item(int(v - 1))); !seen[k] {
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

func scopeKey(s *Scope) string { return s.Name }

// newIndexes makes the catalog's endpoint indexes, sized for n endpoints,
// the path index for paths (a granular page's rows have none; they take
// theirs from API reference operations). A table outgrown doubles.
func (c *Catalog) newIndexes(n, paths int) {
	c.byOpID = newIDIndex(&c.Endpoints, n, opIDKey)
	c.byLink = newIDIndex(&c.Endpoints, n, linkKey)
	c.byName = newIDIndex(&c.Endpoints, n, nameKey)
	c.byPath = newIDIndex(&c.Endpoints, paths, pathKeyOf)
}

// indexScopes files every scope of c.Scopes under its name, granular
// and classic apart, in tables sized for granular and classic scopes.
func (c *Catalog) indexScopes(granular, classic int) {
	c.granular = newIDIndex(&c.Scopes, granular, scopeKey)
	c.classic = newIDIndex(&c.Scopes, classic, scopeKey)
	c.granular.empty, c.classic.empty = true, true
	for i, s := range c.Scopes {
		if s.Kind == KindClassic {
			c.classic.add(i)
		} else {
			c.granular.add(i)
		}
	}
}

// scopeIn returns the scope filed under name in x.
func (c *Catalog) scopeIn(x *idIndex[*Scope], name string) (*Scope, bool) {
	if i, ok := x.find(name); ok {
		return c.Scopes[i], true
	}
	return nil, false
}
