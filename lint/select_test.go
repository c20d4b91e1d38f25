package lint

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
)

// TestOfRulesMatchesARun: the findings of some rules taken from a run of
// every rule on the embedded documents are those a run of the rules
// alone gives, and Without drops a category's rules.
func TestOfRulesMatchesARun(t *testing.T) {
	c := catalogtest.Embedded(t)
	all := Run(c, Rules())
	names, err := Select([]string{"names"})
	if err != nil {
		t.Fatal(err)
	}
	off, err := Select([]string{"MALFORMED_SCOPE"})
	if err != nil {
		t.Fatal(err)
	}
	rules := Without(names, off)
	if len(rules) != len(names)-1 {
		t.Fatalf("Without kept %d of %d rules, want all but MALFORMED_SCOPE", len(rules), len(names))
	}
	for _, r := range rules {
		if r.ID == "MALFORMED_SCOPE" {
			t.Error("Without kept MALFORMED_SCOPE")
		}
	}
	got, want := OfRules(all, rules), Run(c, rules)
	if len(want) == 0 {
		t.Fatal("the names rules find nothing on the embedded documents")
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("OfRules: %d findings, a run of the rules %d", len(got), len(want))
	}
	failed := Finding{Rule: internalError, Subject: "X"}
	if got := OfRules([]Finding{failed}, nil); len(got) != 1 {
		t.Errorf("OfRules dropped an INTERNAL_ERROR: %v", got)
	}
}

func TestBaselineFile(t *testing.T) {
	fs := Run(catalogtest.Embedded(t), Rules())
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := WriteBaselineFile(path, fs); err != nil {
		t.Fatal(err)
	}
	b, err := ReadBaselineFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if fresh, accepted := b.Apply(fs); len(fresh) != 0 || len(accepted) != len(fs) {
		t.Errorf("the baseline of every finding leaves %d fresh, accepts %d of %d", len(fresh), len(accepted), len(fs))
	}
	if _, err := ReadBaselineFile(filepath.Join(t.TempDir(), "none.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing baseline: %v", err)
	}
	if err := os.WriteFile(path, []byte("{"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := ReadBaselineFile(path); err == nil {
		t.Error("a malformed baseline was read")
	}
	if err := WriteBaselineFile(filepath.Join(path, "sub"), fs); err == nil {
		t.Error("wrote a baseline under a file")
	}
}

// TestConcerns: on the embedded documents, some endpoint has warnings;
// its concerns are those findings, once each, and none below min.
func TestConcerns(t *testing.T) {
	c := catalogtest.Embedded(t)
	a := Attribute(c, Run(c, Rules()))
	concerns := a.Concerns(SeverityWarning)
	with := 0
	for _, e := range c.Endpoints {
		got := concerns(e)
		want := map[string]bool{}
		for _, f := range a.Endpoint(e) {
			if f.Severity.AtLeast(SeverityWarning) {
				want[f.Rule+": "+f.Message] = true
			}
		}
		if len(got) != len(want) {
			t.Fatalf("%s: concerns %q, want the %d distinct warnings and errors", e.Label(), got, len(want))
		}
		for _, n := range got {
			if !want[n] {
				t.Errorf("%s: concern %q is no warning of it", e.Label(), n)
			}
		}
		if len(got) > 0 {
			with++
		}
	}
	if with == 0 {
		t.Error("no endpoint of the embedded documents has a concern")
	}
}
