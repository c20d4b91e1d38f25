package catalog

import (
	"sort"
	"strings"
)

// Key identifies an endpoint across two catalogs: its doc link when it has
// one, else its method and normalised path, else its product and name.
func (e *Endpoint) Key() string {
	switch {
	case e.Link != "":
		return e.Link
	case e.Path != "":
		return e.Method + " " + NormalizePath(e.Path)
	}
	return e.Product + "/" + normName(e.Name)
}

// EndpointChange is an endpoint present in both catalogs whose scopes differ.
type EndpointChange struct {
	Old, New        *Endpoint
	GranularAdded   []string
	GranularRemoved []string
	ClassicAdded    []string
	ClassicRemoved  []string
}

// Changes is what changed from one catalog to another.
type Changes struct {
	EndpointsAdded   []*Endpoint
	EndpointsRemoved []*Endpoint
	EndpointsChanged []EndpointChange
	ScopesAdded      []*Scope
	ScopesRemoved    []*Scope
	EventsAdded      []*Event
	EventsRemoved    []*Event
	EventsChanged    []EventChange
}

// EventChange is an event present in both catalogs whose scopes differ.
type EventChange struct {
	Old, New        *Event
	GranularAdded   []string
	GranularRemoved []string
	ClassicAdded    []string
	ClassicRemoved  []string
}

// Empty reports whether nothing changed.
func (d Changes) Empty() bool {
	return len(d.EndpointsAdded)+len(d.EndpointsRemoved)+len(d.EndpointsChanged)+len(d.ScopesAdded)+len(d.ScopesRemoved)+
		len(d.EventsAdded)+len(d.EventsRemoved)+len(d.EventsChanged) == 0
}

// diffEvents compares the events of two catalogs by name.
func (d *Changes) diffEvents(old, new *Catalog) {
	for _, ne := range new.Events {
		oe, ok := old.Event(ne.Name)
		if !ok || oe.Name != ne.Name {
			d.EventsAdded = append(d.EventsAdded, ne)
			continue
		}
		ch := EventChange{Old: oe, New: ne}
		ch.GranularAdded, ch.GranularRemoved = setDiff(oe.Granular, ne.Granular)
		ch.ClassicAdded, ch.ClassicRemoved = setDiff(oe.Classic, ne.Classic)
		if len(ch.GranularAdded)+len(ch.GranularRemoved)+len(ch.ClassicAdded)+len(ch.ClassicRemoved) > 0 {
			d.EventsChanged = append(d.EventsChanged, ch)
		}
	}
	for _, oe := range old.Events {
		if ne, ok := new.Event(oe.Name); !ok || ne.Name != oe.Name {
			d.EventsRemoved = append(d.EventsRemoved, oe)
		}
	}
	byName := func(s []*Event) {
		sort.Slice(s, func(i, j int) bool { return s[i].Name < s[j].Name })
	}
	byName(d.EventsAdded)
	byName(d.EventsRemoved)
	sort.Slice(d.EventsChanged, func(i, j int) bool { return d.EventsChanged[i].New.Name < d.EventsChanged[j].New.Name })
}

// Diff compares two catalogs: endpoints added and removed (by Key),
// endpoints whose scopes changed, scopes added and removed, and events
// added, removed and with changed scopes (by name). Endpoints
// sharing a key within one catalog are compared in order.
func Diff(old, new *Catalog) Changes {
	var d Changes
	oldBy := groupByKey(old.Endpoints)
	newBy := groupByKey(new.Endpoints)
	for _, k := range sortedKeys(newBy) {
		olds, news := oldBy[k], newBy[k]
		for i, ne := range news {
			if i >= len(olds) {
				d.EndpointsAdded = append(d.EndpointsAdded, ne)
				continue
			}
			oe := olds[i]
			ch := EndpointChange{Old: oe, New: ne}
			ch.GranularAdded, ch.GranularRemoved = setDiff(oe.Granular, ne.Granular)
			ch.ClassicAdded, ch.ClassicRemoved = setDiff(oe.Classic, ne.Classic)
			if len(ch.GranularAdded)+len(ch.GranularRemoved)+len(ch.ClassicAdded)+len(ch.ClassicRemoved) > 0 {
				d.EndpointsChanged = append(d.EndpointsChanged, ch)
			}
		}
	}
	for _, k := range sortedKeys(oldBy) {
		olds, news := oldBy[k], newBy[k]
		for i := len(news); i < len(olds); i++ {
			d.EndpointsRemoved = append(d.EndpointsRemoved, olds[i])
		}
	}
	d.pairMoved()
	for _, s := range new.Scopes {
		if _, ok := old.scopeOfKind(s.Name, s.Kind); !ok {
			d.ScopesAdded = append(d.ScopesAdded, s)
		}
	}
	for _, s := range old.Scopes {
		if _, ok := new.scopeOfKind(s.Name, s.Kind); !ok {
			d.ScopesRemoved = append(d.ScopesRemoved, s)
		}
	}
	d.diffEvents(old, new)
	return d
}

// pairMoved matches removed and added endpoints that are one operation
// whose key changed, because a document gave it a link or a path it did
// not have (an operation that now joins a page row): same method and
// path, or same product and operationId.
func (d *Changes) pairMoved() {
	alt := func(e *Endpoint) []string {
		var ks []string
		if e.Path != "" {
			ks = append(ks, "path "+e.Method+" "+NormalizePath(e.Path))
		}
		if e.OperationID != "" {
			ks = append(ks, "op "+strings.ToLower(e.Product)+" "+string(e.Variant)+" "+e.OperationID)
		}
		return ks
	}
	added := map[string]int{}
	for i, e := range d.EndpointsAdded {
		for _, k := range alt(e) {
			if _, ok := added[k]; !ok {
				added[k] = i
			}
		}
	}
	usedAdded := map[int]bool{}
	var removed []*Endpoint
	for _, o := range d.EndpointsRemoved {
		match := -1
		for _, k := range alt(o) {
			if i, ok := added[k]; ok && !usedAdded[i] {
				match = i
				break
			}
		}
		if match < 0 {
			removed = append(removed, o)
			continue
		}
		usedAdded[match] = true
		n := d.EndpointsAdded[match]
		ch := EndpointChange{Old: o, New: n}
		ch.GranularAdded, ch.GranularRemoved = setDiff(o.Granular, n.Granular)
		ch.ClassicAdded, ch.ClassicRemoved = setDiff(o.Classic, n.Classic)
		if len(ch.GranularAdded)+len(ch.GranularRemoved)+len(ch.ClassicAdded)+len(ch.ClassicRemoved) > 0 {
			d.EndpointsChanged = append(d.EndpointsChanged, ch)
		}
	}
	var added2 []*Endpoint
	for i, e := range d.EndpointsAdded {
		if !usedAdded[i] {
			added2 = append(added2, e)
		}
	}
	d.EndpointsAdded, d.EndpointsRemoved = added2, removed
}

func (c *Catalog) scopeOfKind(name string, kind ScopeKind) (*Scope, bool) {
	if kind == KindClassic {
		return c.ClassicScope(name)
	}
	return c.GranularScope(name)
}

func groupByKey(es []*Endpoint) map[string][]*Endpoint {
	m := map[string][]*Endpoint{}
	for _, e := range es {
		m[e.Key()] = append(m[e.Key()], e)
	}
	return m
}

func sortedKeys(m map[string][]*Endpoint) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

// setDiff returns what b adds to a and what it drops from it, sorted.
func setDiff(a, b []string) (added, removed []string) {
	in := func(s []string) map[string]bool {
		m := make(map[string]bool, len(s))
		for _, x := range s {
			m[x] = true
		}
		return m
	}
	am, bm := in(a), in(b)
	for _, x := range b {
		if !am[x] {
			added = append(added, x)
		}
	}
	for _, x := range a {
		if !bm[x] {
			removed = append(removed, x)
		}
	}
	sort.Strings(added)
	sort.Strings(removed)
	return added, removed
}
