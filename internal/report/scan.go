package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/scopeplan/scopeplan/scan"
)

// ScanReport is the output of "scan" (the JSON contract): every call
// found, each {"call": "METHOD /path/template", "file", "line",
// "confidence", "kind"}, in (file, line) order; what looked like a Zoom
// call but was not reported, with the reason and the catalog's
// candidates; and how many files were read.
type ScanReport struct {
	Meta    `yaml:",inline"`
	Files   int            `json:"files" yaml:"files"`
	Calls   []scan.Call    `json:"calls" yaml:"calls"`
	Skipped []scan.Skipped `json:"skipped" yaml:"skipped"`
}

// NewScanReport converts a scan result for output; lists are never nil.
func NewScanReport(r *scan.Result, m Meta) ScanReport {
	out := ScanReport{Meta: m, Files: r.Files, Calls: r.Calls, Skipped: r.Skipped}
	if out.Calls == nil {
		out.Calls = []scan.Call{}
	}
	if out.Skipped == nil {
		out.Skipped = []scan.Skipped{}
	}
	return out
}

// WriteScan renders a scan: JSON, YAML, or text, which is a call file
// the plan command reads ("scopeplan scan ./src | scopeplan plan -").
// The text form has one line per distinct call, its best evidence as a
// trailing comment: "POST /users/{userId}/meetings  # src/a.js:9 high
// (+2 more)". It shows the occurrence with the highest confidence
// (the first of equals), and lines are in that occurrence's (file, line)
// order. Every occurrence is in the JSON and YAML forms. The text form is
// the same on a terminal and in a pipe.
//
// Zoom calls the catalog cannot resolve (a path it does not know, or a
// path whose method the code does not show) follow as lines of their own,
// "METHOD /path" or "/path" with an "unresolved" comment, so that plan
// reports them as unmapped instead of planning without them.
func WriteScan(w io.Writer, f Format, r ScanReport) error {
	w = forPeople(w, f)
	switch f {
	case FormatJSON:
		return WriteJSON(w, r)
	case FormatYAML:
		return WriteYAML(w, r)
	}
	return writeScanText(w, r)
}

func writeScanText(w io.Writer, r ScanReport) error {
	type group struct {
		best  scan.Call
		count int
	}
	var order []string
	groups := map[string]*group{}
	for _, c := range r.Calls {
		g, ok := groups[c.Call]
		if !ok {
			groups[c.Call] = &group{best: c, count: 1}
			order = append(order, c.Call)
			continue
		}
		g.count++
		if confidenceRank(c.Confidence) < confidenceRank(g.best.Confidence) {
			g.best = c
		}
	}
	// Calls are in (file, line) order; sort the groups by their shown
	// occurrence, keeping first-seen order for ties.
	sorted := make([]*group, 0, len(order))
	for _, k := range order {
		sorted = append(sorted, groups[k])
	}
	for i := 1; i < len(sorted); i++ {
		for j := i; j > 0 && before(sorted[j].best, sorted[j-1].best); j-- {
			sorted[j], sorted[j-1] = sorted[j-1], sorted[j]
		}
	}
	var b strings.Builder
	for _, g := range sorted {
		fmt.Fprintf(&b, "%s  # %s:%d %s", g.best.Call, g.best.File, g.best.Line, g.best.Confidence)
		if g.count > 1 {
			fmt.Fprintf(&b, " (+%d more)", g.count-1)
		}
		b.WriteByte('\n')
	}
	seen := map[string]bool{}
	for _, k := range r.Skipped {
		if k.Text == "" || seen[k.Text] {
			continue
		}
		seen[k.Text] = true
		fmt.Fprintf(&b, "%s  # %s:%d unresolved: %s\n", k.Text, k.File, k.Line, k.Reason)
	}
	if _, err := io.WriteString(w, b.String()); err != nil {
		return fmt.Errorf("write scan: %w", err)
	}
	return nil
}

// before orders calls by file, then line.
func before(a, b scan.Call) bool {
	if a.File != b.File {
		return a.File < b.File
	}
	return a.Line < b.Line
}

func confidenceRank(c scan.Confidence) int {
	switch c {
	case scan.High:
		return 0
	case scan.Medium:
		return 1
	}
	return 2
}
