package migrate_test

import (
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
	"github.com/scopeplan/scopeplan/migrate"
)

// TestUnknownError names the unknown classic scopes of a migration on
// the embedded catalog in the order given, with the nearest classic
// scopes.
func TestUnknownError(t *testing.T) {
	c := catalogtest.Embedded(t)
	given := []string{"user:raed:admin", "user:read:admin", "zzz:qqq"}
	res, err := migrate.Run(c, given, migrate.AppFor(given), nil)
	if err != nil {
		t.Fatal(err)
	}
	err = res.UnknownError(given)
	if err == nil {
		t.Fatal("no error for two unknown classic scopes")
	}
	want := `unknown classic scope(s): "user:raed:admin" (did you mean ` + res.Unknown["user:raed:admin"][0]
	if !strings.HasPrefix(err.Error(), want) {
		t.Errorf("UnknownError = %q, want it to start %q", err, want)
	}
	if sug, ok := res.Unknown["zzz:qqq"]; !ok || len(sug) != 0 {
		t.Fatalf("zzz:qqq: unknown %v with suggestions %q, want unknown without any", ok, sug)
	}
	if !strings.HasSuffix(err.Error(), `?); "zzz:qqq"`) {
		t.Errorf("UnknownError = %q, want it to end with the name without suggestions", err)
	}
	ok, err := migrate.Run(c, []string{"user:read:admin"}, migrate.AppFor(given), nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := ok.UnknownError([]string{"user:read:admin"}); err != nil {
		t.Errorf("known scopes: %v", err)
	}
}
