// Package granular reads Zoom's "Granular OAuth Scopes" page into
// record.GranularRows, from either of its two renderings:
//
//   - granular-md: the page as Markdown, with "## Product" and "### Section"
//     headings and GFM tables "| [API name](link) | `scope`, `scope` |".
//     The tables are read from goldmark's AST, never with line regexps.
//   - granular-html: the page as HTML, as served by Zoom: h2/h3 headings and
//     tables of <a href> and <code> cells, wrapped in page chrome (nav,
//     header, footer, scripts, heading permalinks, unrelated tables) that is
//     ignored.
//
// For the same content both parsers yield the same rows, problems and scope
// names; only Source positions differ (Markdown positions carry line and
// column, HTML positions the line where the table row starts).
//
// The parsers never alter a scope name: a scope is the text of its code span
// (or of the comma-separated text piece it was written in), so vendor defects
// such as typos, inner spaces and stray characters reach the linter. Link
// defects are recorded as record.Problems, not errors.
package granular

import (
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/scopeplan/scopeplan/parser/record"
)

// sniffLimit bounds how many bytes a sniffer looks at.
const sniffLimit = 256 << 10

// frag is one piece of a scopes cell, in document order: either the content
// of a code span (code) or plain text between code spans. off is the byte
// offset of text in the source, or -1 when unknown.
type frag struct {
	text string
	code bool
	off  int
}

// scopePiece is one scope name read from a scopes cell, with the byte offset
// of its first character (-1 when unknown).
type scopePiece struct {
	name string
	off  int
}

// splitScopes cuts a scopes cell into scope names. Commas outside code spans
// separate scopes; a code span is never cut. Each comma-separated piece is
// one scope: its code span contents verbatim, joined with any text written
// next to them, with the white space at the outer ends of the plain text
// removed. So "`a:b:c`, `d:e:f`" gives two scopes, "a:b:c x" written without
// backticks gives one, and "`a:b:c` `d:e:f`" (a missing comma) gives the
// single scope "a:b:c d:e:f" for the linter to flag. conv, when not nil,
// turns the raw text of plain-text parts into display text (Markdown
// backslash escapes and entities); it is not applied to code spans.
func splitScopes(frags []frag, conv func(string) string) []scopePiece {
	var out []scopePiece
	var cur []frag
	flush := func() {
		if p, ok := joinPiece(cur, conv); ok {
			out = append(out, p)
		}
		cur = cur[:0]
	}
	for _, f := range frags {
		if f.code {
			cur = append(cur, f)
			continue
		}
		rest, off := f.text, f.off
		for {
			i := strings.IndexByte(rest, ',')
			if i < 0 {
				cur = append(cur, frag{text: rest, off: off})
				break
			}
			cur = append(cur, frag{text: rest[:i], off: off})
			flush()
			rest = rest[i+1:]
			if off >= 0 {
				off += i + 1
			}
		}
	}
	flush()
	return out
}

// joinPiece builds one scope from the parts between two commas. It trims
// parts in place.
func joinPiece(parts []frag, conv func(string) string) (scopePiece, bool) {
	// Trim white space of plain text at both outer ends.
	first, last := 0, len(parts)-1
	for first <= last && !parts[first].code {
		p := &parts[first]
		t := strings.TrimLeftFunc(p.text, unicode.IsSpace)
		if p.off >= 0 {
			p.off += len(p.text) - len(t)
		}
		p.text = t
		if t != "" {
			break
		}
		first++
	}
	for last >= first && !parts[last].code {
		p := &parts[last]
		p.text = strings.TrimRightFunc(p.text, unicode.IsSpace)
		if p.text != "" {
			break
		}
		last--
	}
	if first > last {
		return scopePiece{}, false
	}
	text := func(p frag) string {
		if !p.code && conv != nil {
			return conv(p.text)
		}
		return p.text
	}
	if first == last { // the common case: one code span
		name := text(parts[first])
		return scopePiece{name: name, off: parts[first].off}, name != ""
	}
	var b strings.Builder
	off := -1
	for _, p := range parts[first : last+1] {
		t := text(p)
		if off < 0 && p.off >= 0 && (t != "" || p.code) {
			off = p.off
		}
		b.WriteString(t)
	}
	if b.Len() == 0 {
		return scopePiece{}, false
	}
	return scopePiece{name: b.String(), off: off}, true
}

// collapseSpace trims s and turns each run of white space into one space.
func collapseSpace(s string) string {
	clean, prevSpace := true, true // a leading space is not clean
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf {
			clean = false
			break
		}
		sp := c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'
		if sp && (c != ' ' || prevSpace) {
			clean = false
			break
		}
		prevSpace = sp
	}
	if clean && !prevSpace || s == "" {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// looksLikeOpLink tells a link to an API operation, used to recognise scope
// tables.
func looksLikeOpLink(href string) bool {
	return strings.Contains(href, "#"+record.OpAnchor) || strings.Contains(href, record.RefPrefix)
}

// looksLikeScope tells a code span that may be a scope, used to recognise
// scope tables.
func looksLikeScope(s string) bool {
	return strings.IndexByte(s, ':') > 0
}

// rowData is one table body row, independent of the input format.
type rowData struct {
	name   string // API name: link text, or the cell text without a link
	href   string // empty when the name links nowhere
	scopes []record.ScopeRef
	src    record.Source
}

// builder accumulates rows and problems into a Document.
type builder struct {
	doc *record.Document
}

func newBuilder(path string, kind record.Kind) *builder {
	return &builder{doc: &record.Document{Path: path, Kind: kind}}
}

// problem records a structural defect.
func (b *builder) problem(code, subject, msg string, src record.Source) {
	b.doc.Problems = append(b.doc.Problems, record.Problem{Code: code, Subject: subject, Message: msg, Source: src})
}

// tableMark is where a table's rows and problems start in the document,
// and the room the rows had before it.
type tableMark struct{ rows, problems, room int }

// startTable makes room for the n rows of a table about to be read
// straight into the document (exactly n for the first table, most often
// the only long one; at least a quarter more for a later one), so that a
// long table's rows are neither copied from array to array nor held
// twice. It returns where the table starts, for dropTable.
func (b *builder) startTable(n int) tableMark {
	d := b.doc
	m := tableMark{rows: len(d.GranularRows), problems: len(d.Problems), room: cap(d.GranularRows)}
	if cap(d.GranularRows)-len(d.GranularRows) < n {
		d.GranularRows = slices.Grow(d.GranularRows, max(n, len(d.GranularRows)/4))
	}
	return m
}

// dropTable takes a table that turned out not to be a scope table back
// out of the document: its rows, their problems and the room made for it.
func (b *builder) dropTable(m tableMark) {
	d := b.doc
	clear(d.GranularRows[m.rows:])
	d.GranularRows = d.GranularRows[:m.rows]
	clear(d.Problems[m.problems:])
	d.Problems = d.Problems[:m.problems]
	switch {
	case cap(d.GranularRows) <= m.room:
	case m.rows == 0:
		d.GranularRows = nil
	default:
		d.GranularRows = slices.Clone(d.GranularRows)
	}
}

// addRow turns one table row into a GranularRow, recording its problems.
func (b *builder) addRow(product, section string, r rowData) {
	row := record.GranularRow{
		Product: product,
		Section: section,
		Name:    r.name,
		Link:    r.href,
		Scopes:  r.scopes,
		Source:  r.src,
	}
	if row.Scopes == nil {
		row.Scopes = []record.ScopeRef{}
	}
	if r.href == "" {
		b.problem(record.ProblemRowWithoutLink, r.name,
			fmt.Sprintf("API name %q links nowhere", r.name), r.src)
	} else {
		if p := record.ParseLink(r.href).Problem; p != "" {
			b.problem(record.ProblemMalformedLink, r.href,
				fmt.Sprintf("link of %q does not have the shape %s: %s", r.name, record.LinkShape, p), r.src)
		}
	}
	if len(row.Scopes) == 0 {
		b.problem(record.ProblemMissingField, r.name,
			fmt.Sprintf("row %q states no scopes", r.name), r.src)
	}
	b.doc.GranularRows = append(b.doc.GranularRows, row)
}

// scopeColumn picks the column holding the scopes from the header cells:
// the first one (after the API name column) that mentions "scope", else the
// second column.
func scopeColumn(header []string) int {
	for i, h := range header {
		if i > 0 && strings.Contains(strings.ToLower(h), "scope") {
			return i
		}
	}
	return 1
}

// lineIndex maps byte offsets of a source to 1-based lines and columns.
type lineIndex struct {
	src    []byte
	starts []int // byte offset of the start of each line
}

func newLineIndex(src []byte) *lineIndex {
	starts := make([]int, 1, 64+len(src)/64)
	for i, c := range src {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return &lineIndex{src: src, starts: starts}
}

// pos returns the line and column (in characters) of byte offset off.
// Offsets out of range give 0, 0.
func (li *lineIndex) pos(off int) (line, col int) {
	if off < 0 || off > len(li.src) {
		return 0, 0
	}
	lo, hi := 0, len(li.starts)-1
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if li.starts[mid] <= off {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return lo + 1, utf8.RuneCount(li.src[li.starts[lo]:off]) + 1
}

// line returns the 1-based line of byte offset off, 0 when out of range.
func (li *lineIndex) line(off int) int {
	l, _ := li.pos(off)
	return l
}

// firstNonSpace returns the first byte of data that is not white space or
// a byte order mark, or 0.
func firstNonSpace(data []byte) byte {
	for i := 0; i < len(data); i++ {
		switch c := data[i]; c {
		case ' ', '\t', '\r', '\n', '\f', '\v':
		case 0xEF:
			if i+2 < len(data) && data[i+1] == 0xBB && data[i+2] == 0xBF {
				i += 2
				continue
			}
			return c
		default:
			return c
		}
	}
	return 0
}
