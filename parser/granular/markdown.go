package granular

import (
	"bytes"
	"errors"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/scopeplan/scopeplan/parser/record"
)

// SniffMarkdown reports whether data looks like the granular scopes page in
// Markdown: a table row (a line starting with "|") that links an API name
// to an #operation/ anchor under /docs/ and holds a backticked scope. It
// rejects HTML, JSON and the other scope documents (the classic page's
// operation links are list items, not table rows). Only the first 256 KiB
// are looked at.
func SniffMarkdown(data []byte) bool {
	switch firstNonSpace(data) {
	case 0, '<', '{', '[':
		return false
	}
	head := data[:min(len(data), sniffLimit)]
	for len(head) > 0 {
		line := head
		if i := bytes.IndexByte(head, '\n'); i >= 0 {
			line, head = head[:i], head[i+1:]
		} else {
			head = nil
		}
		line = bytes.TrimLeft(line, " \t")
		if len(line) == 0 || line[0] != '|' {
			continue
		}
		link := bytes.Index(line, []byte("](")) // a Markdown link
		if link < 0 {
			continue
		}
		rest := line[link:]
		op := bytes.Index(rest, []byte("#"+opAnchor))
		if op < 0 || !bytes.Contains(rest[:op], []byte("/docs/")) {
			continue
		}
		if code := bytes.IndexByte(rest[op:], '`'); code >= 0 && bytes.IndexByte(rest[op+code:], ':') >= 0 {
			return true
		}
	}
	return false
}

// ParseMarkdown reads the granular scopes page in Markdown. It walks
// goldmark's AST (GFM tables): "##" headings give the product, "###"
// headings the section, and each body row of a scope table (a table whose
// rows link to operations or hold scope-like code spans) gives a
// GranularRow: the API name and link from the first cell, the scopes from
// the column headed "...Scopes" (else the second). Sources carry 1-based
// line and column, in characters, computed from goldmark's byte offsets.
// Link defects and rows without a link or scopes are reported as Problems.
// It returns an error only when the document holds no scope table.
func ParseMarkdown(path string, data []byte) (*record.Document, error) {
	if err := checkNesting(data); err != nil {
		return nil, err
	}
	root := goldmark.New(goldmark.WithExtensions(extension.Table)).
		Parser().Parse(text.NewReader(data))
	p := &mdParser{
		b:    newBuilder(path, record.KindGranularMD),
		src:  data,
		li:   newLineIndex(data),
		path: path,
	}
	if err := ast.Walk(root, p.visit); err != nil {
		return nil, fmt.Errorf("walk Markdown: %w", err)
	}
	if p.tables == 0 {
		return nil, errors.New("no granular scope table found in Markdown")
	}
	return p.b.doc, nil
}

// mdParser is the state of one ParseMarkdown walk.
type mdParser struct {
	b                *builder
	src              []byte
	li               *lineIndex
	path             string
	product, section string
	tables           int // scope tables met
}

func (p *mdParser) visit(n ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	switch n := n.(type) {
	case *ast.Heading:
		t := collapseSpace(p.inlineText(n))
		switch n.Level {
		case 1:
			if p.b.doc.Title == "" {
				p.b.doc.Title = t
			}
		case 2:
			p.product, p.section = t, ""
		case 3:
			p.section = t
		}
		return ast.WalkSkipChildren, nil
	case *extast.Table:
		p.table(n)
		return ast.WalkSkipChildren, nil
	}
	return ast.WalkContinue, nil
}

// source returns the Source of byte offset off.
func (p *mdParser) source(off int) record.Source {
	line, col := p.li.pos(off)
	return record.Source{File: p.path, Line: line, Column: col}
}

// table reads one GFM table; a table that is not a scope table is ignored.
func (p *mdParser) table(t *extast.Table) {
	var header []string
	var rows []*extast.TableRow
	for c := t.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *extast.TableHeader:
			for cell := c.FirstChild(); cell != nil; cell = cell.NextSibling() {
				header = append(header, p.inlineText(cell))
			}
		case *extast.TableRow:
			rows = append(rows, c)
		}
	}
	col := scopeColumn(header)
	if len(t.Alignments) <= col {
		return // no scopes column
	}
	data := make([]rowData, 0, len(rows))
	scopeTable := false
	var cells []ast.Node
	var frags []frag
	for _, row := range rows {
		cells = cells[:0]
		for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
			cells = append(cells, cell)
		}
		if len(cells) == 0 {
			continue
		}
		rowSrc := p.source(row.Pos())
		r := rowData{src: rowSrc}
		if link, href := p.firstLink(cells[0]); link != nil {
			r.name, r.href = collapseSpace(p.inlineText(link)), href
			scopeTable = scopeTable || looksLikeOpLink(href)
		} else {
			r.name = collapseSpace(p.inlineText(cells[0]))
		}
		if col < len(cells) {
			frags = frags[:0]
			p.cellFrags(cells[col], &frags)
			for _, f := range frags {
				scopeTable = scopeTable || f.code && looksLikeScope(f.text)
			}
			pieces := splitScopes(frags, displayText)
			r.scopes = make([]record.ScopeRef, 0, len(pieces))
			for _, sp := range pieces {
				src := rowSrc
				if sp.off >= 0 {
					src = p.source(sp.off)
				} else {
					src.Column = 0
				}
				r.scopes = append(r.scopes, record.ScopeRef{Name: sp.name, Source: src})
			}
		}
		if r.name == "" && r.href == "" && len(r.scopes) == 0 {
			continue // a blank row
		}
		data = append(data, r)
	}
	if !scopeTable {
		return
	}
	p.tables++
	for _, r := range data {
		p.b.addRow(p.product, p.section, r)
	}
}

// firstLink returns the first link (or autolink) under n and its
// destination as written.
func (p *mdParser) firstLink(n ast.Node) (ast.Node, string) {
	var found ast.Node
	var href string
	_ = ast.Walk(n, func(c ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch c := c.(type) {
		case *ast.Link:
			found, href = c, string(c.Destination)
			return ast.WalkStop, nil
		case *ast.AutoLink:
			found, href = c, string(c.URL(p.src))
			return ast.WalkStop, nil
		}
		return ast.WalkContinue, nil
	})
	return found, href
}

// inlineText returns the text a reader sees in n: text with backslash
// escapes and character references resolved, code spans verbatim, raw HTML
// tags and images left out (as in the HTML rendering's text content).
func (p *mdParser) inlineText(n ast.Node) string {
	if t, ok := n.FirstChild().(*ast.Text); ok && t.NextSibling() == nil && !t.SoftLineBreak() && !t.HardLineBreak() {
		return displayText(string(t.Segment.Value(p.src))) // the common case
	}
	var b strings.Builder
	p.writeText(&b, n)
	return b.String()
}

func (p *mdParser) writeText(b *strings.Builder, n ast.Node) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.Text:
			b.WriteString(displayText(string(c.Segment.Value(p.src))))
			if c.SoftLineBreak() || c.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(displayText(string(c.Value)))
		case *ast.CodeSpan:
			b.WriteString(p.codeText(c))
		case *ast.AutoLink:
			b.Write(c.Label(p.src))
		case *ast.RawHTML, *ast.Image:
		default:
			p.writeText(b, c)
		}
	}
}

// codeText returns a code span's content as goldmark renders it.
func (p *mdParser) codeText(c *ast.CodeSpan) string {
	var b strings.Builder
	for t := c.FirstChild(); t != nil; t = t.NextSibling() {
		seg, ok := t.(*ast.Text)
		if !ok {
			continue
		}
		v := seg.Segment.Value(p.src)
		if bytes.HasSuffix(v, []byte("\n")) {
			b.Write(v[:len(v)-1])
			b.WriteByte(' ')
		} else {
			b.Write(v)
		}
	}
	return b.String()
}

// cellFrags appends the code spans and plain text of a scopes cell, in
// order. Plain text is kept raw (see displayText) so offsets stay exact.
func (p *mdParser) cellFrags(n ast.Node, out *[]frag) {
	for c := n.FirstChild(); c != nil; c = c.NextSibling() {
		switch c := c.(type) {
		case *ast.CodeSpan:
			off := c.Pos()
			if t, ok := c.FirstChild().(*ast.Text); ok {
				off = t.Segment.Start
			}
			*out = append(*out, frag{text: p.codeText(c), code: true, off: off})
		case *ast.Text:
			s := string(c.Segment.Value(p.src))
			if c.SoftLineBreak() || c.HardLineBreak() {
				s += " "
			}
			*out = append(*out, frag{text: s, off: c.Segment.Start})
		case *ast.String:
			*out = append(*out, frag{text: string(c.Value), off: -1})
		case *ast.AutoLink:
			*out = append(*out, frag{text: string(c.Label(p.src)), off: -1})
		case *ast.RawHTML, *ast.Image:
		default:
			p.cellFrags(c, out)
		}
	}
}

// displayText resolves Markdown backslash escapes and character references
// in raw inline text, as the HTML rendering shows it.
func displayText(s string) string {
	if !strings.ContainsAny(s, `\&`) {
		return s
	}
	b := util.UnescapePunctuations([]byte(s))
	b = util.ResolveNumericReferences(b)
	b = util.ResolveEntityNames(b)
	return string(b)
}

// MaxNesting is the deepest nesting of block quotes and lists a Markdown
// document may have. goldmark's cost grows with the square of the depth
// (a 100 KB line of '>' takes seconds), and a scope page nests a few
// levels at most.
const MaxNesting = 64

// ErrTooDeep is returned for Markdown nested deeper than MaxNesting.
var ErrTooDeep = errors.New("markdown nests block quotes or lists too deeply")

// checkNesting refuses, before parsing, a document whose block quotes and
// lists nest deeper than MaxNesting. A line's depth is an upper bound on
// the containers it opens or continues: each '>' or list marker ("-", "+",
// "*", "1." or "1)" followed by a space) at its start counts one, and the
// indentation before each marker counts one per two columns (a nested list
// item is indented by at least two more).
func checkNesting(data []byte) error {
	line := 1
	for len(data) > 0 {
		end := bytes.IndexByte(data, '\n')
		if end < 0 {
			end = len(data)
		}
		if d := lineDepth(data[:end]); d > MaxNesting {
			return fmt.Errorf("line %d: %w (%d levels or more; the limit is %d)", line, ErrTooDeep, d, MaxNesting)
		}
		if end == len(data) {
			break
		}
		data, line = data[end+1:], line+1
	}
	return nil
}

// lineDepth is the nesting bound of one line (see checkNesting); it stops
// counting just past MaxNesting.
func lineDepth(l []byte) int {
	depth, cols := 0, 0
	for i := 0; i < len(l) && depth <= MaxNesting; {
		switch c := l[i]; {
		case c == ' ':
			cols++
			i++
		case c == '\t':
			cols += 4
			i++
		case c == '>':
			depth += 1 + cols/2
			cols = 0
			i++
		case c == '-' || c == '+' || c == '*':
			if i+1 < len(l) && l[i+1] != ' ' && l[i+1] != '\t' {
				return depth
			}
			depth += 1 + cols/2
			cols = 0
			i++
		case c >= '0' && c <= '9':
			j := i
			for j < len(l) && j-i < 9 && l[j] >= '0' && l[j] <= '9' {
				j++
			}
			if j >= len(l) || (l[j] != '.' && l[j] != ')') || (j+1 < len(l) && l[j+1] != ' ' && l[j+1] != '\t') {
				return depth
			}
			depth += 1 + cols/2
			cols = 0
			i = j + 1
		default:
			return depth
		}
	}
	return depth
}
