package catalog_test

import (
	"context"
	"reflect"
	"slices"
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
)

// TestEmbeddedFigures pins the figures measured on the real documents.
func TestEmbeddedFigures(t *testing.T) {
	c := catalogtest.Embedded(t)
	st := c.Stats()
	rows, linked := 0, 0
	for _, d := range c.Documents {
		for _, r := range d.GranularRows {
			rows++
			if r.OperationID() != "" {
				linked++
			}
		}
	}
	if linked != 2273 || rows != 2274 {
		t.Errorf("granular rows = %d (%d linked), want 2274 (2273 linked)", rows, linked)
	}
	if st.GranularScopes != 2501 {
		t.Errorf("granular scopes = %d, want 2501", st.GranularScopes)
	}
	if st.Products != 25 {
		t.Errorf("products = %d, want 25: %v", st.Products, c.Products())
	}
	if st.ClassicScopes != 465 || st.ClassicAssociations != 2846 {
		t.Errorf("classic = %d scopes, %d associations; want 465, 2846", st.ClassicScopes, st.ClassicAssociations)
	}
	// Every page row is one endpoint; reference operations that join no
	// row add one each (once, however many references describe them).
	unjoined := 0
	for _, e := range c.Endpoints {
		if len(e.Rows) == 0 {
			unjoined++
			if e.Join != catalog.JoinUnmatched && e.Join != catalog.JoinAmbiguous {
				t.Errorf("%s: reference-only endpoint has join %s", e.Label(), e.Join)
			}
		}
	}
	if st.Endpoints != rows+unjoined {
		t.Errorf("endpoints = %d, want rows %d + unjoined %d", st.Endpoints, rows, unjoined)
	}
}

func TestEmbeddedLookups(t *testing.T) {
	c := catalogtest.Embedded(t)
	tests := []struct {
		spec     string
		wantIDs  []string // operation ids
		granular []string
	}{
		{"GET /users/me/settings", []string{"userSettings"}, []string{"user:read:settings", "user:read:settings:admin"}},
		{"GET https://api.zoom.us/v2/users/abc/settings?login_type=0", []string{"userSettings"}, []string{"user:read:settings", "user:read:settings:admin"}},
		{"https://api.zoom.us/v2/users/abc/settings", []string{"userSettings", "userSettingsUpdate"}, nil},
		{"/docs/api/rest/reference/user/methods/#operation/userSettings", []string{"userSettings"}, []string{"user:read:settings", "user:read:settings:admin"}},
		{"https://developers.zoom.us/docs/api/rest/reference/user/methods/#operation/userSettings", []string{"userSettings"}, nil},
		{"POST /phone/users/abc/settings/delegation", []string{"addUserSetting"}, []string{"phone:write:shared_setting", "phone:write:shared_setting:admin"}},
	}
	for _, tc := range tests {
		eps, _ := c.Resolve(tc.spec)
		var ids []string
		for _, e := range eps {
			ids = append(ids, e.OperationID)
		}
		if !reflect.DeepEqual(ids, tc.wantIDs) {
			t.Errorf("Resolve(%q) ids = %v, want %v", tc.spec, ids, tc.wantIDs)
			continue
		}
		if tc.granular != nil && !reflect.DeepEqual(eps[0].Granular, tc.granular) {
			t.Errorf("Resolve(%q) granular = %v, want %v", tc.spec, eps[0].Granular, tc.granular)
		}
	}
}

// TestEmbeddedReverseIndex checks that the two indexes agree: an endpoint
// lists a scope exactly when the scope lists the endpoint.
func TestEmbeddedReverseIndex(t *testing.T) {
	c := catalogtest.Embedded(t)
	for _, e := range c.Endpoints {
		for _, name := range e.Granular {
			s, ok := c.GranularScope(name)
			if !ok || !slices.Contains(s.Endpoints, e.ID) {
				t.Fatalf("%s lists %s, which does not list it back", e.Label(), name)
			}
		}
	}
	for _, s := range c.Scopes {
		for _, id := range s.Endpoints {
			e := c.Endpoint(id)
			list := e.Granular
			if s.Kind == catalog.KindClassic {
				list = e.Classic
			}
			if !slices.Contains(list, s.Name) {
				t.Fatalf("%s lists %s, which does not list it back", s.Name, e.Label())
			}
		}
	}
}

func BenchmarkBuildEmbedded(b *testing.B) {
	for b.Loop() {
		docs, err := loader.Embedded(context.Background())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := catalog.Build(docs); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkJoinOnly(b *testing.B) {
	docs, err := loader.Embedded(context.Background())
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := catalog.Build(docs); err != nil {
			b.Fatal(err)
		}
	}
}
