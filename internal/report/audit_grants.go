package report

import "github.com/scopeplan/scopeplan/catalog"

// ScopeGrants is a requested scope with the label of every endpoint it
// grants.
type ScopeGrants struct {
	Scope     string
	Endpoints []string
}

// ListGrants lists, for the text of a call-less audit, every endpoint
// each scope of the blast radius grants in c (the radius itself gives
// per-product counts only). Scopes c lacks are left out.
func (r *AuditReport) ListGrants(c *catalog.Catalog) {
	r.Grants = nil
	for _, b := range r.BlastRadius {
		s, ok := c.Scope(b.Scope)
		if !ok {
			continue
		}
		g := ScopeGrants{Scope: b.Scope}
		for _, e := range c.EndpointsOf(s.Endpoints) {
			g.Endpoints = append(g.Endpoints, e.Label())
		}
		r.Grants = append(r.Grants, g)
	}
}

// writeAuditGrants writes what ListGrants listed, after the blast radius.
func writeAuditGrants(w *Writer, gs []ScopeGrants) {
	for _, g := range gs {
		w.Printf("\n%s grants:\n", g.Scope)
		for _, e := range g.Endpoints {
			w.Printf("  %s\n", e)
		}
	}
}
