package scan

import (
	"bufio"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
)

// projectExpect is a fixture project's expected.txt: the calls, with
// their confidence, kind and evidence chain, and the unresolved calls.
type projectExpect struct {
	calls map[string]string // "file:line CALL" -> "confidence kind via|via"
	skips []string          // "file:line TEXT"
}

// readProjectExpect reads a project's expected.txt. Lines are
// FILE:LINE<TAB>CALL<TAB>CONFIDENCE<TAB>KIND[<TAB>VIA]... or
// FILE:LINE<TAB>unresolved<TAB>TEXT; # starts a comment.
func readProjectExpect(t *testing.T, dir string) projectExpect {
	t.Helper()
	fh, err := os.Open(filepath.Join(dir, "expected.txt"))
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	e := projectExpect{calls: map[string]string{}}
	sc := bufio.NewScanner(fh)
	for sc.Scan() {
		l := sc.Text()
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		parts := strings.Split(l, "\t")
		switch {
		case len(parts) == 3 && parts[1] == "unresolved":
			e.skips = append(e.skips, parts[0]+" "+parts[2])
		case len(parts) >= 4:
			e.calls[parts[0]+" "+parts[1]] = parts[2] + " " + parts[3] + " " + strings.Join(parts[4:], "|")
		default:
			t.Fatalf("%s/expected.txt: bad line %q", dir, l)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return e
}

// TestProjectFixtures scans each mini-project under testdata/projects
// (real-world shapes: wrappers, bases in other files, template tables,
// computed segments, requests far from their URL, tests and decoys of
// other platforms) with the embedded catalog, and compares the calls with
// its expected.txt: precision and recall over the whole corpus must be 1,
// and every call's confidence, kind and evidence chain as listed.
func TestProjectFixtures(t *testing.T) {
	s := New(catalogtest.Embedded(t))
	root := filepath.Join("testdata", "projects")
	dirs, err := os.ReadDir(root)
	if err != nil {
		t.Fatal(err)
	}
	tp, fp, fn := 0, 0, 0
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		dir := filepath.Join(root, d.Name())
		want := readProjectExpect(t, dir)
		res, err := s.Scan(dir)
		if err != nil {
			t.Fatal(err)
		}
		prefix := filepath.ToSlash(dir) + "/"
		got := map[string]string{}
		for _, c := range res.Calls {
			via := make([]string, len(c.Via))
			for i, v := range c.Via {
				via[i] = strings.ReplaceAll(v, prefix, "")
			}
			got[strings.TrimPrefix(c.File, prefix)+":"+strconv.Itoa(c.Line)+" "+c.Call] = string(c.Confidence) + " " + string(c.Kind) + " " + strings.Join(via, "|")
		}
		for k, g := range got {
			w, ok := want.calls[k]
			if !ok {
				fp++
				t.Errorf("%s: unexpected call %s (%s)", d.Name(), k, g)
				continue
			}
			tp++
			if g != w {
				t.Errorf("%s: %s: got %q, want %q", d.Name(), k, g, w)
			}
		}
		for k := range want.calls {
			if _, ok := got[k]; !ok {
				fn++
				t.Errorf("%s: missed %s", d.Name(), k)
			}
		}
		var skips []string
		for _, k := range res.Skipped {
			if k.Text != "" {
				skips = append(skips, strings.TrimPrefix(k.File, prefix)+":"+strconv.Itoa(k.Line)+" "+k.Text)
			}
		}
		sort.Strings(skips)
		sort.Strings(want.skips)
		if strings.Join(skips, "\n") != strings.Join(want.skips, "\n") {
			t.Errorf("%s: unresolved:\n got %q\nwant %q", d.Name(), skips, want.skips)
		}
	}
	precision := float64(tp) / float64(max(tp+fp, 1))
	recall := float64(tp) / float64(max(tp+fn, 1))
	t.Logf("project fixtures: %d calls expected, %d found right, %d wrong, %d missed: precision %.3f, recall %.3f", tp+fn, tp, fp, fn, precision, recall)
	if precision != 1 || recall != 1 {
		t.Errorf("precision %.3f, recall %.3f; want 1 and 1", precision, recall)
	}
}
