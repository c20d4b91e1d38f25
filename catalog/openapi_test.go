package catalog_test

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/parser/record"
)

// sharedOpenAPI is where the real Zoom OpenAPI files live beside the
// checkout; tests skip when it is absent.
func sharedOpenAPI(t testing.TB) string {
	t.Helper()
	dir := filepath.Join("..", "..", "shared", "zoom-openapi")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("real OpenAPI files not present: %v", err)
	}
	return dir
}

func TestOpenAPIJoins(t *testing.T) {
	dir := sharedOpenAPI(t)
	c, _, err := loader.Build(context.Background(), loader.Options{AddDocs: []string{dir}})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		spec     string
		join     catalog.JoinKind
		variant  record.Variant
		granular []string
	}{
		// The example: the Meetings file gives the path.
		{"POST /users/{userId}/meetings", catalog.JoinOperationID, record.VariantRegular, []string{"meeting:write:meeting", "meeting:write:meeting:admin"}},
		// A master-account file joins the /ma/ rows.
		{"GET /accounts/{accountId}/users/{userId}/settings", catalog.JoinOperationID, record.VariantMaster, []string{"user:read:settings:master"}},
		{"GET /phone/users/{userId}/settings", catalog.JoinOperationID, record.VariantRegular, nil},
	}
	for _, tc := range tests {
		eps, _ := c.Resolve(tc.spec)
		if len(eps) != 1 {
			t.Errorf("Resolve(%q) = %d endpoints, want 1", tc.spec, len(eps))
			continue
		}
		e := eps[0]
		if e.Join != tc.join || e.Variant != tc.variant {
			t.Errorf("%s: join %s variant %s, want %s %s", tc.spec, e.Join, e.Variant, tc.join, tc.variant)
		}
		if tc.granular != nil && !reflect.DeepEqual(e.Granular, tc.granular) {
			t.Errorf("%s: granular %v, want %v", tc.spec, e.Granular, tc.granular)
		}
	}
	// One method + path is one endpoint, however many files describe it,
	// except the regular and master-account rows of one Accounts
	// operation, which share their path (/accounts/{accountId}/settings
	// for "me" and for a sub account); and no join is left ambiguous once
	// operationIds are known.
	seen := map[string][]*catalog.Endpoint{}
	for _, e := range c.Endpoints {
		if e.Path != "" {
			k := e.Method + " " + catalog.NormalizePath(e.Path)
			seen[k] = append(seen[k], e)
		}
		if e.Join == catalog.JoinAmbiguous {
			t.Errorf("%s: ambiguous join", e.Label())
		}
	}
	for k, es := range seen {
		if len(es) == 1 {
			continue
		}
		if len(es) > 2 || es[0].OperationID != es[1].OperationID || es[0].Variant == es[1].Variant {
			t.Errorf("%s is %d endpoints", k, len(es))
		}
	}
	// The Accounts file's own paths start with /accounts/{accountId}/, yet
	// its operations are the regular ones: their scopes say so.
	if eps, _ := c.Resolve("/docs/api/rest/reference/account/methods/#operation/accountSettings"); len(eps) != 1 || eps[0].Join != catalog.JoinOperationID {
		t.Errorf("accountSettings regular row: %+v", eps)
	}
	// The Meetings file's Zoom Rooms operations join the zoom-rooms rows.
	if eps, _ := c.Resolve("GET /rooms"); len(eps) != 1 || eps[0].Product != "zoom-rooms" || eps[0].Join != catalog.JoinOperationID {
		for _, e := range eps {
			t.Errorf("GET /rooms: %s %s %s", e.Label(), e.Product, e.Join)
		}
	}
	// Number Management is a product of its own, absent from the pages.
	found := false
	for _, p := range c.Products() {
		found = found || p == "Number Management"
	}
	if !found {
		t.Errorf("products %v lack Number Management", c.Products())
	}
}

func BenchmarkBuildWithOpenAPI(b *testing.B) {
	dir := sharedOpenAPI(b)
	for b.Loop() {
		if _, _, err := loader.Build(context.Background(), loader.Options{AddDocs: []string{dir}}); err != nil {
			b.Fatal(err)
		}
	}
}
