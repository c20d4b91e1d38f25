package lint

import (
	"errors"
	"fmt"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/binenc"
)

// Findings computed ahead of time (for the embedded documents when the
// binary is built, for the documents `scopeplan update` caches when it
// compiles them) are stored with the digest of the data they were
// computed from, so a caller that loads a catalog by that digest gets its
// findings without running a rule, and never the findings of other data.

// storeMagic starts stored findings; it changes with the layout.
const storeMagic = "SPLINT2\n"

// ErrStaleFindings reports stored findings of other data than asked for.
var ErrStaleFindings = errors.New("stored findings are of other data")

// EncodeFindings stores findings computed from the data whose digest is
// given, in a compact binary form DecodeFindings reads.
func EncodeFindings(digest string, fs []Finding) []byte {
	e := binenc.NewEncoder()
	e.String(digest)
	e.Uint(len(fs))
	for _, f := range fs {
		for _, s := range []string{f.Rule, string(f.Severity), f.File, f.Subject, f.Message, f.Suggestion} {
			e.String(s)
		}
		e.Int(f.Line)
		e.Int(f.Column)
		e.Uint(len(f.Fixes))
		for _, x := range f.Fixes {
			for _, s := range []string{x.Message, x.File, x.Old, x.New} {
				e.String(s)
			}
			e.Int(x.Line)
			e.Int(x.Column)
		}
	}
	return e.Bytes(storeMagic)
}

// DecodeFindings reads findings EncodeFindings stored, checking that they
// were computed from the data whose digest is given (ErrStaleFindings
// when not). The result is never nil on success.
func DecodeFindings(b []byte, digest string) ([]Finding, error) {
	d, err := binenc.NewDecoder(b, storeMagic)
	if err != nil {
		return nil, fmt.Errorf("decode stored findings: %w", err)
	}
	if got := d.Str(); got != digest {
		return nil, ErrStaleFindings
	}
	fs := make([]Finding, d.Count())
	for i := range fs {
		f := &fs[i]
		f.Rule, f.Severity, f.File, f.Subject, f.Message, f.Suggestion = d.Str(), Severity(d.Str()), d.Str(), d.Str(), d.Str(), d.Str()
		f.Line, f.Column = d.Int(), d.Int()
		if n := d.Count(); n > 0 {
			f.Fixes = make([]Fix, n)
			for j := range f.Fixes {
				x := &f.Fixes[j]
				x.Message, x.File, x.Old, x.New = d.Str(), d.Str(), d.Str(), d.Str()
				x.Line, x.Column = d.Int(), d.Int()
			}
		}
	}
	if err := d.Err(); err != nil {
		return nil, fmt.Errorf("decode stored findings: %w", err)
	}
	return fs, nil
}

// Precompute runs every rule over c, built from the data whose digest is
// given, and stores the findings (EncodeFindings): what a snapshot of c
// keeps beside it.
func Precompute(c *catalog.Catalog, digest string) []byte {
	return EncodeFindings(digest, Run(c, Rules()))
}
