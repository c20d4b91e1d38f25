package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/editdist"
	"github.com/scopeplan/scopeplan/parser/record"
)

// place says where a scope name is written, which decides the grammar it
// is judged by.
type place int

const (
	placeGranularPage  place = iota // a granular scopes page row
	placeClassicPage                // a scope heading of the classic page
	placeRefGranular                // an API reference's granular list
	placeRefClassic                 // an API reference's classic list
	placeEventGranular              // a webhooks document's granular list
	placeEventClassic               // a webhooks document's classic list
)

// granular reports whether names at the place are granular by position.
func (p place) granular() bool {
	return p == placeGranularPage || p == placeRefGranular || p == placeEventGranular
}

// occurrence is one scope name as written somewhere. An operation or
// event that states one name in several statements (x-extensions, the
// description's text, security) is one occurrence, at the statement that
// comes first in the file; Also lists the others.
type occurrence struct {
	Name  string
	Src   record.Source
	Place place
	Doc   *record.Document
	// Owner names the operation ("METHOD /path") or event the name is
	// stated for; empty on the scope pages.
	Owner string
	// Also are the other statements of the same name for the same owner.
	Also []statement
}

// statement is one place an owner states a scope, with the statement's
// origin (x-extensions, text, security).
type statement struct {
	Src    record.Source
	Origin record.ScopeOrigin
}

// alsoNote tells where else the owner states the name, for messages: ""
// when it is stated once.
func (o occurrence) alsoNote() string {
	if len(o.Also) == 0 {
		return ""
	}
	parts := make([]string, len(o.Also))
	for i, a := range o.Also {
		parts[i] = fmt.Sprintf("line %d (%s)", a.Src.Line, a.Origin)
		switch {
		case a.Src.File == o.Src.File && a.Src.Line == o.Src.Line:
			parts[i] = fmt.Sprintf("line %d column %d (%s)", a.Src.Line, a.Src.Column, a.Origin)
		case a.Src.File != o.Src.File:
			parts[i] = fmt.Sprintf("%s:%d (%s)", a.Src.File, a.Src.Line, a.Origin)
		}
	}
	return fmt.Sprintf("; %s also states it at %s", o.Owner, strings.Join(parts, ", "))
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
				f.occurrences = append(f.occurrences, occurrence{Name: s.Name, Src: s.Source, Place: placeGranularPage, Doc: d})
			}
		}
		for _, cs := range d.ClassicScopes {
			f.occurrences = append(f.occurrences, occurrence{Name: cs.Name, Src: cs.Source, Place: placeClassicPage, Doc: d})
		}
		for oi := range d.Operations {
			op := &d.Operations[oi]
			f.occurrences = append(f.occurrences, statedOnce(d, opLabel(op), op.Scopes, placeRefClassic, placeRefGranular)...)
		}
		for ei := range d.Events {
			ev := &d.Events[ei]
			f.occurrences = append(f.occurrences, statedOnce(d, "event "+ev.Name, ev.Scopes, placeEventClassic, placeEventGranular)...)
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

// statedOnce turns an owner's scope statements into occurrences, one per
// name and list kind (classic, granular): a name stated in several
// statements is placed at the statement that comes first in the file
// (line, then column; the statements' order on a tie) and lists the others.
func statedOnce(d *record.Document, owner string, lists []record.ScopeList, classic, granular place) []occurrence {
	type key struct {
		name string
		pl   place
	}
	at := map[key]int{}
	var out []occurrence
	add := func(refs []record.ScopeRef, pl place, origin record.ScopeOrigin) {
		for _, s := range refs {
			k := key{s.Name, pl}
			i, ok := at[k]
			if !ok {
				at[k] = len(out)
				out = append(out, occurrence{Name: s.Name, Src: s.Source, Place: pl, Doc: d, Owner: owner,
					Also: []statement{{s.Source, origin}}})
				continue
			}
			out[i].Also = append(out[i].Also, statement{s.Source, origin})
		}
	}
	for _, l := range lists {
		add(l.Classic, classic, l.Origin)
		add(l.Granular, granular, l.Origin)
	}
	for i := range out {
		// Also holds every statement so far; the earliest becomes Src.
		st := out[i].Also
		sort.SliceStable(st, func(a, b int) bool { return before(st[a].Src, st[b].Src) })
		out[i].Src, out[i].Also = st[0].Src, dropSame(st[1:], st[0].Src)
		if len(out[i].Also) == 0 {
			out[i].Also = nil
		}
	}
	return out
}

// before orders sources by file, line, then column; an unknown line
// comes last.
func before(a, b record.Source) bool {
	if (a.Line == 0) != (b.Line == 0) {
		return b.Line == 0
	}
	if a.File != b.File {
		return a.File < b.File
	}
	if a.Line != b.Line {
		return a.Line < b.Line
	}
	return a.Column < b.Column
}

// dropSame removes the statements at src itself (one list naming a scope
// twice is not a second statement).
func dropSame(st []statement, src record.Source) []statement {
	out := st[:0]
	for _, s := range st {
		if s.Src != src {
			out = append(out, s)
		}
	}
	return out
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
