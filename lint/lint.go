// Package lint finds the places where Zoom's scope documents contradict
// themselves or each other.
//
// It is modelled on golang.org/x/tools/go/analysis: each check is a Rule
// value with a stable SCREAMING_SNAKE_CASE ID, a one-line purpose, a default
// severity and a Run function. Run gives every rule a Pass over the joined
// catalog (and the parsed documents behind it); the rule reports Findings
// through the pass. Rules derive what is normal from the documents
// themselves (vocabularies, pairs, counts); no list of known defects is
// written into the code.
package lint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/parser/record"
)

// Severity says how bad a finding is.
type Severity string

// Severities, from most to least severe.
const (
	SeverityError   Severity = "error"
	SeverityWarning Severity = "warning"
	SeverityInfo    Severity = "info"
)

// rank orders severities: higher is more severe; unknown ranks below info.
func (s Severity) rank() int {
	switch s {
	case SeverityError:
		return 3
	case SeverityWarning:
		return 2
	case SeverityInfo:
		return 1
	}
	return 0
}

// AtLeast reports whether s is as severe as min or more.
func (s Severity) AtLeast(min Severity) bool { return s.rank() >= min.rank() && min.rank() > 0 }

// ParseSeverity parses a severity name (error, warning, info).
func ParseSeverity(name string) (Severity, error) {
	switch s := Severity(strings.ToLower(strings.TrimSpace(name))); s {
	case SeverityError, SeverityWarning, SeverityInfo:
		return s, nil
	}
	return "", fmt.Errorf("unknown severity %q (want error, warning or info)", name)
}

// Rule is one check.
type Rule struct {
	// ID is the stable name of the rule, in SCREAMING_SNAKE_CASE.
	ID string
	// Doc is the rule's purpose in one line.
	Doc string
	// Severity is the severity of the rule's findings.
	Severity Severity
	// Run inspects the pass's catalog and reports findings.
	Run func(*Pass)
}

// Finding is one defect at one location.
type Finding struct {
	Rule     string   `json:"rule" yaml:"rule"`
	Severity Severity `json:"severity" yaml:"severity"`
	// File is the document's path as given, or its embedded name.
	File   string `json:"file" yaml:"file"`
	Line   int    `json:"line" yaml:"line"`
	Column int    `json:"column" yaml:"column"`
	// Subject is the scope, name or link at fault.
	Subject string `json:"subject" yaml:"subject"`
	Message string `json:"message" yaml:"message"`
	// Suggestion is a fix when one can be inferred, else empty.
	Suggestion string `json:"suggestion" yaml:"suggestion"`
}

// Pass is what a rule sees: the catalog, its documents, and a way to
// report findings.
type Pass struct {
	// Catalog is the joined model; Catalog.Documents are the parsed inputs.
	Catalog *catalog.Catalog
	// Rule is the rule being run.
	Rule Rule
	// Report records one finding. Rule and Severity are filled in from the
	// pass's rule when left empty.
	Report func(Finding)

	facts *facts
}

// Reportf reports a finding at src about subject, with an optional
// suggestion and a formatted message.
func (p *Pass) Reportf(src record.Source, subject, suggestion, format string, args ...any) {
	p.Report(Finding{
		File: src.File, Line: src.Line, Column: src.Column,
		Subject: subject, Suggestion: suggestion,
		Message: fmt.Sprintf(format, args...),
	})
}

// Documents returns the catalog's parsed documents.
func (p *Pass) Documents() []*record.Document {
	if p.Catalog == nil {
		return nil
	}
	return p.Catalog.Documents
}

// Rules returns every rule, in a stable order (scope names, admin/master
// pairs, cross-document, document structure, events).
func Rules() []Rule {
	var rs []Rule
	rs = append(rs, nameRules()...)
	rs = append(rs, pairRules()...)
	rs = append(rs, crossRules()...)
	rs = append(rs, structureRules()...)
	rs = append(rs, eventRules()...)
	return rs
}

// Select returns the rules with the given IDs (all rules when ids is
// empty), in Rules order; an unknown ID is an error naming the known ones.
func Select(ids []string) ([]Rule, error) {
	all := Rules()
	if len(ids) == 0 {
		return all, nil
	}
	want := map[string]bool{}
	for _, id := range ids {
		for _, part := range strings.Split(id, ",") {
			part = strings.ToUpper(strings.TrimSpace(part))
			if part == "" {
				continue
			}
			found := false
			for _, r := range all {
				if r.ID == part {
					found = true
					break
				}
			}
			if !found {
				var known []string
				for _, r := range all {
					known = append(known, r.ID)
				}
				return nil, fmt.Errorf("unknown rule %q (known rules: %s)", part, strings.Join(known, ", "))
			}
			want[part] = true
		}
	}
	var out []Rule
	for _, r := range all {
		if want[r.ID] {
			out = append(out, r)
		}
	}
	return out, nil
}

// Run runs the rules over the catalog and returns their findings, one per
// defect and location, sorted by file, line, rule (then column, subject).
// A rule that panics on unexpected input is reported as an INTERNAL_ERROR
// finding instead of crashing the caller.
func Run(c *catalog.Catalog, rules []Rule) []Finding {
	if c == nil {
		return []Finding{}
	}
	f := newFacts(c)
	type key struct {
		rule, file, subject string
		line, col           int
	}
	seen := map[key]bool{}
	out := []Finding{}
	for _, r := range rules {
		if r.Run == nil {
			continue
		}
		r := r
		p := &Pass{Catalog: c, Rule: r, facts: f}
		p.Report = func(fd Finding) {
			if fd.Rule == "" {
				fd.Rule = r.ID
			}
			if fd.Severity == "" {
				fd.Severity = r.Severity
			}
			k := key{fd.Rule, fd.File, fd.Subject, fd.Line, fd.Column}
			if seen[k] {
				return
			}
			seen[k] = true
			out = append(out, fd)
		}
		runSafely(p, r)
	}
	Sort(out)
	return out
}

// runSafely runs one rule, turning a panic into a finding.
func runSafely(p *Pass, r Rule) {
	defer func() {
		if v := recover(); v != nil {
			p.Report(Finding{
				Rule: "INTERNAL_ERROR", Severity: SeverityError, Subject: r.ID,
				Message: fmt.Sprintf("rule %s failed: %v", r.ID, v),
			})
		}
	}()
	r.Run(p)
}

// Sort orders findings by file, line, rule, then column, subject and message.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		if a.Column != b.Column {
			return a.Column < b.Column
		}
		if a.Subject != b.Subject {
			return a.Subject < b.Subject
		}
		return a.Message < b.Message
	})
}

// Filter keeps the findings at or above min.
func Filter(fs []Finding, min Severity) []Finding {
	out := []Finding{}
	for _, f := range fs {
		if f.Severity.AtLeast(min) {
			out = append(out, f)
		}
	}
	return out
}

// Summary counts findings by rule and by severity.
type Summary struct {
	ByRule     map[string]int `json:"by_rule" yaml:"by_rule"`
	BySeverity map[string]int `json:"by_severity" yaml:"by_severity"`
	Total      int            `json:"total" yaml:"total"`
}

// Summarize counts findings by rule and severity.
func Summarize(fs []Finding) Summary {
	s := Summary{ByRule: map[string]int{}, BySeverity: map[string]int{}}
	for _, f := range fs {
		s.ByRule[f.Rule]++
		s.BySeverity[string(f.Severity)]++
		s.Total++
	}
	return s
}
