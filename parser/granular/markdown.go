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
	"github.com/yuin/goldmark/parser"
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
		op := bytes.Index(rest, []byte("#"+record.OpAnchor))
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
//
// A long table is not held as one AST: its middle rows are cut out of the
// document before goldmark parses it, and parsed afterwards a batch at a
// time (see reduce). The records are the same as from one whole parse.
func ParseMarkdown(path string, data []byte) (*record.Document, error) {
	return parseMarkdown(path, data, minCut)
}

// minCut is the fewest rows a table's middle must have to be cut out and
// parsed in batches; batchRows is the size of a batch.
const (
	minCut    = 256
	batchRows = 512
)

// parseMarkdown is ParseMarkdown cutting runs of at least min rows (none
// when min is 0).
func parseMarkdown(path string, data []byte, min int) (*record.Document, error) {
	if err := checkNesting(data); err != nil {
		return nil, err
	}
	doc, whole, err := parseReduced(path, data, min)
	if !whole {
		// A cut did not fall between two rows of one table (the lines
		// were in a code block, say): parse the document whole.
		doc, _, err = parseReduced(path, data, 0)
	}
	return doc, err
}

// parseReduced parses data with runs of at least min rows cut out (see
// reduce) and read in batches. whole is false when a cut did not fall
// between two rows of one table: the records are then not data's.
func parseReduced(path string, data []byte, min int) (doc *record.Document, whole bool, err error) {
	md := goldmark.New(goldmark.WithExtensions(extension.Table)).Parser()
	red := reduce(data, min)
	pc := parser.NewContext()
	root := md.Parse(text.NewReader(red.src), parser.WithContext(pc))
	p := &mdParser{
		b:    newBuilder(path, record.KindGranularMD),
		src:  red.src,
		orig: red.orig,
		li:   newLineIndex(data),
		path: path,
		md:   md,
		refs: pc.References(),
		red:  red,
	}
	if err := ast.Walk(root, p.visit); err != nil {
		return nil, true, fmt.Errorf("walk Markdown: %w", err)
	}
	if p.cutsDone != len(red.cuts) {
		return nil, false, nil
	}
	if p.tables == 0 {
		return nil, true, errors.New("no granular scope table found in Markdown")
	}
	return p.b.doc, true, nil
}

// reduced is a document with the middle of its long tables cut out.
type reduced struct {
	src  []byte
	data []byte // the whole document
	cuts []cut
}

// cut is a run of whole lines of the document, each starting with '|',
// left out of reduced.src at offset at.
type cut struct {
	at         int // offset in reduced.src of the line after the run
	start, end int // the run in the document
}

// reduce cuts out of data the middle of each run of more than min+4
// consecutive lines starting with '|' (a table's header, delimiter row,
// first row and last row stay). Such lines never start a block, so within
// a table they are its rows, whatever the rest of the document; whether
// the run is a table's is left to goldmark (see parseMarkdown).
func reduce(data []byte, min int) *reduced {
	r := &reduced{data: data}
	if min <= 0 {
		r.src = data
		return r
	}
	var out []byte
	copied := 0              // data[:copied] is in out (but for the cuts)
	runLines := 0            // lines in the current run
	fourth := 0              // start of the run's fourth line, the first cut
	flush := func(end int) { // the run ends where the line at end starts
		if runLines >= min+4 {
			// The last line of the run stays: find its start.
			last := bytes.LastIndexByte(data[:end-1], '\n') + 1
			if last > fourth {
				out = append(out, data[copied:fourth]...)
				r.cuts = append(r.cuts, cut{at: len(out), start: fourth, end: last})
				copied = last
			}
		}
		runLines = 0
	}
	off := 0
	for off < len(data) {
		end := bytes.IndexByte(data[off:], '\n')
		if end < 0 {
			break // the last line (no newline) is never cut
		}
		end += off + 1
		if data[off] == '|' {
			runLines++
			if runLines == 4 {
				fourth = off
			}
		} else if runLines > 0 {
			flush(off)
		}
		off = end
	}
	if runLines > 0 {
		flush(off) // a run ending with the last terminated line
	}
	if len(r.cuts) == 0 {
		r.src = data
		return r
	}
	r.src = append(out, data[copied:]...)
	return r
}

// orig maps an offset in r.src to the document.
func (r *reduced) orig(off int) int {
	out := off
	for _, c := range r.cuts {
		if c.at > off {
			break
		}
		out += c.end - c.start
	}
	return out
}

// mdParser is the state of one ParseMarkdown walk.
type mdParser struct {
	b   *builder
	src []byte // the text goldmark parsed: the reduced document or a batch
	// orig maps an offset in src to the document.
	orig             func(int) int
	li               *lineIndex
	path             string
	product, section string
	tables           int // scope tables met
	md               parser.Parser
	refs             []parser.Reference // the document's link reference definitions
	red              *reduced
	cutsDone         int // cuts met between two rows of a table
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

// source returns the Source of byte offset off in p.src.
func (p *mdParser) source(off int) record.Source {
	line, col := p.li.pos(p.orig(off))
	return record.At(p.path, line, col)
}

// table reads one GFM table; a table that is not a scope table is ignored.
// Rows cut out of the document between two of its rows are read there.
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
	// The cuts that fall between two consecutive rows of this table.
	var at []int // at[i]: index of the cut before rows[i], or -1
	for i := range rows {
		at = append(at, -1)
		if i == 0 || p.cutsDone >= len(p.red.cuts) {
			continue
		}
		c := p.red.cuts[p.cutsDone]
		if lineEnd(p.src, rows[i-1].Pos()) == c.at && rows[i].Pos() == c.at {
			at[i] = p.cutsDone
			p.cutsDone++
		}
	}
	if len(t.Alignments) <= col {
		return // no scopes column
	}
	var tr mdRows
	tr.col = col
	// Room for every row, the cut ones too (a line each).
	n := len(rows)
	for i := range rows {
		if at[i] >= 0 {
			c := p.red.cuts[at[i]]
			n += bytes.Count(p.red.data[c.start:c.end], []byte{'\n'})
		}
	}
	mark := p.b.startTable(n)
	for i, row := range rows {
		if at[i] >= 0 {
			p.cutRows(p.red.cuts[at[i]], len(t.Alignments), &tr)
		}
		p.row(row, &tr)
	}
	if !tr.scopeTable {
		p.b.dropTable(mark)
		return
	}
	p.tables++
}

// mdRows gathers a table's rows.
type mdRows struct {
	col        int // the scopes column
	scopeTable bool
	cells      []ast.Node
	frags      []frag
}

// row reads one body row.
func (p *mdParser) row(row ast.Node, tr *mdRows) {
	cells := tr.cells[:0]
	for cell := row.FirstChild(); cell != nil; cell = cell.NextSibling() {
		cells = append(cells, cell)
	}
	tr.cells = cells
	if len(cells) == 0 {
		return
	}
	rowSrc := p.source(row.Pos())
	r := rowData{src: rowSrc}
	if link, href := p.firstLink(cells[0]); link != nil {
		r.name, r.href = collapseSpace(p.inlineText(link)), href
		tr.scopeTable = tr.scopeTable || looksLikeOpLink(href)
	} else {
		r.name = collapseSpace(p.inlineText(cells[0]))
	}
	if tr.col < len(cells) {
		frags := tr.frags[:0]
		p.cellFrags(cells[tr.col], &frags)
		tr.frags = frags
		for _, f := range frags {
			tr.scopeTable = tr.scopeTable || f.code && looksLikeScope(f.text)
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
		return // a blank row
	}
	p.b.addRow(p.product, p.section, r)
}

// cutRows parses the rows of a cut a batch at a time, each batch as a
// table of its own with the same number of columns, and reads them.
func (p *mdParser) cutRows(c cut, columns int, tr *mdRows) {
	var head bytes.Buffer
	head.WriteString("|")
	for range columns {
		head.WriteString(" h |")
	}
	head.WriteString("\n|")
	for range columns {
		head.WriteString(" --- |")
	}
	head.WriteString("\n")
	src, orig := p.src, p.orig
	defer func() { p.src, p.orig = src, orig }()
	data := p.red.data
	buf := make([]byte, 0, head.Len()+2)
	for start := c.start; start < c.end; {
		end := start
		for n := 0; n < batchRows && end < c.end; n++ {
			end += bytes.IndexByte(data[end:c.end], '\n') + 1
		}
		buf = append(append(buf[:0], head.Bytes()...), data[start:end]...)
		rowsEnd := len(buf)
		buf = append(buf, "|\n"...) // a row after, as the document has
		shift := start - head.Len()
		p.src, p.orig = buf, func(off int) int { return off + shift }
		pc := parser.NewContext()
		for _, ref := range p.refs {
			pc.AddReference(ref)
		}
		root := p.md.Parse(text.NewReader(buf), parser.WithContext(pc))
		for t := root.FirstChild(); t != nil; t = t.NextSibling() {
			if _, ok := t.(*extast.Table); !ok {
				continue
			}
			for row := t.FirstChild(); row != nil; row = row.NextSibling() {
				if _, ok := row.(*extast.TableRow); ok && row.Pos() < rowsEnd {
					p.row(row, tr)
				}
			}
		}
		start = end
	}
}

// lineEnd returns the offset just past the line holding off.
func lineEnd(src []byte, off int) int {
	if off < 0 || off > len(src) {
		return -1
	}
	i := bytes.IndexByte(src[off:], '\n')
	if i < 0 {
		return len(src)
	}
	return off + i + 1
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
