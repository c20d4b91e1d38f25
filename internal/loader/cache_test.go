package loader

import (
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/parser/record"
)

func TestMergeCached(t *testing.T) {
	doc := func(path string, k record.Kind) *record.Document { return &record.Document{Path: path, Kind: k} }
	embedded := []*record.Document{
		doc("classic", record.KindClassic), doc("granular", record.KindGranularMD),
		doc("postman", record.KindPostman), doc("text", record.KindOpenAPIText),
	}
	for _, tc := range []struct {
		name   string
		cached []*record.Document
		want   string
	}{
		{"nothing cached", nil, "classic granular postman text"},
		{"granular html replaces markdown", []*record.Document{doc("g.html", record.KindGranularHTML)}, "classic postman text g.html"},
		{"classic", []*record.Document{doc("c.txt", record.KindClassic)}, "granular postman text c.txt"},
		{"openapi replaces references", []*record.Document{doc("u.json", record.KindOpenAPI), doc("m.json", record.KindOpenAPI)}, "classic granular u.json m.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, d := range MergeCached(embedded, tc.cached) {
				got = append(got, d.Path)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("MergeCached = %v, want %s", got, tc.want)
			}
		})
	}
}

// TestMergeCachedByProduct: a cached API reference replaces only the
// embedded references of its own product.
func TestMergeCachedByProduct(t *testing.T) {
	doc := func(path string, k record.Kind, title string) *record.Document {
		return &record.Document{Path: path, Kind: k, Title: title}
	}
	embedded := []*record.Document{
		doc("postman", record.KindPostman, "Users"), doc("text", record.KindOpenAPIText, "Users"),
		doc("phone", record.KindEndpointPage, "Phone"),
	}
	var got []string
	for _, d := range MergeCached(embedded, []*record.Document{doc("users.json", record.KindOpenAPI, "Users")}) {
		got = append(got, d.Path)
	}
	if strings.Join(got, " ") != "phone users.json" {
		t.Errorf("MergeCached = %v, want the Phone page kept beside the cached Users file", got)
	}
}
