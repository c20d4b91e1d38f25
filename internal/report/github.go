package report

import (
	"strconv"
	"strings"

	"github.com/scopeplan/scopeplan/lint"
)

// githubData and githubProperty escape a workflow command's data and
// its property values (which also escape ':' and ','); built once.
var (
	githubData     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubProperty = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// githubEscape escapes a workflow command's data; property values also
// escape ':' and ','.
func githubEscape(s string, property bool) string {
	if property {
		return githubProperty.Replace(s)
	}
	return githubData.Replace(s)
}

func lintGitHub(w *Writer, r LintReport) error {
	for _, f := range r.Findings {
		cmd := "notice"
		switch f.Severity {
		case lint.SeverityError:
			cmd = "error"
		case lint.SeverityWarning:
			cmd = "warning"
		}
		props := []string{"file=" + githubEscape(f.File, true)}
		if f.Line > 0 {
			props = append(props, "line="+strconv.Itoa(f.Line))
		}
		if f.Column > 0 {
			props = append(props, "col="+strconv.Itoa(f.Column))
		}
		props = append(props, "title="+githubEscape(f.Rule, true))
		w.Printf("::%s %s::%s\n", cmd, strings.Join(props, ","), githubEscape(findingText(f), false))
	}
	return nil
}
