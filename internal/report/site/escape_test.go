package site

import (
	"bytes"
	"encoding/json"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	gmhtml "github.com/yuin/goldmark/renderer/html"
	"github.com/yuin/goldmark/text"
	"golang.org/x/net/html"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/parser/record"
)

const evil = `<script>alert(1)</script>`

// Hostile names: markup, table pipes, Markdown syntax, backticks, a
// javascript: link, path traversal and a scope of the same name in both
// kinds.
var (
	evilProduct   = "Zoom User " + evil + " | x"
	evilSection   = "Sec | tion " + evil
	evilName      = "Get | a user " + evil
	evilScope     = "user:read:" + evil + "|x"
	evilMarkdown  = "`code` **b** _i_ [l](http://e.example) <img src=x onerror=alert(1)> \\| ~~s~~"
	evilTraversal = "../../../etc/passwd"
	evilBacktick  = "x:read:y`|`z:admin"
	evilClassic   = "user:read|" + evil
	evilPath      = "/users/{id}|" + evil
	evilEvent     = "user." + evil + "|`x`"
	evilEventFile = "evil`|" + evil + ".json"
)

// evilCatalog is built from documents whose every text is hostile.
func evilCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	src := record.Source{File: "evil.md", Line: 1}
	ref := func(n string) record.ScopeRef { return record.ScopeRef{Name: n, Source: src} }
	granular := &record.Document{Path: "evil/" + evil + ".md", Kind: record.KindGranularMD, SHA256: evil, GranularRows: []record.GranularRow{
		{Product: evilProduct, Section: evilSection, Name: evilName, Link: "/docs/api/rest/reference/user/methods/#operation/op|" + evil,
			Scopes: []record.ScopeRef{ref(evilScope), ref("user:read:user:admin")}, Source: src},
		{Product: evilProduct, Section: evilSection, Name: "javascript link", Link: "javascript:alert(1)",
			Scopes: []record.ScopeRef{ref(evilTraversal), ref("user:read:user:admin")}, Source: src},
		{Product: evilProduct, Section: evilMarkdown, Name: evilMarkdown, Scopes: []record.ScopeRef{ref(evilBacktick), ref(evil)}, Source: src},
		{Product: evil, Name: evil, Link: "/docs/api/rest/reference/" + evilTraversal, Scopes: []record.ScopeRef{ref(evilClassic)}, Source: src},
	}}
	classic := &record.Document{Path: "evil-classic.txt", Kind: record.KindClassic, ClassicScopes: []record.ClassicScope{
		{Group: evil, Name: evilClassic, Description: "desc | " + evil + "\nsecond line", Source: src,
			APIs: []record.APIItem{{Name: evilName, Source: src}, {Name: evilMarkdown, Source: src}}},
		{Group: "|", Name: evil, Description: evilMarkdown, Source: src, APIs: []record.APIItem{{Name: evil, Source: src}}},
	}}
	ref2 := &record.Document{Path: "evil-postman.txt", Kind: record.KindPostman, Title: evil, Operations: []record.Operation{
		{Method: "GET", Path: evilPath, Name: evilName, OperationID: "op|" + evil,
			Scopes: []record.ScopeList{{Origin: record.OriginText, Classic: []record.ScopeRef{ref(evilClassic)}}}, Source: src},
		{Method: "POST", Path: "/x`|`y", Name: "unmatched " + evil,
			Scopes: []record.ScopeList{{Origin: record.OriginText, Granular: []record.ScopeRef{ref(evilScope)}, HasGranular: true}}, Source: src},
	}}
	evSrc := record.Source{File: evilEventFile, Line: 3}
	webhooks := &record.Document{Path: "evil-webhooks/" + evil + ".json", Kind: record.KindWebhooks, Title: evil + " | events", Events: []record.Event{
		{Name: evilEvent, Summary: evilMarkdown, Source: evSrc, Scopes: []record.ScopeList{{Origin: record.OriginText,
			Granular: []record.ScopeRef{ref(evilScope), ref("user:read:user:admin")}, HasGranular: true, Classic: []record.ScopeRef{ref(evilClassic)}}}},
		{Name: evilTraversal, Summary: "desc | " + evil + "\nsecond line", Source: evSrc},
	}}
	c, err := catalog.Build([]*record.Document{granular, classic, ref2, webhooks})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestEvilCatalogHasEvilText makes sure the hostile strings really reach
// the catalog, so the escaping tests test something.
func TestEvilCatalogHasEvilText(t *testing.T) {
	c := evilCatalog(t)
	for _, name := range []string{evilScope, evilTraversal, evilBacktick, evil} {
		if _, ok := c.GranularScope(name); !ok {
			t.Errorf("granular scope %q missing", name)
		}
	}
	for _, name := range []string{evilClassic, evil} {
		if _, ok := c.ClassicScope(name); !ok {
			t.Errorf("classic scope %q missing", name)
		}
	}
	for _, name := range []string{evilEvent, evilTraversal} {
		if _, ok := c.Event(name); !ok {
			t.Errorf("event %q missing", name)
		}
	}
	found := false
	for _, e := range c.Endpoints {
		found = found || e.Path == evilPath
	}
	if !found {
		t.Error("no endpoint has the hostile path")
	}
}

// TestHTMLEscaping: the explorer built from hostile documents has exactly
// the four script elements the generator writes, no event handler or
// other active element, and the data round-trips intact.
func TestHTMLEscaping(t *testing.T) {
	c := evilCatalog(t)
	notes := []Note{{Rule: evil, Severity: evil, Message: evil, Suggestion: evil, File: evil, Endpoints: []int{0}, Scopes: []string{evil}}}
	s := newSite(t, c, Options{Title: "Scopes " + evil, Notes: notes, Generated: time.Unix(0, 0)})
	page := renderHTML(t, s)
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var scripts []string
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		switch n.Data {
		case "script":
			scripts = append(scripts, attr(n, "type")+"#"+attr(n, "id"))
		case "img", "iframe", "object", "embed", "svg", "math", "base", "form", "link":
			t.Errorf("unexpected <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			if strings.HasPrefix(strings.ToLower(a.Key), "on") {
				t.Errorf("<%s> has event handler attribute %s", n.Data, a.Key)
			}
			if strings.Contains(strings.ToLower(a.Val), "javascript:") {
				t.Errorf("<%s %s> holds a javascript: URL", n.Data, a.Key)
			}
		}
		if n.Data == "title" && (n.FirstChild == nil || n.FirstChild.Data != "Scopes "+evil) {
			t.Errorf("title text is not the escaped title")
		}
	}
	want := []string{"application/json#" + dataID, "application/octet-stream#" + wasmID, "#", "#"}
	if strings.Join(scripts, " ") != strings.Join(want, " ") {
		t.Errorf("script elements = %q, want %q", scripts, want)
	}
	raw := scriptText(t, page, dataID)
	if bytes.ContainsAny(raw, "<>&") {
		t.Error("data block holds raw markup characters")
	}
	var d jsData
	if err := json.Unmarshal(raw, &d); err != nil {
		t.Fatal(err)
	}
	if d.Title != "Scopes "+evil || d.Endpoints[0].Name != evilName || d.Notes[0].Message != evil {
		t.Errorf("data does not round-trip: title %q, endpoint %q, note %q", d.Title, d.Endpoints[0].Name, d.Notes[0].Message)
	}
	if len(d.Events) != 2 || d.Events[0].Name != evilEvent || d.Events[0].Summary != evilMarkdown || d.Events[0].Sources[0] != evilEventFile+":3" {
		t.Errorf("events do not round-trip: %+v", d.Events)
	}
	for _, e := range d.Endpoints {
		if e.Link != "" && !strings.HasPrefix(e.Link, "https://") {
			t.Errorf("endpoint %d link %q is not an https URL", e.ID, e.Link)
		}
	}
}

// TestAppScriptUsesNoMarkupSinks: the explorer's script builds the page
// with createElement and textContent only.
func TestAppScriptUsesNoMarkupSinks(t *testing.T) {
	b, err := assets.ReadFile("assets/app.js")
	if err != nil {
		t.Fatal(err)
	}
	for _, sink := range []string{"innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function", "setTimeout(\"", "srcdoc", "createContextualFragment"} {
		if bytes.Contains(b, []byte(sink)) {
			t.Errorf("app.js uses %s", sink)
		}
	}
}

// TestMarkdownEscaping renders every page of the hostile catalog with
// goldmark (GitHub tables) and checks that every table keeps its columns,
// that hostile names come out as text in one cell, and that no active
// markup appears even with raw HTML allowed.
func TestMarkdownEscaping(t *testing.T) {
	c := evilCatalog(t)
	s := newSite(t, c, Options{Title: evil + " | x"})
	md := goldmark.New(goldmark.WithExtensions(extension.Table), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	pages := s.Markdown()
	if want := 1 + len(s.products) + len(s.eventProducts) + len(c.Scopes); len(pages) != want {
		t.Fatalf("%d pages, want %d", len(pages), want)
	}
	cellTexts := map[string]bool{}
	for _, p := range pages {
		if !safePagePath(p.Path) {
			t.Errorf("unsafe page path %q", p.Path)
		}
		checkPipes(t, p)
		src := p.Content
		root := md.Parser().Parse(text.NewReader(src))
		tables := 0
		err := ast.Walk(root, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
			if !entering {
				return ast.WalkContinue, nil
			}
			switch n := n.(type) {
			case *extast.Table:
				tables++
				header := n.FirstChild()
				cols := header.ChildCount()
				rows := 0
				for r := header.NextSibling(); r != nil; r = r.NextSibling() {
					rows++
					if r.ChildCount() != cols {
						t.Errorf("%s: table row with %d cells under a %d-column header", p.Path, r.ChildCount(), cols)
					}
				}
				if rows == 0 {
					t.Errorf("%s: table without rows", p.Path)
				}
			case *ast.RawHTML, *ast.HTMLBlock:
				var raw string
				if b, ok := n.(*ast.HTMLBlock); ok {
					for i := 0; i < b.Lines().Len(); i++ {
						seg := b.Lines().At(i)
						raw += string(seg.Value(src))
					}
				} else {
					segs := n.(*ast.RawHTML).Segments
					for i := 0; i < segs.Len(); i++ {
						seg := segs.At(i)
						raw += string(seg.Value(src))
					}
				}
				if !regexp.MustCompile(`^(<a id="(endpoint|event)-\d+">|</a>)\s*$`).MatchString(raw) {
					t.Errorf("%s: raw HTML %q is not an endpoint or event anchor", p.Path, raw)
				}
			}
			return ast.WalkContinue, nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if tables == 0 {
			t.Errorf("%s: no table", p.Path)
		}
		var out bytes.Buffer
		if err := md.Convert(src, &out); err != nil {
			t.Fatal(err)
		}
		doc, err := html.Parse(&out)
		if err != nil {
			t.Fatal(err)
		}
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			if n.Data == "td" || n.Data == "th" {
				cellTexts[nodeText(n)] = true
			}
			if n.Data == "script" || n.Data == "img" || n.Data == "iframe" {
				t.Errorf("%s: rendered Markdown has a <%s> element", p.Path, n.Data)
			}
			for _, a := range n.Attr {
				if strings.HasPrefix(a.Key, "on") || strings.Contains(strings.ToLower(a.Val), "javascript:") {
					t.Errorf("%s: <%s %s=%q>", p.Path, n.Data, a.Key, a.Val)
				}
			}
		}
	}
	// Whole hostile names survive as the text of one cell.
	for _, want := range []string{evilName, evilProduct, evilScope, evilClassic, evilMarkdown,
		strings.ReplaceAll(evilBacktick, "`", "'"), // report.MarkdownCode's documented replacement
		"desc | " + evil + " second line", "GET " + evilPath,
		strings.ReplaceAll(evilEvent, "`", "'"), strings.ReplaceAll(evilEventFile, "`", "'") + ":3", evil + " | events"} {
		if !cellTexts[want] {
			var near []string
			for c := range cellTexts {
				if strings.Contains(c, want[:5]) {
					near = append(near, c)
				}
			}
			t.Errorf("no table cell reads %q; near: %q", want, near)
		}
	}
}

// checkPipes counts the unescaped pipes of every table line: each line
// of a table has as many as its header.
func checkPipes(t *testing.T, p Page) {
	t.Helper()
	want := -1
	for i, line := range strings.Split(string(p.Content), "\n") {
		if !strings.HasPrefix(line, "|") {
			want = -1
			continue
		}
		n := 0
		for j := 0; j < len(line); j++ {
			if line[j] == '\\' {
				j++
				continue
			}
			if line[j] == '|' {
				n++
			}
		}
		if want < 0 {
			want = n
		} else if n != want {
			t.Errorf("%s:%d: %d cell separators, header has %d: %s", p.Path, i+1, n, want, line)
		}
	}
}

// nodeText is the text content of an HTML node.
func nodeText(n *html.Node) string {
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}

func safePagePath(p string) bool {
	for _, seg := range strings.Split(p, "/") {
		if seg == "" || seg == "." || seg == ".." {
			return false
		}
	}
	return filepath.IsLocal(p) && !strings.ContainsAny(p, "\\<>|:*?\"")
}
