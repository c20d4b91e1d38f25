package catalog_test

import (
	"bytes"
	"fmt"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
)

// TestGranularHTMLBuildsTheSameCatalog renders the granular page to HTML
// with goldmark, as Zoom serves it, and checks that the catalog built from
// the HTML equals the one built from the Markdown, source lines aside.
func TestGranularHTMLBuildsTheSameCatalog(t *testing.T) {
	var md, htmlDocs []*record.Document
	for _, f := range data.Files() {
		d, err := parser.Parse(f.Path, f.Data, "")
		if err != nil {
			t.Fatal(err)
		}
		md = append(md, d)
		if d.Kind != record.KindGranularMD {
			htmlDocs = append(htmlDocs, d)
			continue
		}
		var buf bytes.Buffer
		buf.WriteString("<html><body><nav><a href=\"/\">Home</a></nav><main>")
		if err := goldmark.New(goldmark.WithExtensions(extension.Table)).Convert(f.Data, &buf); err != nil {
			t.Fatal(err)
		}
		buf.WriteString("</main><footer><table><tr><td>not a scope table</td></tr></table></footer></body></html>")
		h, err := parser.Parse("granular.html", buf.Bytes(), "")
		if err != nil {
			t.Fatal(err)
		}
		if h.Kind != record.KindGranularHTML {
			t.Fatalf("rendered page detected as %s", h.Kind)
		}
		htmlDocs = append(htmlDocs, h)
	}
	a, err := catalog.Build(md)
	if err != nil {
		t.Fatal(err)
	}
	b, err := catalog.Build(htmlDocs)
	if err != nil {
		t.Fatal(err)
	}
	if a.Stats() != b.Stats() {
		t.Fatalf("stats: Markdown %+v, HTML %+v", a.Stats(), b.Stats())
	}
	key := func(e *catalog.Endpoint) string {
		return fmt.Sprint(e.Method, e.Path, e.OperationID, e.Name, e.Product, e.ProductTitle, e.Section, e.Variant, e.Link, e.Join, e.Granular, e.Classic)
	}
	for i := range a.Endpoints {
		if key(a.Endpoints[i]) != key(b.Endpoints[i]) {
			t.Fatalf("endpoint %d: Markdown %s, HTML %s", i, key(a.Endpoints[i]), key(b.Endpoints[i]))
		}
	}
	if !catalog.Diff(a, b).Empty() {
		t.Error("catalog diff between the Markdown and HTML catalogs is not empty")
	}
}
