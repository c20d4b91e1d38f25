// Package catalog folds parsed scope documents into one joined model:
// endpoints (method + path template, operationId, name, product, variant),
// granular scopes and classic scopes, and the grants between them, each
// with the sources (file, line) that state it, indexed both ways.
//
// The catalog is built once by Build and never changes afterwards.
package catalog

import (
	"fmt"
	"slices"
	"sort"
	"strings"
	"unicode"

	"github.com/scopeplan/scopeplan/parser/record"
)

// Catalog is the joined model of a set of scope documents.
type Catalog struct {
	// Documents are the parsed inputs, in the order given.
	Documents []*record.Document `json:"-" yaml:"-"`
	// Endpoints, indexed by their ID.
	Endpoints []*Endpoint `json:"endpoints" yaml:"endpoints"`
	// Scopes, sorted by kind then name.
	Scopes []*Scope `json:"scopes" yaml:"scopes"`
	// Associations are the classic page's associated-API items.
	Associations []Association `json:"associations" yaml:"associations"`
	// Events are the event subscriptions, indexed by their ID.
	Events []*Event `json:"events,omitempty" yaml:"events,omitempty"`

	grants   []edge             // every scope -> endpoint edge (Grants)
	vias     []record.Kind      // the document kinds edges name
	byEvent  map[string]int     // event name -> event
	granular idIndex[*Scope]    // name -> granular scope
	classic  idIndex[*Scope]    // name -> classic scope
	byOpID   idIndex[*Endpoint] // operationId -> endpoints
	byLink   idIndex[*Endpoint] // doc link -> endpoints
	byName   idIndex[*Endpoint] // normalised name -> endpoints
	byPath   idIndex[*Endpoint] // METHOD + normalised path -> endpoints
}

// Build joins documents into a catalog. Granular pages come first, then
// classic pages, then API references in the order given; the order of
// documents of one kind decides nothing but the order of sources.
func Build(docs []*record.Document) (*Catalog, error) {
	for i, d := range docs {
		if d == nil {
			return nil, fmt.Errorf("build catalog: document %d is nil", i)
		}
	}
	// Size everything from what the documents hold, so that nothing grows
	// by doubling (a grown map or slice leaves its old arrays behind).
	refs, rows, eps, classic := 0, 0, 0, 0
	for _, d := range docs {
		for _, r := range d.GranularRows {
			refs += len(r.Scopes)
		}
		for _, cs := range d.ClassicScopes {
			refs += 2 * len(cs.APIs)
		}
		classic += len(d.ClassicScopes)
		refs += 4 * len(d.Operations)
		rows += len(d.GranularRows)
		eps += len(d.GranularRows) + len(d.Operations)
	}
	b := &builder{c: &Catalog{
		Documents: docs,
		Endpoints: make([]*Endpoint, 0, eps),
		grants:    make([]edge, 0, refs),
		Scopes:    make([]*Scope, 0, rows+classic),
		byEvent:   map[string]int{},
	}, docProduct: map[int]string{}, docVariants: map[int][]record.Variant{}, byName: map[grantKey]bool{}, firm: map[grantKey]bool{}}
	b.c.newIndexes(rows, eps-rows)
	b.c.indexScopes(rows, classic) // rows usually share scopes: rarely more than one new a row
	for i, d := range docs {
		if d.Kind == record.KindGranularMD || d.Kind == record.KindGranularHTML {
			b.addGranularPage(i, d)
		}
	}
	for _, d := range docs {
		if d.Kind == record.KindClassic {
			b.addClassicPage(d)
		}
	}
	// Operations that name an operationId of a page row join first, from
	// every reference, so that a weaker join (path, name) never claims a
	// row that a stronger one would have given to another operation.
	done := map[[2]int]bool{}
	for i, d := range docs {
		b.addReference(i, d, done, true)
	}
	for i, d := range docs {
		b.addReference(i, d, done, false)
	}
	for _, d := range docs {
		if d.Kind == record.KindClassic {
			b.addAssociations(d)
		}
	}
	for i, d := range docs {
		b.addEvents(i, d)
	}
	b.finish()
	return b.c, nil
}

type grantKey struct {
	scope    string
	kind     ScopeKind
	endpoint int
}

// seenKey is a grant as b.long knows it: the scope (one per name and kind)
// and the endpoint.
type seenKey struct {
	scope    *Scope
	endpoint int
}

// longList is the length from which an endpoint's scope list is looked
// up in builder.long rather than scanned.
const longList = 16

type builder struct {
	c *Catalog
	// long holds the grants of endpoints with long scope lists.
	long map[seenKey]bool
	// endpoints and scopes are slabs the builder takes new endpoints and
	// scopes from: one allocation for many, a whole number of pages each.
	endpoints slab[Endpoint]
	scopes    slab[Scope]
	// pathFromName marks endpoints whose path came from a name-only join.
	pathFromName map[int]bool
	// docProduct caches each reference document's product, docVariants
	// its operations' variants.
	docProduct  map[int]string
	docVariants map[int][]record.Variant
	// byName marks classic grants that rest on an API name matching
	// several endpoints; firm marks those that also have firmer ground.
	byName map[grantKey]bool
	firm   map[grantKey]bool
}

// normName is the form API names are compared in: lower case, runs of
// white space as one space, none at the ends. One pass, one allocation.
func normName(s string) string {
	// Fast path for ASCII, which nearly every API name is.
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 0x80:
			return normNameUnicode(s)
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f':
			space = b.Len() > 0
			continue
		case 'A' <= c && c <= 'Z':
			c += 'a' - 'A'
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteByte(c)
	}
	return b.String()
}

// normNameUnicode is normName for names with non-ASCII characters.
func normNameUnicode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return b.String()
}

func pathKey(method, path string) string {
	return strings.ToUpper(method) + " " + NormalizePath(path)
}

// newEndpoint adds an endpoint with the fields of v, taken from the slab.
func (b *builder) newEndpoint(v Endpoint) *Endpoint {
	e := b.endpoints.next()
	*e = v
	e.ID = len(b.c.Endpoints)
	b.c.Endpoints = append(b.c.Endpoints, e)
	b.index(e)
	return e
}

func (b *builder) index(e *Endpoint) {
	b.c.byOpID.add(e.ID)
	b.c.byLink.add(e.ID)
	b.c.byName.add(e.ID)
	b.c.byPath.add(e.ID)
}

// grant records that a scope grants an endpoint, stated at src: a source
// of the scope always, and a grant when it is the first for the pair. The
// endpoint's Granular or Classic list and the scope's Endpoints fill here,
// in grant order (finish sorts them); the endpoint's list is what tells a
// pair seen before (and b.long, once the list is long).
func (b *builder) grant(scope string, kind ScopeKind, ep int, src record.Source, via record.Kind) {
	s := b.scope(scope, kind)
	s.Sources = appendDoubling(s.Sources, src)
	srcAt := len(s.Sources) - 1
	e := b.c.Endpoints[ep]
	list := &e.Granular
	if kind == KindClassic {
		list = &e.Classic
	}
	if len(*list) < longList {
		if slices.Contains(*list, scope) {
			return
		}
	} else if b.long[seenKey{s, ep}] {
		return
	}
	*list = append(*list, scope)
	if n := len(*list); n >= longList {
		// A long list is looked up in a map, so that a row naming
		// thousands of scopes costs no more than thousands of rows.
		if b.long == nil {
			b.long = map[seenKey]bool{}
		}
		if n == longList {
			for _, name := range *list {
				b.long[seenKey{b.scope(name, kind), ep}] = true
			}
		} else {
			b.long[seenKey{s, ep}] = true
		}
	}
	s.Endpoints = appendDoubling(s.Endpoints, ep)
	b.c.addGrant(s, ep, srcAt, via) // Build reads far fewer than maxVias kinds
}

// appendDoubling is append, but a full slice doubles: a scope that many
// rows share (thousands of sources and endpoints) leaves about its size
// in old arrays behind, where append's growth of a quarter leaves four
// times that.
func appendDoubling[T any](s []T, v T) []T {
	if len(s) == cap(s) && len(s) >= 256 {
		s = slices.Grow(s, len(s))
	}
	return append(s, v)
}

func (b *builder) scope(name string, kind ScopeKind) *Scope {
	x := &b.c.granular
	if kind == KindClassic {
		x = &b.c.classic
	}
	if s, ok := b.c.scopeIn(x, name); ok {
		return s
	}
	s := b.scopes.next()
	*s = Scope{Name: name, Kind: kind}
	b.c.Scopes = append(b.c.Scopes, s)
	x.add(len(b.c.Scopes) - 1)
	return s
}

// dominantProducts maps each "## Product" heading of a granular page to the
// link product segment most of its rows use, for rows that have no link.
func dominantProducts(d *record.Document) map[string]string {
	counts := map[string]map[string]int{}
	for _, r := range d.GranularRows {
		lp := r.LinkProduct()
		if lp == "" {
			continue
		}
		if counts[r.Product] == nil {
			counts[r.Product] = map[string]int{}
		}
		counts[r.Product][lp]++
	}
	out := map[string]string{}
	for heading, m := range counts {
		best, n := "", -1
		for p, c := range m {
			if c > n || (c == n && p < best) {
				best, n = p, c
			}
		}
		out[heading] = best
	}
	return out
}

func (b *builder) addGranularPage(di int, d *record.Document) {
	dominant := dominantProducts(d)
	for ri, r := range d.GranularRows {
		var e *Endpoint
		// A row whose link another granular document already gave is the
		// same endpoint (the page given twice, as Markdown and as HTML).
		if r.Link != "" {
			for _, id := range b.c.byLink.get(r.Link) {
				if ep := b.c.Endpoints[id]; len(ep.Rows) > 0 && ep.Rows[0].Doc != di {
					e = ep
					break
				}
			}
		}
		if e == nil {
			link := record.ParseLink(r.Link)
			product := link.Product
			if product == "" {
				product = dominant[r.Product]
			}
			variant := link.Variant
			if variant == "" {
				variant = record.VariantRegular
			}
			e = b.newEndpoint(Endpoint{
				OperationID:  link.OperationID,
				Name:         r.Name,
				Product:      product,
				ProductTitle: r.Product,
				Section:      r.Section,
				Variant:      variant,
				Link:         r.Link,
				Join:         JoinPageOnly,
			})
		}
		e.Rows = append(e.Rows, RowRef{Doc: di, Row: ri})
		e.Sources = append(e.Sources, r.Source)
		for _, s := range r.Scopes {
			sc := b.scope(s.Name, KindGranular)
			sc.Defined = true
			b.grant(s.Name, KindGranular, e.ID, s.Source, d.Kind)
		}
	}
}

func (b *builder) addClassicPage(d *record.Document) {
	for _, cs := range d.ClassicScopes {
		s := b.scope(cs.Name, KindClassic)
		s.Defined = true
		if s.Group == "" {
			s.Group = cs.Group
		}
		if s.Description == "" {
			s.Description = cs.Description
		}
		s.Sources = append(s.Sources, cs.Source)
	}
}

// addAssociations turns the classic page's associated-API items into
// grants. An item names an API, not an endpoint, so it matches every
// endpoint of that name; when it matches several, two rules narrow the
// match, both from what the documents say and never by guessing:
//   - level: a :master classic scope goes to master-account (/ma/) rows,
//     any other to regular rows, when the name has rows of both kinds;
//   - product: when some matches belong to a product or section that
//     shares a word with the scope's product prefix or group
//     ("user:read:admin" in group "User" and the "Zoom User" rows), only
//     those are kept.
//
// A grant that still rests on a name shared by several endpoints is
// recorded in Endpoint.ClassicByName, so plans can say so.
func (b *builder) addAssociations(d *record.Document) {
	for _, cs := range d.ClassicScopes {
		words := scopeWords(cs.Name, cs.Group)
		level := LevelOf(cs.Name)
		for _, item := range cs.APIs {
			all := b.c.byName.get(normName(item.Name))
			sort.Ints(all)
			eps := b.narrow(all, level, words)
			a := Association{Scope: cs.Name, API: item.Name, Link: item.Link, Endpoints: eps, Source: item.Source}
			if len(eps) != len(all) {
				a.Matched = all
			}
			b.c.Associations = append(b.c.Associations, a)
			for _, id := range eps {
				b.grant(cs.Name, KindClassic, id, item.Source, d.Kind)
				k := grantKey{cs.Name, KindClassic, id}
				if len(eps) > 1 {
					b.byName[k] = true
				} else {
					b.firm[k] = true
				}
			}
		}
	}
}

// narrow applies the level and product rules to the endpoints an API name
// matched.
func (b *builder) narrow(ids []int, level Level, words map[string]bool) []int {
	if len(ids) < 2 {
		return ids
	}
	keep := func(ok func(e *Endpoint) bool) {
		var out []int
		for _, id := range ids {
			if ok(b.c.Endpoints[id]) {
				out = append(out, id)
			}
		}
		if len(out) > 0 {
			ids = out
		}
	}
	want := record.VariantRegular
	if level == LevelMaster {
		want = record.VariantMaster
	}
	keep(func(e *Endpoint) bool { return e.Variant == want })
	keep(func(e *Endpoint) bool { return sharesWord(words, e.Product+" "+e.ProductTitle+" "+e.Section) })
	return ids
}

// scopeWords are the words of a classic scope's product prefix and group,
// lower case: "phone_recording:read:admin" in "Phone Recording" gives
// phone, recording.
func scopeWords(name, group string) map[string]bool {
	w := map[string]bool{}
	prefix, _, _ := strings.Cut(name, ":")
	for _, f := range strings.FieldsFunc(strings.ToLower(prefix+" "+group), isWordBreak) {
		if len(f) >= 3 && f != "zoom" && f != "scopes" {
			w[f] = true
		}
	}
	return w
}

// sharesWord reports whether an endpoint's product segment, product title
// or section has a word that equals, or is a prefix of, a scope word or the
// other way round (scim and scim2, dashboard and dashboards).
func sharesWord(words map[string]bool, text string) bool {
	for _, f := range strings.FieldsFunc(strings.ToLower(text), isWordBreak) {
		if len(f) < 3 || f == "zoom" || f == "api" {
			continue
		}
		for w := range words {
			if strings.HasPrefix(w, f) || strings.HasPrefix(f, w) {
				return true
			}
		}
	}
	return false
}

func isWordBreak(r rune) bool {
	return !unicode.IsLetter(r) && !unicode.IsDigit(r)
}

// referenceProduct caches ReferenceProduct per document.
func (b *builder) referenceProduct(di int, d *record.Document) string {
	if p, ok := b.docProduct[di]; ok {
		return p
	}
	p := ReferenceProduct(d)
	b.docProduct[di] = p
	return p
}

// addReference joins an API reference's operations. With byIDOnly it
// takes only the operations whose operationId names page rows; otherwise
// every operation not yet taken.
func (b *builder) addReference(di int, d *record.Document, done map[[2]int]bool, byIDOnly bool) {
	if b.pathFromName == nil {
		b.pathFromName = map[int]bool{}
	}
	product := b.referenceProduct(di, d)
	variants := b.operationVariants(di, d)
	for oi := range d.Operations {
		if done[[2]int{di, oi}] {
			continue
		}
		op := &d.Operations[oi]
		variant := variants[oi]
		var ids []int
		var kind JoinKind
		if byIDOnly {
			if ids = b.joinByID(product, variant, op); len(ids) == 0 {
				continue
			}
			kind = JoinOperationID
		} else {
			ids, kind = b.join(product, variant, op)
		}
		done[[2]int{di, oi}] = true
		var e *Endpoint
		switch {
		case len(ids) == 1:
			e = b.c.Endpoints[ids[0]]
			// Only an endpoint with a scope-page row is "joined"; one that
			// an earlier reference created keeps its unmatched/ambiguous mark.
			if len(e.Rows) > 0 && kind.rank() < e.Join.rank() {
				e.Join = kind
			}
		default:
			jk := JoinUnmatched
			if len(ids) > 1 {
				jk = JoinAmbiguous
			}
			e = b.newEndpoint(Endpoint{
				Name:         op.Name,
				Product:      product,
				ProductTitle: d.Title,
				Variant:      variant,
				Join:         jk,
				Candidates:   ids,
			})
			kind = jk
		}
		b.attach(e, di, oi, op, kind)
	}
}

// operationVariants caches, per reference document, the variant of each
// of its operations: the document's (see documentVariant), unless the
// document describes both variants of an operation (its operationId
// twice): then the path tells them apart.
func (b *builder) operationVariants(di int, d *record.Document) []record.Variant {
	if v, ok := b.docVariants[di]; ok {
		return v
	}
	doc := documentVariant(d)
	ids := map[string]int{}
	for _, op := range d.Operations {
		if op.OperationID != "" {
			ids[op.OperationID]++
		}
	}
	out := make([]record.Variant, len(d.Operations))
	for i, op := range d.Operations {
		out[i] = doc
		if ids[op.OperationID] > 1 {
			out[i] = record.VariantRegular
			if IsMasterPath(op.Path) {
				out[i] = record.VariantMaster
			}
		}
	}
	b.docVariants[di] = out
	return out
}

// documentVariant is the variant of an API reference's operations: a
// master-account document (Zoom's ma/master.json) has its paths under
// /accounts/{accountId}/ (most of them: real files carry a stray regular
// path); a document whose paths are mostly regular is a regular one, even
// where its own paths start so (the Accounts API's
// "/accounts/{accountId}/settings").
func documentVariant(d *record.Document) record.Variant {
	master, regular := 0, 0
	for _, op := range d.Operations {
		switch {
		case op.Path == "":
		case IsMasterPath(op.Path):
			master++
		default:
			regular++
		}
	}
	if master > regular {
		return record.VariantMaster
	}
	return record.VariantRegular
}

// join finds the endpoints an API reference operation describes: by
// (product, operationId), then by method + path, then by name within the
// product. It returns one ID (joined), several (ambiguous) or none.
func (b *builder) join(product string, variant record.Variant, op *record.Operation) ([]int, JoinKind) {
	filter := func(ids []int, keep func(e *Endpoint) bool) []int {
		var out []int
		for _, id := range ids {
			if keep(b.c.Endpoints[id]) {
				out = append(out, id)
			}
		}
		return out
	}
	if ids := b.joinByID(product, variant, op); len(ids) > 0 {
		return ids, JoinOperationID
	}
	if op.Path != "" && op.Method != "" {
		if ids := b.c.byPath.get(pathKey(op.Method, op.Path)); len(ids) > 0 {
			kind := JoinPath
			if len(ids) == 1 && b.pathFromName[ids[0]] {
				kind = JoinName
			}
			return append([]int(nil), ids...), kind
		}
	}
	if n := normName(op.Name); n != "" {
		ids := filter(b.c.byName.get(n), func(e *Endpoint) bool {
			if product != "" && !sameProduct(e.Product, product) {
				return false
			}
			if e.Variant != variant {
				return false
			}
			// A row that already has another path is another operation
			// that happens to share the name.
			return e.Path == "" || pathKey(e.Method, e.Path) == pathKey(op.Method, op.Path)
		})
		if len(ids) > 0 {
			return ids, JoinName
		}
	}
	return nil, JoinUnmatched
}

// joinByID returns the page rows an operation's operationId names whose
// scopes agree with the granular scopes the operation states (any row,
// when it states none). When several remain (the same operationId in two
// products, or the regular and master-account rows of one operation), the
// rows whose scopes agree most win, then the rows of the
// variant its path gives (/accounts/{accountId}/... is the master
// account's), then those of the product the document, the operation's
// tags or its path name. When rows still tie, the operationId joins none
// and the path or name join decides. No product table is needed for a join: it only
// breaks ties, so a product nobody listed joins just as well.
func (b *builder) joinByID(product string, variant record.Variant, op *record.Operation) []int {
	if op.OperationID == "" {
		return nil
	}
	var rows []int
	for _, id := range b.c.byOpID.get(op.OperationID) {
		if len(b.c.Endpoints[id].Rows) > 0 {
			rows = append(rows, id)
		}
	}
	if len(rows) == 0 {
		return nil
	}
	if rows = b.byStatedScopes(rows, op); len(rows) < 2 {
		return rows
	}
	keep := func(ok func(e *Endpoint) bool) {
		var out []int
		for _, id := range rows {
			if ok(b.c.Endpoints[id]) {
				out = append(out, id)
			}
		}
		if len(out) > 0 {
			rows = out
		}
	}
	keep(func(e *Endpoint) bool { return e.Variant == variant })
	for _, p := range []string{product, productIn(productTable(), "", op.Tags...), productOfPath(op.Path)} {
		if p != "" && len(rows) > 1 {
			keep(func(e *Endpoint) bool { return sameProduct(e.Product, p) })
		}
	}
	if len(rows) > 1 {
		// The operationId does not say which: the path or name decides.
		return nil
	}
	return rows
}

// byStatedScopes keeps the rows whose page scopes share the most names
// with the granular scopes the operation states; all of them when it
// states none, and none when no row shares any: an operation of another
// product that reuses an operationId (Number Management's peering numbers
// and Phone's) is not the row's operation.
func (b *builder) byStatedScopes(rows []int, op *record.Operation) []int {
	stated := op.Granular()
	if len(stated) == 0 {
		return rows
	}
	want := make(map[string]bool, len(stated))
	for _, s := range stated {
		want[strings.TrimSpace(s.Name)] = true
	}
	best, top := 0, []int(nil)
	for _, id := range rows {
		n := 0
		for _, s := range b.pageScopes(id) {
			if want[strings.TrimSpace(s)] {
				n++
			}
		}
		switch {
		case n > best:
			best, top = n, []int{id}
		case n == best && n > 0:
			top = append(top, id)
		}
	}
	return top
}

// pageScopes are the granular scopes the page rows of an endpoint state.
func (b *builder) pageScopes(id int) []string {
	var out []string
	for _, r := range b.c.Endpoints[id].Rows {
		for _, s := range b.c.Documents[r.Doc].GranularRows[r.Row].Scopes {
			out = append(out, s.Name)
		}
	}
	return out
}

// attach records an API reference operation on its endpoint: method, path
// and operationId where the endpoint lacks them, and its scopes.
func (b *builder) attach(e *Endpoint, di, oi int, op *record.Operation, kind JoinKind) {
	d := b.c.Documents[di]
	e.Refs = append(e.Refs, OperationRef{Doc: di, Op: oi, Join: kind})
	e.Sources = append(e.Sources, op.Source)
	if e.Path == "" && op.Path != "" {
		e.Method = strings.ToUpper(op.Method)
		e.Path = TrimPath(op.Path)
		if kind == JoinName {
			b.pathFromName[e.ID] = true
		}
		b.c.byPath.add(e.ID)
	}
	if e.OperationID == "" && op.OperationID != "" {
		e.OperationID = op.OperationID
		b.c.byOpID.add(e.ID)
	}
	for _, perm := range op.Permissions {
		if perm = strings.TrimSpace(perm); perm != "" && !slices.Contains(e.Permissions, perm) {
			e.Permissions = append(e.Permissions, perm)
		}
	}
	for _, s := range op.Classic() {
		b.grant(s.Name, KindClassic, e.ID, s.Source, d.Kind)
		b.firm[grantKey{s.Name, KindClassic, e.ID}] = true
	}
	// The granular page is the authority on granular scopes; a reference's
	// own granular list fills in only endpoints no page row describes (page
	// rows are the only Rows an endpoint has).
	// Where both exist and disagree, lint reports it.
	if len(e.Rows) == 0 {
		for _, s := range op.Granular() {
			b.grant(s.Name, KindGranular, e.ID, s.Source, d.Kind)
		}
	}
}

// sortedList sorts a scope list in place and returns it, empty rather
// than nil so that it encodes as [] (endpoints and events alike).
func sortedList(s []string) []string {
	sort.Strings(s)
	if s == nil {
		return []string{}
	}
	return s
}

// finish fills the per-endpoint and per-scope lists and sorts everything.
func (b *builder) finish() {
	c := b.c
	for k := range b.byName {
		if !b.firm[k] {
			e := c.Endpoints[k.endpoint]
			e.ClassicByName = append(e.ClassicByName, k.scope)
		}
	}
	for _, e := range c.Endpoints {
		sort.Strings(e.Permissions)
		sort.Strings(e.ClassicByName)
		e.Granular = sortedList(e.Granular)
		e.Classic = sortedList(e.Classic)
	}
	for _, s := range c.Scopes {
		sort.Ints(s.Endpoints)
		if s.Endpoints == nil {
			s.Endpoints = []int{}
		}
	}
	sort.Slice(c.Scopes, func(i, j int) bool {
		if c.Scopes[i].Kind != c.Scopes[j].Kind {
			return c.Scopes[i].Kind == KindGranular
		}
		return c.Scopes[i].Name < c.Scopes[j].Name
	})
	// Sorting moved the scopes: file them again, at their new places.
	c.indexScopes(c.granular.n, c.classic.n)
	c.finishEvents()
}
