package granular

import (
	"bytes"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/scopeplan/scopeplan/parser/record"
)

// seedPath is the real granular scopes page, as captured from Zoom.
const seedPath = "../../data/docs/granular-scopes.md"

func readSeed(tb testing.TB) []byte {
	tb.Helper()
	data, err := os.ReadFile(seedPath)
	if err != nil {
		tb.Fatalf("read seed: %v", err)
	}
	return data
}

// renderHTML renders Markdown to HTML with goldmark and the table extension.
func renderHTML(tb testing.TB, md []byte) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := goldmark.New(goldmark.WithExtensions(extension.Table)).Convert(md, &buf); err != nil {
		tb.Fatalf("render: %v", err)
	}
	return buf.Bytes()
}

// wrapChrome wraps a rendered page body in page chrome the HTML parser must
// ignore, and adds permalink anchors to its h2/h3 headings.
func wrapChrome(body []byte) []byte {
	s := string(body)
	for _, h := range []string{"h2", "h3"} {
		s = strings.ReplaceAll(s, "</"+h+">", `<a class="anchor" href="#permalink" aria-label="Permalink">#</a></`+h+">")
	}
	var b strings.Builder
	b.WriteString(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Granular scopes</title>
<style>table td { padding: 0 } h2::after { content: "#" }</style>
<script>
  var fake = "<table><tr><td><a href='/docs/api/rest/reference/x/methods/#operation/fake'>Fake</a></td><td><code>fake:read:x:admin</code></td></tr></table>";
</script>
</head>
<body>
<header class="site-header"><h1>Zoom Developer Platform</h1><h2>Menu<a class="anchor" href="#menu">#</a></h2></header>
<nav><h2>Docs</h2><table><tr><td><a href="/docs/api/rest/reference/nav/methods/#operation/navOp">Nav op</a></td><td><code>nav:read:x</code></td></tr></table></nav>
<main><article>
`)
	b.WriteString(s)
	b.WriteString(`
<h2>Rate limits<a class="anchor" href="#rate-limits">¶</a></h2>
<table><thead><tr><th>Plan</th><th>Requests per second</th></tr></thead>
<tbody><tr><td>Pro</td><td>30</td></tr><tr><td><a href="/pricing">Business</a></td><td>80</td></tr></tbody></table>
</article></main>
<footer><table><tr><td><a href="/docs/api/rest/reference/foot/ma/#operation/footOp">Footer op</a></td><td><code>foot:read:x:master</code></td></tr></table></footer>
<script src="/app.js"></script>
</body></html>
`)
	return []byte(b.String())
}

func TestSeedFigures(t *testing.T) {
	data := readSeed(t)
	doc, err := ParseMarkdown("granular-scopes.md", data)
	if err != nil {
		t.Fatal(err)
	}
	withOp, withoutOp := 0, 0
	scopes := map[string]bool{}
	products := map[string]bool{}
	for _, r := range doc.GranularRows {
		if r.OperationID() != "" {
			withOp++
		} else {
			withoutOp++
		}
		for _, s := range r.Scopes {
			scopes[s.Name] = true
			if s.Source.Line == 0 || s.Source.Column == 0 {
				t.Errorf("scope %q without position", s.Name)
			}
		}
		products[r.Product] = true
		if r.Source.Line == 0 || r.Source.Column == 0 {
			t.Errorf("row %q without position", r.Name)
		}
	}
	if got, want := len(doc.GranularRows), 2274; got != want {
		t.Errorf("rows = %d, want %d", got, want)
	}
	if withOp != 2273 || withoutOp != 1 {
		t.Errorf("rows linking to an operation = %d, not = %d; want 2273, 1", withOp, withoutOp)
	}
	if got, want := len(scopes), 2501; got != want {
		t.Errorf("distinct scopes = %d, want %d", got, want)
	}
	if got, want := len(products), 25; got != want {
		t.Errorf("products = %d, want %d", got, want)
	}
	if doc.Title != "Granular OAuth Scopes" {
		t.Errorf("title = %q", doc.Title)
	}
	// Row lines point at the row in the source.
	lines := strings.Split(string(data), "\n")
	for _, r := range doc.GranularRows {
		line := lines[r.Source.Line-1]
		if !strings.HasPrefix(line, "|") || !strings.Contains(line, r.Name) {
			t.Fatalf("row %q: line %d is %q", r.Name, r.Source.Line, line)
		}
		for _, s := range r.Scopes {
			l := []rune(lines[s.Source.Line-1])
			if col := int(s.Source.Column) - 1; col+len([]rune(s.Name)) > len(l) || string(l[col:col+len([]rune(s.Name))]) != s.Name {
				t.Fatalf("scope %q: not at line %d column %d", s.Name, s.Source.Line, s.Source.Column)
			}
		}
	}
	counts := map[string]int{}
	for _, p := range doc.Problems {
		counts[p.Code]++
	}
	t.Logf("problems: %v", counts)
}

// TestSeedHTMLMatchesMarkdown renders the seed to HTML, wraps it in page
// chrome and checks ParseHTML yields the records of ParseMarkdown.
func TestSeedHTMLMatchesMarkdown(t *testing.T) {
	data := readSeed(t)
	md, err := ParseMarkdown("granular-scopes.md", data)
	if err != nil {
		t.Fatal(err)
	}
	page := wrapChrome(renderHTML(t, data))
	if !SniffHTML(page) {
		t.Fatal("SniffHTML rejects the rendered page")
	}
	if SniffMarkdown(page) {
		t.Fatal("SniffMarkdown accepts the rendered page")
	}
	h, err := ParseHTML("granular-scopes.html", page)
	if err != nil {
		t.Fatal(err)
	}
	compareIgnoringSource(t, md, h)
	// Lines point at the row's <tr> in the page.
	lines := strings.Split(string(page), "\n")
	for _, r := range h.GranularRows {
		if r.Source.Line == 0 {
			t.Fatalf("row %q has no line", r.Name)
		}
		if l := lines[r.Source.Line-1]; !strings.Contains(l, "<tr>") {
			t.Fatalf("row %q: line %d is %q", r.Name, r.Source.Line, l)
		}
	}
}

// stripSources returns a copy of d without Sources, path and kind.
func stripSources(d *record.Document) *record.Document {
	c := *d
	c.Path, c.Kind = "", ""
	c.GranularRows = nil
	for _, r := range d.GranularRows {
		r.Source = record.Source{}
		var scopes []record.ScopeRef
		for _, s := range r.Scopes {
			scopes = append(scopes, record.ScopeRef{Name: s.Name})
		}
		r.Scopes = scopes
		c.GranularRows = append(c.GranularRows, r)
	}
	c.Problems = nil
	for _, p := range d.Problems {
		p.Source = record.Source{}
		c.Problems = append(c.Problems, p)
	}
	return &c
}

func compareIgnoringSource(t *testing.T, md, h *record.Document) {
	t.Helper()
	a, b := stripSources(md), stripSources(h)
	if len(a.GranularRows) != len(b.GranularRows) {
		t.Errorf("rows: markdown %d, html %d", len(a.GranularRows), len(b.GranularRows))
	}
	for i := range min(len(a.GranularRows), len(b.GranularRows)) {
		if !reflect.DeepEqual(a.GranularRows[i], b.GranularRows[i]) {
			t.Fatalf("row %d differs:\nmarkdown %+v\nhtml     %+v", i, a.GranularRows[i], b.GranularRows[i])
		}
	}
	if !reflect.DeepEqual(a, b) {
		t.Errorf("documents differ:\nmarkdown title %q problems %+v\nhtml     title %q problems %+v", a.Title, a.Problems, b.Title, b.Problems)
	}
}
