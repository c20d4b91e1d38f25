package report

import (
	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/internal/update"
)

// NewUpdateReport converts an update's result for output, with the
// catalog diff it made (nil when it changed nothing).
func NewUpdateReport(res *update.Result, changes *DiffReport) UpdateReport {
	return UpdateReport{
		Meta:           NewMeta(scopeplan.ProvenanceOf(scopeplan.OriginCache, res.New)),
		CacheDir:       res.CacheDir,
		Sources:        res.Sources,
		Summary:        UpdateSummary(res.Summary()),
		Committed:      res.Committed,
		OrphansRemoved: res.Orphans,
		CompileError:   res.CompileError,
		DiffTotals:     TotalsOf(changes),
		Changes:        changes,
	}
}

// TotalsOf counts a catalog diff's entries; zero for no diff.
func TotalsOf(d *DiffReport) DiffTotals {
	if d == nil {
		return DiffTotals{}
	}
	return DiffTotals{len(d.EndpointsAdded), len(d.EndpointsRemoved), len(d.EndpointsChanged), len(d.ScopesAdded), len(d.ScopesRemoved)}
}

// UpdatePrinters is the table of update printers: text (one line per kind
// of outcome, the diff's totals, the whole diff with FullDiff) and JSON.
func UpdatePrinters() Printers[UpdateReport] {
	return printers(
		row(FormatText, updateText),
		row(FormatJSON, jsonPrinter[UpdateReport]()),
	)
}
