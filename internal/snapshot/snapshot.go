// Package snapshot stores the catalog built from the embedded documents,
// with its lint findings, in a form generated at build time
// (go generate ./data), so a command starts without parsing 1 MB of
// documents or running every lint rule. A test fails when the snapshot and
// the documents disagree.
//
// A snapshot has two parts: the core (endpoints, scopes, findings, the
// documents' identities) in a compact binary form that most commands
// decode in a few milliseconds, and the rest (parsed documents, grants,
// associations, where each scope is written) as gzip-compressed gob,
// decoded only for a command that needs the full catalog.
package snapshot

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/binary"
	"encoding/gob"
	"fmt"
	"io"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/lint"
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

// Snapshot is a built catalog and its findings.
type Snapshot struct {
	Core *Core
	Rest *Rest
}

// Build captures a catalog built from documents whose digest is given,
// running every lint rule over it.
func Build(c *catalog.Catalog, digest string) *Snapshot {
	core := &Core{Digest: digest, Endpoints: c.Endpoints, Events: c.Events, Findings: lint.Run(c, lint.Rules())}
	core.Docs = loader.Infos(c.Documents)
	rest := &Rest{Documents: c.Documents, Grants: c.Grants, Associations: c.Associations}
	for _, s := range c.Scopes {
		t := *s
		t.Sources = nil
		core.Scopes = append(core.Scopes, &t)
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
	rest, err := decodeRest(restBytes)
	if err != nil {
		return nil, err
	}
	if len(rest.ScopeSources) != len(core.Scopes) {
		return nil, fmt.Errorf("decode snapshot: %d scope source lists for %d scopes: %w", len(rest.ScopeSources), len(core.Scopes), errCorrupt)
	}
	return &Snapshot{Core: core, Rest: rest}, nil
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
	p := catalog.Parts{Endpoints: s.Core.Endpoints, Scopes: s.Core.Scopes, Events: s.Core.Events}
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
	s := &Snapshot{Core: core}
	if full {
		if s.Rest, err = decodeRest(restBytes); err != nil {
			return nil, err
		}
		if len(s.Rest.ScopeSources) != len(core.Scopes) {
			return nil, fmt.Errorf("decode snapshot: %w", errCorrupt)
		}
	}
	return s, nil
}

// Load parses and builds the documents o selects (loader.Build), taking
// the embedded set from the snapshot when it matches the embedded
// documents. It returns the documents' identities and the catalog's lint
// findings when they were computed ahead of time (else nil: the caller
// runs lint if it needs them). Without full, a catalog from the snapshot
// has endpoints and scopes only: enough to resolve calls and plan, not to
// dump, count associations or lint.
func Load(ctx context.Context, o loader.Options, full bool) (*catalog.Catalog, []loader.DocInfo, []lint.Finding, error) {
	if err := ctx.Err(); err != nil {
		return nil, nil, nil, err
	}
	if len(o.Docs) == 0 && len(o.AddDocs) == 0 {
		if s, err := Embedded(full); err == nil {
			if c, err := s.Catalog(); err == nil {
				return c, s.Core.Docs, s.Core.Findings, nil
			}
		}
	}
	c, docs, err := loader.Build(ctx, o)
	if err != nil {
		return nil, nil, nil, err
	}
	return c, loader.Infos(docs), nil, nil
}
