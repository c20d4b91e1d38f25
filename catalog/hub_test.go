package catalog_test

import (
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
	"github.com/scopeplan/scopeplan/parser/record"
)

// TestHubCatalog joins the embedded documents with every real API hub
// file: events are counted as the shared README states, every
// master-account operation that the page has a /ma/ row for joins one, and
// no operation joins a row whose scopes contradict the ones it states.
func TestHubCatalog(t *testing.T) {
	c := catalogtest.Hub(t)
	st := c.Stats()
	if st.Events != 423 || st.EventsWithGranular != 370 {
		t.Errorf("events %d (%d with granular scopes), want 423 (370)", st.Events, st.EventsWithGranular)
	}
	masterOps, masterJoined, wrong := 0, 0, 0
	for _, e := range c.Endpoints {
		for _, r := range e.Refs {
			d := c.Documents[r.Doc]
			op := d.Operations[r.Op]
			if len(e.Rows) > 0 && r.Join == catalog.JoinOperationID && !sharesAny(op.Granular(), e.Granular) {
				wrong++
				t.Errorf("%s %s (%s) joined %s, whose scopes %v share none of %v", op.Method, op.Path, d.Path, e.Link, e.Granular, op.Granular())
			}
			if !strings.HasSuffix(d.Path, "master.json") {
				continue
			}
			masterOps++
			if len(e.Rows) > 0 && e.Variant == record.VariantMaster {
				masterJoined++
			}
		}
		if e.Join == catalog.JoinAmbiguous {
			t.Errorf("%s: ambiguous join", e.Label())
		}
	}
	// 685 master-account operations (the shared README's figure); 615
	// join the page's /ma/ rows. Of the other 70, 62 have an operationId
	// on no /ma/ row, and 8 (Number Management's) share an operationId
	// with Phone's /ma/ rows whose scopes disagree. A change of join
	// rules shows here.
	if masterOps != 685 || masterJoined != 615 {
		t.Errorf("%d of %d master-account operations joined /ma/ rows, want 615 of 685", masterJoined, masterOps)
	}
	t.Logf("%d master-account operations, %d joined to /ma/ rows; %d wrong joins", masterOps, masterJoined, wrong)

	ev, ok := c.Event("recording.completed")
	if !ok || len(ev.Granular) == 0 || len(ev.Classic) == 0 || len(ev.Sources) == 0 {
		t.Fatalf("recording.completed: %+v, %v", ev, ok)
	}
	for _, name := range ev.Granular {
		s, ok := c.GranularScope(name)
		if !ok || !containsInt(s.Events, ev.ID) {
			t.Errorf("scope %s does not list recording.completed", name)
		}
	}
}

func sharesAny(stated []record.ScopeRef, have []string) bool {
	if len(stated) == 0 {
		return true
	}
	for _, s := range stated {
		for _, h := range have {
			if strings.TrimSpace(s.Name) == h {
				return true
			}
		}
	}
	return false
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
