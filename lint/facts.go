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

// replace returns the edits that write fixed instead of the name at every
// statement of the occurrence.
func (o occurrence) replace(fixed string) []Fix {
	srcs := []record.Source{o.Src}
	for _, a := range o.Also {
		srcs = append(srcs, a.Src)
	}
	return replaceAt(o.Name, fixed, srcs...)
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
		if _, ok := editdist.Within(a, act, 2); ok {
			return true
		}
	}
	return false
}

// facts are what several rules need, computed once per Run on first use
// and shared by every pass: a rule that does not ask for a fact does not
// pay for it. They are read-only once computed.
type facts struct {
	c *catalog.Catalog

	occurrences     []occurrence
	occurrencesDone bool
	// kinds[i] is occurrences[i].Kind().
	kinds []catalog.ScopeKind
	// defects[i] are the name-level defects of occurrences[i]; parsed[i]
	// is its name parsed by its kind.
	defects     [][]nameDefect
	parsed      []catalog.ScopeName
	defectsDone bool
	// nameDefect marks (file, line, column) of occurrences whose name has
	// a name-level error (malformed, unknown action or level), so other
	// rules do not report the same defect twice.
	nameDefect map[record.Source]bool
	// resources counts well-formed granular names by product then
	// resource, one per occurrence.
	resources                       map[string]map[string]int
	hasGranularPage, hasClassicPage bool

	// definedIx indexes the defined, well-formed scope names (for
	// repairs); kindIx the defined names of one kind.
	definedIx *editdist.Index
	kindIx    map[catalog.ScopeKind]*editdist.Index
	// pageRows are the granular pages' rows indexed for pairing.
	pageRows []*pageRows
}

func newFacts(c *catalog.Catalog) *facts {
	f := &facts{c: c}
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
	}
	return f
}

// occs returns every scope name as written, with the kind of each.
func (f *facts) occs() ([]occurrence, []catalog.ScopeKind) {
	if f.occurrencesDone {
		return f.occurrences, f.kinds
	}
	f.occurrencesDone = true
	for _, d := range f.c.Documents {
		if d == nil {
			continue
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
	f.kinds = make([]catalog.ScopeKind, len(f.occurrences))
	for i, o := range f.occurrences {
		f.kinds[i] = o.Kind()
	}
	return f.occurrences, f.kinds
}

// nameDefects returns the name-level defects of every occurrence, the
// places of those with one, and the resource counts of the others.
func (f *facts) nameDefects() [][]nameDefect {
	if f.defectsDone {
		return f.defects
	}
	f.defectsDone = true
	occs, kinds := f.occs()
	f.defects = make([][]nameDefect, len(occs))
	f.parsed = make([]catalog.ScopeName, len(occs))
	f.nameDefect = map[record.Source]bool{}
	f.resources = map[string]map[string]int{}
	for i, o := range occs {
		f.parsed[i] = catalog.ParseScopeName(o.Name, kinds[i])
		f.defects[i] = nameDefects(f, o, kinds[i], f.parsed[i])
		if len(f.defects[i]) > 0 {
			f.nameDefect[o.Src] = true
			continue
		}
		if kinds[i] != catalog.KindGranular {
			continue
		}
		n := f.parsed[i]
		if f.resources[n.Product] == nil {
			f.resources[n.Product] = map[string]int{}
		}
		f.resources[n.Product][n.Resource]++
	}
	return f.defects
}

// parsedNames returns every occurrence's name parsed by its kind.
func (f *facts) parsedNames() []catalog.ScopeName {
	f.nameDefects()
	return f.parsed
}

// pages returns the granular scopes pages, their rows indexed for pairing.
func (f *facts) pages() []*pageRows {
	if f.pageRows == nil {
		f.pageRows = []*pageRows{}
		for _, d := range granularPages(f.c) {
			f.pageRows = append(f.pageRows, indexRows(d))
		}
	}
	return f.pageRows
}

// hasNameDefect reports whether the occurrence at src has a name-level
// defect.
func (f *facts) hasNameDefect(src record.Source) bool {
	f.nameDefects()
	return f.nameDefect[src]
}

// resourceCounts returns the well-formed granular names' resource counts
// by product then resource.
func (f *facts) resourceCounts() map[string]map[string]int {
	f.nameDefects()
	return f.resources
}

// definedIndex indexes the defined scope names that are well formed.
func (f *facts) definedIndex() *editdist.Index {
	if f.definedIx == nil {
		var vocab []string
		for _, s := range f.c.Scopes {
			if s.Defined && !s.Parsed().Malformed {
				vocab = append(vocab, s.Name)
			}
		}
		f.definedIx = editdist.NewIndex(vocab)
	}
	return f.definedIx
}

// kindIndex indexes the names the scope pages define, of one kind.
func (f *facts) kindIndex(kind catalog.ScopeKind) *editdist.Index {
	if f.kindIx == nil {
		f.kindIx = map[catalog.ScopeKind]*editdist.Index{}
	}
	if f.kindIx[kind] == nil {
		f.kindIx[kind] = editdist.NewIndex(definedVocab(f.c, kind))
	}
	return f.kindIx[kind]
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
