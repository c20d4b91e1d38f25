package catalog

import (
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/internal/editdist"
)

// Scope returns a scope by exact name, granular first, then classic.
func (c *Catalog) Scope(name string) (*Scope, bool) {
	if s, ok := c.scopeIn(&c.granular, name); ok {
		return s, true
	}
	return c.scopeIn(&c.classic, name)
}

// GranularScope returns a granular scope by exact name.
func (c *Catalog) GranularScope(name string) (*Scope, bool) {
	return c.scopeIn(&c.granular, name)
}

// ClassicScope returns a classic scope by exact name.
func (c *Catalog) ClassicScope(name string) (*Scope, bool) {
	return c.scopeIn(&c.classic, name)
}

// Endpoint returns the endpoint with the given ID, or nil.
func (c *Catalog) Endpoint(id int) *Endpoint {
	if id < 0 || id >= len(c.Endpoints) {
		return nil
	}
	return c.Endpoints[id]
}

// EndpointsOf returns the endpoints with the given IDs.
func (c *Catalog) EndpointsOf(ids []int) []*Endpoint {
	out := make([]*Endpoint, 0, len(ids))
	for _, id := range ids {
		if e := c.Endpoint(id); e != nil {
			out = append(out, e)
		}
	}
	return out
}

// Stats are the catalog's headline counts.
type Stats struct {
	Endpoints           int `json:"endpoints" yaml:"endpoints"`
	GranularScopes      int `json:"granular_scopes" yaml:"granular_scopes"`
	ClassicScopes       int `json:"classic_scopes" yaml:"classic_scopes"`
	ClassicAssociations int `json:"classic_associations" yaml:"classic_associations"`
	Products            int `json:"products" yaml:"products"`
	Events              int `json:"events" yaml:"events"`
	EventsWithScopes    int `json:"events_with_scopes" yaml:"events_with_scopes"`
	// EventsWithGranular counts the events with granular scopes.
	EventsWithGranular int `json:"events_with_granular_scopes" yaml:"events_with_granular_scopes"`
}

// Stats counts endpoints, scopes (granular scopes as written anywhere;
// classic scopes as written anywhere), classic associations (every listed
// item, repeats included) and products (see Products).
func (c *Catalog) Stats() Stats {
	scoped, granular := c.eventCounts()
	return Stats{
		EventsWithScopes:    scoped,
		EventsWithGranular:  granular,
		Endpoints:           len(c.Endpoints),
		GranularScopes:      c.granular.n,
		ClassicScopes:       c.classic.n,
		ClassicAssociations: len(c.Associations),
		Products:            len(c.Products()),
		Events:              len(c.Events),
	}
}

// eventCounts counts the events with any scope and with granular ones.
func (c *Catalog) eventCounts() (scoped, granular int) {
	for _, e := range c.Events {
		if !e.Scopeless() {
			scoped++
		}
		if len(e.Granular) > 0 {
			granular++
		}
	}
	return scoped, granular
}

// Products lists the products, sorted: the product headings of the scope
// pages, plus the product of each API reference endpoint whose doc-link
// segment no page row uses (a product the pages do not cover).
func (c *Catalog) Products() []string {
	seen := map[string]bool{}
	pageSegments := map[string]bool{}
	for _, e := range c.Endpoints {
		if len(e.Rows) > 0 {
			seen[e.ProductTitle] = true
			pageSegments[strings.ToLower(e.Product)] = true
		}
	}
	for _, e := range c.Endpoints {
		if len(e.Rows) == 0 && !pageSegments[strings.ToLower(e.Product)] {
			name := e.ProductTitle
			if name == "" {
				name = e.Product
			}
			seen[name] = true
		}
	}
	out := make([]string, 0, len(seen))
	for p := range seen {
		if p != "" {
			out = append(out, p)
		}
	}
	sort.Strings(out)
	return out
}

// SpecKind says how a call spec was understood.
type SpecKind string

// Spec kinds, in the order Resolve tries them.
const (
	SpecPath        SpecKind = "path"         // "METHOD /path" or a full URL
	SpecLink        SpecKind = "link"         // a granular-page doc link
	SpecOperationID SpecKind = "operation_id" // an operationId
	SpecName        SpecKind = "name"         // an API name
)

// httpMethods are the methods a spec may start with.
func isHTTPMethod(s string) bool {
	switch strings.ToUpper(s) {
	case "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS":
		return true
	}
	return false
}

// docsHost is the host the granular page's links are relative to.
const docsHost = "https://developers.zoom.us"

// Resolve finds the endpoints a call spec names. A spec is "METHOD /path"
// (template or concrete path, with or without the https://api.zoom.us/v2
// prefix and query string), a granular-page doc link (with or without the
// https://developers.zoom.us prefix), an operationId, or an API name.
// Every match is returned (several when the spec is ambiguous), sorted by
// ID; none is an empty result, see Suggest.
func (c *Catalog) Resolve(spec string) ([]*Endpoint, SpecKind) {
	spec = strings.TrimSpace(spec)
	if spec == "" {
		return nil, SpecName
	}
	if f := strings.Fields(spec); len(f) == 2 && isHTTPMethod(f[0]) {
		return c.byMethodPath(strings.ToUpper(f[0]), f[1]), SpecPath
	}
	if strings.HasPrefix(spec, "/") && !strings.Contains(spec, "/docs/") || strings.Contains(strings.ToLower(spec), "api.zoom.us/") {
		// A path or URL without a method: every method at that path.
		var out []*Endpoint
		for _, m := range []string{"GET", "POST", "PUT", "PATCH", "DELETE"} {
			out = append(out, c.byMethodPath(m, spec)...)
		}
		return out, SpecPath
	}
	if strings.Contains(spec, "/docs/") || strings.Contains(spec, "#operation/") {
		link := strings.TrimPrefix(spec, docsHost)
		link = strings.TrimPrefix(link, strings.Replace(docsHost, "https", "http", 1))
		return c.EndpointsOf(sorted(c.byLink.get(link))), SpecLink
	}
	if ids := c.byOpID.get(spec); len(ids) > 0 {
		return c.EndpointsOf(sorted(ids)), SpecOperationID
	}
	return c.EndpointsOf(sorted(c.byName.get(normName(spec)))), SpecName
}

// sorted sorts ids (a new slice from an index) in place and returns it.
func sorted(ids []int) []int {
	sort.Ints(ids)
	return ids
}

// byMethodPath matches a concrete or template path against the endpoints'
// path templates, keeping only the most specific matches (most literal
// segments matched literally: /users/me/settings prefers a /users/me/...
// template over /users/{userId}/settings when both exist).
func (c *Catalog) byMethodPath(method, path string) []*Endpoint {
	if ids := c.byPath.get(pathKey(method, path)); len(ids) > 0 {
		return c.EndpointsOf(sorted(ids))
	}
	best := -1
	var ids []int
	for _, e := range c.Endpoints {
		if e.Path == "" || e.Method != method {
			continue
		}
		lit, ok := matchTemplate(e.Path, path)
		if !ok {
			continue
		}
		switch {
		case lit > best:
			best, ids = lit, []int{e.ID}
		case lit == best:
			ids = append(ids, e.ID)
		}
	}
	return c.EndpointsOf(ids)
}

// Suggest returns up to n "did you mean" candidates for a spec that
// resolved to nothing: nearest API names, operationIds, path templates and
// links by edit distance.
func (c *Catalog) Suggest(spec string, n int) []string {
	spec = strings.TrimSpace(spec)
	var vocab []string
	if f := strings.Fields(spec); len(f) == 2 && isHTTPMethod(f[0]) {
		// The same path under another method comes first; then templates
		// near in shape (segments, parameters, method: see shapeScore).
		var same []string
		for _, e := range c.Endpoints {
			if e.Path == "" {
				continue
			}
			if _, ok := matchTemplate(e.Path, f[1]); ok {
				same = append(same, e.Method+" "+e.Path)
			}
		}
		sort.Strings(same)
		// Endpoints whose path no loaded document gives can still be
		// named by operationId: offer those equal to the path's last
		// literal segment ("/users/{userId}/meetings" -> "meetings").
		if seg := lastLiteral(f[1]); seg != "" {
			for _, e := range c.Endpoints {
				if e.Path == "" && e.OperationID != "" && (strings.EqualFold(e.OperationID, seg) || strings.EqualFold(e.OperationID, strings.TrimSuffix(seg, "s"))) {
					same = append(same, e.OperationID)
				}
			}
		}
		var out []string
		seen := map[string]bool{}
		add := func(s string) {
			if !seen[s] && len(out) < n {
				seen[s] = true
				out = append(out, s)
			}
		}
		for _, s := range same {
			add(s)
		}
		for _, s := range c.pathSuggestions(strings.ToUpper(f[0]), f[1], n) {
			add(s)
		}
		return out
	} else if strings.Contains(spec, "/docs/") {
		c.byLink.keys(func(l string) { vocab = append(vocab, l) })
		spec = strings.TrimPrefix(spec, docsHost)
	} else {
		for _, e := range c.Endpoints {
			vocab = append(vocab, e.Name, e.OperationID)
		}
	}
	sort.Strings(vocab)
	return editdist.Nearest(spec, vocab, n, -1)
}

// lastLiteral is a path's last segment that is not a parameter.
func lastLiteral(p string) string {
	segs := strings.Split(TrimPath(p), "/")
	for i := len(segs) - 1; i >= 0; i-- {
		if segs[i] != "" && !isParam(segs[i]) {
			return segs[i]
		}
	}
	return ""
}

// PathsKnown counts the endpoints some loaded document gives a path for.
func (c *Catalog) PathsKnown() int {
	n := 0
	for _, e := range c.Endpoints {
		if e.Path != "" {
			n++
		}
	}
	return n
}

// SuggestScope returns up to n known scope names nearest to name.
func (c *Catalog) SuggestScope(name string, n int) []string {
	vocab := make([]string, 0, len(c.Scopes))
	for _, s := range c.Scopes {
		vocab = append(vocab, s.Name)
	}
	return editdist.Nearest(name, vocab, n, -1)
}
