package report

import (
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

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

// WriteSARIF writes a SARIF 2.1.0 log with one run of the given rules and
// results. Every result with a file has a 1-based region (line 1 when the
// result names no line), as GitHub code scanning requires.
func WriteSARIF(w io.Writer, tool SARIFTool, rules []SARIFRule, results []SARIFResult) error {
	rep, err := sarif.New(sarif.Version210)
	if err != nil {
		return fmt.Errorf("write SARIF: %w", err)
	}
	run := sarif.NewRunWithInformationURI(sarifTool, sarifInfoURI)
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
	_, err = fmt.Fprintln(w)
	return err
}
