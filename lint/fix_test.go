package lint

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
)

// checkFixes reads each fix's file and checks that the text at the fix's
// line and column is the text it replaces, so that applying the fixes
// (SARIF's replacements) edits exactly the subject. Files named by their
// path in the repository (the embedded documents) are read from the
// repository root.
func checkFixes(t *testing.T, fs []Finding) (findings, edits int) {
	t.Helper()
	lines := map[string][][]byte{}
	read := func(file string) [][]byte {
		if ls, ok := lines[file]; ok {
			return ls
		}
		path := file
		if !filepath.IsAbs(path) && !strings.HasPrefix(path, "..") {
			path = filepath.Join("..", path)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("read %s: %v", file, err)
		}
		lines[file] = bytes.Split(b, []byte("\n"))
		return lines[file]
	}
	for _, f := range fs {
		if len(f.Fixes) == 0 {
			continue
		}
		findings++
		if f.Fixes[0].File != f.File || f.Fixes[0].Line != f.Line || f.Fixes[0].Column != f.Column {
			t.Errorf("%s at %s:%d:%d: first fix at %s:%d:%d", f.Rule, f.File, f.Line, f.Column, f.Fixes[0].File, f.Fixes[0].Line, f.Fixes[0].Column)
		}
		for _, fx := range f.Fixes {
			edits++
			if fx.Old != f.Subject || fx.New == "" || fx.New == fx.Old || fx.Message == "" {
				t.Errorf("%s at %s:%d: fix %+v does not replace the subject %q", f.Rule, f.File, f.Line, fx, f.Subject)
				continue
			}
			ls := read(fx.File)
			if fx.Line < 1 || fx.Line > len(ls) || fx.Column < 1 || fx.Column > len(ls[fx.Line-1]) {
				t.Errorf("%s: fix at %s:%d:%d is outside the file", f.Rule, fx.File, fx.Line, fx.Column)
				continue
			}
			if at := ls[fx.Line-1][fx.Column-1:]; !bytes.HasPrefix(at, []byte(fx.Old)) {
				t.Errorf("%s: fix at %s:%d:%d replaces %q, but the text there is %.40q", f.Rule, fx.File, fx.Line, fx.Column, fx.Old, at)
			}
		}
	}
	return findings, edits
}

// TestFixesEditTheSubject: on the embedded documents every fix points at
// the very text it replaces (TestHub checks the hub's).
func TestFixesEditTheSubject(t *testing.T) {
	n, edits := checkFixes(t, Run(catalogtest.Embedded(t), Rules()))
	// The granular page's name defects, pairs and rate-limit labels have
	// columns; the classic page's lines do not.
	if n == 0 || edits < n {
		t.Errorf("%d findings with fixes, %d edits", n, edits)
	}
}

// TestFixShapes: a rule with a clear correction gives a fix; a finding
// without a column or without a correction gives none.
func TestFixShapes(t *testing.T) {
	fs := Run(catalogtest.Embedded(t), Rules())
	found := false
	for _, f := range fs {
		switch {
		case f.Rule == RuleUnknownAction && f.Subject == "contact_center:udpate:region:admin":
			found = true
			if len(f.Fixes) != 1 || f.Fixes[0].New != "contact_center:update:region:admin" {
				t.Errorf("%s: fixes %+v", f.Subject, f.Fixes)
			}
		case f.Column == 0 || f.Suggestion == "":
			if len(f.Fixes) != 0 {
				t.Errorf("%s at %s:%d (column %d, suggestion %q) has fixes %+v", f.Rule, f.File, f.Line, f.Column, f.Suggestion, f.Fixes)
			}
		}
	}
	if !found {
		t.Errorf("no %s finding about contact_center:udpate:region:admin on the embedded documents", RuleUnknownAction)
	}
}
