package update

import (
	"fmt"
	"net/url"
	"slices"
	"strings"

	"github.com/scopeplan/scopeplan/parser/record"
)

// DefaultBase is the address of Zoom's developer site, which every default
// source is under; SourcesFor replaces it for a mirror or a test server.
const DefaultBase = "https://developers.zoom.us"

// The paths of the default sources under the base address.
const (
	granularPath = "/docs/integrations/oauth-scopes-granular/"
	classicPath  = "/docs/integrations/oauth-scopes/"
	// The API hub's three files per product, with the product's slug.
	methodsPath = "/api-hub/%s/methods/endpoints.json"
	masterPath  = "/api-hub/%s/ma/master.json"
	eventsPath  = "/api-hub/%s/events/webhooks.json"
)

// File kinds of a product on the API hub.
const (
	FileMethods = "methods" // REST operations
	FileMaster  = "ma"      // master-account variants of the operations
	FileEvents  = "events"  // webhook events
)

// Product is one product slug of Zoom's API hub and the files it
// publishes there.
type Product struct {
	Slug  string
	Files []string // FileMethods, FileMaster, FileEvents
}

// Products lists the API hub's product slugs and which of the three files
// each publishes (as Zoom's site listed them in March 2026). A listed file
// that the server answers 404 for is reported absent, not failed.
func Products() []Product {
	m, ma, ev := FileMethods, FileMaster, FileEvents
	all := []string{m, ev, ma}
	return []Product{
		{"accounts", all},
		{"ai-companion", []string{m}},
		{"auto-dialer", []string{m}},
		{"billing", []string{ma}},
		{"calendar", []string{m, ev}},
		{"chatbot", []string{m, ev}},
		{"clips", []string{m, ma}},
		{"cobrowse-sdk", []string{m, ev}},
		{"commerce", []string{m, ev}},
		{"contact-center", all},
		{"crc", []string{m, ma}},
		{"events", []string{m, ev}},
		{"healthcare", []string{m, ev}},
		{"iq", []string{m, ev}},
		{"mail", []string{m, ev}},
		{"marketplace", all},
		{"meetings", all},
		{"node", []string{ev}},
		{"number-management", all},
		{"phone", all},
		{"qss", all},
		{"quality-management", []string{m, ev}},
		{"rooms", all},
		{"rtms", []string{ev}},
		{"scheduler", []string{m, ev}},
		{"scim2", []string{m}},
		{"tasks", []string{m, ev}},
		{"team-chat", []string{m, ev}},
		{"users", all},
		{"video-management", []string{m, ev}},
		{"video-sdk", all},
		{"virtual-agent", []string{m}},
		{"whiteboard", []string{m, ev}},
		{"workforce-management", []string{m}},
		{"zoom-docs", []string{m}},
	}
}

// productSource is the source of one file of a product.
func productSource(base, slug, file string) Source {
	switch file {
	case FileMaster:
		return Source{Name: "openapi-" + slug + "-ma", URL: base + fmt.Sprintf(masterPath, slug), Kind: record.KindOpenAPI, Optional: true}
	case FileEvents:
		// The kind is detected: the parser registry decides what a
		// webhooks file is.
		return Source{Name: "webhooks-" + slug, URL: base + fmt.Sprintf(eventsPath, slug), Optional: true}
	}
	return Source{Name: "openapi-" + slug, URL: base + fmt.Sprintf(methodsPath, slug), Kind: record.KindOpenAPI, Optional: true}
}

// SourcesFor returns the default sources with base (DefaultBase when
// empty) in place of Zoom's site: the two scope pages, then every listed
// file of the given products (all of Products when none are given). An
// unknown slug is an error naming the known ones.
func SourcesFor(base string, slugs []string) ([]Source, error) {
	if base == "" {
		base = DefaultBase
	}
	u, err := url.Parse(base)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("base %q is not an http or https address", base)
	}
	base = strings.TrimRight(base, "/")
	products := Products()
	known := ProductSlugs()
	for _, s := range slugs {
		if !slices.Contains(known, s) {
			return nil, fmt.Errorf("unknown product %q (known: %s)", s, strings.Join(known, ", "))
		}
	}
	out := []Source{
		{Name: "granular", URL: base + granularPath, Kind: record.KindGranularHTML},
		{Name: "classic", URL: base + classicPath, Kind: record.KindClassic},
	}
	for _, p := range products {
		if len(slugs) > 0 && !slices.Contains(slugs, p.Slug) {
			continue
		}
		for _, f := range []string{FileMethods, FileMaster, FileEvents} {
			if slices.Contains(p.Files, f) {
				out = append(out, productSource(base, p.Slug, f))
			}
		}
	}
	return out, nil
}

// ProductSlugs lists the slugs of Products, in their order.
func ProductSlugs() []string {
	var slugs []string
	for _, p := range Products() {
		slugs = append(slugs, p.Slug)
	}
	return slugs
}

// DefaultSources returns the documents `scopeplan update` downloads: the
// two scope pages and every file of every product of the API hub (see
// Products), on Zoom's site.
func DefaultSources() []Source {
	s, _ := SourcesFor(DefaultBase, nil) // DefaultBase and no slugs cannot fail
	return s
}
