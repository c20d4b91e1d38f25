package report

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/planner"
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
	// Fixes are the result's proposed fixes (SARIF fixes).
	Fixes []SARIFFix
}

// SARIFFix is one proposed fix: edits applied together.
type SARIFFix struct {
	Description string
	Edits       []SARIFEdit
}

// SARIFEdit replaces the text of File's Line from Column up to (not
// including) EndColumn with Text.
type SARIFEdit struct {
	File              string
	Line              int
	Column, EndColumn int
	Text              string
}

// sarifFixes turns fixes into SARIF fixes: one artifactChange per file,
// in the order the files first appear, each with its replacements.
func sarifFixes(fixes []SARIFFix, root string) []*sarif.Fix {
	var out []*sarif.Fix
	for _, f := range fixes {
		fix := sarif.NewFix().WithDescriptionText(f.Description)
		changes := map[string]*sarif.ArtifactChange{}
		for _, e := range f.Edits {
			uri := artifactURI(e.File, root)
			ch, ok := changes[uri]
			if !ok {
				ch = sarif.NewArtifactChange(sarif.NewSimpleArtifactLocation(uri))
				changes[uri] = ch
				fix.AddArtifactChanges(ch)
			}
			region := sarif.NewRegion().WithStartLine(e.Line).WithStartColumn(e.Column).WithEndLine(e.Line).WithEndColumn(e.EndColumn)
			ch.WithReplacement(sarif.NewReplacement(region).WithInsertedContent(sarif.NewArtifactContent().WithText(e.Text)))
		}
		out = append(out, fix)
	}
	return out
}

// SARIFTool is what a SARIF log says about the run beyond its results:
// the tool's version, and the folder artifact URIs are relative to.
type SARIFTool struct {
	// Version is tool.driver.version ("dev" when empty).
	Version string
	// Root is the folder result paths are made relative to (the
	// repository root, see RepoRoot); "" leaves them as given.
	Root string
}

// sarifTool names the tool in SARIF output.
const sarifTool = "scopeplan"

// sarifInfoURI is where the tool's documentation lives.
const sarifInfoURI = "https://github.com/scopeplan/scopeplan"

// RepoRoot returns the root of the git repository holding dir (the
// nearest folder with a .git entry), or dir itself outside a repository:
// GitHub code scanning wants artifact URIs relative to the repository root.
func RepoRoot(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	for d := abs; ; {
		if _, err := os.Lstat(filepath.Join(d, ".git")); err == nil {
			return d
		}
		parent := filepath.Dir(d)
		if parent == d {
			return abs
		}
		d = parent
	}
}

// artifactURI turns a result's file into a SARIF artifact URI: relative to
// root (slash-separated, percent-encoded) when the file is on disk under
// it; a file:// URI when it is on disk outside it; as given otherwise (a
// document embedded in the binary, named by its path in scopeplan's own
// repository).
func artifactURI(file, root string) string {
	if root == "" {
		return file
	}
	if _, err := os.Stat(file); err != nil {
		return filepath.ToSlash(file)
	}
	abs, err := filepath.Abs(file)
	if err != nil {
		return filepath.ToSlash(file)
	}
	rootAbs, err := filepath.Abs(root)
	if err != nil {
		return filepath.ToSlash(file)
	}
	rel, err := filepath.Rel(rootAbs, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}
		if !strings.HasPrefix(u.Path, "/") {
			u.Path = "/" + u.Path // a Windows drive path
		}
		return u.String()
	}
	return (&url.URL{Path: filepath.ToSlash(rel)}).EscapedPath()
}

// sarifColumnKind is the unit of every column scopeplan writes: Unicode
// code points, as record.Source counts them.
const sarifColumnKind = "unicodeCodePoints"

// writeSARIF writes a SARIF 2.1.0 log with one run of the given rules and
// results. Every result with a file has a 1-based region (line 1 when the
// result names no line), as GitHub code scanning requires.
func writeSARIF(w io.Writer, tool SARIFTool, rules []SARIFRule, results []SARIFResult) error {
	rep, err := sarif.New(sarif.Version210)
	if err != nil {
		return fmt.Errorf("write SARIF: %w", err)
	}
	run := sarif.NewRunWithInformationURI(sarifTool, sarifInfoURI)
	// Columns count characters (the parsers' unit), not SARIF's default
	// UTF-16 code units.
	run.WithColumnKind(sarifColumnKind)
	version := tool.Version
	if version == "" {
		version = "dev"
	}
	run.Tool.Driver.WithVersion(version)
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
		loc := sarif.NewPhysicalLocation().WithArtifactLocation(sarif.NewSimpleArtifactLocation(artifactURI(res.File, tool.Root)))
		region := sarif.NewRegion().WithStartLine(max(res.Line, 1))
		if res.Line > 0 && res.Column > 0 {
			region.WithStartColumn(res.Column)
		}
		loc.WithRegion(region)
		result.Fixes = sarifFixes(res.Fixes, tool.Root)
		run.AddResult(result.WithLocations([]*sarif.Location{sarif.NewLocationWithPhysicalLocation(loc)}))
	}
	rep.AddRun(run)
	if err := rep.PrettyWrite(w); err != nil {
		return fmt.Errorf("write SARIF: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write SARIF: %w", err)
	}
	return nil
}

// sarifLevel maps a severity to a SARIF level.
func sarifLevel(s lint.Severity) string {
	switch s {
	case lint.SeverityError:
		return "error"
	case lint.SeverityWarning:
		return "warning"
	}
	return "note"
}

func findingText(f lint.Finding) string {
	msg := f.Message
	if f.Suggestion != "" {
		msg += " (suggestion: " + f.Suggestion + ")"
	}
	return msg
}

// lintSARIF prints a lint report as SARIF 2.1.0, with the report's
// rules as the run's rules.
func lintSARIF(w *Writer, r LintReport) error {
	var srules []SARIFRule
	known := map[string]bool{}
	for _, rule := range r.Rules {
		known[rule.ID] = true
		srules = append(srules, SARIFRule{ID: rule.ID, Description: rule.Title, Level: sarifLevel(rule.Severity), URL: lintRulesDoc + strings.ToLower(rule.ID)})
	}
	var results []SARIFResult
	for _, f := range r.Findings {
		if !known[f.Rule] {
			known[f.Rule] = true
			srules = append(srules, SARIFRule{ID: f.Rule, Description: f.Rule, Level: sarifLevel(f.Severity)})
		}
		results = append(results, lintSARIFResult(f))
	}
	return writeSARIF(w, r.Tool, srules, results)
}

// lintSARIFResult is the SARIF result of one finding, its edits as one
// fix.
func lintSARIFResult(f lint.Finding) SARIFResult {
	return SARIFResult{RuleID: f.Rule, Level: sarifLevel(f.Severity), Message: findingText(f), File: f.File, Line: f.Line, Column: f.Column,
		Fixes: lintFixes(f.Fixes)}
}

// lintFixes turns a finding's edits into one SARIF fix, or none.
func lintFixes(fixes []lint.Fix) []SARIFFix {
	if len(fixes) == 0 {
		return nil
	}
	f := SARIFFix{Description: fixes[0].Message}
	for _, x := range fixes {
		f.Edits = append(f.Edits, SARIFEdit{File: x.File, Line: x.Line, Column: x.Column, EndColumn: x.Column + utf8.RuneCountInString(x.Old), Text: x.New})
	}
	return []SARIFFix{f}
}

// lintRulesDoc is where each rule is documented; the anchor is the rule ID
// in lower case.
const lintRulesDoc = sarifInfoURI + "/blob/main/docs/lint-rules.md#"

// auditRules are the SARIF rules of an audit.
func auditRules() []SARIFRule {
	return []SARIFRule{
		{ID: "AUDIT_UNKNOWN_SCOPE", Description: "A requested scope no Zoom scope document defines.", Level: "error"},
		{ID: "AUDIT_LEVEL_NOT_ALLOWED", Description: "A requested scope at a level the app type cannot request.", Level: "error"},
		{ID: "AUDIT_MIXED_KINDS", Description: "Classic and granular scopes requested together; Zoom rejects such an app.", Level: "error"},
		{ID: "AUDIT_OVER_PRIVILEGED", Description: "A requested scope that no intended call needs.", Level: "warning"},
		{ID: "AUDIT_MISSING_SCOPE", Description: "An intended call that no requested scope covers.", Level: "error"},
		{ID: "AUDIT_OPTIONAL_UNUSED", Description: "An optional requested scope that no intended call needs.", Level: "note"},
		{ID: "AUDIT_REDUNDANT_SCOPE", Description: "A requested scope whose calls other requested scopes already cover.", Level: "warning"},
		{ID: "AUDIT_CANNOT_JUDGE", Description: "A requested scope no mapped call needs but an unmapped call could: the audit cannot say whether it is needed.", Level: "note"},
		{ID: "AUDIT_UNMAPPED_EVENT", Description: "A manifest event subscription the audit cannot map to scopes, so the request cannot be checked against it.", Level: "error"},
		{ID: "AUDIT_ZOOM_APP_SCOPE", Description: "In-client Zoom Apps APIs listed without zoomapp:inmeeting, or zoomapp:inmeeting requested without any.", Level: "error"},
		{ID: "AUDIT_UNMAPPED_CALL", Description: "An intended call that maps to no single endpoint, so the request cannot be checked against it.", Level: "error"},
	}
}

// AuditSARIF says where an audit's results belong.
type AuditSARIF struct {
	Tool SARIFTool
	// Requested is the requested-scopes file ("" for scopes given on the
	// command line: their results then have no location).
	Requested string
	// ScopeLines is the 1-based line of each requested scope in Requested
	// (see audit.ScopeLines), for the results whose report entry carries
	// no line; a scope on neither is placed at line 1.
	ScopeLines map[string]int
	// Calls are the intended calls with the file and line each was written
	// or found at (every occurrence a scan found): a result about a call
	// is placed at each of them, else at the requested-scopes file.
	Calls []planner.Call
}

// site is one place a call was made.
type site struct {
	file string
	line int
}

// callSites maps each call spec to the places it was made, in order, once
// each. Calls given on the command line or standard input have none.
func (o AuditSARIF) callSites() map[string][]site {
	out := map[string][]site{}
	seen := map[string]map[site]bool{}
	for _, c := range o.Calls {
		if c.File == "" || c.File == "--call" || c.File == "<stdin>" {
			continue
		}
		s := site{c.File, c.Line}
		if seen[c.Spec] == nil {
			seen[c.Spec] = map[site]bool{}
		}
		if !seen[c.Spec][s] {
			seen[c.Spec][s] = true
			out[c.Spec] = append(out[c.Spec], s)
		}
	}
	return out
}

// auditSARIF prints an audit as SARIF 2.1.0, placing its results as
// r.SARIF says. A result about a
// requested scope or a manifest entry points at its line in the
// requested-scopes file; a result about a call (missing scope, unmapped)
// at each line the call was made, in code or in a call file.
func auditSARIF(w *Writer, r AuditReport) error {
	o := r.SARIF
	var res []SARIFResult
	// Findings about a manifest entry carry its line.
	at := func(rule, level, msg string, line int) {
		res = append(res, SARIFResult{RuleID: rule, Level: level, Message: msg, File: o.Requested, Line: line})
	}
	atScope := func(rule, level, scope, msg string, line int) {
		if line == 0 {
			line = o.ScopeLines[scope]
		}
		at(rule, level, msg, line)
	}
	sites := o.callSites()
	atCall := func(rule, level, call, msg string) {
		if len(sites[call]) == 0 {
			at(rule, level, msg, 0)
			return
		}
		for _, s := range sites[call] {
			res = append(res, SARIFResult{RuleID: rule, Level: level, Message: msg, File: s.file, Line: s.line})
		}
	}
	for _, u := range r.Unknown {
		msg := fmt.Sprintf("unknown scope %s", u.Scope)
		if len(u.Suggestions) > 0 {
			msg += "; did you mean " + strings.Join(u.Suggestions, ", ")
		}
		atScope("AUDIT_UNKNOWN_SCOPE", "error", u.Scope, msg, u.Line)
	}
	for _, l := range r.Levels {
		atScope("AUDIT_LEVEL_NOT_ALLOWED", "error", l.Scope, l.Scope+": "+l.Reason, l.Line)
	}
	if r.Mixed {
		at("AUDIT_MIXED_KINDS", "error", "the request mixes classic and granular scopes", 0)
	}
	for _, u := range r.OverPrivileged {
		atScope("AUDIT_OVER_PRIVILEGED", "warning", u.Scope, fmt.Sprintf("%s grants %d endpoint(s), none of them called", u.Scope, u.Grants), u.Line)
	}
	for _, u := range r.OptionalUnused {
		atScope("AUDIT_OPTIONAL_UNUSED", "note", u.Scope, fmt.Sprintf("optional %s grants %d endpoint(s), none of them called", u.Scope, u.Grants), u.Line)
	}
	for _, u := range r.Redundant {
		atScope("AUDIT_REDUNDANT_SCOPE", "warning", u.Scope, fmt.Sprintf("%s: other requested scopes already cover every call it covers", u.Scope), u.Line)
	}
	for _, j := range r.CannotJudge {
		atScope("AUDIT_CANNOT_JUDGE", "note", j.Scope, fmt.Sprintf("%s: no mapped call needs it, but %s could", j.Scope, strings.Join(j.Calls, ", ")), j.Line)
	}
	for _, e := range r.UnmappedEvents {
		at("AUDIT_UNMAPPED_EVENT", "error", fmt.Sprintf("event %s (%s): %s", e.Event, e.Pointer, e.Reason), e.Line)
	}
	if z := r.ZoomAppAPIs; z != nil && z.Missing {
		at("AUDIT_ZOOM_APP_SCOPE", "error", fmt.Sprintf("%d in-client Zoom Apps API(s) listed at %s, but %s is not requested", len(z.APIs), z.Pointer, z.RequiredScope), z.Line)
	}
	if z := r.ZoomAppAPIs; z != nil && z.Unused {
		at("AUDIT_ZOOM_APP_SCOPE", "error", fmt.Sprintf("%s is requested, but the manifest lists no in-client Zoom Apps API", z.RequiredScope), z.Line)
	}
	for _, u := range r.Unmapped {
		atCall("AUDIT_UNMAPPED_CALL", "error", u.Call, fmt.Sprintf("call %s: %s", u.Call, u.Reason))
	}
	for _, m := range r.Missing {
		if m.Event != "" {
			at("AUDIT_MISSING_SCOPE", "error", fmt.Sprintf("event %s is allowed by no requested scope; request %s", m.Event, orNone(m.Would)), m.Line)
			continue
		}
		atCall("AUDIT_MISSING_SCOPE", "error", m.Call, fmt.Sprintf("call %s is covered by no requested scope; request %s", m.Call, orNone(m.Would)))
	}
	return writeSARIF(w, o.Tool, auditRules(), res)
}
