package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/scopeplan/scopeplan/internal/update"
	"github.com/scopeplan/scopeplan/scan"
)

// The one-line messages commands end with on standard error, and the
// lines they write there as they go.

// UnmappedLine says which calls and events a plan left unmapped, in one
// line: "plan: 2 calls unmapped: FROB /users, GET /nope".
func UnmappedLine(us []PlanUnmapped) string {
	var calls, events []string
	for _, u := range us {
		if u.Kind == "event" {
			events = append(events, u.Call)
		} else {
			calls = append(calls, u.Call)
		}
	}
	var parts []string
	if len(calls) > 0 {
		parts = append(parts, fmt.Sprintf("%s unmapped: %s", Plural(len(calls), "call"), listShort(calls, 5)))
	}
	if len(events) > 0 {
		parts = append(parts, fmt.Sprintf("%s unmapped: %s", Plural(len(events), "event"), listShort(events, 5)))
	}
	return "plan: " + strings.Join(parts, "; ")
}

// AuditLine is the verdict of an audit in one line, with what to change:
// "audit: over-privileged: 1 scope(s) to remove (user:write:admin)".
func AuditLine(r AuditReport) string {
	msg := "audit: " + r.Verdict
	var parts []string
	if n := len(r.ToRemove); n > 0 {
		parts = append(parts, fmt.Sprintf("%d scope(s) to remove (%s)", n, listShort(r.ToRemove, 3)))
	}
	if n := len(r.ToAdd); n > 0 {
		parts = append(parts, fmt.Sprintf("%d scope(s) to add (%s)", n, listShort(r.ToAdd, 3)))
	}
	if n := len(r.Unknown); n > 0 {
		parts = append(parts, fmt.Sprintf("%d unknown scope name(s)", n))
	}
	if n := len(r.Unmapped); n > 0 {
		parts = append(parts, fmt.Sprintf("%s unmapped", Plural(n, "call")))
	}
	if len(parts) > 0 {
		msg += ": " + strings.Join(parts, ", ")
	}
	return msg
}

// Plural writes "1 call" or "2 calls".
func Plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// listShort joins up to n items, saying how many more there are.
func listShort(items []string, n int) string {
	if len(items) <= n {
		return strings.Join(items, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(items[:n], ", "), len(items)-n)
}

// UpdateProgress returns update's Progress callback writing to w (for
// people: escaped): one line per file with its position of total, name,
// status, size and, when it did not update, why.
func UpdateProgress(w io.Writer, total int) func(update.SourceResult) {
	out := NewWriter(EscapeWriter(w), false)
	n := 0
	return func(s update.SourceResult) {
		n++
		line := fmt.Sprintf("[%*d/%d] %-32s %-9s %9s", len(fmt.Sprint(total)), n, total, s.Source.Name, s.Status, humanSize(s.Bytes))
		if s.Reason != "" && s.Status != update.StatusUpdated {
			line += "  " + s.Reason
		}
		out.Println(line)
	}
}

// humanSize writes a byte count for people; "-" for nothing downloaded.
func humanSize(n int64) string {
	switch {
	case n <= 0:
		return "-"
	case n < 1<<10:
		return fmt.Sprintf("%d B", n)
	case n < 1<<20:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
}

// WriteScanSkipped writes, for the text of a scan, the places it skipped
// that name no URL or path (those are in the call file, as unresolved
// calls) with the reason and the candidates, to w (standard error; for
// people: escaped).
func WriteScanSkipped(w io.Writer, r *scan.Result) error {
	out := NewWriter(EscapeWriter(w), false)
	for _, k := range r.Skipped {
		if k.Text != "" {
			continue
		}
		at := k.File
		if k.Line > 0 {
			at = fmt.Sprintf("%s:%d", k.File, k.Line)
		}
		out.Printf("scopeplan: scan: skipped %s: %s\n", at, k.Reason)
		if len(k.Candidates) > 0 {
			out.Printf("    candidates: %s\n", strings.Join(k.Candidates, " | "))
		}
	}
	return out.Err()
}
