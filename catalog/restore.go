package catalog

import (
	"fmt"

	"github.com/scopeplan/scopeplan/parser/record"
)

// Parts are a built catalog's exported contents, as a snapshot stores them.
type Parts struct {
	Documents    []*record.Document
	Endpoints    []*Endpoint
	Scopes       []*Scope
	Grants       []Grant
	Associations []Association
	Events       []*Event
}

// Parts returns the catalog's contents for a snapshot (the grants as
// Grants gives them).
func (c *Catalog) Parts() Parts {
	return Parts{Documents: c.Documents, Endpoints: c.Endpoints, Scopes: c.Scopes, Grants: c.Grants(), Associations: c.Associations, Events: c.Events}
}

// Restore rebuilds a catalog from the parts of one Build produced,
// recomputing its indexes; it checks that endpoint IDs are positions.
func Restore(p Parts) (*Catalog, error) {
	c := &Catalog{
		Documents: p.Documents, Endpoints: p.Endpoints, Scopes: p.Scopes, Associations: p.Associations, Events: p.Events,
		byEvent: make(map[string]int, len(p.Events)),
	}
	c.newIndexes(len(p.Endpoints), len(p.Endpoints))
	b := &builder{c: c}
	for i, e := range p.Endpoints {
		if e == nil || e.ID != i {
			return nil, fmt.Errorf("restore catalog: endpoint %d is missing or misnumbered", i)
		}
		b.index(e)
	}
	for i, e := range p.Events {
		if e == nil || e.ID != i {
			return nil, fmt.Errorf("restore catalog: event %d is missing or misnumbered", i)
		}
		c.byEvent[e.Name] = i
	}
	classic := 0
	for i, s := range p.Scopes {
		if s == nil {
			return nil, fmt.Errorf("restore catalog: scope %d is missing", i)
		}
		if s.Kind == KindClassic {
			classic++
		}
		for _, id := range s.Endpoints {
			if id < 0 || id >= len(p.Endpoints) {
				return nil, fmt.Errorf("restore catalog: scope %s grants unknown endpoint %d", s.Name, id)
			}
		}
		for _, id := range s.Events {
			if id < 0 || id >= len(p.Events) {
				return nil, fmt.Errorf("restore catalog: scope %s grants unknown event %d", s.Name, id)
			}
		}
	}
	c.indexScopes(len(p.Scopes)-classic, classic)
	if err := c.restoreGrants(p.Grants); err != nil {
		return nil, err
	}
	return c, nil
}
