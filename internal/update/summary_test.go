package update

import (
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/parser/record"
)

// TestSummaryAndChanges: a run that replaces a cached document counts it
// as updated, diffs the catalog before against the one after, and totals
// the diff; a run that changes nothing has no changes.
func TestSummaryAndChanges(t *testing.T) {
	z := newFakeZoom(t)
	z.set("/g", serve(t, "granular.html", `"v1"`))
	clk := &clock{t: day1}
	u := newTestUpdater(t.TempDir(), clk, Source{Name: "granular", URL: z.url("/g"), Kind: record.KindGranularHTML})
	first := run(t, u)
	ch, err := first.Changes(t.Context())
	if err != nil || ch == nil {
		t.Fatalf("first run: changes %v, %v", ch, err)
	}
	if ch.Old.Source != scopeplan.OriginEmbedded || ch.New.Source != scopeplan.OriginCache {
		t.Errorf("first run diffs %s against %s, want the embedded data against the cache", ch.Old.Source, ch.New.Source)
	}

	z.set("/g", serve(t, "granular-v2.html", `"v2"`))
	clk.advance(time.Hour)
	res := run(t, u)
	if got := res.Summary(); got != (Summary{Updated: 1}) {
		t.Errorf("summary %+v, want one updated", got)
	}
	if err := res.Err(); err != nil {
		t.Errorf("Err: %v", err)
	}
	ch, err = res.Changes(t.Context())
	if err != nil || ch == nil {
		t.Fatalf("changes %v, %v", ch, err)
	}
	if ch.Old.Source != scopeplan.OriginCache || ch.New.Source != scopeplan.OriginCache {
		t.Errorf("second run diffs %s against %s, want cache against cache", ch.Old.Source, ch.New.Source)
	}
	if ch.Diff.Empty() {
		t.Fatal("a document with one more record changed nothing in the catalog")
	}

	clk.advance(time.Hour)
	res = run(t, u)
	if got := res.Summary(); got != (Summary{Unchanged: 1}) {
		t.Errorf("unchanged run: summary %+v", got)
	}
	if ch, err := res.Changes(t.Context()); ch != nil || err != nil {
		t.Errorf("unchanged run: changes %+v, %v", ch, err)
	}
}

// TestResultErr names every refused and failed source in one error.
func TestResultErr(t *testing.T) {
	z := newFakeZoom(t)
	z.set("/g", serve(t, "granular.html", `"v1"`))
	z.set("/c", func(w http.ResponseWriter, _ *http.Request, _ int) {
		http.Error(w, "down", http.StatusInternalServerError)
	})
	u := newTestUpdater(t.TempDir(), &clock{t: day1},
		Source{Name: "granular", URL: z.url("/g"), Kind: record.KindGranularHTML},
		Source{Name: "classic", URL: z.url("/c"), Kind: record.KindClassic})
	u.Retries = 0
	res := run(t, u)
	if got := res.Summary(); got != (Summary{Updated: 1, Failed: 1}) {
		t.Errorf("summary %+v", got)
	}
	err := res.Err()
	if err == nil || err.Error() != "update: of 2 sources, 1 failed (classic); their cached copies are unchanged" {
		t.Errorf("Err: %v", err)
	}
	if strings.Contains(err.Error(), "\n") {
		t.Errorf("Err spans lines: %q", err)
	}
}
