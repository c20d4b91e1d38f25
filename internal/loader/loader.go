// Package loader assembles the catalog a command works on: the embedded
// documents, or the ones named with --docs, plus any --add-docs, and says
// where the data came from.
package loader

import (
	"fmt"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
)

// Origin names where a catalog's documents came from.
type Origin string

// Origins.
const (
	OriginEmbedded Origin = "embedded"
	OriginDocs     Origin = "docs"
)

// DocInfo identifies one loaded document.
type DocInfo struct {
	Path    string      `json:"path" yaml:"path"`
	Kind    record.Kind `json:"kind" yaml:"kind"`
	Records int         `json:"records" yaml:"records"`
	SHA256  string      `json:"sha256" yaml:"sha256"`
}

// Provenance says where a catalog's data came from; every JSON output
// carries it as "data".
type Provenance struct {
	Source    Origin    `json:"source" yaml:"source"`
	Documents []DocInfo `json:"documents" yaml:"documents"`
	// Config is the configuration file (.scopeplan.yaml) the command
	// used, when it used one.
	Config string `json:"config,omitempty" yaml:"config,omitempty"`
	// CacheError says why the cache `scopeplan update` filled could not
	// be read, when the data fell back to the embedded documents for it.
	CacheError string `json:"cache_error,omitempty" yaml:"cache_error,omitempty"`
}

// Options select the documents: Docs replaces the embedded set, AddDocs
// adds to whichever set is used. Each entry is FILE, KIND=FILE or DIR.
// MaxDocSize bounds each document read, in bytes (0: parser.DefaultMaxSize).
type Options struct {
	Docs       []string
	AddDocs    []string
	MaxDocSize int64
}

// ReadSpec reads one FILE, KIND=FILE or DIR within the options' size limit.
func (o Options) ReadSpec(spec string) ([]*record.Document, error) {
	return parser.LoadWith(spec, parser.LoadOptions{MaxSize: o.MaxDocSize})
}

// Documents parses the selected documents.
func Documents(o Options) ([]*record.Document, Origin, error) {
	var docs []*record.Document
	origin := OriginEmbedded
	if len(o.Docs) > 0 {
		origin = OriginDocs
		for _, spec := range o.Docs {
			ds, err := o.ReadSpec(spec)
			if err != nil {
				return nil, "", err
			}
			docs = append(docs, ds...)
		}
	} else {
		ds, err := Embedded()
		if err != nil {
			return nil, "", err
		}
		docs = ds
	}
	for _, spec := range o.AddDocs {
		ds, err := o.ReadSpec(spec)
		if err != nil {
			return nil, "", err
		}
		docs = append(docs, ds...)
	}
	return dedupe(docs), origin, nil
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

// Embedded parses the embedded documents.
func Embedded() ([]*record.Document, error) {
	var docs []*record.Document
	for _, f := range data.Files() {
		d, err := parser.Parse(f.Path, f.Data, "")
		if err != nil {
			return nil, fmt.Errorf("embedded data: %w", err)
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// Load parses the selected documents and builds their catalog.
func Load(o Options) (*catalog.Catalog, Provenance, error) {
	docs, origin, err := Documents(o)
	if err != nil {
		return nil, Provenance{}, err
	}
	c, err := catalog.Build(docs)
	if err != nil {
		return nil, Provenance{}, err
	}
	return c, ProvenanceOf(origin, docs), nil
}

// Fresh is Load under the name the snapshot's tests use: it always parses
// and builds, never reading a snapshot.
func Fresh(o Options) (*catalog.Catalog, Provenance, error) { return Load(o) }

// ProvenanceOf describes a document set.
func ProvenanceOf(origin Origin, docs []*record.Document) Provenance {
	p := Provenance{Source: origin, Documents: []DocInfo{}}
	for _, d := range docs {
		p.Documents = append(p.Documents, DocInfo{Path: d.Path, Kind: d.Kind, Records: d.Records(), SHA256: d.SHA256})
	}
	return p
}
