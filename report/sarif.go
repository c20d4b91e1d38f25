package report

import (
	"fmt"
	"io"

	"github.com/owenrumney/go-sarif/v2/sarif"
)

// SARIFRule describes one rule of a SARIF run.
type SARIFRule struct {
	ID          string
	Description string
	// Level is the SARIF level: error, warning or note.
	Level string
	URL   string
}

// SARIFResult is one result of a SARIF run; a result with no File has no
// location.
type SARIFResult struct {
	RuleID  string
	Level   string
	Message string
	File    string
	Line    int
	Column  int
}

// sarifTool names the tool in SARIF output.
const sarifTool = "scopeplan"

// sarifInfoURI is where the tool's documentation lives.
const sarifInfoURI = "https://github.com/scopeplan/scopeplan"

// WriteSARIF writes a SARIF 2.1.0 log with one run of the given rules and
// results.
func WriteSARIF(w io.Writer, rules []SARIFRule, results []SARIFResult) error {
	rep, err := sarif.New(sarif.Version210)
	if err != nil {
		return fmt.Errorf("write SARIF: %w", err)
	}
	run := sarif.NewRunWithInformationURI(sarifTool, sarifInfoURI)
	for _, r := range rules {
		rule := run.AddRule(r.ID).WithDescription(r.Description).WithShortDescription(sarif.NewMultiformatMessageString(r.Description))
		if r.URL != "" {
			rule.WithHelpURI(r.URL)
		}
		rule.WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(r.Level))
	}
	for _, res := range results {
		result := sarif.NewRuleResult(res.RuleID).WithLevel(res.Level).WithMessage(sarif.NewTextMessage(res.Message))
		if res.File == "" {
			run.AddResult(result)
			continue
		}
		loc := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(res.File))
		if res.Line > 0 {
			region := sarif.NewRegion().WithStartLine(res.Line)
			if res.Column > 0 {
				region.WithStartColumn(res.Column)
			}
			loc.WithRegion(region)
		}
		run.AddResult(result.WithLocations([]*sarif.Location{sarif.NewLocationWithPhysicalLocation(loc)}))
	}
	rep.AddRun(run)
	if err := rep.PrettyWrite(w); err != nil {
		return fmt.Errorf("write SARIF: %w", err)
	}
	_, err = fmt.Fprintln(w)
	return err
}
