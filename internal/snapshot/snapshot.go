// Package snapshot stores the catalog built from the embedded documents,
// with its lint findings, in a compact form generated at build time
// (go generate ./data), so a command starts without parsing 1 MB of
// documents or running every lint rule. A test fails when the snapshot and
// the documents disagree.
package snapshot

import (
	"bytes"
	"compress/gzip"
	"encoding/gob"
	"fmt"
	"io"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/parser/record"
)

// formatVersion changes whenever the stored shape does.
const formatVersion = 1

// Snapshot is a built catalog and its findings.
type Snapshot struct {
	Version int
	// Digest identifies the documents the snapshot was built from
	// (data.Digest of them).
	Digest   string
	Parts    catalog.Parts
	Findings []lint.Finding
}

// Build parses nothing: it captures a catalog already built from docs
// whose digest is given, running every lint rule over it.
func Build(c *catalog.Catalog, digest string) *Snapshot {
	return &Snapshot{Version: formatVersion, Digest: digest, Parts: c.Parts(), Findings: lint.Run(c, lint.Rules())}
}

// Encode writes the snapshot as gzip-compressed gob.
func Encode(w io.Writer, s *Snapshot) error {
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("encode snapshot: %w", err)
	}
	if err := gob.NewEncoder(zw).Encode(s); err != nil {
		return fmt.Errorf("encode snapshot: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("encode snapshot: %w", err)
	}
	return nil
}

// Decode reads a snapshot written by Encode.
func Decode(b []byte) (*Snapshot, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("decode snapshot: %w", err)
	}
	var s Snapshot
	if err := gob.NewDecoder(zr).Decode(&s); err != nil {
		return nil, fmt.Errorf("decode snapshot: %w", err)
	}
	if s.Version != formatVersion {
		return nil, fmt.Errorf("decode snapshot: format %d, want %d", s.Version, formatVersion)
	}
	return &s, nil
}

// Load is loader.Load that takes the embedded set from the snapshot when
// it matches the embedded documents, and also returns the catalog's lint
// findings when they were computed ahead of time (else nil: the caller
// runs lint if it needs them).
func Load(o loader.Options) (*catalog.Catalog, loader.Provenance, []lint.Finding, error) {
	if len(o.Docs) == 0 && len(o.AddDocs) == 0 {
		if s, err := Embedded(); err == nil {
			if c, err := s.Catalog(); err == nil {
				return c, loader.ProvenanceOf(loader.OriginEmbedded, s.Documents()), s.Findings, nil
			}
		}
	}
	c, p, err := loader.Load(o)
	return c, p, nil, err
}

// Embedded decodes the embedded snapshot if it was built from exactly the
// embedded documents.
func Embedded() (*Snapshot, error) {
	s, err := Decode(data.Snapshot())
	if err != nil {
		return nil, err
	}
	if s.Digest != data.Digest() {
		return nil, fmt.Errorf("snapshot is stale: run go generate ./data")
	}
	return s, nil
}

// Catalog restores the snapshot's catalog.
func (s *Snapshot) Catalog() (*catalog.Catalog, error) {
	return catalog.Restore(s.Parts)
}

// Documents returns the parsed documents the snapshot holds.
func (s *Snapshot) Documents() []*record.Document { return s.Parts.Documents }
