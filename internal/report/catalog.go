package report

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/parser/record"
)

// StatsReport is the output of "catalog stats".
type StatsReport struct {
	Meta          `yaml:",inline"`
	Documents     []loader.DocInfo `json:"documents" yaml:"documents"`
	catalog.Stats `yaml:",inline"`
	// ProductList names the products counted in Products.
	ProductList []string `json:"product_list" yaml:"product_list"`
}

// NewStatsReport builds the stats of a catalog.
func NewStatsReport(c *catalog.Catalog, p loader.Provenance) StatsReport {
	return StatsReport{Meta: NewMeta(p), Documents: p.Documents, Stats: c.Stats(), ProductList: c.Products()}
}

// WriteStats renders catalog statistics.
func WriteStats(w io.Writer, f Format, tty bool, r StatsReport) error {
	w = forPeople(w, f)
	switch f {
	case FormatJSON:
		return WriteJSON(w, r)
	case FormatYAML:
		return WriteYAML(w, r)
	}
	t := NewTable(w, tty, "document", "kind", "records", "sha256")
	for _, d := range r.Documents {
		t.Row(d.Path, string(d.Kind), strconv.Itoa(d.Records), d.SHA256[:min(12, len(d.SHA256))])
	}
	if err := t.Flush(); err != nil {
		return err
	}
	_, err := fmt.Fprintf(w, "\nendpoints\t%d\ngranular_scopes\t%d\nclassic_scopes\t%d\nclassic_associations\t%d\nproducts\t%d\nevents\t%d\nevents_with_scopes\t%d\n",
		r.Endpoints, r.GranularScopes, r.ClassicScopes, r.ClassicAssociations, r.Products, r.Events, r.EventsWithScopes)
	return err
}

// LookupReport is the output of "lookup".
type LookupReport struct {
	Meta    `yaml:",inline"`
	Query   string         `json:"query" yaml:"query"`
	Matches []EndpointView `json:"matches" yaml:"matches"`
	// Events are the events the query names (an event name such as
	// recording.completed).
	Events      []EventView `json:"events,omitempty" yaml:"events,omitempty"`
	Suggestions []string    `json:"suggestions,omitempty" yaml:"suggestions,omitempty"`
}

// WriteLookup renders the endpoints a spec resolved to.
func WriteLookup(w io.Writer, f Format, tty bool, r LookupReport) error {
	w = forPeople(w, f)
	if f == FormatJSON {
		return WriteJSON(w, r)
	}
	if f == FormatYAML {
		return WriteYAML(w, r)
	}
	for i, m := range r.Matches {
		if i > 0 {
			fmt.Fprintln(w)
		}
		writeEndpointText(w, m)
	}
	for i, e := range r.Events {
		if i > 0 || len(r.Matches) > 0 {
			fmt.Fprintln(w)
		}
		writeEventText(w, e)
	}
	return nil
}

func writeEndpointText(w io.Writer, m EndpointView) {
	fmt.Fprintf(w, "%s\n", m.Name)
	if m.Path != "" {
		fmt.Fprintf(w, "  call:      %s %s\n", m.Method, m.Path)
	}
	if m.OperationID != "" {
		fmt.Fprintf(w, "  operation: %s (%s, %s)\n", m.OperationID, m.Product, m.Variant)
	} else {
		fmt.Fprintf(w, "  product:   %s (%s)\n", m.Product, m.Variant)
	}
	if m.Link != "" {
		fmt.Fprintf(w, "  doc link:  %s\n", m.Link)
	}
	fmt.Fprintf(w, "  joined by: %s\n", m.Join)
	fmt.Fprintf(w, "  granular:  %s\n", orNone(m.Granular))
	fmt.Fprintf(w, "  classic:   %s\n", orNone(m.Classic))
	if len(m.Permissions) > 0 {
		fmt.Fprintf(w, "  role:      the authorising user needs one of the role permissions %s (admin and master apps)\n", strings.Join(m.Permissions, ", "))
	}
	fmt.Fprintf(w, "  sources:   %s\n", sourcesText(m.Sources))
	for _, f := range m.Findings {
		fmt.Fprintf(w, "  %s %s: %s (%s:%d)\n", f.Severity, f.Rule, f.Message, f.File, f.Line)
	}
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "(none)"
	}
	return strings.Join(s, ", ")
}

func sourcesText(src []record.Source) string {
	var parts []string
	for _, s := range src {
		parts = append(parts, s.File+":"+strconv.Itoa(s.Line))
	}
	return strings.Join(parts, ", ")
}

// ScopeReport is the output of "scope": every endpoint a scope grants.
type ScopeReport struct {
	Meta        `yaml:",inline"`
	Scope       string            `json:"scope" yaml:"scope"`
	Kind        catalog.ScopeKind `json:"kind" yaml:"kind"`
	Level       catalog.Level     `json:"level" yaml:"level"`
	Defined     bool              `json:"defined" yaml:"defined"`
	Group       string            `json:"group,omitempty" yaml:"group,omitempty"`
	Description string            `json:"description,omitempty" yaml:"description,omitempty"`
	Endpoints   []EndpointView    `json:"endpoints" yaml:"endpoints"`
	// Events are the events the scope lets an app subscribe to.
	Events   []EventView     `json:"events,omitempty" yaml:"events,omitempty"`
	Sources  []record.Source `json:"sources" yaml:"sources"`
	Findings []lint.Finding  `json:"findings" yaml:"findings"`
}

// NewScopeReport describes a scope, with the lint findings about it and
// the endpoints it grants when fs is given.
func NewScopeReport(c *catalog.Catalog, s *catalog.Scope, p loader.Provenance, a *lint.Attribution) ScopeReport {
	r := ScopeReport{
		Meta: NewMeta(p), Scope: s.Name, Kind: s.Kind, Level: s.Level(), Defined: s.Defined,
		Group: s.Group, Description: s.Description,
		Endpoints: EndpointViewsWith(c.EndpointsOf(s.Endpoints), a), Sources: s.Sources,
		Findings: a.Scope(s.Name),
	}
	if len(s.Events) > 0 {
		r.Events = NewEventViews(c.EventsOf(s.Events))
	}
	return r
}

// WriteScope renders a scope and what it grants.
func WriteScope(w io.Writer, f Format, tty bool, r ScopeReport) error {
	w = forPeople(w, f)
	if f == FormatJSON {
		return WriteJSON(w, r)
	}
	if f == FormatYAML {
		return WriteYAML(w, r)
	}
	fmt.Fprintf(w, "%s (%s, %s level", r.Scope, r.Kind, r.Level)
	if !r.Defined {
		fmt.Fprint(w, ", defined on no scope page")
	}
	fmt.Fprintln(w, ")")
	if r.Description != "" {
		fmt.Fprintf(w, "%s\n", r.Description)
	}
	for _, f := range r.Findings {
		fmt.Fprintf(w, "%s %s: %s (%s:%d)\n", f.Severity, f.Rule, f.Message, f.File, f.Line)
	}
	fmt.Fprintf(w, "grants %d endpoint(s):\n", len(r.Endpoints))
	t := NewTable(w, tty, "method", "path", "name", "product", "variant")
	for _, e := range r.Endpoints {
		t.Row(e.Method, e.Path, e.Name, e.Product, string(e.Variant))
	}
	if err := t.Flush(); err != nil || len(r.Events) == 0 {
		return err
	}
	fmt.Fprintf(w, "allows %d event(s):\n", len(r.Events))
	t = NewTable(w, tty, "event", "product", "summary")
	for _, e := range r.Events {
		t.Row(e.Event, e.Product, e.Summary)
	}
	return t.Flush()
}

// DumpReport is the output of "catalog dump": the whole catalog.
type DumpReport struct {
	Meta             `yaml:",inline"`
	*catalog.Catalog `yaml:",inline"`
}

// WriteDump renders the whole catalog as JSON or YAML.
func WriteDump(w io.Writer, f Format, r DumpReport) error {
	w = forPeople(w, f)
	if f == FormatYAML {
		// The catalog is large: it is written in pieces (see
		// writeYAMLStream), with the same bytes as WriteYAML.
		if err := writeYAMLStream(w, r); !errors.Is(err, errYAMLShape) {
			return err
		}
		return WriteYAML(w, r)
	}
	return WriteJSON(w, r)
}
