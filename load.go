package scopeplan

import (
	"context"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/internal/snapshot"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/parser/record"
)

// Origin names where a catalog's documents came from.
type Origin string

// Origins.
const (
	// OriginEmbedded: the documents embedded in the module (package data).
	OriginEmbedded Origin = "embedded"
	// OriginDocs: the documents Options.Docs names.
	OriginDocs Origin = "docs"
	// OriginCache: documents `scopeplan update` downloaded into the update
	// cache (with, for what the cache lacks, embedded ones).
	OriginCache Origin = "cache"
)

// DocInfo identifies one loaded document.
type DocInfo struct {
	Path    string      `json:"path" yaml:"path"`
	Kind    record.Kind `json:"kind" yaml:"kind"`
	Records int         `json:"records" yaml:"records"`
	SHA256  string      `json:"sha256" yaml:"sha256"`
}

// Provenance says where a catalog's data came from; every JSON output of
// the command carries it as "data".
type Provenance struct {
	Source    Origin    `json:"source" yaml:"source"`
	Documents []DocInfo `json:"documents" yaml:"documents"`
	// Config is the configuration file (.scopeplan.yaml) the command
	// used, when it used one. Load leaves it empty.
	Config string `json:"config,omitempty" yaml:"config,omitempty"`
	// CacheError says why the update cache could not be read, when the
	// data fell back to the embedded documents for it.
	CacheError string `json:"cache_error,omitempty" yaml:"cache_error,omitempty"`
}

// ProvenanceOf describes a document set that came from origin.
func ProvenanceOf(origin Origin, docs []*record.Document) Provenance {
	return provenance(origin, loader.Infos(docs))
}

func provenance(origin Origin, infos []loader.DocInfo) Provenance {
	p := Provenance{Source: origin, Documents: make([]DocInfo, 0, len(infos))}
	for _, d := range infos {
		p.Documents = append(p.Documents, DocInfo(d))
	}
	return p
}

// Options select the documents a catalog is built from. The zero value
// selects the embedded documents.
type Options struct {
	// Docs replaces the embedded documents. Each entry is FILE, KIND=FILE
	// or DIR (every document in it); KIND is a record.Kind, and without
	// it the kind is detected from the content.
	Docs []string
	// AddDocs adds documents (in the same forms) to whichever set is used.
	AddDocs []string
	// MaxDocSize bounds each document read, in bytes (0:
	// parser.DefaultMaxSize).
	MaxDocSize int64

	// UseCache prefers the documents `scopeplan update` downloaded when
	// the cache holds documents confirmed current after the embedded
	// data's date and no Docs are given: they replace the embedded
	// documents they cover (AddDocs still add to them). A cache that
	// cannot be read leaves the embedded documents, with the reason in
	// Provenance.CacheError.
	UseCache bool
	// CacheDir is the update cache's folder; setting it implies UseCache.
	// Empty: $SCOPEPLAN_CACHE_DIR, else scopeplan in the user cache
	// folder (os.UserCacheDir).
	CacheDir string

	// Core asks only for what planning needs: endpoints, scopes and
	// events. When the catalog comes from a prebuilt form (the embedded
	// documents, a compiled update cache), it then lacks the documents,
	// grants, associations and each scope's sources, and loads several
	// times faster; a catalog built from documents is always whole. Such
	// a catalog resolves calls and plans (package planner) but cannot be
	// dumped or linted.
	Core bool
}

// Load builds the catalog of the documents o selects: the embedded ones
// by default. It stops between documents when ctx is done, returning
// ctx.Err(). Bad documents are errors naming the file.
func Load(ctx context.Context, o Options) (*catalog.Catalog, Provenance, error) {
	c, p, _, err := LoadWithFindings(ctx, o)
	return c, p, err
}

// LoadWithFindings is Load that also returns the catalog's lint findings
// for every rule (lint.Rules) when they were computed ahead of time, as
// they are for the embedded documents and a compiled update cache; else
// the findings are nil and lint.Run computes them.
func LoadWithFindings(ctx context.Context, o Options) (*catalog.Catalog, Provenance, []lint.Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, Provenance{}, nil, err
	}
	lo := loader.Options{Docs: o.Docs, AddDocs: o.AddDocs, MaxDocSize: o.MaxDocSize}
	full := !o.Core
	cacheErr := ""
	if o.UseCache || o.CacheDir != "" {
		c, docs, stored, st, err := snapshot.FromCache(ctx, lo, o.CacheDir, full, lint.Precompute)
		if err := ctx.Err(); err != nil {
			return nil, Provenance{}, nil, err
		}
		switch st {
		case snapshot.CacheUsed:
			return c, provenance(OriginCache, docs), storedFindings(stored), nil
		case snapshot.CacheBroken:
			cacheErr = err.Error()
		}
	}
	c, docs, stored, err := snapshot.Load(ctx, lo, full)
	if err != nil {
		return nil, Provenance{}, nil, err
	}
	fs := storedFindings(stored)
	origin := OriginEmbedded
	if len(o.Docs) > 0 {
		origin = OriginDocs
	}
	p := provenance(origin, docs)
	p.CacheError = cacheErr
	return c, p, fs, nil
}

// storedFindings decodes the lint findings a snapshot or compiled cache
// stored for its catalog (lint.Precompute); nil when it stored none or
// they are not this catalog's, and lint.Run computes them.
func storedFindings(st snapshot.Stored) []lint.Finding {
	if len(st.Findings) == 0 {
		return nil
	}
	fs, err := lint.DecodeFindings(st.Findings, st.Digest)
	if err != nil {
		return nil
	}
	return fs
}
