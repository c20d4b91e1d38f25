package report

import (
	"strconv"
	"strings"

	"github.com/scopeplan/scopeplan/lint"
)

// githubEscape escapes a workflow command's data; property values also
// escape ':' and ','.
func githubEscape(s string, property bool) string {
	r := strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	s = r.Replace(s)
	if property {
		s = strings.NewReplacer(":", "%3A", ",", "%2C").Replace(s)
	}
	return s
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
