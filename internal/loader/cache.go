package loader

import (
	"fmt"
	"time"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/parser/record"
)

// EmbeddedDate is the capture day of the embedded documents (data.Date),
// as midnight UTC.
func EmbeddedDate() (time.Time, error) {
	t, err := time.Parse(time.DateOnly, data.Date)
	if err != nil {
		return time.Time{}, fmt.Errorf("embedded data date %q: %w", data.Date, err)
	}
	return t, nil
}

// role groups the documents that describe the same thing: a cached
// document replaces the embedded documents of its role. The scope pages
// are one role each; API references are one role per product, so a
// cached Users OpenAPI file replaces the embedded Users references and
// leaves the Phone page alone.
func role(d *record.Document) string {
	switch d.Kind {
	case record.KindGranularMD, record.KindGranularHTML:
		return "granular"
	case record.KindClassic:
		return "classic"
	case record.KindWebhooks:
		// Events replace no embedded document.
		return "events:" + d.Path
	}
	return "reference:" + catalog.ReferenceProduct(d)
}

// MergeCached returns the cached documents plus the embedded ones of every
// role the cache does not cover: a cached granular page replaces the
// embedded granular page, a cached classic page the classic one, and a
// cached API reference the embedded references of its product.
func MergeCached(embedded, cached []*record.Document) []*record.Document {
	covered := map[string]bool{}
	for _, d := range cached {
		covered[role(d)] = true
	}
	var out []*record.Document
	for _, d := range embedded {
		if !covered[role(d)] {
			out = append(out, d)
		}
	}
	return append(out, cached...)
}
