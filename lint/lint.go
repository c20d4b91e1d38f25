// Package lint finds the places where Zoom's scope documents contradict
// themselves or each other.
//
// It is modelled on golang.org/x/tools/go/analysis: each check is a Rule
// value with a stable SCREAMING_SNAKE_CASE ID, a one-line title, its
// documentation, a category, a default severity and a Run function
// (docs/lint-rules.md is generated from these values). Run gives every rule a Pass over the joined
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
	"github.com/scopeplan/scopeplan/internal/editdist"
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

// Category groups related rules; a category's name selects all its rules
// in --rule and --disable.
type Category string

// The categories, in the order Rules lists them.
const (
	CategoryNames     Category = "names"
	CategoryPairs     Category = "pairs"
	CategoryCross     Category = "cross-document"
	CategoryStructure Category = "structure"
	CategoryEvents    Category = "events"
)

// CategoryDoc documents a category.
type CategoryDoc struct {
	Name Category
	// Title is the category's heading ("Scope names").
	Title string
	// Doc is what the category's rules have in common, in Markdown.
	Doc string
}

// Categories returns every category with its documentation, in the order
// Rules lists their rules.
func Categories() []CategoryDoc {
	return []CategoryDoc{
		{CategoryNames, "Scope names", namesDoc},
		{CategoryPairs, "Admin / master pairs (granular page)", pairsDoc},
		{CategoryCross, "Cross-document", ""},
		{CategoryStructure, "Document structure", ""},
		{CategoryEvents, "Events (webhooks documents)", eventsDoc},
	}
}

// Rule is one check, with the metadata documentation and selection use.
type Rule struct {
	// ID is the stable name of the rule, in SCREAMING_SNAKE_CASE.
	ID string
	// Title is the rule's purpose in one line.
	Title string
	// Doc is the rule's documentation in Markdown: what it reports and
	// what it leaves alone, with examples from the documents.
	Doc string
	// Category is the group the rule belongs to.
	Category Category
	// Default says the rule runs when no rule is selected.
	Default bool
	// Severity is the severity of the rule's findings.
	Severity Severity
	// Fixes says the rule attaches fixes (edits applying its suggestion)
	// to its findings where it can infer one.
	Fixes bool
	// Deprecated says the rule is kept only so that configurations and
	// baselines naming it keep working: selecting it selects ReplacedBy.
	Deprecated bool
	// ReplacedBy are the rules that took over a deprecated rule's
	// findings; a baseline entry of the deprecated rule accepts theirs.
	ReplacedBy []string
	// Run inspects the pass's catalog and reports findings; a deprecated
	// rule has none.
	Run func(*Pass)
}

// Fix is one edit that applies a finding's suggestion: replace Old, which
// starts at File:Line:Column (1-based, the column counted in bytes), with
// New.
type Fix struct {
	// Message says what the edit does.
	Message string `json:"message" yaml:"message"`
	File    string `json:"file" yaml:"file"`
	Line    int    `json:"line" yaml:"line"`
	Column  int    `json:"column" yaml:"column"`
	Old     string `json:"old" yaml:"old"`
	New     string `json:"new" yaml:"new"`
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
	// Fixes are the edits that together apply the suggestion (one per
	// place the document states the subject), when the suggestion is a
	// replacement of text at known columns; else none.
	Fixes []Fix `json:"fixes,omitempty" yaml:"fixes,omitempty"`
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
	p.reportFixed(src, subject, suggestion, nil, format, args...)
}

// reportFixed reports a finding like Reportf, with the edits that apply
// its suggestion.
func (p *Pass) reportFixed(src record.Source, subject, suggestion string, fixes []Fix, format string, args ...any) {
	p.Report(Finding{
		File: src.File, Line: int(src.Line), Column: int(src.Column),
		Subject: subject, Suggestion: suggestion, Fixes: fixes,
		Message: fmt.Sprintf(format, args...),
	})
}

// replaceAt returns the edits that replace old with new at each source,
// or none when new is empty or old, or when the first source has no
// known column (the text's place on the line is unknown); later sources
// without a column are left out.
func replaceAt(old, new string, srcs ...record.Source) []Fix {
	if new == "" || new == old || len(srcs) == 0 || srcs[0].Column <= 0 {
		return nil
	}
	var out []Fix
	for _, s := range srcs {
		if s.File == "" || s.Line <= 0 || s.Column <= 0 {
			continue
		}
		out = append(out, Fix{Message: fmt.Sprintf("Replace %q with %q", old, new),
			File: s.File, Line: int(s.Line), Column: int(s.Column), Old: old, New: new})
	}
	return out
}

// Documents returns the catalog's parsed documents.
func (p *Pass) Documents() []*record.Document {
	if p.Catalog == nil {
		return nil
	}
	return p.Catalog.Documents
}

// Rules returns every rule, in a stable order (scope names, admin/master
// pairs, cross-document, document structure, events), deprecated ones
// included.
func Rules() []Rule {
	var rs []Rule
	rs = append(rs, nameRules()...)
	rs = append(rs, pairRules()...)
	rs = append(rs, crossRules()...)
	rs = append(rs, structureRules()...)
	rs = append(rs, eventRules()...)
	return rs
}

// Select returns the rules named by ids, in Rules order: each ID is a rule
// ID or a category name (all its rules), case-insensitive, and may be a
// comma-separated list; a deprecated rule stands for its replacements.
// With no ids it returns the default rules. An unknown name is an error
// naming the known ones.
func Select(ids []string) ([]Rule, error) {
	return selectFrom(Rules(), ids)
}

func selectFrom(all []Rule, ids []string) ([]Rule, error) {
	want := map[string]bool{}
	named := false
	byID := map[string]Rule{}
	for _, r := range all {
		byID[r.ID] = r
	}
	var add func(r Rule, depth int)
	add = func(r Rule, depth int) {
		if !r.Deprecated {
			want[r.ID] = true
			return
		}
		for _, id := range r.ReplacedBy {
			if next, ok := byID[id]; ok && depth < len(all) {
				add(next, depth+1)
			}
		}
	}
	for _, id := range ids {
		for _, part := range strings.Split(id, ",") {
			part = strings.TrimSpace(part)
			if part == "" {
				continue
			}
			named = true
			if r, ok := byID[strings.ToUpper(part)]; ok {
				add(r, 0)
				continue
			}
			found := false
			for _, r := range all {
				if string(r.Category) == strings.ToLower(part) && !r.Deprecated {
					want[r.ID], found = true, true
				}
			}
			if !found {
				return nil, unknownRule(all, part)
			}
		}
	}
	var out []Rule
	for _, r := range all {
		if (named && want[r.ID]) || (!named && r.Default && !r.Deprecated) {
			out = append(out, r)
		}
	}
	return out, nil
}

// unknownRule is the error for a name that is neither a rule nor a
// category, with the nearest known name when one is close.
func unknownRule(all []Rule, name string) error {
	var cats, ids []string
	seen := map[Category]bool{}
	for _, r := range all {
		ids = append(ids, r.ID)
		if !seen[r.Category] && r.Category != "" {
			seen[r.Category] = true
			cats = append(cats, string(r.Category))
		}
	}
	hint := ""
	if near := editdist.Nearest(name, append(append([]string(nil), ids...), cats...), 1, -1); len(near) > 0 {
		hint = fmt.Sprintf(" (did you mean %s?)", near[0])
	}
	return fmt.Errorf("unknown rule %q%s; categories: %s; rules: %s", name, hint, strings.Join(cats, ", "), strings.Join(ids, ", "))
}

// Lookup returns the rule with the given ID.
func Lookup(id string) (Rule, bool) {
	for _, r := range Rules() {
		if r.ID == id {
			return r, true
		}
	}
	return Rule{}, false
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
				Rule: internalError, Severity: SeverityError, Subject: r.ID,
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
