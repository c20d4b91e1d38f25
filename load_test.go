package scopeplan_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/internal/loader"
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
	ctx := context.Background()
	date, err := time.Parse(time.DateOnly, data.Date)
	if err != nil {
		t.Fatal(err)
	}
	embedded, pe, err := scopeplan.Load(ctx, scopeplan.Options{})
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
		opts       scopeplan.Options
		wantOrigin scopeplan.Origin
		broken     bool   // the fallback names the reason
		wantScope  string // present in the catalog
		noScope    string // absent from the catalog
	}{
		{name: "no cache", setup: func(*testing.T, string) {}, wantOrigin: scopeplan.OriginEmbedded, wantScope: "account:read:admin"},
		{name: "newer cache", setup: func(t *testing.T, dir string) {
			storeCache(t, dir, date.Add(48*time.Hour), both, bodies)
		}, wantOrigin: scopeplan.OriginCache, wantScope: "zz_cachetest:read:admin", noScope: "account:read:admin"},
		{name: "cache as old as the embedded data", setup: func(t *testing.T, dir string) {
			storeCache(t, dir, date, both, bodies)
		}, wantOrigin: scopeplan.OriginEmbedded, wantScope: "account:read:admin", noScope: "zz_cachetest:read:admin"},
		{name: "docs replace everything", setup: func(t *testing.T, dir string) {
			storeCache(t, dir, date.Add(48*time.Hour), both, bodies)
		}, opts: scopeplan.Options{Docs: []string{addDoc}}, wantOrigin: scopeplan.OriginDocs, wantScope: "zz_added:read:admin", noScope: "zz_cachetest:read:admin"},
		{name: "add-docs add to the cache", setup: func(t *testing.T, dir string) {
			storeCache(t, dir, date.Add(48*time.Hour), both, bodies)
		}, opts: scopeplan.Options{AddDocs: []string{addDoc}}, wantOrigin: scopeplan.OriginCache, wantScope: "zz_added:read:admin"},
		{name: "damaged cache falls back", setup: func(t *testing.T, dir string) {
			storeCache(t, dir, date.Add(48*time.Hour), both, bodies)
			m, _ := (&cache.Cache{Dir: dir}).Manifest()
			if err := os.WriteFile(filepath.Join(dir, m.Entries[0].File), []byte("x"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, wantOrigin: scopeplan.OriginEmbedded, broken: true, wantScope: "account:read:admin"},
		{name: "unparsable cache falls back", setup: func(t *testing.T, dir string) {
			storeCache(t, dir, date.Add(48*time.Hour), map[string]record.Kind{"classic": record.KindOpenAPI}, bodies)
		}, wantOrigin: scopeplan.OriginEmbedded, broken: true, wantScope: "account:read:admin"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			tc.setup(t, dir)
			o := tc.opts
			o.CacheDir = dir
			c, p, err := scopeplan.Load(ctx, o)
			if err != nil {
				t.Fatal(err)
			}
			if p.Source != tc.wantOrigin {
				t.Errorf("source %s, want %s", p.Source, tc.wantOrigin)
			}
			if tc.broken != (p.CacheError != "") {
				t.Errorf("cache error %q; want one: %v", p.CacheError, tc.broken)
			}
			if _, ok := c.Scope(tc.wantScope); !ok {
				t.Errorf("catalog lacks %s", tc.wantScope)
			}
			if tc.noScope != "" {
				if _, ok := c.Scope(tc.noScope); ok {
					t.Errorf("catalog has %s", tc.noScope)
				}
			}
			if tc.wantOrigin == scopeplan.OriginCache {
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
			if tc.wantOrigin == scopeplan.OriginEmbedded && len(p.Documents) != len(pe.Documents) {
				t.Errorf("fallback used %d documents, embedded has %d", len(p.Documents), len(pe.Documents))
			}
		})
	}
}

// TestLoadWithCacheBadAddDocs checks that a failing --add-docs document is
// reported with a cache as without one.
func TestLoadWithCacheBadAddDocs(t *testing.T) {
	dir := t.TempDir()
	date, _ := time.Parse(time.DateOnly, data.Date)
	storeCache(t, dir, date.Add(48*time.Hour), map[string]record.Kind{"classic": record.KindClassic}, map[string]string{"classic": classicPage})
	if _, _, err := scopeplan.Load(context.Background(), scopeplan.Options{AddDocs: []string{filepath.Join(dir, "missing.txt")}, CacheDir: dir}); err == nil {
		t.Error("missing --add-docs document not reported")
	}
}

// TestLoadWithCacheDefaultDir checks that the default directory honours
// SCOPEPLAN_CACHE_DIR, so tests never read the developer's cache, and
// that the cache is used only when asked for.
func TestLoadWithCacheDefaultDir(t *testing.T) {
	dir := t.TempDir()
	t.Setenv(cache.EnvDir, dir)
	date, _ := time.Parse(time.DateOnly, data.Date)
	storeCache(t, dir, date.Add(48*time.Hour), map[string]record.Kind{"classic": record.KindClassic}, map[string]string{"classic": classicPage})
	_, p, err := scopeplan.Load(context.Background(), scopeplan.Options{UseCache: true})
	if err != nil {
		t.Fatal(err)
	}
	if p.Source != scopeplan.OriginCache {
		t.Errorf("source %s, want cache", p.Source)
	}
	if _, p, err = scopeplan.Load(context.Background(), scopeplan.Options{}); err != nil || p.Source != scopeplan.OriginEmbedded {
		t.Errorf("without UseCache: source %s, %v; want embedded", p.Source, err)
	}
}

// TestSameDocumentTwice: a document given twice counts once.
func TestSameDocumentTwice(t *testing.T) {
	page := filepath.Join("data", "docs", "classic-scopes.txt")
	c, p, err := scopeplan.Load(context.Background(), scopeplan.Options{Docs: []string{page, page}})
	if err != nil {
		t.Fatal(err)
	}
	if p.Source != scopeplan.OriginDocs || len(p.Documents) != 1 || c.Stats().ClassicAssociations != 2846 {
		t.Errorf("%s: %d documents, %d associations; want docs, 1 and 2846", p.Source, len(p.Documents), c.Stats().ClassicAssociations)
	}
}

// TestEmbeddedProvenance: the provenance of the embedded data read from
// the snapshot is the one parsing the documents gives, in JSON as in
// fields, and a core-only catalog plans as the whole one does.
func TestEmbeddedProvenance(t *testing.T) {
	ctx := context.Background()
	whole, snap, err := scopeplan.Load(ctx, scopeplan.Options{})
	if err != nil {
		t.Fatal(err)
	}
	docs, err := loader.Documents(ctx, loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	parsed := scopeplan.ProvenanceOf(scopeplan.OriginEmbedded, docs)
	a, _ := json.Marshal(snap)
	b, _ := json.Marshal(parsed)
	if !bytes.Equal(a, b) || len(snap.Documents) != len(data.Files()) {
		t.Errorf("snapshot provenance %s\nparsed %s", a, b)
	}
	core, _, err := scopeplan.Load(ctx, scopeplan.Options{Core: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(core.Documents) != 0 || len(whole.Documents) != len(docs) || len(core.Endpoints) != len(whole.Endpoints) || len(core.Scopes) != len(whole.Scopes) {
		t.Errorf("core: %d documents, %d endpoints, %d scopes; whole: %d, %d, %d",
			len(core.Documents), len(core.Endpoints), len(core.Scopes), len(whole.Documents), len(whole.Endpoints), len(whole.Scopes))
	}
}

// afterCalls is a context that is done from its nth Err call on, so a test
// can cancel a load partway through.
type afterCalls struct {
	context.Context
	n int
}

func (c *afterCalls) Err() error {
	if c.n--; c.n < 0 {
		return context.Canceled
	}
	return nil
}

// TestLoadCancelled: a done context stops a load that parses documents
// between them (the embedded folder holds many), with ctx.Err().
func TestLoadCancelled(t *testing.T) {
	for n := range 4 {
		for _, o := range []scopeplan.Options{
			{Docs: []string{filepath.Join("data", "docs")}},
			{AddDocs: []string{filepath.Join("data", "docs", "classic-scopes.txt")}},
		} {
			c, _, err := scopeplan.Load(&afterCalls{context.Background(), n}, o)
			if !errors.Is(err, context.Canceled) || c != nil {
				t.Errorf("cancelled after %d checks, %+v: catalog %v, error %v", n, o, c != nil, err)
			}
		}
	}
}

// BenchmarkLoad measures Load on the embedded data against decoding the
// snapshot alone (internal/snapshot's BenchmarkLoadCore and
// BenchmarkLoadFull): the difference is what Load adds.
func BenchmarkLoad(b *testing.B) {
	for _, bc := range []struct {
		name string
		o    scopeplan.Options
	}{{"core", scopeplan.Options{Core: true}}, {"full", scopeplan.Options{}}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				if _, _, err := scopeplan.Load(context.Background(), bc.o); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
