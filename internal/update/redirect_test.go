package update

import (
	"net/http"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/parser/record"
)

// redirectTo answers with a redirect to url.
func redirectTo(url string) behaviour {
	return func(w http.ResponseWriter, r *http.Request, _ int) {
		http.Redirect(w, r, url, http.StatusFound)
	}
}

// TestRedirects: a redirect within the source's host is followed and the
// final URL recorded in the manifest; one to another host is refused
// (the cache keeps what it had) unless that host is allowed.
func TestRedirects(t *testing.T) {
	z := newFakeZoom(t)
	other := newFakeZoom(t)
	z.set("/g", serve(t, "granular.html", `"v1"`))
	z.set("/moved", redirectTo(z.url("/g")))
	// Another host: the same loopback server under the name localhost.
	away := strings.Replace(other.url("/g"), "127.0.0.1", "localhost", 1)
	other.set("/g", serve(t, "granular.html", `"v1"`))
	z.set("/away", redirectTo(away))

	dir := t.TempDir()
	clk := &clock{t: day1}
	u := newTestUpdater(dir, clk, Source{Name: "granular", URL: z.url("/moved"), Kind: record.KindGranularHTML})
	if res := run(t, u); res.Sources[0].Status != StatusUpdated {
		t.Fatalf("same-host redirect: %+v", res.Sources[0])
	}
	m, err := (&cache.Cache{Dir: dir}).Manifest()
	if err != nil {
		t.Fatal(err)
	}
	if e, _ := m.Lookup("granular"); e.URL != z.url("/moved") || e.FinalURL != z.url("/g") {
		t.Errorf("manifest entry: url %q final_url %q", e.URL, e.FinalURL)
	}

	u = newTestUpdater(t.TempDir(), clk, Source{Name: "granular", URL: z.url("/away"), Kind: record.KindGranularHTML})
	res, _ := u.Run(t.Context())
	if res == nil || res.Sources[0].Status != StatusFailed || !strings.Contains(res.Sources[0].Reason, "--allow-redirect localhost") {
		t.Fatalf("cross-host redirect: %+v", res)
	}
	if other.count("/g") != 0 {
		t.Error("the other host was contacted")
	}
	u.AllowRedirectHosts = []string{"localhost"}
	if res := run(t, u); res.Sources[0].Status != StatusUpdated {
		t.Errorf("allowed cross-host redirect: %+v", res.Sources[0])
	}
}
