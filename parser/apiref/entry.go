package apiref

import (
	"strconv"
	"strings"

	"github.com/scopeplan/scopeplan/parser/record"
)

// entry accumulates one operation while its lines are read. It is shared
// by the three parsers: each finds where entries start and sets the
// request and name; entry reads the field lines ("Scopes:",
// "Granular Scopes:", "Rate Limit Label:" and their continuations) and
// checks what is missing.
type entry struct {
	op    record.Operation
	start int // line index where the entry starts
	list  record.ScopeList

	stated    bool // a "Scopes:" line was met
	scopesAt  int  // line index of the first "Scopes:" line
	fieldSeen bool // a field line was met
	desc      bool // a description line was met before the first field
	rateSeen  bool // a "Rate Limit Label:" line was met
	closed    bool // the Rate Limit Label closed the field block

	// A scope list may continue on the following lines. cont is the list
	// being continued, open tells that its last line ended with a comma,
	// label is the index of its label line and first/last the indexes of
	// its continuation lines (-1 when none).
	cont        fieldKind
	open        bool
	label       int
	first, last int
}

// newEntry starts an entry at line index start.
func newEntry(start int) *entry {
	return &entry{
		start: start,
		list:  record.ScopeList{Origin: record.OriginText},
		first: -1,
		last:  -1,
	}
}

// setRequest records the method and request target (reduced to its path).
func (e *entry) setRequest(method, target string) {
	e.op.Method = method
	e.op.Path = strings.Clone(pathOf(target))
}

// subject names the entry in problems: "METHOD /path" with parameters
// written "{param}" (as every other document and lint rule writes them,
// so findings about one operation share one subject), else its name.
func (e *entry) subject() string {
	if e.op.Method != "" && e.op.Path != "" {
		segs := strings.Split(e.op.Path, "/")
		for i, s := range segs {
			if len(s) > 1 && s[0] == ':' {
				segs[i] = "{" + s[1:] + "}"
			}
		}
		return e.op.Method + " " + strings.Join(segs, "/")
	}
	return e.op.Name
}

// feed reads line index i of the entry's body. Once the Rate Limit Label
// (the last field of every shape) has been read, later lines are ignored.
func (e *entry) feed(b *builder, i int) {
	if e.closed {
		return
	}
	line := b.t.lines[i]
	if e.cont != fieldNone {
		if off, ok := e.continuation(line); ok {
			if e.first < 0 {
				e.first = i
			}
			e.last = i
			e.appendList(b, e.cont, i, off)
			return
		}
		e.endList(b)
	}
	kind, off := fieldOf(line)
	switch kind {
	case fieldScopes:
		if !e.stated {
			e.scopesAt = i
		}
		e.stated = true
		e.startList(b, kind, i, off)
	case fieldGranular:
		e.list.HasGranular = true
		e.startList(b, kind, i, off)
	case fieldRate:
		e.fieldSeen = true
		e.closed = true
		if e.rateSeen {
			return
		}
		e.rateSeen = true
		value := line[off:]
		lead := len(value) - len(strings.TrimLeft(value, " \t"))
		if v := trimSpaces(value); v != "" {
			e.op.RateLimit = strings.Clone(v)
			e.op.RateLimitSource = b.t.src(i, column(line, off+lead))
		}
	default:
		if !e.fieldSeen && !blank(line) {
			e.desc = true
		}
	}
}

// continuation tells whether line continues the open scope list, and from
// which byte offset its names are read. A continuation line starts with a
// comma; after a list line that ended with a comma, a lone name (one word,
// not a field) continues it too.
func (e *entry) continuation(line string) (int, bool) {
	t := trimSpaces(line)
	if t == "" {
		return 0, false
	}
	if strings.HasPrefix(t, ",") {
		return 0, true
	}
	if e.open && !strings.ContainsAny(t, " \t") {
		if k, _ := fieldOf(line); k == fieldNone {
			return 0, true
		}
	}
	return 0, false
}

// startList begins the scope list of a "Scopes:" or "Granular Scopes:"
// line.
func (e *entry) startList(b *builder, kind fieldKind, i, off int) {
	e.fieldSeen = true
	e.cont = kind
	e.label = i
	e.first, e.last = -1, -1
	e.appendList(b, kind, i, off)
}

// appendList adds the names of line index i to the list of kind.
func (e *entry) appendList(b *builder, kind fieldKind, i, off int) {
	if kind == fieldGranular {
		e.list.Granular, e.open = b.t.appendScopes(e.list.Granular, i, off)
		return
	}
	e.list.Classic, e.open = b.t.appendScopes(e.list.Classic, i, off)
}

// endList closes the open scope list, reporting it if it was split.
func (e *entry) endList(b *builder) {
	if e.cont != fieldNone && e.first >= 0 {
		where := "line " + strconv.Itoa(e.first+1)
		if e.last > e.first {
			where = "lines " + strconv.Itoa(e.first+1) + "-" + strconv.Itoa(e.last+1)
		}
		b.problem(record.ProblemSplitList, e.label, e.subject(),
			"%s list continues on %s; the lines were joined", strings.TrimSuffix(e.cont.label(), ":"), where)
	}
	e.cont, e.open = fieldNone, false
	e.first, e.last = -1, -1
}

// finish checks the entry and adds its operation to the document. An
// entry without method and path is dropped. truncated tells that the
// entry was cut off before its end; what says what it lacks.
func (e *entry) finish(b *builder, truncated bool, what string) {
	e.endList(b)
	subj := e.subject()
	if e.op.Method == "" || e.op.Path == "" {
		b.problem(record.ProblemMissingField, e.start, subj,
			"entry has no method and path; entry dropped")
		return
	}
	if truncated {
		b.problem(record.ProblemTruncated, e.start, subj,
			"the document ends inside this entry (no %s); kept what was read", what)
	}
	if !e.desc {
		b.problem(record.ProblemMissingField, e.start, subj, "no description")
	}
	switch {
	case !e.stated:
		b.problem(record.ProblemMissingField, e.start, subj, "no %q line", labelScopes)
	case len(e.list.Classic) == 0:
		b.problem(record.ProblemMissingField, e.scopesAt, subj, "%q line names no scope", labelScopes)
	}
	switch {
	case !e.rateSeen:
		b.problem(record.ProblemMissingField, e.start, subj, "no %q line", labelRate)
	case e.op.RateLimit == "":
		b.problem(record.ProblemMissingField, e.start, subj, "%q line is empty", labelRate)
	}
	e.op.Source = b.t.src(e.start, 0)
	if e.stated || e.list.HasGranular {
		e.op.Scopes = []record.ScopeList{e.list}
	}
	b.doc.Operations = append(b.doc.Operations, e.op)
}
