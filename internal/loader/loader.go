// Package loader reads the document sets catalogs are built from: the
// embedded documents, or the ones named with --docs, plus any --add-docs,
// and the cached documents that replace embedded ones. It is the part of
// package scopeplan's Load that internal/snapshot shares; callers outside
// the module use scopeplan.Load.
package loader

import (
	"context"
	"fmt"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
)

// DocInfo identifies one loaded document (scopeplan.DocInfo is its
// public form).
type DocInfo struct {
	Path    string
	Kind    record.Kind
	Records int
	SHA256  string
}

// Infos identifies each document.
func Infos(docs []*record.Document) []DocInfo {
	out := make([]DocInfo, 0, len(docs))
	for _, d := range docs {
		out = append(out, DocInfo{Path: d.Path, Kind: d.Kind, Records: d.Records(), SHA256: d.SHA256})
	}
	return out
}

// Options select the documents: Docs replaces the embedded set, AddDocs
// adds to whichever set is used. Each entry is FILE, KIND=FILE or DIR.
// MaxDocSize bounds each document read, in bytes (0: parser.DefaultMaxSize).
type Options struct {
	Docs       []string
	AddDocs    []string
	MaxDocSize int64
}

// ReadSpecs reads each FILE, KIND=FILE or DIR within the options' size
// limit, stopping between documents when ctx is done.
func (o Options) ReadSpecs(ctx context.Context, specs []string) ([]*record.Document, error) {
	var docs []*record.Document
	for _, spec := range specs {
		ds, err := parser.LoadContext(ctx, spec, parser.LoadOptions{MaxSize: o.MaxDocSize})
		if err != nil {
			return nil, err
		}
		docs = append(docs, ds...)
	}
	return docs, nil
}

// Documents parses the selected documents, stopping when ctx is done.
func Documents(ctx context.Context, o Options) ([]*record.Document, error) {
	var docs []*record.Document
	var err error
	if len(o.Docs) > 0 {
		docs, err = o.ReadSpecs(ctx, o.Docs)
	} else {
		docs, err = Embedded(ctx)
	}
	if err != nil {
		return nil, err
	}
	added, err := o.ReadSpecs(ctx, o.AddDocs)
	if err != nil {
		return nil, err
	}
	return dedupe(append(docs, added...)), nil
}

// dedupe drops a document whose content (sha256) an earlier one already
// has: the same file given twice would otherwise count everything twice.
func dedupe(docs []*record.Document) []*record.Document {
	seen := map[string]bool{}
	out := docs[:0:0]
	for _, d := range docs {
		if d.SHA256 != "" && seen[d.SHA256] {
			continue
		}
		seen[d.SHA256] = true
		out = append(out, d)
	}
	return out
}

// Embedded parses the embedded documents, stopping when ctx is done.
func Embedded(ctx context.Context) ([]*record.Document, error) {
	var docs []*record.Document
	for _, f := range data.Files() {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d, err := parser.Parse(f.Path, f.Data, "")
		if err != nil {
			return nil, fmt.Errorf("embedded data: %w", err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// Build parses the selected documents and builds their catalog, never
// reading a snapshot.
func Build(ctx context.Context, o Options) (*catalog.Catalog, []*record.Document, error) {
	docs, err := Documents(ctx, o)
	if err != nil {
		return nil, nil, err
	}
	c, err := catalog.Build(docs)
	if err != nil {
		return nil, nil, err
	}
	return c, docs, nil
}
