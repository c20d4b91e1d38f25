package loader

import (
	"fmt"
	"time"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
)

// OriginCache marks a catalog built from documents `scopeplan update`
// downloaded into the cache (with, for what the cache lacks, embedded ones).
const OriginCache Origin = "cache"

// EmbeddedDate is the capture day of the embedded documents (data.Date),
// as midnight UTC.
func EmbeddedDate() (time.Time, error) {
	t, err := time.Parse(time.DateOnly, data.Date)
	if err != nil {
		return time.Time{}, fmt.Errorf("embedded data date %q: %w", data.Date, err)
	}
	return t, nil
}

// CachedDocuments parses the documents in the cache directory dir (the
// default cache directory when dir is empty) if the cache was confirmed
// current after since. It returns nil and no error when there is no such
// cache; an error when the cache is there and newer but a document in it
// cannot be read or parsed.
func CachedDocuments(dir string, since time.Time) ([]*record.Document, error) {
	c, err := cache.Open(dir)
	if err != nil {
		return nil, err
	}
	if !c.Newer(since) {
		return nil, nil
	}
	files, err := c.Files()
	if err != nil {
		return nil, fmt.Errorf("cache %s: %w", c.Dir, err)
	}
	var docs []*record.Document
	for _, f := range files {
		d, err := parser.Parse(f.Path, f.Data, f.Entry.Kind)
		if err != nil {
			return nil, fmt.Errorf("cache %s: %w", c.Dir, err)
		}
		docs = append(docs, d)
	}
	return docs, nil
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

// embeddedUncovered returns the embedded documents MergeCached would keep
// beside cached.
func embeddedUncovered(cached []*record.Document) ([]*record.Document, error) {
	embedded, err := Embedded()
	if err != nil {
		return nil, err
	}
	merged := MergeCached(embedded, cached)
	return merged[:len(merged)-len(cached)], nil
}

// LoadCached builds the catalog from the cache when it applies: no Docs
// are given and the cache in cacheDir (the default cache directory when
// empty; see cache.DefaultDir) holds documents confirmed current after the
// embedded data's date. The catalog is built from the cached documents
// (merged with the embedded ones as MergeCached says) plus any AddDocs, and
// its provenance says "cache". ok is false when the cache does not apply,
// or when anything fails (a cache that cannot be read, parsed or built, an
// AddDocs document that fails): the caller then loads as usual, which
// reports any AddDocs error itself.
func LoadCached(o Options, cacheDir string) (c *catalog.Catalog, p Provenance, ok bool) {
	if len(o.Docs) > 0 {
		return nil, Provenance{}, false
	}
	since, err := EmbeddedDate()
	if err != nil {
		return nil, Provenance{}, false
	}
	cached, err := CachedDocuments(cacheDir, since)
	if err != nil || len(cached) == 0 {
		return nil, Provenance{}, false
	}
	embedded, err := embeddedUncovered(cached)
	if err != nil {
		return nil, Provenance{}, false
	}
	docs := MergeCached(embedded, cached)
	for _, spec := range o.AddDocs {
		ds, err := o.ReadSpec(spec)
		if err != nil {
			return nil, Provenance{}, false
		}
		docs = append(docs, ds...)
	}
	c, err = catalog.Build(docs)
	if err != nil {
		return nil, Provenance{}, false
	}
	return c, ProvenanceOf(OriginCache, docs), true
}

// LoadWithCache is Load, preferring the cache as LoadCached says: with Docs
// given, without a cache, or with a cache no newer than the embedded data,
// it is exactly Load.
func LoadWithCache(o Options, cacheDir string) (*catalog.Catalog, Provenance, error) {
	if c, p, ok := LoadCached(o, cacheDir); ok {
		return c, p, nil
	}
	return Load(o)
}
