package snapshot

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/binenc"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/parser/record"
)

// The core of a snapshot (what plan, lookup, audit and migrate need) is
// three sections, each written by the package that owns its type: the
// snapshot's own head (the data's digest and the documents' identities),
// the catalog's core (catalog.Parts.MarshalCore) and the lint findings
// stored for that digest (lint.EncodeFindings), which this package keeps
// as bytes it does not read. The rest (parsed documents, grants,
// associations, scope sources) is gob, decoded only when a command needs
// the full catalog.

// coreMagic starts every encoded core; it changes with the layout.
const coreMagic = "SPCORE5\n"

// headMagic starts the core's head section.
const headMagic = "SPHEAD1\n"

// Core is the part of a snapshot most commands need.
type Core struct {
	Digest string
	Docs   []loader.DocInfo
	// Parts holds the endpoints, the scopes (without their sources) and
	// the events.
	Parts catalog.Parts
	// Findings are the catalog's lint findings as lint stored them,
	// keyed by Digest (see lint.EncodeFindings); empty when none were.
	Findings []byte
}

// errCorrupt reports a core that ends early or points outside its tables.
var errCorrupt = errors.New("snapshot core is corrupt")

// EncodeCore writes a core.
func EncodeCore(c *Core) []byte {
	e := binenc.NewEncoder()
	e.String(c.Digest)
	e.Uint(len(c.Docs))
	for _, d := range c.Docs {
		e.String(d.Path)
		e.String(string(d.Kind))
		e.Int(d.Records)
		e.String(d.SHA256)
	}
	out := []byte(coreMagic)
	for _, sec := range [][]byte{e.Bytes(headMagic), c.Parts.MarshalCore(), c.Findings} {
		out = binary.AppendUvarint(out, uint64(len(sec)))
		out = append(out, sec...)
	}
	return out
}

// sections splits an encoded core into its head, catalog and findings.
func sections(b []byte) (head, cat, findings []byte, err error) {
	if len(b) < len(coreMagic) || string(b[:len(coreMagic)]) != coreMagic {
		return nil, nil, nil, fmt.Errorf("decode snapshot core: not a snapshot core")
	}
	b = b[len(coreMagic):]
	var out [3][]byte
	for i := range out {
		n, k := binary.Uvarint(b)
		if k <= 0 || n > uint64(len(b)-k) {
			return nil, nil, nil, fmt.Errorf("decode snapshot core: %w", errCorrupt)
		}
		out[i], b = b[k:k+int(n)], b[k+int(n):]
	}
	if len(b) != 0 {
		return nil, nil, nil, fmt.Errorf("decode snapshot core: %d trailing bytes: %w", len(b), errCorrupt)
	}
	return out[0], out[1], out[2], nil
}

// decodeHead reads the core's head: the digest and the documents.
func decodeHead(b []byte) (string, []loader.DocInfo, error) {
	d, err := binenc.NewDecoder(b, headMagic)
	if err != nil {
		return "", nil, fmt.Errorf("decode snapshot core: %w", err)
	}
	digest := d.Str()
	docs := make([]loader.DocInfo, d.Count())
	for i := range docs {
		docs[i] = loader.DocInfo{Path: d.Str(), Kind: record.Kind(d.Str()), Records: d.Int(), SHA256: d.Str()}
	}
	if err := d.Err(); err != nil {
		return "", nil, fmt.Errorf("decode snapshot core: %w", err)
	}
	return digest, docs, nil
}

// DecodeCore reads a core written by EncodeCore. The findings are kept as
// the bytes lint stored.
func DecodeCore(b []byte) (*Core, error) {
	head, cat, findings, err := sections(b)
	if err != nil {
		return nil, err
	}
	c := &Core{Findings: findings}
	if c.Digest, c.Docs, err = decodeHead(head); err != nil {
		return nil, err
	}
	if c.Parts, err = catalog.UnmarshalCore(cat); err != nil {
		return nil, fmt.Errorf("decode snapshot core: %w", err)
	}
	return c, nil
}
