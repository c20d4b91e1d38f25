package granular

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"github.com/PuerkitoBio/goquery"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/scopeplan/scopeplan/parser/record"
)

// chromeSelector names the page chrome ParseHTML drops before reading.
// A <header> is chrome only at page level: inside a section, article or
// main element (<section><header><h2>Zoom Phone</h2></header>) it is
// that section's content.
const chromeSelector = "nav, script, style, footer, template, noscript, aside"

// SniffHTML reports whether data looks like the granular scopes page in
// HTML: a document starting with a tag, holding a table whose cells link to
// an #operation/ anchor under /docs/api/rest/reference/ followed closely by
// a <code> cell. JSON, YAML, Markdown and plain-text documents do not start
// with "<" and are rejected at once; the scan stops at the first match.
func SniffHTML(data []byte) bool {
	if firstNonSpace(data) != '<' || !bytes.Contains(data, []byte(record.RefPrefix)) ||
		indexFold(data, "<table") < 0 {
		return false
	}
	const window = 2048
	rest, base := data, 0
	for tries := 0; tries < 200; tries++ {
		i := bytes.Index(rest, []byte("#"+record.OpAnchor))
		if i < 0 {
			return false
		}
		at := base + i
		before := data[max(0, at-window):at]
		after := data[at:min(len(data), at+window)]
		if indexFold(before, "<td") >= 0 && indexFold(after, "<code") >= 0 {
			return true
		}
		base = at + 1
		rest = data[base:]
	}
	return false
}

// indexFold returns the index of the first ASCII-case-insensitive match of
// lower-case needle in s, or -1.
func indexFold(s []byte, needle string) int {
	if needle == "" {
		return 0
	}
	for i := 0; i+len(needle) <= len(s); i++ {
		j := bytes.IndexByte(s[i:], needle[0])
		if j < 0 {
			break
		}
		i += j
		if i+len(needle) > len(s) {
			break
		}
		ok := true
		for k := 1; k < len(needle); k++ {
			c := s[i+k]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != needle[k] {
				ok = false
				break
			}
		}
		if ok {
			return i
		}
	}
	return -1
}

// ParseHTML reads the granular scopes page in HTML, as Zoom serves it. It
// drops page chrome (nav, header, footer, aside, script, style, template,
// noscript), then walks h1, h2, h3 and table elements in document order: h2
// gives the product, h3 the section, and each body row of a scope table
// gives a GranularRow exactly as ParseMarkdown does for the same content.
// Heading permalinks (links in a heading whose text has no letter or digit,
// such as <a class="anchor" href="#x">#</a>) and aria-hidden elements are
// left out of heading text. Tables whose rows neither link to operations
// nor hold scope-like <code> are ignored.
//
// goquery gives no source positions, so row lines come from a second pass
// with the html tokenizer: it records, for every <tr> start tag (or <td>
// opening an implied row), its line and a signature of the row (its text
// with white space collapsed, and its first href). Each parsed tr element is
// then matched, in document order, to the next tokenized row with the same
// signature. Well-formed tables always match; a row the parser built
// differently from the source (foster-parented text, for one) gets line 0.
// Columns are not computed. Scopes carry their row's line.
func ParseHTML(path string, data []byte) (*record.Document, error) {
	doc, err := goquery.NewDocumentFromReader(bytes.NewReader(data))
	if err != nil {
		return nil, fmt.Errorf("parse HTML: %w", err)
	}
	m := newRowMatcher(tokenRows(data))
	lines := make(map[*html.Node]int)
	doc.Find("tr").Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		lines[n] = m.match(domSignature(n))
	})
	doc.Find(chromeSelector).Remove()
	doc.Find("header").Each(func(_ int, h *goquery.Selection) {
		if h.ParentsFiltered("section, article, main").Length() == 0 {
			h.Remove()
		}
	})

	p := &htmlParser{b: newBuilder(path, record.KindGranularHTML), path: path, lines: lines}
	doc.Find("h1, h2, h3, table").Each(func(_ int, s *goquery.Selection) {
		n := s.Get(0)
		switch n.DataAtom {
		case atom.H1:
			if p.b.doc.Title == "" {
				p.b.doc.Title = collapseSpace(headingText(n))
			}
		case atom.H2:
			p.product, p.section = collapseSpace(headingText(n)), ""
		case atom.H3:
			p.section = collapseSpace(headingText(n))
		case atom.Table:
			p.table(n)
		}
	})
	if p.tables == 0 {
		return nil, errors.New("no granular scope table found in HTML")
	}
	return p.b.doc, nil
}

// htmlParser is the state of one ParseHTML walk.
type htmlParser struct {
	b                *builder
	path             string
	lines            map[*html.Node]int // tr element -> source line
	product, section string
	tables           int
}

// table reads one table element; a table that is not a scope table is
// ignored. Rows are those of the table itself, not of nested tables.
func (p *htmlParser) table(t *html.Node) {
	var header []string
	var body [][]*html.Node
	var bodyRows []*html.Node
	for _, tr := range tableRows(t) {
		cells := rowCells(tr)
		if len(cells) == 0 {
			continue
		}
		allTH := true
		for _, c := range cells {
			allTH = allTH && c.DataAtom == atom.Th
		}
		if tr.Parent != nil && tr.Parent.DataAtom == atom.Thead || allTH {
			if header == nil {
				for _, c := range cells {
					header = append(header, textContent(c))
				}
			}
			continue
		}
		body = append(body, cells)
		bodyRows = append(bodyRows, tr)
	}
	col := scopeColumn(header)
	mark := p.b.startTable(len(body))
	scopeTable := false
	for i, cells := range body {
		src := record.At(p.path, p.lines[bodyRows[i]], 0)
		r := rowData{src: src}
		if a := firstHref(cells[0]); a != nil {
			r.name, r.href = collapseSpace(textContent(a)), attr(a, "href")
			scopeTable = scopeTable || looksLikeOpLink(r.href)
		} else {
			r.name = collapseSpace(textContent(cells[0]))
		}
		if col < len(cells) {
			var frags []frag
			cellFrags(cells[col], &frags)
			for _, f := range frags {
				scopeTable = scopeTable || f.code && looksLikeScope(f.text)
			}
			for _, sp := range splitScopes(frags, nil) {
				r.scopes = append(r.scopes, record.ScopeRef{Name: sp.name, Source: src})
			}
		}
		if r.name == "" && r.href == "" && len(r.scopes) == 0 {
			continue
		}
		p.b.addRow(p.product, p.section, r)
	}
	if !scopeTable {
		p.b.dropTable(mark)
		return
	}
	p.tables++
}

// tableRows returns the rows of table t: tr children of t and of its
// thead, tbody and tfoot children.
func tableRows(t *html.Node) []*html.Node {
	var rows []*html.Node
	for c := t.FirstChild; c != nil; c = c.NextSibling {
		switch c.DataAtom {
		case atom.Tr:
			rows = append(rows, c)
		case atom.Thead, atom.Tbody, atom.Tfoot:
			for r := c.FirstChild; r != nil; r = r.NextSibling {
				if r.Type == html.ElementNode && r.DataAtom == atom.Tr {
					rows = append(rows, r)
				}
			}
		}
	}
	return rows
}

// rowCells returns the td and th children of a row.
func rowCells(tr *html.Node) []*html.Node {
	var cells []*html.Node
	for c := tr.FirstChild; c != nil; c = c.NextSibling {
		if c.Type == html.ElementNode && (c.DataAtom == atom.Td || c.DataAtom == atom.Th) {
			cells = append(cells, c)
		}
	}
	return cells
}

// attr returns the value of attribute key of n, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

// hasAttr reports whether n has attribute key.
func hasAttr(n *html.Node, key string) bool {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return true
		}
	}
	return false
}

// firstHref returns the first <a href> under n, or nil.
func firstHref(n *html.Node) *html.Node {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if c.Type != html.ElementNode {
			continue
		}
		if c.DataAtom == atom.A && hasAttr(c, "href") {
			return c
		}
		if a := firstHref(c); a != nil {
			return a
		}
	}
	return nil
}

// textContent returns the text of n and its descendants, leaving out
// images (as the Markdown side does).
func textContent(n *html.Node) string {
	var b strings.Builder
	writeText(&b, n, false)
	return b.String()
}

// headingText returns the text of a heading without its permalinks and
// aria-hidden decorations.
func headingText(n *html.Node) string {
	var b strings.Builder
	writeText(&b, n, true)
	return b.String()
}

func writeText(b *strings.Builder, n *html.Node, heading bool) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			b.WriteString(c.Data)
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Br:
				b.WriteByte(' ')
				continue
			case atom.Img, atom.Script, atom.Style, atom.Template:
				continue
			}
			if heading && (attr(c, "aria-hidden") == "true" || c.DataAtom == atom.A && isPermalink(c)) {
				continue
			}
			writeText(b, c, heading)
		}
	}
}

// isPermalink tells a heading's permalink: a link whose text has no letter
// or digit ("#", "¶", an icon).
func isPermalink(a *html.Node) bool {
	return strings.IndexFunc(textContent(a), func(r rune) bool {
		return unicode.IsLetter(r) || unicode.IsDigit(r)
	}) < 0
}

// cellFrags appends the <code> elements and plain text of a scopes cell, in
// order.
func cellFrags(n *html.Node, out *[]frag) {
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		switch c.Type {
		case html.TextNode:
			*out = append(*out, frag{text: c.Data, off: -1})
		case html.ElementNode:
			switch c.DataAtom {
			case atom.Code:
				*out = append(*out, frag{text: textContent(c), code: true, off: -1})
			case atom.Br:
				*out = append(*out, frag{text: " ", off: -1})
			case atom.Img, atom.Script, atom.Style, atom.Template:
			default:
				cellFrags(c, out)
			}
		}
	}
}

// rowSig identifies a table row for matching parsed rows to source lines:
// its text with white space collapsed, and its first href.
type rowSig struct {
	text, href string
}

// domSignature is the rowSig of a parsed tr element.
func domSignature(tr *html.Node) rowSig {
	var b strings.Builder
	var walk func(n *html.Node)
	href, seen := "", false
	walk = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch c.Type {
			case html.TextNode:
				b.WriteString(c.Data)
			case html.ElementNode:
				if !seen && c.DataAtom == atom.A && hasAttr(c, "href") {
					href, seen = attr(c, "href"), true
				}
				walk(c)
			}
		}
	}
	walk(tr)
	return rowSig{text: collapseSpace(b.String()), href: href}
}

// tokRow is a row found by the tokenizer: its line and signature.
type tokRow struct {
	line int
	sig  rowSig
}

// tokenRows tokenizes data and returns every table row in source order:
// rows opened by <tr>, or by a <td>/<th> outside an open row (an implied
// row), and closed by </tr>, the next row, a row group tag or </table> at
// the same table depth. Text of nested tables also counts for the outer
// row, as it does in the parsed tree.
func tokenRows(data []byte) []tokRow {
	type open struct {
		idx   int // into rows
		depth int
		text  strings.Builder
		href  string
		seen  bool
	}
	li := newLineIndex(data)
	var rows []tokRow
	var stack []*open
	depth := 0
	closeAt := func(d int) {
		for len(stack) > 0 && stack[len(stack)-1].depth >= d {
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			rows[o.idx].sig = rowSig{text: collapseSpace(o.text.String()), href: o.href}
		}
	}
	openRow := func(off int) {
		closeAt(depth)
		rows = append(rows, tokRow{line: li.line(off)})
		stack = append(stack, &open{idx: len(rows) - 1, depth: depth})
	}
	z := html.NewTokenizer(bytes.NewReader(data))
	off := 0
	for {
		tt := z.Next()
		start := off
		off += len(z.Raw())
		switch tt {
		case html.ErrorToken:
			closeAt(0)
			return rows
		case html.TextToken:
			t := z.Text()
			for _, o := range stack {
				o.text.Write(t)
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttrs := z.TagName()
			switch atom.Lookup(name) {
			case atom.Table:
				depth++
			case atom.Tr:
				if depth > 0 {
					openRow(start)
				}
			case atom.Td, atom.Th:
				if depth > 0 && (len(stack) == 0 || stack[len(stack)-1].depth < depth) {
					openRow(start)
				}
			case atom.Thead, atom.Tbody, atom.Tfoot:
				closeAt(depth)
			case atom.A:
				for hasAttrs {
					var k, v []byte
					k, v, hasAttrs = z.TagAttr()
					if string(k) != "href" {
						continue
					}
					for _, o := range stack {
						if !o.seen {
							o.href, o.seen = string(v), true
						}
					}
					break
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch atom.Lookup(name) {
			case atom.Table:
				if depth > 0 {
					closeAt(depth)
					depth--
				}
			case atom.Tr, atom.Thead, atom.Tbody, atom.Tfoot:
				closeAt(depth)
			}
		}
	}
}

// rowMatcher matches parsed rows to tokenized rows, in order.
type rowMatcher struct {
	rows   []tokRow
	bySig  map[rowSig][]int // row indices, ascending
	cursor int              // rows before it are taken or skipped
}

func newRowMatcher(rows []tokRow) *rowMatcher {
	m := &rowMatcher{rows: rows, bySig: make(map[rowSig][]int, len(rows))}
	for i, r := range rows {
		m.bySig[r.sig] = append(m.bySig[r.sig], i)
	}
	return m
}

// match returns the line of the next unmatched row with signature sig, or
// 0 when there is none.
func (m *rowMatcher) match(sig rowSig) int {
	idx := m.bySig[sig]
	for len(idx) > 0 && idx[0] < m.cursor {
		idx = idx[1:]
	}
	m.bySig[sig] = idx
	if len(idx) == 0 {
		return 0
	}
	m.cursor = idx[0] + 1
	m.bySig[sig] = idx[1:]
	return m.rows[idx[0]].line
}
