package report

import (
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/planner"
)

// NewOverGrant lists, per chosen granular scope of the plan, the endpoints
// it grants beyond the mapped calls (as "METHOD /path", or the product and
// operationId, or the name); scopes granting nothing more are left out.
func NewOverGrant(c *catalog.Catalog, p *planner.Plan) *[]OverGrantScope {
	requested := map[int]bool{}
	for _, cp := range p.Calls {
		if cp.Endpoint != nil {
			requested[cp.Endpoint.ID] = true
		}
	}
	out := []OverGrantScope{}
	for _, name := range p.Granular {
		s, ok := c.GranularScope(name)
		if !ok {
			continue
		}
		var eps []string
		for _, e := range c.EndpointsOf(s.Endpoints) {
			if !requested[e.ID] {
				eps = append(eps, endpointShort(NewEndpointView(e)))
			}
		}
		if len(eps) > 0 {
			out = append(out, OverGrantScope{Scope: name, Endpoints: eps})
		}
	}
	return &out
}

// overGrantShown bounds the endpoints text lists per scope; JSON lists all.
const overGrantShown = 5
