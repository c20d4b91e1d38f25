package main

import (
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/report"
)

// maxRequestedSize bounds a requested-scopes file read from standard input.
const maxRequestedSize = 16 << 20

// readRequested reads audit's --requested FILE, or standard input for "-"
// (which the call files then may not also use).
func readRequested(o *auditOptions) ([]byte, string, error) {
	if o.requested != "-" {
		data, err := os.ReadFile(o.requested)
		if err != nil {
			return nil, "", inputErr(fmt.Errorf("read requested scopes: %w", err))
		}
		return data, o.requested, nil
	}
	for _, f := range o.in.files {
		if f == "-" {
			return nil, "", usageErr("standard input (-) given twice: for --requested and for the calls")
		}
	}
	data, err := io.ReadAll(io.LimitReader(o.f.io.in, maxRequestedSize+1))
	if err != nil {
		return nil, "", inputErr(fmt.Errorf("read requested scopes from standard input: %w", err))
	}
	if len(data) > maxRequestedSize {
		return nil, "", inputErr(fmt.Errorf("requested scopes on standard input: more than %d bytes", maxRequestedSize))
	}
	return data, "<stdin>", nil
}

// writeRadiusEndpoints lists, under --verbose, every endpoint each
// requested scope of a call-less audit grants (the text gives per-product
// counts only).
func writeRadiusEndpoints(w io.Writer, c *catalog.Catalog, r report.AuditReport) error {
	for _, b := range r.BlastRadius {
		s, ok := c.Scope(b.Scope)
		if !ok {
			continue
		}
		if _, err := fmt.Fprintf(w, "\n%s grants:\n", b.Scope); err != nil {
			return err
		}
		for _, e := range c.EndpointsOf(s.Endpoints) {
			if _, err := fmt.Fprintf(w, "  %s\n", e.Label()); err != nil {
				return err
			}
		}
	}
	return nil
}

// unmappedLine says which calls and events a plan left unmapped, in one
// line: "plan: 2 calls unmapped: FROB /users, GET /nope".
func unmappedLine(us []report.PlanUnmapped) string {
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
		parts = append(parts, fmt.Sprintf("%s unmapped: %s", plural(len(calls), "call"), listShort(calls, 5)))
	}
	if len(events) > 0 {
		parts = append(parts, fmt.Sprintf("%s unmapped: %s", plural(len(events), "event"), listShort(events, 5)))
	}
	return "plan: " + strings.Join(parts, "; ")
}

// auditLine is the verdict of an audit in one line, with what to change.
func auditLine(r report.AuditReport) string {
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
		parts = append(parts, fmt.Sprintf("%s unmapped", plural(n, "call")))
	}
	if len(parts) > 0 {
		msg += ": " + strings.Join(parts, ", ")
	}
	return msg
}

// plural writes "1 call" or "2 calls".
func plural(n int, noun string) string {
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
