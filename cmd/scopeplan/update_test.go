package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/internal/testutil"
	scopeupdate "github.com/scopeplan/scopeplan/internal/update"
	"github.com/scopeplan/scopeplan/lint"
)

// TestMain points the default cache directory at an empty temporary one,
// so that no test of this package reads the developer's real cache (the
// catalog commands use the cache when it is newer than the embedded data).
//
// With SCOPEPLAN_TEST_AS_CLI=1 the test binary is scopeplan itself, for
// tests that run scripts calling it (action_test.go).
func TestMain(m *testing.M) {
	if os.Getenv(asCLIEnv) == "1" {
		os.Exit(run(os.Args[1:], newStreams(os.Stdin, os.Stdout, os.Stderr)))
	}
	dir, err := os.MkdirTemp("", "scopeplan-test-cache-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := os.Setenv(cache.EnvDir, dir); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	code := m.Run()
	_ = os.RemoveAll(dir)
	os.Exit(code)
}

// updateFixture reads a fixture of the update package.
func updateFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "..", "internal", "update", "testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// zoomDocs is a loopback stand-in for Zoom's developer site.
type zoomDocs struct {
	srv      *httptest.Server
	failing  atomic.Bool // the classic page answers 500
	requests atomic.Int64
}

func newZoomDocs(t *testing.T) *zoomDocs {
	z := &zoomDocs{}
	pages := map[string][]byte{
		"/docs/integrations/oauth-scopes-granular/":    updateFixture(t, "granular.html"),
		"/docs/integrations/oauth-scopes/":             updateFixture(t, "classic.html"),
		"/api-hub/users/methods/endpoints.json":        updateFixture(t, "openapi.json"),
		"/docs/integrations/oauth-scopes-granular/new": updateFixture(t, "granular-changed.html"),
	}
	z.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		z.requests.Add(1)
		if r.URL.Path == "/hang" {
			<-r.Context().Done()
			return
		}
		if z.failing.Load() && r.URL.Path == "/docs/integrations/oauth-scopes/" {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		b, ok := pages[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		etag := fmt.Sprintf(`"%s"`, cache.Sum(b)[:8])
		if r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		_, _ = w.Write(b)
	}))
	t.Cleanup(z.srv.Close)
	return z
}

// sourceFlags names the three test sources.
func (z *zoomDocs) sourceFlags() []string {
	return []string{
		"--source", "granular=" + z.srv.URL + "/docs/integrations/oauth-scopes-granular/",
		"--source", "classic=" + z.srv.URL + "/docs/integrations/oauth-scopes/",
		"--source", "openapi-users=" + z.srv.URL + "/api-hub/users/methods/endpoints.json",
	}
}

func runUpdateCLI(args ...string) (string, string, int) {
	var out, errOut bytes.Buffer
	code := run(args, &streams{in: strings.NewReader(""), out: &out, errOut: &errOut})
	return out.String(), errOut.String(), code
}

func TestUpdateCommand(t *testing.T) {
	z := newZoomDocs(t)
	dir := t.TempDir()
	base := append([]string{"update", "--cache-dir", dir, "--timeout", "5s", "--retries", "1"}, z.sourceFlags()...)

	// First run: everything is new.
	out, errOut, code := runUpdateCLI(append(base, "--format", "json")...)
	if code != 0 {
		t.Fatalf("first run exit %d\n%s%s", code, out, errOut)
	}
	var rep struct {
		SchemaVersion int `json:"schema_version"`
		Data          struct {
			Source    string `json:"source"`
			Documents []struct {
				Path    string `json:"path"`
				Records int    `json:"records"`
			} `json:"documents"`
		} `json:"data"`
		CacheDir string `json:"cache_dir"`
		Sources  []struct {
			Source struct {
				Name string `json:"name"`
			} `json:"source"`
			Status string `json:"status"`
			After  *struct {
				Records int `json:"records"`
			} `json:"after"`
		} `json:"sources"`
		Summary map[string]int `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("JSON output: %v\n%s", err, out)
	}
	if rep.SchemaVersion != 1 || rep.Data.Source != "cache" || len(rep.Data.Documents) != 3 || rep.CacheDir != dir {
		t.Errorf("report head: %+v", rep)
	}
	if rep.Summary["updated"] != 3 || rep.Summary["failed"] != 0 {
		t.Errorf("summary %v", rep.Summary)
	}
	for _, s := range rep.Sources {
		if s.Status != "updated" || s.After == nil || s.After.Records == 0 {
			t.Errorf("source %+v", s)
		}
	}

	// Second run: the server answers 304 to every conditional request.
	out, errOut, code = runUpdateCLI(base...)
	if code != 0 {
		t.Fatalf("second run exit %d\n%s%s", code, out, errOut)
	}
	// One line per kind of outcome, then the catalog diff's totals.
	if want := "unchanged: 3: classic, granular, openapi-users\ncatalog: 0 endpoint(s) added, 0 removed, 0 with changed scopes; 0 scope(s) added, 0 removed\n"; out != want &&
		out != strings.Replace(want, "classic, granular", "granular, classic", 1) {
		t.Errorf("second run output:\n%s\nwant:\n%s", out, want)
	}
	if errOut != "" {
		t.Errorf("stderr of a run in a pipe without --progress: %q", errOut)
	}

	// Third run: the classic page fails; the cache keeps its copy.
	before := testutil.DirFiles(t, dir)
	z.failing.Store(true)
	out, errOut, code = runUpdateCLI(base...)
	if code != 1 {
		t.Fatalf("failing run exit %d, want 1\n%s%s", code, out, errOut)
	}
	if !strings.Contains(out, "unchanged: 2: granular, openapi-users\n") || !strings.Contains(out, "failed: 1: classic (GET ") || !strings.Contains(out, "500") {
		t.Errorf("failing run output:\n%s", out)
	}
	if !strings.Contains(errOut, "of 3 sources, 1 failed (classic)") {
		t.Errorf("failing run stderr: %s", errOut)
	}
	after := testutil.DirFiles(t, dir)
	delete(before, cache.ManifestName)
	delete(after, cache.ManifestName) // granular and openapi-users were re-confirmed
	delete(before, cache.LockName)
	delete(after, cache.LockName)
	if !maps.Equal(before, after) {
		t.Errorf("documents changed by a failing run")
	}
}

func TestUpdateShapeChanged(t *testing.T) {
	z := newZoomDocs(t)
	dir := t.TempDir()
	good := []string{"update", "--cache-dir", dir, "--source", "granular=" + z.srv.URL + "/docs/integrations/oauth-scopes-granular/"}
	if _, errOut, code := runUpdateCLI(good...); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	before := testutil.DirFiles(t, dir)
	out, _, code := runUpdateCLI("update", "--cache-dir", dir, "--format", "json",
		"--source", "granular="+z.srv.URL+"/docs/integrations/oauth-scopes-granular/new")
	if code != 1 || !strings.Contains(out, `"status": "failed"`) || !strings.Contains(out, "no granular scope table") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
	after := testutil.DirFiles(t, dir)
	delete(before, cache.LockName) // the lock file names the last run
	delete(after, cache.LockName)
	if !maps.Equal(before, after) {
		t.Error("cache changed by a page whose shape changed")
	}
}

func TestUpdateTimeout(t *testing.T) {
	z := newZoomDocs(t)
	out, _, code := runUpdateCLI("update", "--cache-dir", t.TempDir(), "--timeout", "50ms", "--retries", "0",
		"--source", "granular="+z.srv.URL+"/hang")
	if code != 1 || !strings.Contains(out, "timed out after 50ms") {
		t.Errorf("exit %d, output:\n%s", code, out)
	}
}

func TestUpdateUsage(t *testing.T) {
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"bad source", []string{"--source", "nourl"}, "NAME=URL"},
		{"bad source scheme", []string{"--source", "x=file:///etc/passwd"}, "not an http"},
		{"source twice", []string{"--source", "x=http://127.0.0.1:1/a", "--source", "x=http://127.0.0.1:1/b"}, "given twice"},
		{"zero timeout", []string{"--timeout", "0s", "--source", "x=http://127.0.0.1:1/a"}, "--timeout"},
		{"negative retries", []string{"--retries", "-1", "--source", "x=http://127.0.0.1:1/a"}, "--retries"},
		{"yaml format", []string{"--format", "yaml", "--source", "x=http://127.0.0.1:1/a"}, "unknown format"},
		{"argument", []string{"extra"}, "extra"},
		{"unknown product", []string{"--product", "webinars"}, "unknown product \"webinars\""},
		{"bad base", []string{"--base", "developers.zoom.us"}, "not an http"},
		{"source with product", []string{"--product", "users", "--source", "x=http://127.0.0.1:1/a"}, "--source replaces"},
		{"source with base", []string{"--base", "http://127.0.0.1:1", "--source", "x=http://127.0.0.1:1/a"}, "--source replaces"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"update", "--cache-dir", t.TempDir()}, tc.args...)
			_, errOut, code := runUpdateCLI(args...)
			if code != 2 || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, errOut, tc.want)
			}
		})
	}
}

// TestUpdateHelpListsSources checks that the help names the API hub's
// addresses and products, and that its examples use real product slugs
// (without fetching anything).
func TestUpdateHelpListsSources(t *testing.T) {
	out, _, code := runUpdateCLI("update", "--help")
	if code != 0 || !strings.Contains(out, "https://developers.zoom.us/api-hub/<slug>/methods/endpoints.json") ||
		!strings.Contains(out, "--source") || !strings.Contains(out, "number-management") {
		t.Errorf("exit %d, help:\n%s", code, out)
	}
	known := map[string]bool{}
	for _, p := range scopeupdate.Products() {
		known[p.Slug] = true
	}
	_, examples, _ := strings.Cut(out, "Examples:")
	examples, _, _ = strings.Cut(examples, "Flags:")
	seen := 0
	for _, f := range strings.Fields(examples) {
		if i := strings.Index(f, "/api-hub/"); i >= 0 {
			slug, _, _ := strings.Cut(f[i+len("/api-hub/"):], "/")
			if !known[slug] {
				t.Errorf("example uses unknown product %q", slug)
			}
			seen++
		}
	}
	for _, f := range regexp.MustCompile(`--product (\S+)`).FindAllStringSubmatch(examples, -1) {
		if !known[f[1]] {
			t.Errorf("example uses unknown product %q", f[1])
		}
		seen++
	}
	if seen == 0 {
		t.Errorf("no example names a product:\n%s", examples)
	}
}

// loadPreferringCache loads the full catalog of --docs docs as a command
// does (through a factory, with the default cache directory), and returns
// the lint findings it came with.
func loadPreferringCache(docs ...string) (*catalog.Catalog, scopeplan.Provenance, []lint.Finding, error) {
	f := newFactory(&streams{in: strings.NewReader(""), out: io.Discard, errOut: io.Discard})
	f.cfg, f.docs = &fileConfig{}, docs
	c, p, err := f.Catalog()
	return c, p, f.findings, err
}

// TestLoadPreferringCache checks the catalog commands' loader: the
// embedded data without a cache, the cache once update has filled it.
func TestLoadPreferringCache(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(cache.EnvDir, dir)
	_, p, fs, err := loadPreferringCache()
	if err != nil || p.Source != scopeplan.OriginEmbedded || fs == nil {
		t.Fatalf("without a cache: source %s, %d findings, %v", p.Source, len(fs), err)
	}
	z := newZoomDocs(t)
	if _, errOut, code := runUpdateCLI(append([]string{"update"}, z.sourceFlags()...)...); code != 0 {
		t.Fatalf("update exit %d: %s", code, errOut)
	}
	c, p, _, err := loadPreferringCache()
	if err != nil || p.Source != scopeplan.OriginCache {
		t.Fatalf("with a cache: source %s, %v", p.Source, err)
	}
	if _, ok := c.ClassicScope("user:read:admin"); !ok {
		t.Error("catalog from the cache lacks the cached classic page's user:read:admin")
	}
	_, p, _, err = loadPreferringCache(filepath.Join("..", "..", "data", "docs"))
	if err != nil || p.Source != scopeplan.OriginDocs {
		t.Errorf("--docs with a cache: source %s, %v", p.Source, err)
	}
}

// TestBrokenCacheSaysSo reproduces a cache whose files were damaged: the
// commands fall back to the embedded data, say so once on standard error,
// and give the reason in JSON "data".
func TestBrokenCacheSaysSo(t *testing.T) {
	z := newZoomDocs(t)
	dir := t.TempDir()
	t.Setenv(cache.EnvDir, dir)
	if _, errOut, code := runUpdateCLI(append([]string{"update"}, z.sourceFlags()...)...); code != 0 {
		t.Fatalf("update exit %d: %s", code, errOut)
	}
	m, err := (&cache.Cache{Dir: dir}).Manifest()
	if err != nil {
		t.Fatal(err)
	}
	// Damage a document and the compiled catalog.
	if err := os.WriteFile(filepath.Join(dir, m.Entries[0].File), []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, cache.CompiledName)); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runUpdateCLI("plan", "--app", "admin", "--format", "json", "--call", "GET /users/{userId}")
	if code != 0 {
		t.Fatalf("plan exit %d: %s", code, errOut)
	}
	prefix := "scopeplan: cache at " + dir + " is unreadable: "
	if strings.Count(errOut, "is unreadable") != 1 || !strings.HasPrefix(errOut, prefix) || !strings.HasSuffix(errOut, "; using the embedded data\n") {
		t.Errorf("stderr %q, want one line %q...", errOut, prefix)
	}
	var rep struct {
		Data struct {
			Source     string `json:"source"`
			CacheError string `json:"cache_error"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Data.Source != "embedded" || !strings.Contains(rep.Data.CacheError, "sha256") {
		t.Errorf("data %+v", rep.Data)
	}
}
