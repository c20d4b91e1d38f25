package update

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/internal/testutil"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
)

// TestListedFileAbsent: a 404 for an optional (listed) file is absent, not
// a failure; for any other source it is a failure.
func TestListedFileAbsent(t *testing.T) {
	z := newFakeZoom(t)
	u := newTestUpdater(t.TempDir(), &clock{t: day1},
		Source{Name: "openapi-x-ma", URL: z.url("/api-hub/x/ma/master.json"), Kind: record.KindOpenAPI, Optional: true},
		Source{Name: "mine", URL: z.url("/mine.json")})
	res := run(t, u)
	if got, want := statuses(res), "openapi-x-ma=absent mine=failed"; got != want {
		t.Fatalf("%s, want %s", got, want)
	}
	if s := res.Sources[0]; !strings.Contains(s.Reason, "404") || s.Attempts != 1 {
		t.Errorf("absent source %+v", s)
	}
}

// TestNoRetryAfterDNSOrRefused: a DNS failure and a refused connection are
// final; only timeouts and 5xx are retried (see TestRetryThenSuccess).
func TestNoRetryAfterDNSOrRefused(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	refused := "http://" + ln.Addr().String() + "/g"
	_ = ln.Close()

	dnsDials := 0
	dnsClient := &http.Client{Transport: &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) {
		dnsDials++
		return nil, &net.OpError{Op: "dial", Net: "tcp", Err: &net.DNSError{Err: "no such host", Name: "developers.zoom.example", IsNotFound: true}}
	}}}
	for _, tc := range []struct {
		name   string
		client *http.Client
		url    string
		reason string
	}{
		{"refused", &http.Client{}, refused, "refused"},
		{"dns", dnsClient, "http://developers.zoom.example/g", "no such host"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u := newTestUpdater(t.TempDir(), &clock{t: day1}, Source{Name: "granular", URL: tc.url, Kind: record.KindGranularHTML})
			u.Client = tc.client
			u.Retries = 3
			res := run(t, u)
			if s := res.Sources[0]; s.Status != StatusFailed || s.Attempts != 1 || !strings.Contains(s.Reason, tc.reason) {
				t.Errorf("status %s attempts %d reason %q; want failed after 1 attempt mentioning %q", s.Status, s.Attempts, s.Reason, tc.reason)
			}
		})
	}
	if dnsDials != 1 {
		t.Errorf("%d dials after a DNS failure, want 1", dnsDials)
	}
}

func TestSourcesFor(t *testing.T) {
	s, err := SourcesFor("http://127.0.0.1:8080/", []string{"users", "billing"})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, x := range s {
		got = append(got, x.Name+" "+x.URL)
	}
	want := []string{
		"granular http://127.0.0.1:8080/docs/integrations/oauth-scopes-granular/",
		"classic http://127.0.0.1:8080/docs/integrations/oauth-scopes/",
		"openapi-billing-ma http://127.0.0.1:8080/api-hub/billing/ma/master.json",
		"openapi-users http://127.0.0.1:8080/api-hub/users/methods/endpoints.json",
		"openapi-users-ma http://127.0.0.1:8080/api-hub/users/ma/master.json",
		"webhooks-users http://127.0.0.1:8080/api-hub/users/events/webhooks.json",
	}
	if !slices.Equal(got, want) {
		t.Errorf("SourcesFor:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for _, bad := range []struct{ base, slug, want string }{
		{"", "webinars", "unknown product"},
		{"ftp://x", "", "not an http"},
		{"http://x/?q=1", "", "not an http"},
	} {
		var slugs []string
		if bad.slug != "" {
			slugs = []string{bad.slug}
		}
		if _, err := SourcesFor(bad.base, slugs); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("SourcesFor(%q, %v) = %v, want %q", bad.base, slugs, err, bad.want)
		}
	}
	all := DefaultSources()
	files := 0
	for _, p := range Products() {
		files += len(p.Files)
	}
	if len(all) != files+2 {
		t.Errorf("%d default sources for %d listed files and two pages", len(all), files)
	}
}

// TestShrinkRefused reproduces a download that shrinks its document
// (fewer rows, rows without scopes, a product gone): it is refused, the
// whole run changes nothing in the cache, and --allow-shrink accepts it.
func TestShrinkRefused(t *testing.T) {
	full := string(readFixture(t, "granular-v2.html"))
	oneRow := full[:strings.Index(full, "<tr>\n      <td><a href=\"/docs/api/rest/reference/user/methods/#operation/userCreate")] + "</tbody></table></main></body></html>"
	noScopes := regexp.MustCompile(`<code>[^<]*</code>,? *`).ReplaceAllString(full, "")
	for _, tc := range []struct{ name, page, want string }{
		{"one row", oneRow, "records 3 -> 1"},
		{"rows without scopes", noScopes, "scopes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			z := newFakeZoom(t)
			z.set("/g", serve(t, "granular-v2.html", `"v1"`))
			z.set("/c", serve(t, "classic.html", `"c1"`))
			dir := t.TempDir()
			clk := &clock{t: day1}
			u := newTestUpdater(dir, clk,
				Source{Name: "granular", URL: z.url("/g"), Kind: record.KindGranularHTML},
				Source{Name: "classic", URL: z.url("/c"), Kind: record.KindClassic})
			run(t, u)
			before := testutil.DirFiles(t, dir)
			z.set("/g", func(w http.ResponseWriter, _ *http.Request, _ int) { _, _ = w.Write([]byte(tc.page)) })
			classic2 := strings.Replace(string(readFixture(t, "classic.html")), "View and manage account info", "View and manage the account", 1)
			z.set("/c", func(w http.ResponseWriter, _ *http.Request, _ int) { _, _ = w.Write([]byte(classic2)) })
			clk.advance(time.Hour)
			res := run(t, u)
			if got := statuses(res); !strings.HasPrefix(got, "granular=refused") {
				t.Fatalf("statuses %s, want granular refused", got)
			}
			s := res.Sources[0]
			if s.Shrink == nil || !strings.Contains(s.Reason, tc.want) || !strings.Contains(s.Reason, "--allow-shrink") {
				t.Errorf("reason %q, shrink %+v; want figures with %q", s.Reason, s.Shrink, tc.want)
			}
			if res.Committed {
				t.Error("a run with a refused download switched the manifest")
			}
			after := testutil.DirFiles(t, dir)
			delete(before, cache.LockName)
			delete(after, cache.LockName)
			if len(before) != len(after) {
				t.Errorf("cache changed: %v -> %v", keys(before), keys(after))
			}
			for k, v := range before {
				if after[k] != v {
					t.Errorf("cache file %s changed by a refused run", k)
				}
			}
			u.AllowShrink = true
			res = run(t, u)
			if got := statuses(res); !strings.HasPrefix(got, "granular=updated") || !res.Committed || res.Sources[0].Shrink == nil {
				t.Errorf("with AllowShrink: %s, committed %v", got, res.Committed)
			}
		})
	}
}

// TestShrinkLostProduct: a page that drops a whole product is refused even
// when the records fall by less than the threshold.
func TestShrinkLostProduct(t *testing.T) {
	doc := func(products ...string) *record.Document {
		d := &record.Document{}
		for i, p := range products {
			for j := range 10 {
				d.GranularRows = append(d.GranularRows, record.GranularRow{Product: p, Name: fmt.Sprint(i, j),
					Scopes: []record.ScopeRef{{Name: fmt.Sprintf("s%d:%d", i, j)}}})
			}
		}
		return d
	}
	old := doc("A", "B", "C", "D", "E", "F", "G", "H", "I", "J")
	if s := shrinkOf(old, doc("A", "B", "C", "D", "E", "F", "G", "H", "I", "K"), DefaultMaxShrink); s == nil || !slices.Equal(s.Lost, []string{"J"}) {
		t.Errorf("lost product not caught: %+v", s)
	}
	if s := shrinkOf(old, doc("A", "B", "C", "D", "E", "F", "G", "H", "I", "J", "K"), DefaultMaxShrink); s != nil {
		t.Errorf("a growing page refused: %s", s)
	}
}

// TestConcurrentRuns reproduces concurrent updates against a server whose
// content changes on every request, with opposite source orders: each run
// holds the lock, so every manifest written names files that exist and
// parse, readers never meet a missing file, and orphans are removed by
// the next run.
func TestConcurrentRuns(t *testing.T) {
	z := newFakeZoom(t)
	base := string(readFixture(t, "openapi.json"))
	changing := func(w http.ResponseWriter, _ *http.Request, n int) {
		_, _ = w.Write([]byte(strings.Replace(base, `"version": "2"`, fmt.Sprintf(`"version": "2.%d"`, n), 1)))
	}
	z.set("/a.json", changing)
	z.set("/b.json", changing)
	dir := t.TempDir()
	a := Source{Name: "openapi-a", URL: z.url("/a.json"), Kind: record.KindOpenAPI}
	b := Source{Name: "openapi-b", URL: z.url("/b.json"), Kind: record.KindOpenAPI}
	// check reads the manifest and every file it names. A file gone
	// while the manifest still names it is the failure; a reader
	// overtaken by two later runs (the manifest changed meanwhile) reads
	// again, as the commands do.
	check := func() error {
		c := &cache.Cache{Dir: dir}
		for {
			m, err := c.Manifest()
			if err != nil {
				return err
			}
			err = readAll(c, m)
			if err == nil {
				return nil
			}
			again, merr := c.Manifest()
			if merr != nil {
				return merr
			}
			if slices.EqualFunc(m.Entries, again.Entries, func(x, y cache.Entry) bool { return x.File == y.File }) {
				return err
			}
		}
	}
	const runs = 8
	var wg, readers sync.WaitGroup
	errs := make(chan error, 4*runs)
	done := make(chan struct{})
	readers.Add(1)
	go func() { // a reader, all along
		defer readers.Done()
		for {
			select {
			case <-done:
				return
			default:
			}
			if err := check(); err != nil {
				errs <- fmt.Errorf("reader: %w", err)
				return
			}
		}
	}()
	for i := range runs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			order := []Source{a, b}
			if i%2 == 1 {
				order = []Source{b, a}
			}
			u := newTestUpdater(dir, &clock{t: day1.Add(time.Duration(i) * time.Minute)}, order...)
			u.LockTimeout = time.Minute
			res, err := u.Run(context.Background())
			if err != nil {
				errs <- err
				return
			}
			if res.Count(StatusUpdated) != 2 {
				errs <- fmt.Errorf("run %d: %s", i, statuses(res))
			}
			if err := check(); err != nil {
				errs <- fmt.Errorf("after run %d: %w", i, err)
			}
		}()
	}
	wg.Wait()
	close(done)
	readers.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	// One more run removes every file no manifest names, but for those
	// it replaces itself (readers of the previous manifest may still
	// read them; the next run removes them).
	prev, _ := (&cache.Cache{Dir: dir}).Manifest()
	res := run(t, newTestUpdater(dir, &clock{t: day1.Add(time.Hour)}, a, b))
	if res.Orphans == 0 {
		t.Error("no orphans removed after concurrent runs")
	}
	m, _ := (&cache.Cache{Dir: dir}).Manifest()
	want := []string{cache.LockName, cache.ManifestName}
	for _, e := range append(m.Entries, prev.Entries...) {
		want = append(want, e.File)
	}
	got := keys(testutil.DirFiles(t, dir))
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("cache holds %v, want only %v", got, want)
	}
}

// TestLockTimeout: a run that cannot get the lock in time fails with a
// message naming the lock and its holder, and changes nothing.
func TestLockTimeout(t *testing.T) {
	dir := t.TempDir()
	c := &cache.Cache{Dir: dir}
	held, err := c.Lock(context.Background(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = held.Unlock() }()
	u := newTestUpdater(dir, &clock{t: day1}, Source{Name: "g", URL: "http://127.0.0.1:1/g"})
	u.LockTimeout = 100 * time.Millisecond
	_, err = u.Run(context.Background())
	if !errors.Is(err, cache.ErrLocked) || !strings.Contains(err.Error(), filepath.Join(dir, cache.LockName)) ||
		!strings.Contains(err.Error(), fmt.Sprintf("pid %d", os.Getpid())) {
		t.Errorf("err = %v", err)
	}
}

// readAll reads and parses every file m names.
func readAll(c *cache.Cache, m cache.Manifest) error {
	for _, e := range m.Entries {
		f, err := c.ReadEntry(e)
		if err != nil {
			return err
		}
		if _, err := parser.Parse(f.Path, f.Data, e.Kind); err != nil {
			return err
		}
	}
	return nil
}
