package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/scopeplan/scopeplan/audit"
)

// UsagePeriod is the time the rows considered cover (RFC 3339, UTC);
// empty when no row has a time.
type UsagePeriod struct {
	From string `json:"from" yaml:"from"`
	To   string `json:"to" yaml:"to"`
}

// UsageCall is one endpoint the logs show the app calling.
type UsageCall struct {
	Call     string       `json:"call" yaml:"call"`
	Example  string       `json:"example" yaml:"example"`
	Endpoint EndpointView `json:"endpoint" yaml:"endpoint"`
	Count    int          `json:"count" yaml:"count"`
	OK       int          `json:"ok" yaml:"ok"`
	Denied   int          `json:"denied" yaml:"denied"`
	// Listed are the scopes a 4711 answer listed, when the log has it.
	Listed []string `json:"listed_scopes" yaml:"listed_scopes"`
}

// UsageUnresolved is a logged URL that resolves to no single endpoint.
type UsageUnresolved struct {
	Call        string   `json:"call" yaml:"call"`
	Example     string   `json:"example" yaml:"example"`
	Count       int      `json:"count" yaml:"count"`
	Reason      string   `json:"reason" yaml:"reason"`
	Suggestions []string `json:"suggestions" yaml:"suggestions"`
}

// UsageSection is what the logs showed, beside the audit.
type UsageSection struct {
	Period     UsagePeriod       `json:"period" yaml:"period"`
	Rows       int               `json:"rows" yaml:"rows"`
	Filtered   int               `json:"filtered" yaml:"filtered"`
	Skipped    int               `json:"skipped" yaml:"skipped"`
	OtherFail  int               `json:"other_failures" yaml:"other_failures"`
	Calls      []UsageCall       `json:"calls" yaml:"calls"`
	Unresolved []UsageUnresolved `json:"unresolved" yaml:"unresolved"`
}

// UsageAuditReport is the output of "audit --usage": the audit, with
// over_privileged meaning no successful call used the scope and missing
// the denied calls no requested scope covers, and the usage section.
type UsageAuditReport struct {
	AuditReport `yaml:",inline"`
	Usage       UsageSection `json:"usage" yaml:"usage"`
}

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

// WriteUsageAudit renders a usage audit.
func WriteUsageAudit(w io.Writer, f Format, r UsageAuditReport) error {
	w = forPeople(w, f)
	switch f {
	case FormatJSON:
		return WriteJSON(w, r)
	case FormatYAML:
		return WriteYAML(w, r)
	}
	u := r.Usage
	period := "no row has a time"
	if u.Period.From != "" {
		period = "from " + u.Period.From + " to " + u.Period.To
	}
	if f == FormatMarkdown {
		fmt.Fprintf(w, "## Usage\n\n%d logged call(s), %s; %d endpoint(s) called, %d URL(s) unresolved.\n\n", u.Rows, period, len(u.Calls), len(u.Unresolved))
		if len(u.Calls) > 0 {
			fmt.Fprintln(w, "| Call | Calls | OK | Denied |\n|---|---|---|---|")
			for _, c := range u.Calls {
				fmt.Fprintf(w, "| %s | %d | %d | %d |\n", MarkdownCode(c.Call), c.Count, c.OK, c.Denied)
			}
			fmt.Fprintln(w)
		}
		return writeAuditMarkdown(w, r.AuditReport)
	}
	fmt.Fprintf(w, "Usage: %d logged call(s), %s", u.Rows, period)
	if u.Filtered > 0 {
		fmt.Fprintf(w, " (%d outside --since/--until)", u.Filtered)
	}
	fmt.Fprintln(w)
	if u.OtherFail > 0 {
		fmt.Fprintf(w, "  %d call(s) failed for reasons other than authorisation and count as no use\n", u.OtherFail)
	}
	for _, c := range u.Calls {
		fmt.Fprintf(w, "  %-40s %6d call(s), %d ok, %d denied", c.Call, c.Count, c.OK, c.Denied)
		if len(c.Listed) > 0 {
			fmt.Fprintf(w, "; Zoom listed %s", strings.Join(c.Listed, ", "))
		}
		fmt.Fprintln(w)
	}
	if len(u.Unresolved) > 0 {
		fmt.Fprintln(w, "\nLogged URLs that resolve to no single endpoint:")
		for _, c := range u.Unresolved {
			fmt.Fprintf(w, "  %s (%d call(s), e.g. %s): %s\n", c.Call, c.Count, c.Example, c.Reason)
		}
	}
	fmt.Fprintln(w)
	return writeAuditText(w, r.AuditReport)
}
