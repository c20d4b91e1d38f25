package granular

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

// sameAsWhole checks that parsing data with tables cut into batches (every
// run of more than min+4 row lines) gives exactly the records, problems,
// files, lines and columns of one whole goldmark parse, and reports whether
// the cut parse stood (no fallback to the whole parse).
func sameAsWhole(t *testing.T, name string, data []byte, min int) bool {
	t.Helper()
	want, wantErr := parseMarkdown(name, data, 0)
	got, gotErr := parseMarkdown(name, data, min)
	if (wantErr == nil) != (gotErr == nil) || (wantErr != nil && wantErr.Error() != gotErr.Error()) {
		t.Fatalf("%s: error %v, whole parse %v", name, gotErr, wantErr)
	}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s: records differ from the whole parse:\n%s", name, firstDiff(got, want))
	}
	if checkNesting(data) != nil {
		return false
	}
	_, whole, _ := parseReduced(name, data, min)
	return whole && len(reduce(data, min).cuts) > 0
}

// firstDiff names the first row or problem that differs.
func firstDiff(got, want any) string {
	g, w := fmt.Sprintf("%+v", got), fmt.Sprintf("%+v", want)
	i := 0
	for i < len(g) && i < len(w) && g[i] == w[i] {
		i++
	}
	lo := max(0, i-200)
	return "got:  ..." + g[lo:min(len(g), i+200)] + "\nwant: ..." + w[lo:min(len(w), i+200)]
}

// TestReducedParseRealPage: the real granular page parsed with its tables
// cut into batches of rows gives the records of one whole parse, and the
// cuts stand (the page's tables are read in batches, not re-parsed whole).
func TestReducedParseRealPage(t *testing.T) {
	data := readSeed(t)
	for _, min := range []int{1, 3, 50} {
		if !sameAsWhole(t, "granular-scopes.md", data, min) {
			t.Errorf("min %d: the real page was parsed whole, not in batches", min)
		}
	}
}

// TestReducedParseCorpus: the same holds for the golden input and every
// fuzz corpus entry.
func TestReducedParseCorpus(t *testing.T) {
	files, _ := filepath.Glob("testdata/fuzz/FuzzParseMarkdown*/*")
	files = append(files, "testdata/basic.md")
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(f, "fuzz") {
			data = corpusBytes(t, data)
		}
		sameAsWhole(t, f, data, 1)
	}
}

// TestReducedParseEdges: long runs of row lines in places that are not one
// table's rows (a code block, a table that ends inside the run, a pipe in
// a code span, link references, CRLF, no final newline) read as a whole
// parse reads them.
func TestReducedParseEdges(t *testing.T) {
	row := func(i int) string {
		return fmt.Sprintf("| [Get %d](/docs/api/rest/reference/x/methods/#operation/op%d) | `x:read:a%d:admin` |\n", i, i, i)
	}
	rows := func(from, to int) string {
		var b strings.Builder
		for i := from; i < to; i++ {
			b.WriteString(row(i))
		}
		return b.String()
	}
	head := "## X\n\n### S\n\n| API | Scopes |\n|---|---|\n"
	cases := map[string]struct {
		doc     string
		batched bool
	}{
		"plain":                 {head + rows(0, 40), true},
		"no final newline":      {head + strings.TrimSuffix(rows(0, 40), "\n"), true},
		"crlf":                  {strings.ReplaceAll(head+rows(0, 40), "\n", "\r\n"), true},
		"two tables":            {head + rows(0, 20) + "\n" + head + rows(20, 40), true},
		"code block":            {"```\n" + rows(0, 20) + "```\n" + head + rows(20, 30), false},
		"delimiter late":        {"## X\n\n" + rows(0, 10) + "|---|---|\n" + rows(10, 20), false},
		"delimiter in rows":     {head + rows(0, 10) + "|---|---|\n" + rows(10, 20), true},
		"escaped pipe":          {head + rows(0, 10) + "| [a](/docs/api/rest/reference/x/methods/#operation/p) | `a\\|b`, `x:read:c:admin` |\n" + rows(10, 20), true},
		"reference links":       {head + rows(0, 10) + "| [Ref][r] | `x:read:r:admin` |\n" + rows(10, 20) + "\n[r]: /docs/api/rest/reference/x/methods/#operation/ref\n", true},
		"quote":                 {"> | API | Scopes |\n> |---|---|\n" + rows(0, 20), true},
		"extra cells":           {head + "| a | `x:b:c` | extra | more |\n" + rows(0, 20) + "| only |\n", true},
		"html comment":          {"<!--\n" + rows(0, 20) + "-->\n" + head + rows(20, 30), false},
		"bare pipes":            {head + strings.Repeat("|\n", 20) + rows(0, 2), true},
		"setext after":          {head + rows(0, 20) + "---\n", true},
		"list item (lazy rows)": {"- x\n\n  | API | Scopes |\n  |---|---|\n" + rows(0, 20), true},
		"entities in cells":     {head + rows(0, 5) + "| [A &amp; B\\*](/docs/api/rest/reference/x/methods/#operation/e) | `x:read:&amp;:admin` |\n" + rows(5, 20), true},
		"multibyte columns":     {head + rows(0, 5) + "| [Ünïcødé](/docs/api/rest/reference/x/methods/#operation/u) | `x:read:ü:admin`, `x:write:ü:admin` |\n" + rows(5, 20), true},
		"run at end of file":    {head + rows(0, 20), true},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			batched := sameAsWhole(t, name, []byte(tc.doc), 1)
			if batched != tc.batched {
				t.Errorf("read in batches = %v, want %v", batched, tc.batched)
			}
		})
	}
}

// FuzzReducedParse: for any document, reading long tables in batches gives
// exactly the records of one whole parse.
func FuzzReducedParse(f *testing.F) {
	if data, err := os.ReadFile("testdata/basic.md"); err == nil {
		f.Add(data, 1)
	}
	f.Add([]byte("| a | b |\n|---|---|\n| [x](/docs/api/rest/reference/p/ma/#operation/y) | `a:b` |\n|\n| z | `c:d` |\n| w |\n"), 1)
	f.Add([]byte("> | a | b |\n|---|---|\n| x | `a:b` |\n| y |\n| z |\n| q |\n| r |\n[x]: /u\n"), 0)
	f.Fuzz(func(t *testing.T, data []byte, min int) {
		min = 1 + min&3
		sameAsWhole(t, "fuzz.md", data, min)
	})
}

// corpusBytes decodes a one-argument []byte fuzz corpus file.
func corpusBytes(t *testing.T, file []byte) []byte {
	t.Helper()
	s := strings.TrimSpace(string(file))
	i := strings.Index(s, "[]byte(")
	if i < 0 || !strings.HasSuffix(s, ")") {
		t.Fatalf("not a []byte corpus entry: %.80q", s)
	}
	v, err := strconv.Unquote(s[i+len("[]byte(") : len(s)-1])
	if err != nil {
		t.Fatalf("corpus entry: %v", err)
	}
	return []byte(v)
}
