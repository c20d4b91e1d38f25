package catalog

import (
	"fmt"
	"slices"

	"github.com/scopeplan/scopeplan/parser/record"
)

// Grant is one edge scope -> endpoint, with where it is stated.
type Grant struct {
	Scope    string        `json:"scope" yaml:"scope"`
	Kind     ScopeKind     `json:"kind" yaml:"kind"`
	Endpoint int           `json:"endpoint" yaml:"endpoint"`
	Source   record.Source `json:"source" yaml:"source"`
	// Via says which document kind stated it.
	Via record.Kind `json:"via" yaml:"via"`
}

// edge is a Grant as the catalog keeps it, in 24 bytes where a Grant
// takes 88 (a catalog of a large table has one a row): the scope, whose
// name and kind the grant shares; the endpoint; the grant's source as a
// position in the scope's Sources (the builder adds the source there
// first); and the stating document kind as a position in Catalog.vias.
type edge struct {
	scope    *Scope
	endpoint int32
	source   int32
	via      uint8
}

// Grants returns every scope -> endpoint edge with its source, in the
// order the documents state them (each pair once, at its first
// statement). It builds the list on each call.
func (c *Catalog) Grants() []Grant {
	out := make([]Grant, len(c.grants))
	for i, g := range c.grants {
		out[i] = Grant{Scope: g.scope.Name, Kind: g.scope.Kind, Endpoint: int(g.endpoint), Source: g.scope.Sources[g.source], Via: c.vias[g.via]}
	}
	return out
}

// maxVias is how many document kinds edges can name (edge.via is a byte).
// Build states grants from the few kinds it reads; Restore refuses more.
const maxVias = 256

// addGrant records that s grants endpoint ep, stated at s.Sources[src] by
// a document of kind via; false when via would be kind maxVias+1.
func (c *Catalog) addGrant(s *Scope, ep, src int, via record.Kind) bool {
	v := slices.Index(c.vias, via)
	if v < 0 {
		if len(c.vias) == maxVias {
			return false
		}
		v = len(c.vias)
		c.vias = append(c.vias, via)
	}
	c.grants = append(c.grants, edge{scope: s, endpoint: int32(ep), source: int32(src), via: uint8(v)})
	return true
}

// restoreGrants files grants (as Grants gave them) as edges, once the
// scopes are indexed and have their sources: each grant's source is
// looked for in its scope's Sources after the previous grant's of the
// same scope, as the builder added them.
func (c *Catalog) restoreGrants(grants []Grant) error {
	if len(grants) == 0 {
		return nil
	}
	c.grants = make([]edge, 0, len(grants))
	next := map[*Scope]int{}
	for _, g := range grants {
		x := &c.granular
		if g.Kind == KindClassic {
			x = &c.classic
		}
		s, ok := c.scopeIn(x, g.Scope)
		if !ok {
			return fmt.Errorf("restore catalog: grant of unknown %s scope %q", g.Kind, g.Scope)
		}
		if g.Endpoint < 0 || g.Endpoint >= len(c.Endpoints) {
			return fmt.Errorf("restore catalog: scope %s grants unknown endpoint %d", g.Scope, g.Endpoint)
		}
		i := next[s]
		for i < len(s.Sources) && s.Sources[i] != g.Source {
			i++
		}
		if i == len(s.Sources) {
			return fmt.Errorf("restore catalog: grant %s -> endpoint %d: source %s:%d is not among the scope's sources", g.Scope, g.Endpoint, g.Source.File, g.Source.Line)
		}
		next[s] = i + 1
		if !c.addGrant(s, g.Endpoint, i, g.Via) {
			return fmt.Errorf("restore catalog: grants name more than %d document kinds", maxVias)
		}
	}
	return nil
}
