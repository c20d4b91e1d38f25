// Package snapshot stores the catalog built from the embedded documents,
// with what was computed from it ahead of time (its lint findings), in a
// form generated at build time (go generate ./data), so a command starts
// without parsing 1 MB of documents or running every lint rule. A test
// fails when the snapshot and the documents disagree.
//
// A snapshot has two parts: the core (endpoints, scopes, the documents'
// identities, the stored findings) in compact binary forms that most
// commands decode in a few milliseconds, and the rest (parsed documents,
// grants, associations, where each scope is written) as gzip-compressed
// gob, decoded only for a command that needs the full catalog. Each type
// is encoded by its own package (catalog.Parts.MarshalCore,
// lint.EncodeFindings); this package frames the sections and does not
// import lint: the caller passes the function that computes the findings
// and decodes them when it needs them.
package snapshot

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"io"
	"runtime/debug"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/parser/record"
)

// Rest is the part of a snapshot only the full catalog needs.
type Rest struct {
	Documents    []*record.Document
	Grants       []catalog.Grant
	Associations []catalog.Association
	// ScopeSources holds each scope's Sources, in Core.Scopes order.
	ScopeSources [][]record.Source
}

// Snapshot is a built catalog and what was computed from it.
type Snapshot struct {
	Core *Core
	Rest *Rest
}

// FindingsFunc computes the findings a snapshot stores beside catalog c
// built from the data whose digest is given, in the encoding of their own
// package (lint.Precompute is one).
type FindingsFunc func(c *catalog.Catalog, digest string) []byte

// Stored is what a snapshot or compiled cache had computed ahead of time
// for its catalog: the findings as FindingsFunc encoded them (empty when
// none were stored), and the digest they must be decoded against.
type Stored struct {
	Digest   string
	Findings []byte
}

// Build captures a catalog built from documents whose digest is given,
// with the findings f computes (none when f is nil).
func Build(c *catalog.Catalog, digest string, f FindingsFunc) *Snapshot {
	core := &Core{Digest: digest, Parts: catalog.Parts{Endpoints: c.Endpoints, Events: c.Events}}
	if f != nil {
		core.Findings = f(c, digest)
	}
	core.Docs = loader.Infos(c.Documents)
	rest := &Rest{Documents: c.Documents, Grants: c.Grants(), Associations: c.Associations}
	for _, s := range c.Scopes {
		t := *s
		t.Sources = nil
		core.Parts.Scopes = append(core.Parts.Scopes, &t)
		rest.ScopeSources = append(rest.ScopeSources, s.Sources)
	}
	return &Snapshot{Core: core, Rest: rest}
}

// Encode writes the snapshot: the core's length, the core, then the rest
// as gzip-compressed gob.
func Encode(w io.Writer, s *Snapshot) error {
	core := EncodeCore(s.Core)
	if _, err := w.Write(binary.AppendUvarint(nil, uint64(len(core)))); err != nil {
		return fmt.Errorf("encode snapshot: %w", err)
	}
	if _, err := w.Write(core); err != nil {
		return fmt.Errorf("encode snapshot: %w", err)
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return fmt.Errorf("encode snapshot: %w", err)
	}
	if err := gob.NewEncoder(zw).Encode(s.Rest); err != nil {
		return fmt.Errorf("encode snapshot: %w", err)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("encode snapshot: %w", err)
	}
	return nil
}

// split returns the encoded core and rest of a snapshot.
func split(b []byte) (core, rest []byte, err error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, nil, fmt.Errorf("decode snapshot: %w", errCorrupt)
	}
	return b[k : k+int(n)], b[k+int(n):], nil
}

// Decode reads a whole snapshot written by Encode.
func Decode(b []byte) (*Snapshot, error) {
	coreBytes, restBytes, err := split(b)
	if err != nil {
		return nil, err
	}
	core, err := DecodeCore(coreBytes)
	if err != nil {
		return nil, err
	}
	return withRest(core, restBytes, true)
}

// withRest returns the snapshot of a decoded core, with its rest decoded
// from b when full is set (checked to hold a source list per scope).
func withRest(core *Core, b []byte, full bool) (*Snapshot, error) {
	s := &Snapshot{Core: core}
	if !full {
		return s, nil
	}
	rest, err := decodeRest(b)
	if err != nil {
		return nil, err
	}
	if len(rest.ScopeSources) != len(core.Parts.Scopes) {
		return nil, fmt.Errorf("decode snapshot: %d scope source lists for %d scopes: %w", len(rest.ScopeSources), len(core.Parts.Scopes), errCorrupt)
	}
	s.Rest = rest
	return s, nil
}

func decodeRest(b []byte) (*Rest, error) {
	zr, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, fmt.Errorf("decode snapshot: %w", err)
	}
	var r Rest
	if err := gob.NewDecoder(zr).Decode(&r); err != nil {
		return nil, fmt.Errorf("decode snapshot: %w", err)
	}
	return &r, nil
}

// Catalog restores the snapshot's catalog; without the rest it has no
// documents, grants, associations or scope sources.
func (s *Snapshot) Catalog() (*catalog.Catalog, error) {
	p := s.Core.Parts
	if s.Rest != nil {
		p.Documents, p.Grants, p.Associations = s.Rest.Documents, s.Rest.Grants, s.Rest.Associations
		for i, sc := range p.Scopes {
			sc.Sources = s.Rest.ScopeSources[i]
		}
	}
	return catalog.Restore(p)
}

// Embedded decodes the embedded snapshot (its rest only when full is set)
// if it was built from exactly the embedded documents.
func Embedded(full bool) (*Snapshot, error) {
	coreBytes, restBytes, err := split(data.Snapshot())
	if err != nil {
		return nil, err
	}
	core, err := DecodeCore(coreBytes)
	if err != nil {
		return nil, err
	}
	if core.Digest != data.Digest() {
		return nil, fmt.Errorf("snapshot is stale: run go generate ./data")
	}
	return withRest(core, restBytes, full)
}

// Stored returns what the snapshot had computed ahead of time.
func (s *Snapshot) Stored() Stored { return Stored{Digest: s.Core.Digest, Findings: s.Core.Findings} }

// Load parses and builds the documents o selects (loader.Build), taking
// the embedded set from the snapshot when it matches the embedded
// documents. It returns the documents' identities and what was computed
// ahead of time for the catalog (else an empty Stored: the caller runs
// lint if it needs findings). Without full, a catalog from the snapshot
// has endpoints and scopes only: enough to resolve calls and plan, not to
// dump, count associations or lint.
func Load(ctx context.Context, o loader.Options, full bool) (*catalog.Catalog, []loader.DocInfo, Stored, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, Stored{}, err
	}
	if len(o.Docs) == 0 && len(o.AddDocs) == 0 {
		if c, s, err := restoreEmbedded(full); err == nil {
			return c, s.Core.Docs, s.Stored(), nil
		}
	}
	c, docs, err := loader.Build(ctx, o)
	if err != nil {
		return nil, nil, Stored{}, err
	}
	return c, loader.Infos(docs), Stored{}, nil
}

// restoreEmbedded decodes the embedded snapshot and restores its catalog.
func restoreEmbedded(full bool) (*catalog.Catalog, *Snapshot, error) {
	// Nearly everything decoding and restoring allocate stays live (it is
	// the catalog), so a collection meanwhile costs time (most of a short
	// command's) and frees little.
	defer debug.SetGCPercent(debug.SetGCPercent(-1))
	s, err := Embedded(full)
	if err != nil {
		return nil, nil, err
	}
	c, err := s.Catalog()
	return c, s, err
}
