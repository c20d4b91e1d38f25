package update

import (
	"context"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/internal/testutil"
	"github.com/scopeplan/scopeplan/parser/record"
)

// behaviour answers the n-th (1-based) request to one path.
type behaviour func(w http.ResponseWriter, r *http.Request, n int)

// fakeZoom is a loopback server whose paths behave as the test says.
type fakeZoom struct {
	t   *testing.T
	srv *httptest.Server

	mu      sync.Mutex
	paths   map[string]behaviour
	hits    map[string]int
	headers map[string][]http.Header
	times   map[string][]time.Time
}

func newFakeZoom(t *testing.T) *fakeZoom {
	f := &fakeZoom{t: t, paths: map[string]behaviour{}, hits: map[string]int{},
		headers: map[string][]http.Header{}, times: map[string][]time.Time{}}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		f.mu.Lock()
		b, ok := f.paths[r.URL.Path]
		f.hits[r.URL.Path]++
		n := f.hits[r.URL.Path]
		f.headers[r.URL.Path] = append(f.headers[r.URL.Path], r.Header.Clone())
		f.times[r.URL.Path] = append(f.times[r.URL.Path], time.Now())
		f.mu.Unlock()
		if !ok {
			http.NotFound(w, r)
			return
		}
		b(w, r, n)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

// set replaces a path's behaviour and resets its counters.
func (f *fakeZoom) set(path string, b behaviour) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.paths[path] = b
	f.hits[path] = 0
	f.headers[path] = nil
	f.times[path] = nil
}

func (f *fakeZoom) count(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.hits[path]
}

func (f *fakeZoom) lastHeader(path string) http.Header {
	f.mu.Lock()
	defer f.mu.Unlock()
	h := f.headers[path]
	if len(h) == 0 {
		return nil
	}
	return h[len(h)-1]
}

func (f *fakeZoom) url(path string) string { return f.srv.URL + path }

// serve answers with a fixture, honouring conditional requests.
func serve(t *testing.T, fixture, etag string) behaviour {
	body := readFixture(t, fixture)
	const lastMod = "Mon, 23 Nov 2026 10:00:00 GMT"
	return func(w http.ResponseWriter, r *http.Request, _ int) {
		if etag != "" && r.Header.Get("If-None-Match") == etag {
			w.WriteHeader(http.StatusNotModified)
			return
		}
		if etag != "" {
			w.Header().Set("ETag", etag)
		}
		w.Header().Set("Last-Modified", lastMod)
		_, _ = w.Write(body)
	}
}

// status answers with a bare status code.
func status(code int) behaviour {
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		http.Error(w, http.StatusText(code), code)
	}
}

// truncated promises more bytes than it sends.
func truncated(t *testing.T, fixture string) behaviour {
	body := readFixture(t, fixture)
	return func(w http.ResponseWriter, _ *http.Request, _ int) {
		w.Header().Set("Content-Length", fmt.Sprint(len(body)+1000))
		_, _ = w.Write(body[:len(body)/2])
	}
}

// hang answers nothing until the client gives up.
func hang(w http.ResponseWriter, r *http.Request, _ int) {
	<-r.Context().Done()
}

// resetConn drops the connection without an answer.
func resetConn(w http.ResponseWriter, _ *http.Request, _ int) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		return
	}
	c, _, err := hj.Hijack()
	if err == nil {
		_ = c.Close()
	}
}

// then behaves as first for the first k requests, then as rest.
func then(first behaviour, k int, rest behaviour) behaviour {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		if n <= k {
			first(w, r, n)
			return
		}
		rest(w, r, n)
	}
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// clock is a settable Now.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

var day1 = time.Date(2027, 3, 1, 12, 0, 0, 0, time.UTC)

// newTestUpdater returns an updater with test-sized timings.
func newTestUpdater(dir string, clk *clock, sources ...Source) *Updater {
	return &Updater{
		Client:   &http.Client{},
		Sources:  sources,
		Cache:    &cache.Cache{Dir: dir},
		Retries:  2,
		Backoff:  time.Millisecond,
		Timeout:  2 * time.Second,
		MaxBytes: 1 << 20,
		// Compiling lints the whole catalog; the tests of compiling
		// turn it back on.
		NoCompile: true,
		Now:       clk.now,
	}
}

func run(t *testing.T, u *Updater) *Result {
	t.Helper()
	res, err := u.Run(context.Background())
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

func statuses(r *Result) string {
	var s []string
	for _, x := range r.Sources {
		s = append(s, x.Source.Name+"="+string(x.Status))
	}
	return strings.Join(s, " ")
}

func TestFirstRunThenNotModified(t *testing.T) {
	z := newFakeZoom(t)
	z.set("/granular/", serve(t, "granular.html", `"g1"`))
	z.set("/classic/", serve(t, "classic.html", `"c1"`))
	z.set("/api-hub/users/methods/endpoints.json", serve(t, "openapi.json", ""))
	dir := t.TempDir()
	clk := &clock{t: day1}
	u := newTestUpdater(dir, clk,
		Source{Name: "granular", URL: z.url("/granular/"), Kind: record.KindGranularHTML},
		Source{Name: "classic", URL: z.url("/classic/"), Kind: record.KindClassic},
		Source{Name: "openapi-users", URL: z.url("/api-hub/users/methods/endpoints.json")}, // kind detected
	)

	res := run(t, u)
	if got, want := statuses(res), "granular=updated classic=updated openapi-users=updated"; got != want {
		t.Fatalf("first run: %s, want %s (%+v)", got, want, res.Sources)
	}
	if len(res.Old) != 0 || len(res.New) != 3 {
		t.Errorf("document sets: %d old, %d new; want 0, 3", len(res.Old), len(res.New))
	}
	for _, s := range res.Sources {
		if s.Before != nil || s.After == nil || s.After.Records == 0 || s.Attempts != 1 {
			t.Errorf("%s: before %+v after %+v attempts %d", s.Source.Name, s.Before, s.After, s.Attempts)
		}
	}
	m, err := u.Cache.Manifest()
	if err != nil {
		t.Fatal(err)
	}
	g, _ := m.Lookup("granular")
	c, _ := m.Lookup("classic")
	o, _ := m.Lookup("openapi-users")
	if g.ETag != `"g1"` || g.LastModified == "" || g.Kind != record.KindGranularHTML || g.Converted != "" || !g.Fetched.Equal(day1) {
		t.Errorf("granular entry: %+v", g)
	}
	if c.Kind != record.KindClassic || c.Converted != ConvertedHTMLText || !strings.HasSuffix(c.File, ".txt") {
		t.Errorf("classic entry: %+v", c)
	}
	if o.Kind != record.KindOpenAPI || !strings.HasSuffix(o.File, ".json") {
		t.Errorf("openapi entry: %+v", o)
	}
	stored, _ := os.ReadFile(filepath.Join(dir, c.File))
	if !strings.HasPrefix(string(stored), "Integrations - Classic scopes\n") || strings.Contains(string(stored), "<") {
		t.Errorf("classic page stored as:\n%s", stored)
	}
	files := testutil.DirFiles(t, dir)

	clk.advance(24 * time.Hour)
	res = run(t, u)
	if got, want := statuses(res), "granular=unchanged classic=unchanged openapi-users=unchanged"; got != want {
		t.Fatalf("second run: %s, want %s", got, want)
	}
	if h := z.lastHeader("/granular/"); h.Get("If-None-Match") != `"g1"` || h.Get("If-Modified-Since") == "" {
		t.Errorf("second request was not conditional: %v", h)
	}
	if h := z.lastHeader("/granular/"); !strings.HasPrefix(h.Get("User-Agent"), "scopeplan") {
		t.Errorf("User-Agent = %q", h.Get("User-Agent"))
	}
	for _, s := range res.Sources {
		if s.Before == nil || s.After == nil || *s.Before != *s.After {
			t.Errorf("%s: unchanged but before %+v after %+v", s.Source.Name, s.Before, s.After)
		}
	}
	if len(res.Old) != 3 || len(res.New) != 3 {
		t.Errorf("document sets: %d old, %d new; want 3, 3", len(res.Old), len(res.New))
	}
	m, _ = u.Cache.Manifest()
	g, _ = m.Lookup("granular")
	if !g.Fetched.Equal(day1) || !g.Checked.Equal(day1.Add(24*time.Hour)) {
		t.Errorf("after 304: fetched %v checked %v", g.Fetched, g.Checked)
	}
	after := testutil.DirFiles(t, dir)
	// The manifest and the lock (which names its holder and the time)
	// change with every run; documents must not.
	for _, name := range []string{cache.ManifestName, cache.LockName} {
		delete(after, name)
		delete(files, name)
	}
	if !maps.Equal(files, after) {
		t.Errorf("documents changed by an unchanged run")
	}
	if m, err := u.Cache.Manifest(); err != nil || !m.Captured().After(day1) {
		t.Errorf("cache not newer after a confirming run (%v)", err)
	}
}

func TestUpdatedDocument(t *testing.T) {
	z := newFakeZoom(t)
	z.set("/g", serve(t, "granular.html", `"v1"`))
	dir := t.TempDir()
	clk := &clock{t: day1}
	u := newTestUpdater(dir, clk, Source{Name: "granular", URL: z.url("/g"), Kind: record.KindGranularHTML})
	run(t, u)
	z.set("/g", serve(t, "granular-v2.html", `"v2"`))
	clk.advance(time.Hour)
	res := run(t, u)
	s := res.Sources[0]
	if s.Status != StatusUpdated || s.Before == nil || s.After == nil {
		t.Fatalf("result %+v", s)
	}
	if s.Before.Records != 2 || s.After.Records != 3 || s.Before.SHA256 == s.After.SHA256 {
		t.Errorf("diff summary: before %+v after %+v", s.Before, s.After)
	}
	if len(res.Old) != 1 || len(res.New) != 1 || res.Old[0].Records() != 2 || res.New[0].Records() != 3 {
		t.Errorf("document sets wrong")
	}
	// The replaced file stays until the next run, for readers that
	// read the previous manifest.
	if got := keys(testutil.DirFiles(t, dir)); len(got) != 4 { // manifest, lock, old and new file
		t.Errorf("cache holds %v, want 4 files", got)
	}
	res = run(t, u)
	if res.Orphans != 1 || res.Sources[0].Status != StatusUnchanged {
		t.Errorf("next run: %d orphans removed, status %s; want 1, unchanged", res.Orphans, res.Sources[0].Status)
	}
	if got := keys(testutil.DirFiles(t, dir)); len(got) != 3 {
		t.Errorf("after the next run the cache holds %v, want 3 files", got)
	}
	if !strings.HasPrefix(res.New[0].Path, dir) {
		t.Errorf("new document path %q is not in the cache", res.New[0].Path)
	}
}

// TestSameBytesWithoutValidators covers a server that ignores conditional
// requests: identical bytes are "unchanged".
func TestSameBytesWithoutValidators(t *testing.T) {
	z := newFakeZoom(t)
	z.set("/o", serve(t, "openapi.json", ""))
	clk := &clock{t: day1}
	u := newTestUpdater(t.TempDir(), clk, Source{Name: "openapi-users", URL: z.url("/o"), Kind: record.KindOpenAPI})
	run(t, u)
	clk.advance(time.Hour)
	res := run(t, u)
	if res.Sources[0].Status != StatusUnchanged {
		t.Fatalf("status %s", res.Sources[0].Status)
	}
	m, _ := u.Cache.Manifest()
	if e, _ := m.Lookup("openapi-users"); !e.Checked.Equal(day1.Add(time.Hour)) || !e.Fetched.Equal(day1) {
		t.Errorf("entry %+v", e)
	}
}

// TestFailuresKeepOldCache starts from a good cache, makes the source
// misbehave, and checks that nothing in the cache directory changes.
func TestFailuresKeepOldCache(t *testing.T) {
	for _, tc := range []struct {
		name     string
		kind     record.Kind
		b        func(t *testing.T) behaviour
		tweak    func(u *Updater)
		attempts int
		extra    int // requests the server may see beyond attempts
		reason   string
	}{
		{name: "persistent 500", b: func(*testing.T) behaviour { return status(500) },
			attempts: 3, reason: "500 Internal Server Error"},
		{name: "persistent 503", b: func(*testing.T) behaviour { return status(503) },
			attempts: 3, reason: "after 3 attempts"},
		{name: "404 not retried", b: func(*testing.T) behaviour { return status(404) },
			attempts: 1, reason: "404 Not Found"},
		{name: "403 not retried", b: func(*testing.T) behaviour { return status(403) },
			attempts: 1, reason: "403 Forbidden"},
		{name: "429 not retried", b: func(*testing.T) behaviour { return status(429) },
			attempts: 1, reason: "429"},
		{name: "timeout", b: func(*testing.T) behaviour { return hang },
			tweak: func(u *Updater) { u.Timeout = 50 * time.Millisecond; u.Retries = 1 }, attempts: 2, reason: "timed out after 50ms"},
		{name: "truncated body not retried", b: func(t *testing.T) behaviour { return truncated(t, "granular-v2.html") },
			attempts: 1, reason: "unexpected EOF"},
		{name: "connection reset not retried", b: func(*testing.T) behaviour { return resetConn },
			attempts: 1, extra: 1, reason: "EOF"},
		{name: "shape changed", b: func(t *testing.T) behaviour { return serve(t, "granular-changed.html", `"x"`) },
			attempts: 1, reason: "no granular scope table"},
		{name: "classic shape changed", kind: record.KindClassic,
			b:        func(t *testing.T) behaviour { return serve(t, "granular-changed.html", `"x"`) },
			attempts: 1, reason: "validate"},
		{name: "empty body", b: func(*testing.T) behaviour {
			return func(w http.ResponseWriter, _ *http.Request, _ int) {}
		}, attempts: 1, reason: "empty"},
		{name: "another kind of document", b: func(t *testing.T) behaviour { return serve(t, "openapi.json", `"x"`) },
			attempts: 1, reason: "validate"},
		{name: "body over the limit", b: func(t *testing.T) behaviour { return serve(t, "granular-v2.html", `"x"`) },
			tweak: func(u *Updater) { u.MaxBytes = 100 }, attempts: 1, reason: "exceeds the limit"},
		{name: "chunked body over the limit", b: func(*testing.T) behaviour {
			return func(w http.ResponseWriter, _ *http.Request, _ int) {
				for range 20 {
					_, _ = w.Write([]byte(strings.Repeat("x", 10)))
					w.(http.Flusher).Flush()
				}
			}
		}, tweak: func(u *Updater) { u.MaxBytes = 100 }, attempts: 1, reason: "exceeds the limit"},
		{name: "not UTF-8", b: func(*testing.T) behaviour {
			return func(w http.ResponseWriter, _ *http.Request, _ int) { _, _ = w.Write([]byte("<html>\xff\xfe</html>")) }
		}, attempts: 1, reason: "UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			kind := tc.kind
			if kind == "" {
				kind = record.KindGranularHTML
			}
			fixture := map[record.Kind]string{record.KindGranularHTML: "granular.html", record.KindClassic: "classic.html"}[kind]
			z := newFakeZoom(t)
			z.set("/p", serve(t, fixture, `"good"`))
			dir := t.TempDir()
			clk := &clock{t: day1}
			u := newTestUpdater(dir, clk, Source{Name: "doc", URL: z.url("/p"), Kind: kind})
			if res := run(t, u); res.Sources[0].Status != StatusUpdated {
				t.Fatalf("seeding the cache: %+v", res.Sources[0])
			}
			before := testutil.DirFiles(t, dir)

			z.set("/p", tc.b(t))
			if tc.tweak != nil {
				tc.tweak(u)
			}
			clk.advance(time.Hour)
			res := run(t, u)
			s := res.Sources[0]
			if s.Status != StatusFailed {
				t.Fatalf("status %s, want failed", s.Status)
			}
			if !strings.Contains(s.Reason, tc.reason) {
				t.Errorf("reason %q does not mention %q", s.Reason, tc.reason)
			}
			// net/http itself resends a GET once when a reused
			// connection closes before any answer (extra).
			if n := z.count("/p"); s.Attempts != tc.attempts || n < tc.attempts || n > tc.attempts+tc.extra {
				t.Errorf("attempts %d (server saw %d), want %d", s.Attempts, z.count("/p"), tc.attempts)
			}
			if s.Before == nil || s.After == nil || *s.Before != *s.After {
				t.Errorf("failed source changed the document: before %+v after %+v", s.Before, s.After)
			}
			// The lock file records the last run's process.
			after := testutil.DirFiles(t, dir)
			delete(before, cache.LockName)
			delete(after, cache.LockName)
			if !maps.Equal(before, after) {
				t.Errorf("cache directory changed by a failure:\nbefore %v\nafter  %v", keys(before), keys(after))
			}
			if m, _ := u.Cache.Manifest(); m.Captured().After(day1) {
				t.Error("a failed run advanced the capture time")
			}
		})
	}
}

func keys(m map[string]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

// TestRetryThenSuccess checks that transient failures are retried.
func TestRetryThenSuccess(t *testing.T) {
	for _, tc := range []struct {
		name     string
		first    func(t *testing.T) behaviour
		failures int
	}{
		{"500 twice", func(*testing.T) behaviour { return status(500) }, 2},
		{"502 once", func(*testing.T) behaviour { return status(502) }, 1},
		{"timeout once", func(*testing.T) behaviour { return hang }, 1},
		{"timeout twice", func(*testing.T) behaviour { return hang }, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			z := newFakeZoom(t)
			z.set("/g", then(tc.first(t), tc.failures, serve(t, "granular.html", `"g"`)))
			u := newTestUpdater(t.TempDir(), &clock{t: day1}, Source{Name: "granular", URL: z.url("/g"), Kind: record.KindGranularHTML})
			u.Timeout = 100 * time.Millisecond
			res := run(t, u)
			s := res.Sources[0]
			if s.Status != StatusUpdated || s.Attempts != tc.failures+1 {
				t.Fatalf("status %s attempts %d reason %q; want updated after %d", s.Status, s.Attempts, s.Reason, tc.failures+1)
			}
		})
	}
}

// TestBackoffDoubles checks the waits between attempts.
func TestBackoffDoubles(t *testing.T) {
	z := newFakeZoom(t)
	z.set("/g", status(500))
	u := newTestUpdater(t.TempDir(), &clock{t: day1}, Source{Name: "granular", URL: z.url("/g"), Kind: record.KindGranularHTML})
	u.Backoff = 20 * time.Millisecond
	run(t, u)
	z.mu.Lock()
	ts := z.times["/g"]
	z.mu.Unlock()
	if len(ts) != 3 {
		t.Fatalf("%d attempts, want 3", len(ts))
	}
	if d1, d2 := ts[1].Sub(ts[0]), ts[2].Sub(ts[1]); d1 < 20*time.Millisecond || d2 < 40*time.Millisecond {
		t.Errorf("waits %v, %v; want at least 20ms, 40ms", d1, d2)
	}
}

// TestCancelledContext checks that the caller's cancellation is not
// retried.
func TestCancelledContext(t *testing.T) {
	z := newFakeZoom(t)
	z.set("/g", hang)
	u := newTestUpdater(t.TempDir(), &clock{t: day1}, Source{Name: "granular", URL: z.url("/g"), Kind: record.KindGranularHTML})
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	res, err := u.Run(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s := res.Sources[0]; s.Status != StatusFailed || s.Attempts != 1 {
		t.Errorf("status %s attempts %d, want failed after 1", s.Status, s.Attempts)
	}
}

// TestOneFailureOthersProceed checks that every source is tried and a
// failed one keeps its cached copy while the others update.
func TestOneFailureOthersProceed(t *testing.T) {
	z := newFakeZoom(t)
	z.set("/g", serve(t, "granular.html", `"g1"`))
	z.set("/c", serve(t, "classic.html", `"c1"`))
	dir := t.TempDir()
	clk := &clock{t: day1}
	u := newTestUpdater(dir, clk,
		Source{Name: "granular", URL: z.url("/g"), Kind: record.KindGranularHTML},
		Source{Name: "classic", URL: z.url("/c"), Kind: record.KindClassic})
	run(t, u)
	oldClassic, _, _ := u.Cache.Read("classic")

	z.set("/g", serve(t, "granular-v2.html", `"g2"`))
	z.set("/c", status(500))
	clk.advance(time.Hour)
	res := run(t, u)
	if got, want := statuses(res), "granular=updated classic=failed"; got != want {
		t.Fatalf("%s, want %s", got, want)
	}
	if n := len(res.Failed()); n != 1 || res.Count(StatusUpdated) != 1 {
		t.Errorf("Failed %d, updated %d", n, res.Count(StatusUpdated))
	}
	newClassic, ok, err := u.Cache.Read("classic")
	if !ok || err != nil || string(newClassic.Data) != string(oldClassic.Data) || newClassic.Entry != oldClassic.Entry {
		t.Errorf("classic entry changed: %+v -> %+v (%v)", oldClassic.Entry, newClassic.Entry, err)
	}
}

// TestURLChangeFetchesInFull checks that validators of one address are not
// sent to another.
func TestURLChangeFetchesInFull(t *testing.T) {
	z := newFakeZoom(t)
	z.set("/a", serve(t, "granular.html", `"same"`))
	z.set("/b", serve(t, "granular.html", `"same"`))
	u := newTestUpdater(t.TempDir(), &clock{t: day1}, Source{Name: "granular", URL: z.url("/a"), Kind: record.KindGranularHTML})
	run(t, u)
	u.Sources[0].URL = z.url("/b")
	res := run(t, u)
	if h := z.lastHeader("/b"); h.Get("If-None-Match") != "" {
		t.Errorf("conditional request sent to a new address: %v", h)
	}
	if s := res.Sources[0]; s.Status != StatusUpdated {
		t.Errorf("status %s, want updated (the URL is recorded anew)", s.Status)
	}
	m, _ := u.Cache.Manifest()
	if e, _ := m.Lookup("granular"); e.URL != z.url("/b") {
		t.Errorf("manifest URL %s", e.URL)
	}
}

// TestUnexpected304 checks a 304 to a request that was not conditional.
func TestUnexpected304(t *testing.T) {
	z := newFakeZoom(t)
	z.set("/g", status(304))
	u := newTestUpdater(t.TempDir(), &clock{t: day1}, Source{Name: "granular", URL: z.url("/g"), Kind: record.KindGranularHTML})
	res := run(t, u)
	if s := res.Sources[0]; s.Status != StatusFailed || !strings.Contains(s.Reason, "304") {
		t.Errorf("%+v", s)
	}
}

// TestDamagedCacheRefetched checks that an entry whose file was altered is
// fetched unconditionally and repaired.
func TestDamagedCacheRefetched(t *testing.T) {
	z := newFakeZoom(t)
	z.set("/g", serve(t, "granular.html", `"g1"`))
	dir := t.TempDir()
	u := newTestUpdater(dir, &clock{t: day1}, Source{Name: "granular", URL: z.url("/g"), Kind: record.KindGranularHTML})
	run(t, u)
	m, _ := u.Cache.Manifest()
	e, _ := m.Lookup("granular")
	if err := os.WriteFile(filepath.Join(dir, e.File), []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	res := run(t, u)
	if h := z.lastHeader("/g"); h.Get("If-None-Match") != "" {
		t.Error("conditional request for a damaged entry")
	}
	if s := res.Sources[0]; s.Status != StatusUpdated || s.Before != nil {
		t.Errorf("%+v", s)
	}
	if _, err := u.Cache.Files(); err != nil {
		t.Errorf("cache still damaged: %v", err)
	}
}

func TestRunErrors(t *testing.T) {
	good := Source{Name: "g", URL: "http://127.0.0.1:1/g"}
	for _, tc := range []struct {
		name string
		u    *Updater
		want string
	}{
		{"no cache", &Updater{Sources: []Source{good}}, "no cache"},
		{"duplicate", &Updater{Cache: &cache.Cache{Dir: t.TempDir()}, Sources: []Source{good, good}}, "twice"},
		{"bad name", &Updater{Cache: &cache.Cache{Dir: t.TempDir()}, Sources: []Source{{Name: "../x", URL: good.URL}}}, "name"},
		{"bad URL", &Updater{Cache: &cache.Cache{Dir: t.TempDir()}, Sources: []Source{{Name: "x", URL: "file:///etc/passwd"}}}, "not an http"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := tc.u.Run(context.Background())
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want one mentioning %q", err, tc.want)
			}
		})
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, cache.ManifestName), []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := (&Updater{Cache: &cache.Cache{Dir: dir}, Sources: []Source{good}}).Run(context.Background())
	if err == nil || !strings.Contains(err.Error(), "manifest") {
		t.Errorf("corrupt manifest: err = %v", err)
	}
}

func TestParseSource(t *testing.T) {
	for _, tc := range []struct {
		spec string
		want Source
		err  string
	}{
		{spec: "granular=http://127.0.0.1:8080/g", want: Source{Name: "granular", URL: "http://127.0.0.1:8080/g", Kind: record.KindGranularHTML}},
		{spec: "classic=https://example.test/c?a=b", want: Source{Name: "classic", URL: "https://example.test/c?a=b", Kind: record.KindClassic}},
		{spec: "openapi-webinars=https://example.test/w.json", want: Source{Name: "openapi-webinars", URL: "https://example.test/w.json"}},
		{spec: "mine=openapi=https://example.test/m.yaml", want: Source{Name: "mine", URL: "https://example.test/m.yaml", Kind: record.KindOpenAPI}},
		{spec: "granular=granular-md=https://example.test/g.md", want: Source{Name: "granular", URL: "https://example.test/g.md", Kind: record.KindGranularMD}},
		{spec: "mine=nokind=https://example.test/m", err: "unknown document kind"},
		{spec: "noequals", err: "NAME=URL"},
		{spec: "=https://example.test/", err: "NAME=URL"},
		{spec: "x=", err: "NAME=URL"},
		{spec: "a/b=https://example.test/", err: "name"},
		{spec: "x=ftp://example.test/", err: "not an http"},
		{spec: "x=example.test/path", err: "not an http"},
	} {
		t.Run(tc.spec, func(t *testing.T) {
			got, err := ParseSource(tc.spec)
			if tc.err != "" {
				if err == nil || !strings.Contains(err.Error(), tc.err) {
					t.Fatalf("err = %v, want %q", err, tc.err)
				}
				return
			}
			if err != nil || got != tc.want {
				t.Fatalf("ParseSource = %+v, %v; want %+v", got, err, tc.want)
			}
		})
	}
}

func TestDefaultSources(t *testing.T) {
	seen := map[string]bool{}
	for _, s := range DefaultSources() {
		if err := s.check(); err != nil {
			t.Error(err)
		}
		if seen[s.Name] {
			t.Errorf("duplicate %s", s.Name)
		}
		seen[s.Name] = true
		// Webhook files have their kind detected by the parser registry.
		if !strings.HasPrefix(s.URL, "https://developers.zoom.us/") || (s.Kind == "" && !strings.HasPrefix(s.Name, "webhooks-")) {
			t.Errorf("source %+v", s)
		}
	}
	for _, n := range []string{"granular", "classic", "openapi-meetings", "openapi-users"} {
		if !seen[n] {
			t.Errorf("no default source %s", n)
		}
	}
}

func TestNew(t *testing.T) {
	u := New(&cache.Cache{Dir: t.TempDir()})
	if len(u.Sources) == 0 || u.Retries != DefaultRetries || u.Timeout != DefaultTimeout {
		t.Errorf("New = %+v", u)
	}
}
