package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scopeplan/scopeplan/internal/cache"
)

// sharedHub is the real API hub files beside the checkout, laid out like
// Zoom's site; tests skip when it is absent.
func sharedHub(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "zoom-api-hub")
	if _, err := os.Stat(dir); err != nil {
		tb.Skipf("real API hub files not present: %v", err)
	}
	return dir
}

// hubSite is a loopback stand-in for developers.zoom.us: /api-hub/ serves
// the shared hub folder (404 for the products it lacks), the two scope
// pages are the embedded documents.
func hubSite(tb testing.TB) *httptest.Server {
	hub := sharedHub(tb)
	pages := map[string]string{
		"/docs/integrations/oauth-scopes-granular/": filepath.Join("..", "..", "data", "docs", "granular-scopes.md"),
		"/docs/integrations/oauth-scopes/":          filepath.Join("..", "..", "data", "docs", "classic-scopes.txt"),
	}
	mux := http.NewServeMux()
	mux.Handle("/api-hub/", http.StripPrefix("/api-hub/", http.FileServer(http.Dir(hub))))
	for p, f := range pages {
		mux.HandleFunc(p, func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, f) })
	}
	srv := httptest.NewServer(mux)
	tb.Cleanup(srv.Close)
	return srv
}

// hubListed counts the shared hub's files, which update must all store.
func hubListed(tb testing.TB) int {
	files, err := filepath.Glob(filepath.Join(sharedHub(tb), "*", "*", "*.json"))
	if err != nil {
		tb.Fatal(err)
	}
	return len(files)
}

// TestUpdateWholeHub: update --base against a test server over the shared
// hub fills the cache with every file it has (the other listed files are
// absent, not failures), and the next plan uses the compiled cache.
func TestUpdateWholeHub(t *testing.T) {
	srv := hubSite(t)
	dir := t.TempDir()
	t.Setenv(cache.EnvDir, dir)
	out, errOut, code := runUpdateCLI("update", "--base", srv.URL, "--format", "json", "--progress")
	if code != 0 {
		t.Fatalf("update exit %d\n%s\n%s", code, errOut, out)
	}
	var rep struct {
		Summary    map[string]int `json:"summary"`
		Committed  bool           `json:"committed"`
		DiffTotals map[string]int `json:"diff_totals"`
		Sources    []struct {
			Source struct{ Name, URL string } `json:"source"`
			Status string                     `json:"status"`
			Bytes  int64                      `json:"bytes"`
		} `json:"sources"`
	}
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatal(err)
	}
	want := hubListed(t) + 2
	if rep.Summary["updated"] != want || rep.Summary["failed"] != 0 || rep.Summary["absent"] == 0 || !rep.Committed {
		t.Errorf("summary %v committed %v; want %d updated, none failed, some absent", rep.Summary, rep.Committed, want)
	}
	if rep.DiffTotals["endpoints_added"] == 0 {
		t.Errorf("diff totals %v: the hub adds endpoints", rep.DiffTotals)
	}
	for _, s := range rep.Sources {
		if !strings.HasPrefix(s.Source.URL, srv.URL+"/") {
			t.Errorf("%s fetched from %s, not the --base", s.Source.Name, s.Source.URL)
		}
		if s.Status == "updated" && s.Bytes == 0 {
			t.Errorf("%s updated with no size", s.Source.Name)
		}
	}
	// --progress: one line per file on stderr.
	if n := strings.Count(errOut, "\n"); n < len(rep.Sources) || !strings.Contains(errOut, "openapi-meetings") {
		t.Errorf("progress has %d lines for %d sources:\n%s", n, len(rep.Sources), errOut)
	}
	if _, ok, err := (&cache.Cache{Dir: dir}).ReadCompiled(); !ok || err != nil {
		t.Fatalf("no compiled catalog stored (%v)", err)
	}

	// The next plan uses the cache, and resolves a Meetings path the
	// embedded data has no path for.
	out, errOut, code = runUpdateCLI("plan", "--app", "admin", "--format", "json", "--call", "POST /users/{userId}/meetings", "--event", "recording.completed")
	if code != 0 {
		t.Fatalf("plan exit %d\n%s\n%s", code, errOut, out)
	}
	var plan struct {
		Events []struct {
			Event    string   `json:"event"`
			Granular []string `json:"granular"`
		} `json:"events"`
		Data struct {
			Source     string `json:"source"`
			CacheError string `json:"cache_error"`
			Documents  []any  `json:"documents"`
		} `json:"data"`
	}
	if err := json.Unmarshal([]byte(out), &plan); err != nil {
		t.Fatal(err)
	}
	if len(plan.Events) != 1 || plan.Events[0].Event != "recording.completed" || len(plan.Events[0].Granular) == 0 {
		t.Errorf("plan events: %+v", plan.Events)
	}
	if plan.Data.Source != "cache" || plan.Data.CacheError != "" || len(plan.Data.Documents) < want {
		t.Errorf("plan data: source %q, %d documents, cache error %q", plan.Data.Source, len(plan.Data.Documents), plan.Data.CacheError)
	}

	// The cached catalog has the hub's events (full catalog: stats).
	out, errOut, code = runUpdateCLI("catalog", "stats", "--format", "json")
	var stats struct {
		Data struct {
			Source string `json:"source"`
		} `json:"data"`
		Events int `json:"events"`
	}
	if err := json.Unmarshal([]byte(out), &stats); err != nil || code != 0 {
		t.Fatalf("catalog stats exit %d, %v\n%s", code, err, errOut)
	}
	if stats.Data.Source != "cache" || stats.Events == 0 {
		t.Errorf("catalog stats: source %q, %d events", stats.Data.Source, stats.Events)
	}

	// A second update changes nothing and keeps the compiled catalog.
	out, _, code = runUpdateCLI("update", "--base", srv.URL)
	if code != 0 || !strings.Contains(out, "unchanged: ") || strings.Contains(out, "updated: ") ||
		!strings.Contains(out, "catalog: 0 endpoint(s) added, 0 removed") {
		t.Errorf("second update exit %d:\n%s", code, out)
	}
}

// BenchmarkPlanCachedHub compares plan on the compiled cache of the whole
// shared hub with plan on the embedded data alone, in the same run:
// cached/embedded is the ratio of the median processor times (target
// <= 1.5), MB-alloc/op the
// memory a cached plan allocates and MB-heap-peak the largest heap in use
// sampled after each cached plan.
func BenchmarkPlanCachedHub(b *testing.B) {
	srv := hubSite(b)
	filled := b.TempDir()
	b.Setenv(cache.EnvDir, filled)
	if out, errOut, code := runUpdateCLI("update", "--base", srv.URL); code != 0 {
		b.Fatalf("update exit %d\n%s\n%s", code, errOut, out)
	}
	empty := b.TempDir()
	args := []string{"plan", "--format", "json", filepath.Join("..", "..", "examples", "meeting-bot.yaml")}
	plan := func(dir string) {
		if err := os.Setenv(cache.EnvDir, dir); err != nil {
			b.Fatal(err)
		}
		if _, errOut, code := runUpdateCLI(args...); code != 0 && code != exitUnmapped {
			b.Fatalf("plan exit %d: %s", code, errOut)
		}
	}
	plan(filled) // warm both paths once
	plan(empty)
	var embedded, cached []time.Duration
	var alloc, peak uint64
	var ms runtime.MemStats
	runtime.GC() // the update's garbage is not the plans' cost
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := cpuTime()
		plan(empty)
		embedded = append(embedded, cpuTime()-t0)
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc
		t0 = cpuTime()
		plan(filled)
		cached = append(cached, cpuTime()-t0)
		runtime.ReadMemStats(&ms)
		alloc += ms.TotalAlloc - before
		peak = max(peak, ms.HeapInuse)
	}
	b.StopTimer()
	// Processor time, and medians: the machine's other work lands on
	// single runs of either.
	b.ReportMetric(float64(median(cached))/float64(median(embedded)), "cached/embedded")
	b.ReportMetric(float64(median(embedded))/1e6, "ms-embedded")
	b.ReportMetric(float64(median(cached))/1e6, "ms-cached")
	b.ReportMetric(float64(alloc)/float64(b.N)/(1<<20), "MB-alloc/op")
	b.ReportMetric(float64(peak)/(1<<20), "MB-heap-peak")
}

// median returns the middle duration.
func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}
