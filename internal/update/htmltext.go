package update

import (
	"bytes"
	"fmt"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// ConvertedHTMLText is the cache.Entry.Converted value of a page stored as
// the text HTMLText made of it.
const ConvertedHTMLText = "html-text"

// HTMLText turns an HTML page into the plain text the classic scopes parser
// reads: one line per block (heading, paragraph, table row, list item), in
// document order, like a browser's rendered text. List items become
// "- text" lines, and an item that is a single link becomes a Markdown link
// "- [text](href)" so the link survives. Only the page's <main> (or
// <article>, or <body>) is read; scripts, styles, navigation, headers,
// footers, asides and heading anchors ("#", "¶") are dropped. Runs of white
// space collapse to one space and empty lines are left out.
func HTMLText(page []byte) ([]byte, error) {
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		return nil, fmt.Errorf("read HTML: %w", err)
	}
	root := find(doc, atom.Main)
	if root == nil {
		root = find(doc, atom.Article)
	}
	if root == nil {
		root = find(doc, atom.Body)
	}
	if root == nil {
		root = doc
	}
	var w textWriter
	w.walk(root)
	w.flush()
	return []byte(w.out.String()), nil
}

// looksHTML reports whether a body is an HTML page rather than text.
func looksHTML(b []byte) bool {
	b = bytes.TrimLeft(bytes.TrimPrefix(b, []byte("\ufeff")), " \t\r\n")
	return len(b) > 0 && b[0] == '<'
}

// skipped elements hold no page text.
func skipped(a atom.Atom) bool {
	switch a {
	case atom.Script, atom.Style, atom.Nav, atom.Header, atom.Footer, atom.Template,
		atom.Noscript, atom.Aside, atom.Svg, atom.Button, atom.Form, atom.Head, atom.Iframe, atom.Select:
		return true
	}
	return false
}

// block elements end the line before and after them.
func block(a atom.Atom) bool {
	switch a {
	case atom.P, atom.Div, atom.H1, atom.H2, atom.H3, atom.H4, atom.H5, atom.H6,
		atom.Ul, atom.Ol, atom.Li, atom.Dl, atom.Dt, atom.Dd, atom.Table, atom.Thead,
		atom.Tbody, atom.Tfoot, atom.Tr, atom.Section, atom.Article, atom.Main, atom.Body,
		atom.Blockquote, atom.Pre, atom.Hr, atom.Br, atom.Figure, atom.Figcaption,
		atom.Details, atom.Summary, atom.Caption:
		return true
	}
	return false
}

// textWriter accumulates lines.
type textWriter struct {
	out    strings.Builder
	line   strings.Builder
	prefix string // "- " while inside a list item whose first line is pending
}

func (w *textWriter) flush() {
	t := strings.Join(strings.Fields(w.line.String()), " ")
	w.line.Reset()
	if t == "" {
		return
	}
	w.out.WriteString(w.prefix)
	w.prefix = ""
	w.out.WriteString(t)
	w.out.WriteByte('\n')
}

func (w *textWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		w.line.WriteString(n.Data)
		return
	case html.ElementNode:
		if skipped(n.DataAtom) || attr(n, "aria-hidden") == "true" || anchorOnly(n) {
			return
		}
	case html.DocumentNode:
	default:
		return
	}
	if n.DataAtom == atom.Li {
		w.flush()
		w.prefix = "- "
		if text, href, ok := singleLink(n); ok {
			w.line.WriteString("[" + text + "](" + href + ")")
			w.flush()
			return
		}
	}
	isBlock := n.Type == html.ElementNode && block(n.DataAtom)
	if isBlock {
		w.flush()
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	switch {
	case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
		w.line.WriteByte(' ')
	case isBlock:
		w.flush()
	}
	if n.DataAtom == atom.Li {
		w.prefix = ""
	}
}

// singleLink reports whether a list item is one link and nothing else.
func singleLink(li *html.Node) (text, href string, ok bool) {
	var links []*html.Node
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.ElementNode && n.DataAtom == atom.A && attr(n, "href") != "" && !anchorOnly(n) {
			links = append(links, n)
			return
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(li)
	if len(links) != 1 {
		return "", "", false
	}
	text = collapsed(links[0])
	if text == "" || text != collapsed(li) {
		return "", "", false
	}
	return text, attr(links[0], "href"), true
}

// anchorOnly reports whether n is a heading's permalink: a link to a
// fragment of the page whose text is empty or a mark such as "#".
func anchorOnly(n *html.Node) bool {
	if n.DataAtom != atom.A || !strings.HasPrefix(attr(n, "href"), "#") {
		return false
	}
	var b strings.Builder
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			visit(c)
		}
	}
	visit(n)
	switch strings.TrimSpace(b.String()) {
	case "", "#", "¶", "🔗", "§":
		return true
	}
	return false
}

// collapsed returns the text of n with white space runs collapsed,
// leaving out what walk leaves out below n.
func collapsed(n *html.Node) string {
	var b strings.Builder
	var visit func(*html.Node)
	visit = func(n *html.Node) {
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			switch {
			case c.Type == html.TextNode:
				b.WriteString(c.Data)
			case c.Type == html.ElementNode && !skipped(c.DataAtom) && attr(c, "aria-hidden") != "true" && !anchorOnly(c):
				visit(c)
			}
		}
	}
	visit(n)
	return strings.Join(strings.Fields(b.String()), " ")
}

// attr returns the value of n's attribute key, or "".
func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// find returns the first element of type a under n, depth first.
func find(n *html.Node, a atom.Atom) *html.Node {
	if n.Type == html.ElementNode && n.DataAtom == a {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if f := find(c, a); f != nil {
			return f
		}
	}
	return nil
}
