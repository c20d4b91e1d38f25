package loader

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/parser/record"
)

// classicPage is a one-scope classic page that the embedded data lacks.
const classicPage = `Account scopes
The following are the available Account scopes and their associated API calls:
zz_cachetest:read:admin
View cached things
Associated API
- Get account settings
`

// openapiFile is a one-operation OpenAPI file.
const openapiFile = `{"openapi": "3.0.0", "info": {"title": "Users"}, "paths": {"/users/{userId}": {"get": {
  "operationId": "user", "summary": "Get a user",
  "x-extensions": {"x-granular-scopes": ["user:read:user"], "x-macro-scopes": ["user:read"]}}}}}`

func storeCache(t *testing.T, dir string, checked time.Time, entries map[string]record.Kind, bodies map[string]string) {
	t.Helper()
	c := &cache.Cache{Dir: dir}
	for name, kind := range entries {
		if _, err := c.Store(cache.Entry{Name: name, URL: "http://127.0.0.1/" + name, Kind: kind, Fetched: checked, Checked: checked}, []byte(bodies[name])); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLoadWithCache(t *testing.T) {
	date, err := EmbeddedDate()
	if err != nil {
		t.Fatal(err)
	}
	embedded, pe, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, embeddedClassic := embedded.ClassicScope("account:read:admin")
	if !embeddedClassic {
		t.Fatal("embedded data lacks account:read:admin; pick another scope for this test")
	}
	bodies := map[string]string{"classic": classicPage, "openapi-users": openapiFile}
	both := map[string]record.Kind{"classic": record.KindClassic, "openapi-users": record.KindOpenAPI}
	addDoc := filepath.Join(t.TempDir(), "extra.txt")
	if err := os.WriteFile(addDoc, []byte(strings.Replace(classicPage, "zz_cachetest", "zz_added", 1)), 0o644); err != nil {
		t.Fatal(err)
	}

	for _, tc := range []struct {
		name       string
		setup      func(t *testing.T, dir string)
		opts       Options
		wantOrigin Origin
		wantScope  string // present in the catalog
		noScope    string // absent from the catalog
	}{
		{name: "no cache", setup: func(*testing.T, string) {}, wantOrigin: OriginEmbedded, wantScope: "account:read:admin"},
		{name: "newer cache", setup: func(t *testing.T, dir string) {
			storeCache(t, dir, date.Add(48*time.Hour), both, bodies)
		}, wantOrigin: OriginCache, wantScope: "zz_cachetest:read:admin", noScope: "account:read:admin"},
		{name: "cache as old as the embedded data", setup: func(t *testing.T, dir string) {
			storeCache(t, dir, date, both, bodies)
		}, wantOrigin: OriginEmbedded, wantScope: "account:read:admin", noScope: "zz_cachetest:read:admin"},
		{name: "docs replace everything", setup: func(t *testing.T, dir string) {
			storeCache(t, dir, date.Add(48*time.Hour), both, bodies)
		}, opts: Options{Docs: []string{addDoc}}, wantOrigin: OriginDocs, wantScope: "zz_added:read:admin", noScope: "zz_cachetest:read:admin"},
		{name: "add-docs add to the cache", setup: func(t *testing.T, dir string) {
			storeCache(t, dir, date.Add(48*time.Hour), both, bodies)
		}, opts: Options{AddDocs: []string{addDoc}}, wantOrigin: OriginCache, wantScope: "zz_added:read:admin"},
		{name: "damaged cache falls back", setup: func(t *testing.T, dir string) {
			storeCache(t, dir, date.Add(48*time.Hour), both, bodies)
			m, _ := (&cache.Cache{Dir: dir}).Manifest()
			if err := os.WriteFile(filepath.Join(dir, m.Entries[0].File), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, wantOrigin: OriginEmbedded, wantScope: "account:read:admin"},
		{name: "unparsable cache falls back", setup: func(t *testing.T, dir string) {
			storeCache(t, dir, date.Add(48*time.Hour), map[string]record.Kind{"classic": record.KindOpenAPI}, bodies)
		}, wantOrigin: OriginEmbedded, wantScope: "account:read:admin"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			c, p, err := LoadWithCache(tc.opts, dir)
			if err != nil {
				t.Fatal(err)
			}
			if p.Source != tc.wantOrigin {
				t.Errorf("source %s, want %s", p.Source, tc.wantOrigin)
			}
			if _, ok := c.Scope(tc.wantScope); !ok {
				t.Errorf("catalog lacks %s", tc.wantScope)
			}
			if tc.noScope != "" {
				if _, ok := c.Scope(tc.noScope); ok {
					t.Errorf("catalog has %s", tc.noScope)
				}
			}
			if tc.wantOrigin == OriginCache {
				var inCache, granular int
				for _, d := range p.Documents {
					if strings.HasPrefix(d.Path, dir) {
						inCache++
					}
					if d.Kind == record.KindGranularMD {
						granular++
					}
					// The cached Users file replaces the embedded Users
					// references; the Phone page describes another product.
					if d.Kind == record.KindOpenAPIText || d.Kind == record.KindPostman {
						t.Errorf("embedded Users reference %s kept beside the cached one", d.Path)
					}
				}
				if inCache != 2 || granular != 1 {
					t.Errorf("documents %+v: want the 2 cached ones and the embedded granular page", p.Documents)
				}
			}
			if tc.wantOrigin == OriginEmbedded && len(p.Documents) != len(pe.Documents) {
				t.Errorf("fallback used %d documents, embedded has %d", len(p.Documents), len(pe.Documents))
			}
		})
	}
}

// TestLoadWithCacheDefaultDir checks that the default directory honours
// SCOPEPLAN_CACHE_DIR, so tests never read the developer's cache.
// TestLoadWithCacheBadAddDocs checks that a failing --add-docs document is
// reported with a cache as without one.
func TestLoadWithCacheBadAddDocs(t *testing.T) {
	dir := t.TempDir()
	date, _ := EmbeddedDate()
	storeCache(t, dir, date.Add(48*time.Hour), map[string]record.Kind{"classic": record.KindClassic}, map[string]string{"classic": classicPage})
	if _, _, err := LoadWithCache(Options{AddDocs: []string{filepath.Join(dir, "missing.txt")}}, dir); err == nil {
		t.Error("missing --add-docs document not reported")
	}
}

func TestLoadWithCacheDefaultDir(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(cache.EnvDir, dir)
	date, _ := EmbeddedDate()
	storeCache(t, dir, date.Add(48*time.Hour), map[string]record.Kind{"classic": record.KindClassic}, map[string]string{"classic": classicPage})
	_, p, err := LoadWithCache(Options{}, "")
	if err != nil {
		t.Fatal(err)
	}
	if p.Source != OriginCache {
		t.Errorf("source %s, want cache", p.Source)
	}
}

func TestMergeCached(t *testing.T) {
	doc := func(path string, k record.Kind) *record.Document { return &record.Document{Path: path, Kind: k} }
	embedded := []*record.Document{
		doc("classic", record.KindClassic), doc("granular", record.KindGranularMD),
		doc("postman", record.KindPostman), doc("text", record.KindOpenAPIText),
	}
	for _, tc := range []struct {
		name   string
		cached []*record.Document
		want   string
	}{
		{"nothing cached", nil, "classic granular postman text"},
		{"granular html replaces markdown", []*record.Document{doc("g.html", record.KindGranularHTML)}, "classic postman text g.html"},
		{"classic", []*record.Document{doc("c.txt", record.KindClassic)}, "granular postman text c.txt"},
		{"openapi replaces references", []*record.Document{doc("u.json", record.KindOpenAPI), doc("m.json", record.KindOpenAPI)}, "classic granular u.json m.json"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var got []string
			for _, d := range MergeCached(embedded, tc.cached) {
				got = append(got, d.Path)
			}
			if strings.Join(got, " ") != tc.want {
				t.Errorf("MergeCached = %v, want %s", got, tc.want)
			}
		})
	}
}

// TestMergeCachedByProduct: a cached API reference replaces only the
// embedded references of its own product.
func TestMergeCachedByProduct(t *testing.T) {
	doc := func(path string, k record.Kind, title string) *record.Document {
		return &record.Document{Path: path, Kind: k, Title: title}
	}
	embedded := []*record.Document{
		doc("postman", record.KindPostman, "Users"), doc("text", record.KindOpenAPIText, "Users"),
		doc("phone", record.KindEndpointPage, "Phone"),
	}
	var got []string
	for _, d := range MergeCached(embedded, []*record.Document{doc("users.json", record.KindOpenAPI, "Users")}) {
		got = append(got, d.Path)
	}
	if strings.Join(got, " ") != "phone users.json" {
		t.Errorf("MergeCached = %v, want the Phone page kept beside the cached Users file", got)
	}
}
