package report

import (
	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/lint"
)

// NewStatsReport builds the stats of a catalog.
func NewStatsReport(c *catalog.Catalog, p scopeplan.Provenance) StatsReport {
	return StatsReport{Meta: NewMeta(p), Documents: p.Documents, Stats: c.Stats(), ProductList: c.Products()}
}

// NewScopeReport describes a scope, with the lint findings about it and
// the endpoints it grants when fs is given.
func NewScopeReport(c *catalog.Catalog, s *catalog.Scope, p scopeplan.Provenance, a *lint.Attribution) ScopeReport {
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

// StatsPrinters is the table of catalog stats printers.
func StatsPrinters() Printers[StatsReport] {
	return printers(
		row(FormatText, statsText),
		row(FormatJSON, jsonPrinter[StatsReport]()),
		row(FormatYAML, yamlPrinter[StatsReport]()),
	)
}

// LookupPrinters is the table of lookup printers.
func LookupPrinters() Printers[LookupReport] {
	return printers(
		row(FormatText, lookupText),
		row(FormatJSON, jsonPrinter[LookupReport]()),
		row(FormatYAML, yamlPrinter[LookupReport]()),
	)
}

// ScopePrinters is the table of scope printers.
func ScopePrinters() Printers[ScopeReport] {
	return printers(
		row(FormatText, scopeText),
		row(FormatJSON, jsonPrinter[ScopeReport]()),
		row(FormatYAML, yamlPrinter[ScopeReport]()),
	)
}

// DumpPrinters is the table of catalog dump printers: the whole catalog
// as JSON or YAML.
func DumpPrinters() Printers[DumpReport] {
	return printers(
		row(FormatJSON, jsonPrinter[DumpReport]()),
		row(FormatYAML, dumpYAML),
	)
}
