package site

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/html"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
	"github.com/scopeplan/scopeplan/planner"
)

var update = flag.Bool("update", false, "rewrite golden files")

// fixtureCatalog builds the small catalog of testdata/fixture: a granular
// page, a classic page and a Postman list.
func fixtureCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	var docs []*record.Document
	for _, name := range []string{"granular.md", "classic.txt", "postman.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", "fixture", name))
		if err != nil {
			t.Fatal(err)
		}
		d, err := parser.Parse("fixture/"+name, b, "")
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	c, err := catalog.Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func embeddedCatalog(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, _, err := loader.Build(context.Background(), loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func newSite(t testing.TB, c *catalog.Catalog, o Options) *Site {
	t.Helper()
	s, err := New(c, o)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func renderHTML(t testing.TB, s *Site) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := s.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	p := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(p, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(p)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the golden file (check, then go test -update):\n%s", name, firstDiff(got, want))
	}
}

// firstDiff shows the first differing line.
func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("line %d:\n got: %.300s\nwant: %.300s", i+1, gl, wl)
		}
	}
	return "(no line differs)"
}

// concatPages joins pages into one reviewable text.
func concatPages(pages []Page) []byte {
	var b bytes.Buffer
	for _, p := range pages {
		fmt.Fprintf(&b, "==> %s <==\n%s\n", p.Path, p.Content)
	}
	return b.Bytes()
}

// normaliseHTML replaces the code blobs of the page (optimiser, Go's
// wasm_exec.js, the explorer's script and style and the CSP hashes of
// them) with placeholders, so the golden file holds markup and data.
func normaliseHTML(b []byte) []byte {
	s := string(b)
	for _, re := range []*regexp.Regexp{
		regexp.MustCompile(`(?s)(<script type="application/octet-stream" id="scopeplan-wasm">).*?(</script>)`),
		regexp.MustCompile(`(?s)(<script>)// Copyright \d+ The Go Authors\..*?(</script>)`),
		regexp.MustCompile(`(?s)(<script>)// scopeplan explorer.*?(</script>)`),
		regexp.MustCompile(`(?s)(<style>).*?(</style>)`),
	} {
		s = re.ReplaceAllString(s, "${1}…${2}")
	}
	s = regexp.MustCompile(`sha256-[A-Za-z0-9+/=]+`).ReplaceAllString(s, "sha256-…")
	return []byte(s)
}

func TestGoldenMarkdown(t *testing.T) {
	s := newSite(t, fixtureCatalog(t), Options{})
	checkGolden(t, "markdown", concatPages(s.Markdown()))
}

func TestGoldenHTML(t *testing.T) {
	notes := []Note{
		{Rule: "SCOPE_MISSING_LEVEL", Severity: "warning", Message: "contact_group:read:admin has three segments", File: "fixture/granular.md", Line: 19, Endpoints: []int{4}, Scopes: []string{"contact_group:read:admin"}},
		{Rule: "UNKNOWN_TARGET", Severity: "info", Message: "not a scope", Endpoints: []int{-1, 99}, Scopes: []string{"no:such:scope"}},
	}
	s := newSite(t, fixtureCatalog(t), Options{Notes: notes})
	checkGolden(t, "html", normaliseHTML(renderHTML(t, s)))
}

// TestFixtureAdvice pins the least-privileged choices the fixture's
// golden file shows, checked by hand: the scope granting fewest
// endpoints wins, alternatives are ordered least privileged first.
func TestFixtureAdvice(t *testing.T) {
	c := fixtureCatalog(t)
	s := newSite(t, c, Options{})
	tests := []struct {
		endpoint int
		app      planner.AppType
		best     string
		higher   []string
	}{
		{0, planner.AppUser, "user:read:user", nil},
		{0, planner.AppAdmin, "user:read:user:admin", nil},
		{0, planner.AppMaster, "user:read:user:admin", []string{"user:read:user:master"}},
		{1, planner.AppAdmin, "user:read:list_users:admin", []string{"user:read:user:admin"}},
		{1, planner.AppUser, "", nil},
		{3, planner.AppMaster, "user:read:user:master", nil},
		{3, planner.AppAdmin, "", nil},
		{7, planner.AppAdmin, "meeting:read:list_summaries:admin", nil},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%d/%s", tt.endpoint, tt.app), func(t *testing.T) {
			a := s.advice[tt.endpoint][slices.Index(Apps(), tt.app)]
			if a.best != tt.best {
				t.Errorf("best = %q, want %q", a.best, tt.best)
			}
			if !slices.Equal(a.higher, tt.higher) && (len(a.higher) > 0 || len(tt.higher) > 0) {
				t.Errorf("higher = %q, want %q", a.higher, tt.higher)
			}
			if tt.best == "" && a.reason == "" {
				t.Error("no scope and no reason")
			}
			// The choice is the planner's.
			p, err := planner.ForEndpoints(c, []*catalog.Endpoint{c.Endpoints[tt.endpoint]}, planner.Options{App: tt.app})
			if err != nil {
				t.Fatal(err)
			}
			if want := strings.Join(p.Granular, ","); want != a.best {
				t.Errorf("best = %q, planner says %q", a.best, want)
			}
		})
	}
}

// TestEmbeddedCatalog generates both formats over the embedded documents:
// one page per product and per scope plus the index, every page path safe
// and unique, every relative link and anchor resolving, and two runs
// byte-identical.
func TestEmbeddedCatalog(t *testing.T) {
	c := embeddedCatalog(t)
	s1 := newSite(t, c, Options{})
	pages := s1.Markdown()
	if want := len(c.Products()) + len(c.Scopes) + 1; len(pages) != want {
		t.Errorf("%d pages, want %d (products %d + scopes %d + index)", len(pages), want, len(c.Products()), len(c.Scopes))
	}
	byPath := map[string][]byte{}
	folded := map[string]string{}
	for _, p := range pages {
		if !filepath.IsLocal(p.Path) || strings.ContainsAny(p.Path, `\:*?"<>|`) {
			t.Errorf("unsafe page path %q", p.Path)
		}
		if _, dup := byPath[p.Path]; dup {
			t.Errorf("duplicate page path %q", p.Path)
		}
		if other, dup := folded[strings.ToLower(p.Path)]; dup {
			t.Errorf("pages %q and %q collide on a case-insensitive file system", p.Path, other)
		}
		byPath[p.Path], folded[strings.ToLower(p.Path)] = p.Content, p.Path
	}
	link := regexp.MustCompile(`\]\(([^)#]*)(#[^)]*)?\)`)
	checked := 0
	for _, p := range pages {
		for _, m := range link.FindAllStringSubmatch(string(p.Content), -1) {
			target, frag := m[1], strings.TrimPrefix(m[2], "#")
			if strings.HasPrefix(target, "http") {
				continue
			}
			resolved := path.Clean(path.Join(path.Dir(p.Path), target))
			content, ok := byPath[resolved]
			if !ok {
				t.Fatalf("%s links to %s (%s), which is not generated", p.Path, target, resolved)
			}
			if frag != "" && !bytes.Contains(content, []byte(`<a id="`+frag+`">`)) {
				t.Fatalf("%s links to %s#%s, which has no such anchor", p.Path, target, frag)
			}
			checked++
		}
	}
	if checked < len(pages) {
		t.Errorf("only %d links checked", checked)
	}
	h1 := renderHTML(t, s1)
	s2 := newSite(t, embeddedCatalog(t), Options{})
	if !slices.EqualFunc(pages, s2.Markdown(), func(a, b Page) bool { return a.Path == b.Path && bytes.Equal(a.Content, b.Content) }) {
		t.Error("two Markdown runs differ")
	}
	if h2 := renderHTML(t, s2); !bytes.Equal(h1, h2) {
		t.Error("two HTML runs differ")
	}
	var d jsData
	if err := json.Unmarshal(scriptText(t, h1, dataID), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Endpoints) != len(c.Endpoints) || len(d.Scopes) != len(c.Scopes) || len(d.Products) != len(c.Products()) {
		t.Errorf("explorer data: %d endpoints, %d scopes, %d products; catalog: %d, %d, %d",
			len(d.Endpoints), len(d.Scopes), len(d.Products), len(c.Endpoints), len(c.Scopes), len(c.Products()))
	}
	t.Logf("%d Markdown pages, %d links checked; HTML %d bytes", len(pages), checked, len(h1))
}

// scriptText returns the text of the script element with the given id.
func scriptText(t testing.TB, page []byte, id string) []byte {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "script" && attr(n, "id") == id && n.FirstChild != nil {
			return []byte(n.FirstChild.Data)
		}
	}
	t.Fatalf("no script #%s", id)
	return nil
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func TestTimestampOnlyWhenAsked(t *testing.T) {
	c := fixtureCatalog(t)
	plain := newSite(t, c, Options{})
	if idx := plain.Markdown()[0].Content; bytes.Contains(idx, []byte("Generated")) {
		t.Error("index states a time without being asked")
	}
	var d jsData
	if err := json.Unmarshal(scriptText(t, renderHTML(t, plain), dataID), &d); err != nil || d.Generated != "" {
		t.Errorf("explorer states a time without being asked (%v)", err)
	}
	stamped := newSite(t, c, Options{Generated: mustTime(t, "2025-01-02T03:04:05Z")})
	if idx := stamped.Markdown()[0].Content; !bytes.Contains(idx, []byte("Generated 2025-01-02T03:04:05Z.")) {
		t.Errorf("index lacks the asked-for time:\n%s", idx)
	}
}

func TestNewErrors(t *testing.T) {
	if _, err := New(nil, Options{}); err == nil {
		t.Error("New(nil) succeeded")
	}
	c := fixtureCatalog(t)
	c.Endpoints[1] = c.Endpoints[2]
	if _, err := New(c, Options{}); err == nil {
		t.Error("New accepted a misnumbered catalog")
	}
}

func mustTime(t testing.TB, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	if err != nil {
		t.Fatal(err)
	}
	return v
}
