package snapshot_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/internal/snapshot"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/parser/record"
)

// cachedOpenAPI is a one-operation OpenAPI file whose path the embedded
// data lacks.
const cachedOpenAPI = `{"openapi": "3.0.0", "info": {"title": "Users"}, "paths": {"/zz/compiled/{id}": {"get": {
  "operationId": "zzCompiledGet", "summary": "Get a compiled thing",
  "x-extensions": {"x-granular-scopes": ["user:read:user"], "x-macro-scopes": ["user:read"]}}}}}`

// newCache stores cachedOpenAPI in a new cache confirmed current now.
func newCache(t *testing.T) *cache.Cache {
	t.Helper()
	c := &cache.Cache{Dir: t.TempDir()}
	now := time.Now()
	if _, err := c.Store(cache.Entry{Name: "openapi-zz", URL: "http://127.0.0.1/zz", Kind: record.KindOpenAPI, Fetched: now, Checked: now}, []byte(cachedOpenAPI)); err != nil {
		t.Fatal(err)
	}
	return c
}

// load runs FromCache and checks that the catalog came from the cache.
func load(t *testing.T, c *cache.Cache, full bool) *catalog.Catalog {
	t.Helper()
	cat, docs, _, st, err := snapshot.FromCache(context.Background(), loader.Options{}, c.Dir, full, lint.Precompute)
	if st != snapshot.CacheUsed || err != nil || len(docs) == 0 {
		t.Fatalf("FromCache: status %d, %d documents, %v", st, len(docs), err)
	}
	if eps, _ := cat.Resolve("GET /zz/compiled/42"); len(eps) != 1 {
		t.Fatalf("catalog from the cache lacks the cached operation: %v", eps)
	}
	return cat
}

func compiledBytes(t *testing.T, c *cache.Cache) []byte {
	t.Helper()
	b, ok, err := c.ReadCompiled()
	if !ok || err != nil {
		t.Fatalf("no compiled catalog: %v", err)
	}
	return b
}

// TestCompiledCache: the first load compiles the catalog beside the
// files; later loads use it as it is, full or core only, and it equals a
// fresh build.
func TestCompiledCache(t *testing.T) {
	c := newCache(t)
	first := load(t, c, true)
	b1 := compiledBytes(t, c)
	fi1, _ := os.Stat(filepath.Join(c.Dir, cache.CompiledName))
	for _, full := range []bool{true, false} {
		got := load(t, c, full)
		if full && asJSON(t, got) != asJSON(t, first) {
			t.Error("catalog from the compiled file differs from the one built from the files")
		}
		if !full && asJSON(t, got.Endpoints) != asJSON(t, first.Endpoints) {
			t.Error("core catalog from the compiled file differs")
		}
	}
	fi2, _ := os.Stat(filepath.Join(c.Dir, cache.CompiledName))
	if string(compiledBytes(t, c)) != string(b1) || !fi1.ModTime().Equal(fi2.ModTime()) {
		t.Error("a current compiled catalog was rebuilt")
	}
	m, _ := c.Manifest()
	if _, err := snapshot.DecodeCompiled(b1, snapshot.CacheKey(m), true); err != nil {
		t.Errorf("compiled file does not decode under the manifest's key: %v", err)
	}
}

// TestCompiledCacheNeverTrustedWhenStaleOrCorrupt: a compiled file with
// another key, flipped bytes or cut short is refused, so is one whose
// manifest changed since; the catalog is then rebuilt from the files and
// the compiled file rewritten. (Compiling lints the whole catalog, so the
// damaged files are checked by decoding and one is taken end to end.)
func TestCompiledCacheNeverTrustedWhenStaleOrCorrupt(t *testing.T) {
	c := newCache(t)
	load(t, c, true)
	good := compiledBytes(t, c)
	m, _ := c.Manifest()
	key := snapshot.CacheKey(m)
	damaged := map[string][]byte{
		"empty":     nil,
		"cut short": good[:len(good)/2],
		"magic":     append([]byte("X"), good[1:]...),
	}
	for name, off := range map[string]int{"flipped key byte": 12, "flipped core byte": len(good) / 3, "flipped rest byte": len(good) - 20} {
		b := append([]byte(nil), good...)
		b[off] ^= 0x55
		damaged[name] = b
	}
	for name, b := range damaged {
		if _, err := snapshot.DecodeCompiled(b, key, true); err == nil {
			t.Errorf("%s: compiled file accepted", name)
		}
	}
	if _, err := snapshot.DecodeCompiled(good, strings.Repeat("0", 64), false); err == nil {
		t.Error("compiled file accepted under another key")
	}

	// The document changes: the old compiled file is stale, and a
	// damaged one is not trusted either; both are rebuilt.
	now := time.Now()
	changed := strings.Replace(cachedOpenAPI, "Get a compiled thing", "Get one compiled thing", 1)
	if _, err := c.Store(cache.Entry{Name: "openapi-zz", URL: "http://127.0.0.1/zz", Kind: record.KindOpenAPI, Fetched: now, Checked: now}, []byte(changed)); err != nil {
		t.Fatal(err)
	}
	m, _ = c.Manifest()
	if _, err := snapshot.DecodeCompiled(good, snapshot.CacheKey(m), false); err == nil {
		t.Error("compiled file of the previous documents accepted")
	}
	if err := c.WriteCompiled(damaged["flipped core byte"]); err != nil {
		t.Fatal(err)
	}
	got := load(t, c, true)
	eps, _ := got.Resolve("GET /zz/compiled/42")
	if len(eps) != 1 || eps[0].Name != "Get one compiled thing" {
		t.Errorf("rebuilt catalog does not hold the changed document: %+v", eps)
	}
	if _, err := snapshot.DecodeCompiled(compiledBytes(t, c), snapshot.CacheKey(m), true); err != nil {
		t.Errorf("compiled file not rebuilt: %v", err)
	}
}

// TestBrokenCacheReported: a cache whose documents cannot be read is
// CacheBroken, with a reason naming the directory.
func TestBrokenCacheReported(t *testing.T) {
	c := newCache(t)
	m, _ := c.Manifest()
	if err := os.Remove(filepath.Join(c.Dir, m.Entries[0].File)); err != nil {
		t.Fatal(err)
	}
	_, _, _, st, err := snapshot.FromCache(context.Background(), loader.Options{}, c.Dir, false, lint.Precompute)
	if st != snapshot.CacheBroken || err == nil || !strings.HasPrefix(err.Error(), "cache at "+c.Dir+" is unreadable: ") {
		t.Errorf("status %d, err %v", st, err)
	}
	if err := os.WriteFile(filepath.Join(c.Dir, cache.ManifestName), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, _, st, err := snapshot.FromCache(context.Background(), loader.Options{}, c.Dir, false, lint.Precompute); st != snapshot.CacheBroken || err == nil {
		t.Errorf("corrupt manifest: status %d, err %v", st, err)
	}
	// No cache, or --docs: not used, nothing to report.
	if _, _, _, st, err := snapshot.FromCache(context.Background(), loader.Options{}, t.TempDir(), false, lint.Precompute); st != snapshot.CacheNotUsed || err != nil {
		t.Errorf("empty cache: status %d, err %v", st, err)
	}
	if _, _, _, st, _ := snapshot.FromCache(context.Background(), loader.Options{Docs: []string{"x"}}, c.Dir, false, lint.Precompute); st != snapshot.CacheNotUsed {
		t.Errorf("--docs: status %d", st)
	}
}

func FuzzDecodeCompiled(f *testing.F) {
	s := snapshot.Build(fresh(f), "d", nil)
	s.Core.Parts.Endpoints = s.Core.Parts.Endpoints[:3]
	s.Core.Parts.Scopes = s.Core.Parts.Scopes[:3]
	s.Core.Findings = lint.EncodeFindings("d", []lint.Finding{{Rule: "R", File: "f", Line: 1}})
	s.Rest = &snapshot.Rest{ScopeSources: make([][]record.Source, 3)}
	b, err := snapshot.EncodeCompiled(s, "k")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b, true)
	f.Fuzz(func(t *testing.T, b []byte, full bool) {
		_, _ = snapshot.DecodeCompiled(b, "k", full)
	})
}
