package snapshot

import (
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/parser/record"
)

// The core of a snapshot (what plan, lookup, audit and migrate need:
// endpoints, scopes, findings and the documents' identities) is written in
// a compact binary form that decodes without reflection: a table of
// distinct strings, kept as substrings of one string so decoding allocates
// once for all of them, then varints. The rest (parsed documents, grants,
// associations, scope sources) is gob, decoded only when a command needs
// the full catalog.

// coreMagic starts every encoded core; it changes with the layout.
const coreMagic = "SPCORE5\n"

// Core is the part of a snapshot most commands need.
type Core struct {
	Digest    string
	Docs      []loader.DocInfo
	Endpoints []*catalog.Endpoint
	Scopes    []*catalog.Scope
	Events    []*catalog.Event
	Findings  []lint.Finding
}

type encoder struct {
	body  []byte
	index map[string]int
	table []string
}

func (e *encoder) uint(v int) { e.body = binary.AppendUvarint(e.body, uint64(v)) }
func (e *encoder) int(v int)  { e.body = binary.AppendVarint(e.body, int64(v)) }
func (e *encoder) bool(v bool) {
	if v {
		e.body = append(e.body, 1)
	} else {
		e.body = append(e.body, 0)
	}
}

func (e *encoder) str(s string) {
	i, ok := e.index[s]
	if !ok {
		i = len(e.table)
		e.index[s] = i
		e.table = append(e.table, s)
	}
	e.uint(i)
}

func (e *encoder) strs(s []string) {
	e.uint(len(s))
	for _, x := range s {
		e.str(x)
	}
}

func (e *encoder) ints(s []int) {
	e.uint(len(s))
	for _, x := range s {
		e.int(x)
	}
}

func (e *encoder) sources(s []record.Source) {
	e.uint(len(s))
	for _, x := range s {
		e.str(x.File)
		e.int(x.Line)
		e.int(x.Column)
	}
}

// EncodeCore writes a core in the compact form.
func EncodeCore(c *Core) []byte {
	e := &encoder{index: map[string]int{}}
	e.str(c.Digest)
	e.uint(len(c.Docs))
	for _, d := range c.Docs {
		e.str(d.Path)
		e.str(string(d.Kind))
		e.int(d.Records)
		e.str(d.SHA256)
	}
	e.uint(len(c.Endpoints))
	for _, p := range c.Endpoints {
		e.int(p.ID)
		for _, s := range []string{p.Method, p.Path, p.OperationID, p.Name, p.Product, p.ProductTitle, p.Section, string(p.Variant), p.Link, string(p.Join)} {
			e.str(s)
		}
		e.ints(p.Candidates)
		e.strs(p.Granular)
		e.strs(p.Classic)
		e.strs(p.ClassicByName)
		e.strs(p.Permissions)
		e.sources(p.Sources)
		e.uint(len(p.Refs))
		for _, r := range p.Refs {
			e.int(r.Doc)
			e.int(r.Op)
			e.str(string(r.Join))
		}
		e.uint(len(p.Rows))
		for _, r := range p.Rows {
			e.int(r.Doc)
			e.int(r.Row)
		}
	}
	e.uint(len(c.Scopes))
	for _, s := range c.Scopes {
		n := s.Parsed
		for _, x := range []string{s.Name, string(s.Kind), s.Group, s.Description, n.Raw, string(n.Kind), n.Product, n.Action, n.Resource, n.Suffix, string(n.Level), n.Reason} {
			e.str(x)
		}
		e.bool(n.Malformed)
		e.bool(s.Defined)
		e.ints(s.Endpoints)
		e.ints(s.Events)
	}
	e.uint(len(c.Events))
	for _, ev := range c.Events {
		e.int(ev.ID)
		e.str(ev.Name)
		e.str(ev.Summary)
		e.str(ev.Product)
		e.strs(ev.Granular)
		e.strs(ev.Classic)
		e.sources(ev.Sources)
		e.uint(len(ev.Refs))
		for _, r := range ev.Refs {
			e.int(r.Doc)
			e.int(r.Event)
		}
	}
	e.uint(len(c.Findings))
	for _, f := range c.Findings {
		for _, x := range []string{f.Rule, string(f.Severity), f.File, f.Subject, f.Message, f.Suggestion} {
			e.str(x)
		}
		e.int(f.Line)
		e.int(f.Column)
		e.uint(len(f.Fixes))
		for _, x := range f.Fixes {
			for _, s := range []string{x.Message, x.File, x.Old, x.New} {
				e.str(s)
			}
			e.int(x.Line)
			e.int(x.Column)
		}
	}
	out := []byte(coreMagic)
	out = binary.AppendUvarint(out, uint64(len(e.table)))
	for _, s := range e.table {
		out = binary.AppendUvarint(out, uint64(len(s)))
	}
	for _, s := range e.table {
		out = append(out, s...)
	}
	return append(out, e.body...)
}

// errCorrupt reports a core that ends early or points outside its tables.
var errCorrupt = errors.New("snapshot core is corrupt")

type decoder struct {
	b     []byte
	table []string
	err   error
}

func (d *decoder) uint() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Uvarint(d.b)
	if n <= 0 || v > uint64(len(d.b))*8+1<<20 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) int() int {
	if d.err != nil {
		return 0
	}
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.err = errCorrupt
		return 0
	}
	d.b = d.b[n:]
	return int(v)
}

func (d *decoder) bool() bool {
	if d.err != nil || len(d.b) == 0 {
		d.err = errCorrupt
		return false
	}
	v := d.b[0]
	d.b = d.b[1:]
	return v == 1
}

func (d *decoder) str() string {
	i := d.uint()
	if d.err != nil || i >= len(d.table) {
		d.err = errCorrupt
		return ""
	}
	return d.table[i]
}

// count reads a length and checks it against what is left, so a corrupt
// length cannot make a huge allocation.
func (d *decoder) count() int {
	n := d.uint()
	if n > len(d.b) {
		d.err = errCorrupt
		return 0
	}
	return n
}

func (d *decoder) strs() []string {
	n := d.count()
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoder) ints() []int {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]int, n)
	for i := range out {
		out[i] = d.int()
	}
	return out
}

func (d *decoder) sources() []record.Source {
	n := d.count()
	out := make([]record.Source, n)
	for i := range out {
		out[i] = record.Source{File: d.str(), Line: d.int(), Column: d.int()}
	}
	return out
}

// DecodeCore reads a core written by EncodeCore.
func DecodeCore(b []byte) (*Core, error) {
	if len(b) < len(coreMagic) || string(b[:len(coreMagic)]) != coreMagic {
		return nil, fmt.Errorf("decode snapshot core: not a snapshot core")
	}
	d := &decoder{b: b[len(coreMagic):]}
	n := d.count()
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = d.uint()
		total += lens[i]
	}
	if d.err != nil || total > len(d.b) {
		return nil, fmt.Errorf("decode snapshot core: %w", errCorrupt)
	}
	all := string(d.b[:total])
	d.b = d.b[total:]
	d.table = make([]string, n)
	off := 0
	for i, l := range lens {
		d.table[i] = all[off : off+l]
		off += l
	}
	c := &Core{Digest: d.str()}
	c.Docs = make([]loader.DocInfo, d.count())
	for i := range c.Docs {
		c.Docs[i] = loader.DocInfo{Path: d.str(), Kind: record.Kind(d.str()), Records: d.int(), SHA256: d.str()}
	}
	c.Endpoints = make([]*catalog.Endpoint, d.count())
	eps := make([]catalog.Endpoint, len(c.Endpoints))
	for i := range c.Endpoints {
		p := &eps[i]
		p.ID = d.int()
		p.Method, p.Path, p.OperationID, p.Name, p.Product = d.str(), d.str(), d.str(), d.str(), d.str()
		p.ProductTitle, p.Section, p.Variant, p.Link, p.Join = d.str(), d.str(), record.Variant(d.str()), d.str(), catalog.JoinKind(d.str())
		p.Candidates = d.ints()
		p.Granular = d.strs()
		p.Classic = d.strs()
		if byName := d.strs(); len(byName) > 0 {
			p.ClassicByName = byName
		}
		p.Permissions = d.strs()
		p.Sources = d.sources()
		if n := d.count(); n > 0 {
			p.Refs = make([]catalog.OperationRef, n)
			for j := range p.Refs {
				p.Refs[j] = catalog.OperationRef{Doc: d.int(), Op: d.int(), Join: catalog.JoinKind(d.str())}
			}
		}
		if n := d.count(); n > 0 {
			p.Rows = make([]catalog.RowRef, n)
			for j := range p.Rows {
				p.Rows[j] = catalog.RowRef{Doc: d.int(), Row: d.int()}
			}
		}
		c.Endpoints[i] = p
	}
	c.Scopes = make([]*catalog.Scope, d.count())
	scopes := make([]catalog.Scope, len(c.Scopes))
	for i := range c.Scopes {
		s := &scopes[i]
		s.Name, s.Kind, s.Group, s.Description = d.str(), catalog.ScopeKind(d.str()), d.str(), d.str()
		n := &s.Parsed
		n.Raw, n.Kind, n.Product, n.Action, n.Resource = d.str(), catalog.ScopeKind(d.str()), d.str(), d.str(), d.str()
		n.Suffix, n.Level, n.Reason = d.str(), catalog.Level(d.str()), d.str()
		n.Malformed = d.bool()
		s.Defined = d.bool()
		s.Endpoints = d.ints()
		if s.Endpoints == nil {
			s.Endpoints = []int{}
		}
		s.Events = d.ints()
		c.Scopes[i] = s
	}
	if n := d.count(); n > 0 {
		c.Events = make([]*catalog.Event, n)
		evs := make([]catalog.Event, n)
		for i := range c.Events {
			ev := &evs[i]
			ev.ID, ev.Name, ev.Summary, ev.Product = d.int(), d.str(), d.str(), d.str()
			ev.Granular, ev.Classic = d.strs(), d.strs()
			if ev.Granular == nil {
				ev.Granular = []string{}
			}
			if ev.Classic == nil {
				ev.Classic = []string{}
			}
			ev.Sources = d.sources()
			if k := d.count(); k > 0 {
				ev.Refs = make([]catalog.EventRef, k)
				for j := range ev.Refs {
					ev.Refs[j] = catalog.EventRef{Doc: d.int(), Event: d.int()}
				}
			}
			c.Events[i] = ev
		}
	}
	c.Findings = make([]lint.Finding, d.count())
	for i := range c.Findings {
		f := &c.Findings[i]
		f.Rule, f.Severity, f.File, f.Subject, f.Message, f.Suggestion = d.str(), lint.Severity(d.str()), d.str(), d.str(), d.str(), d.str()
		f.Line, f.Column = d.int(), d.int()
		if n := d.count(); n > 0 {
			f.Fixes = make([]lint.Fix, n)
			for j := range f.Fixes {
				x := &f.Fixes[j]
				x.Message, x.File, x.Old, x.New = d.str(), d.str(), d.str(), d.str()
				x.Line, x.Column = d.int(), d.int()
			}
		}
	}
	if d.err != nil {
		return nil, fmt.Errorf("decode snapshot core: %w", d.err)
	}
	if len(d.b) != 0 {
		return nil, fmt.Errorf("decode snapshot core: %d trailing bytes: %w", len(d.b), errCorrupt)
	}
	return c, nil
}
