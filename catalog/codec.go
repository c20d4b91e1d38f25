package catalog

import (
	"fmt"

	"github.com/scopeplan/scopeplan/internal/binenc"
	"github.com/scopeplan/scopeplan/parser/record"
)

// coreMagic starts an encoded core; it changes with the layout.
const coreMagic = "SPCAT2\n"

// MarshalCore encodes what resolving calls and planning need (the
// endpoints, the scopes without their sources, and the events) in a
// compact binary form that UnmarshalCore reads without reflection. The
// rest of the parts (documents, grants, associations, scope sources) is
// not encoded.
func (p Parts) MarshalCore() []byte {
	e := binenc.NewEncoder()
	sources := func(s []record.Source) {
		e.Uint(len(s))
		for _, x := range s {
			e.String(x.File)
			e.Int(int(x.Line))
			e.Int(int(x.Column))
		}
	}
	e.Uint(len(p.Endpoints))
	for _, ep := range p.Endpoints {
		e.Int(ep.ID)
		for _, s := range []string{ep.Method, ep.Path, ep.OperationID, ep.Name, ep.Product, ep.ProductTitle, ep.Section, string(ep.Variant), ep.Link, string(ep.Join)} {
			e.String(s)
		}
		e.Ints(ep.Candidates)
		e.Strings(ep.Granular)
		e.Strings(ep.Classic)
		e.Strings(ep.ClassicByName)
		e.Strings(ep.Permissions)
		sources(ep.Sources)
		e.Uint(len(ep.Refs))
		for _, r := range ep.Refs {
			e.Int(r.Doc)
			e.Int(r.Op)
			e.String(string(r.Join))
		}
		e.Uint(len(ep.Rows))
		for _, r := range ep.Rows {
			e.Int(r.Doc)
			e.Int(r.Row)
		}
	}
	e.Uint(len(p.Scopes))
	for _, s := range p.Scopes {
		for _, x := range []string{s.Name, string(s.Kind), s.Group, s.Description} {
			e.String(x)
		}
		e.Bool(s.Defined)
		e.Ints(s.Endpoints)
		e.Ints(s.Events)
	}
	e.Uint(len(p.Events))
	for _, ev := range p.Events {
		e.Int(ev.ID)
		e.String(ev.Name)
		e.String(ev.Summary)
		e.String(ev.Product)
		e.Strings(ev.Granular)
		e.Strings(ev.Classic)
		sources(ev.Sources)
		e.Uint(len(ev.Refs))
		for _, r := range ev.Refs {
			e.Int(r.Doc)
			e.Int(r.Event)
		}
	}
	return e.Bytes(coreMagic)
}

// UnmarshalCore reads what MarshalCore wrote: parts with endpoints,
// scopes (without sources) and events only.
func UnmarshalCore(b []byte) (Parts, error) {
	var p Parts
	d, err := binenc.NewDecoder(b, coreMagic)
	if err != nil {
		return p, fmt.Errorf("decode catalog core: %w", err)
	}
	// Source lists are cut from shared chunks, each capped at its length.
	var srcs []record.Source
	sources := func() []record.Source {
		n := d.Count()
		if n == 0 {
			return []record.Source{}
		}
		out := binenc.Cut(&srcs, n)
		for i := range out {
			out[i] = record.At(d.Str(), d.Int(), d.Int())
		}
		return out
	}
	p.Endpoints = make([]*Endpoint, d.Count())
	eps := make([]Endpoint, len(p.Endpoints))
	for i := range p.Endpoints {
		ep := &eps[i]
		ep.ID = d.Int()
		ep.Method, ep.Path, ep.OperationID, ep.Name, ep.Product = d.Str(), d.Str(), d.Str(), d.Str(), d.Str()
		ep.ProductTitle, ep.Section, ep.Variant, ep.Link, ep.Join = d.Str(), d.Str(), record.Variant(d.Str()), d.Str(), JoinKind(d.Str())
		ep.Candidates = d.Ints()
		ep.Granular = d.Strings()
		ep.Classic = d.Strings()
		if byName := d.Strings(); len(byName) > 0 {
			ep.ClassicByName = byName
		}
		ep.Permissions = d.Strings()
		ep.Sources = sources()
		if n := d.Count(); n > 0 {
			ep.Refs = make([]OperationRef, n)
			for j := range ep.Refs {
				ep.Refs[j] = OperationRef{Doc: d.Int(), Op: d.Int(), Join: JoinKind(d.Str())}
			}
		}
		if n := d.Count(); n > 0 {
			ep.Rows = make([]RowRef, n)
			for j := range ep.Rows {
				ep.Rows[j] = RowRef{Doc: d.Int(), Row: d.Int()}
			}
		}
		p.Endpoints[i] = ep
	}
	p.Scopes = make([]*Scope, d.Count())
	scopes := make([]Scope, len(p.Scopes))
	for i := range p.Scopes {
		s := &scopes[i]
		s.Name, s.Kind, s.Group, s.Description = d.Str(), ScopeKind(d.Str()), d.Str(), d.Str()
		s.Defined = d.Bool()
		s.Endpoints = d.Ints()
		if s.Endpoints == nil {
			s.Endpoints = []int{}
		}
		s.Events = d.Ints()
		p.Scopes[i] = s
	}
	if n := d.Count(); n > 0 {
		p.Events = make([]*Event, n)
		evs := make([]Event, n)
		for i := range p.Events {
			ev := &evs[i]
			ev.ID, ev.Name, ev.Summary, ev.Product = d.Int(), d.Str(), d.Str(), d.Str()
			ev.Granular, ev.Classic = d.Strings(), d.Strings()
			ev.Sources = sources()
			if k := d.Count(); k > 0 {
				ev.Refs = make([]EventRef, k)
				for j := range ev.Refs {
					ev.Refs[j] = EventRef{Doc: d.Int(), Event: d.Int()}
				}
			}
			p.Events[i] = ev
		}
	}
	if err := d.Err(); err != nil {
		return Parts{}, fmt.Errorf("decode catalog core: %w", err)
	}
	return p, nil
}
