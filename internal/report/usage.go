package report

import (
	"fmt"
	"time"

	"github.com/scopeplan/scopeplan/audit"
)

func rfc3339(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// NewUsageAuditReport converts a usage audit for output.
func NewUsageAuditReport(r *audit.UsageResult, m Meta) UsageAuditReport {
	out := UsageAuditReport{AuditReport: NewAuditReport(r.Result, m)}
	u := UsageSection{
		Period: UsagePeriod{From: rfc3339(r.From), To: rfc3339(r.To)},
		Rows:   r.Rows, Filtered: r.Filtered, Skipped: r.Skipped, OtherFail: r.Other,
		Calls: []UsageCall{}, Unresolved: []UsageUnresolved{},
	}
	for _, c := range r.Calls {
		u.Calls = append(u.Calls, UsageCall{Call: c.Call, Example: c.Example, Endpoint: NewEndpointView(c.Endpoint), Count: c.Count, OK: c.OK, Denied: c.Denied, Listed: nonNilStrings(c.Listed)})
	}
	for _, c := range r.Unresolved {
		u.Unresolved = append(u.Unresolved, UsageUnresolved{Call: c.Call, Example: c.Example, Count: c.Count, Reason: c.Reason, Suggestions: nonNilStrings(c.Suggestions)})
	}
	out.Usage = u
	if u.Period.From != "" {
		out.unusedTitle = fmt.Sprintf("Over-privileged (requested, used by no logged call from %s to %s)", u.Period.From, u.Period.To)
	} else {
		out.unusedTitle = "Over-privileged (requested, used by no logged call)"
	}
	return out
}

// UsageAuditPrinters is the table of usage audit printers (the formats
// of AuditPrinters); SARIF has the audit's results.
func UsageAuditPrinters() Printers[UsageAuditReport] {
	return printers(
		row(FormatText, usageAuditText),
		row(FormatJSON, jsonPrinter[UsageAuditReport]()),
		row(FormatYAML, yamlPrinter[UsageAuditReport]()),
		row(FormatMarkdown, usageAuditMarkdown),
		row(FormatSARIF, func(w *Writer, r UsageAuditReport) error { return auditSARIF(w, r.AuditReport) }),
	)
}
