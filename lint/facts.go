package lint

import (
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/editdist"
	"github.com/scopeplan/scopeplan/parser/record"
)

// place says where a scope name is written, which decides the grammar it
// is judged by.
type place int

const (
	placeGranularPage place = iota // a granular scopes page row
	placeClassicPage               // a scope heading of the classic page
	placeRefGranular               // an API reference's granular list
	placeRefClassic                // an API reference's classic list
)

// granular reports whether names at the place are granular by position.
func (p place) granular() bool { return p == placeGranularPage || p == placeRefGranular }

// reference reports whether the place is inside an API reference.
func (p place) reference() bool { return p == placeRefGranular || p == placeRefClassic }

// occurrence is one scope name as written somewhere.
type occurrence struct {
	Name  string
	Src   record.Source
	Place place
	Doc   *record.Document
}

// Kind is the grammar the name is judged by: granular by position, or a
// name on a classic list that has the shape of a granular one (three or
// more segments whose third is not a level) and whose second segment is
// an action or close to one (a misspelt granular scope). A classic name
// written product:resource:action ("app:deeplink:write") is classic.
func (o occurrence) Kind() catalog.ScopeKind {
	if o.Place.granular() {
		return catalog.KindGranular
	}
	if catalog.LooksGranular(o.Name) && actionLike(o.Name) {
		return catalog.KindGranular
	}
	return catalog.KindClassic
}

// actionLike reports whether a name's second segment is an action or
// within two edits of one.
func actionLike(name string) bool {
	segs := strings.Split(strings.TrimSpace(name), ":")
	if len(segs) < 2 {
		return false
	}
	a := strings.TrimSpace(segs[1])
	for _, act := range catalog.Actions() {
		if editdist.Distance(a, act) <= 2 {
			return true
		}
	}
	return false
}

// facts are computed once per Run and shared by every pass; they are
// read-only after newFacts.
type facts struct {
	occurrences []occurrence
	// nameDefect marks (file, line, column) of occurrences whose name has
	// a name-level error (malformed, unknown action or level), so other
	// rules do not report the same defect twice.
	nameDefect map[record.Source]bool
	// resources counts well-formed granular names by product then
	// resource, one per occurrence.
	resources                       map[string]map[string]int
	hasGranularPage, hasClassicPage bool
}

func newFacts(c *catalog.Catalog) *facts {
	f := &facts{nameDefect: map[record.Source]bool{}, resources: map[string]map[string]int{}}
	for _, d := range c.Documents {
		if d == nil {
			continue
		}
		switch d.Kind {
		case record.KindGranularMD, record.KindGranularHTML:
			f.hasGranularPage = true
		case record.KindClassic:
			f.hasClassicPage = true
		}
		for _, r := range d.GranularRows {
			for _, s := range r.Scopes {
				f.occurrences = append(f.occurrences, occurrence{s.Name, s.Source, placeGranularPage, d})
			}
		}
		for _, cs := range d.ClassicScopes {
			f.occurrences = append(f.occurrences, occurrence{cs.Name, cs.Source, placeClassicPage, d})
		}
		for _, op := range d.Operations {
			for _, l := range op.Scopes {
				for _, s := range l.Classic {
					f.occurrences = append(f.occurrences, occurrence{s.Name, s.Source, placeRefClassic, d})
				}
				for _, s := range l.Granular {
					f.occurrences = append(f.occurrences, occurrence{s.Name, s.Source, placeRefGranular, d})
				}
			}
		}
	}
	for _, o := range f.occurrences {
		if len(nameDefects(c, o)) > 0 {
			f.nameDefect[o.Src] = true
			continue
		}
		if o.Kind() != catalog.KindGranular {
			continue
		}
		n := catalog.ParseScopeName(o.Name, catalog.KindGranular)
		if f.resources[n.Product] == nil {
			f.resources[n.Product] = map[string]int{}
		}
		f.resources[n.Product][n.Resource]++
	}
	return f
}

// granularPages returns the granular scopes pages among the documents.
func granularPages(c *catalog.Catalog) []*record.Document {
	var out []*record.Document
	for _, d := range c.Documents {
		if d != nil && (d.Kind == record.KindGranularMD || d.Kind == record.KindGranularHTML) {
			out = append(out, d)
		}
	}
	return out
}

// opLabel names an operation for messages and subjects: "METHOD /path",
// or its name when the path is unknown.
func opLabel(op *record.Operation) string {
	if op.Path != "" {
		return strings.ToUpper(op.Method) + " " + catalog.TrimPath(op.Path)
	}
	if op.OperationID != "" {
		return op.OperationID
	}
	return op.Name
}

// quoteList renders names as `a`, `b` for messages.
func quoteList(names []string) string {
	if len(names) == 0 {
		return "(none)"
	}
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "`" + n + "`"
	}
	return strings.Join(q, ", ")
}
