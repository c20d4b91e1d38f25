package main

import (
	"bytes"
	"strings"
	"testing"
)

// TestFactoryLoadsOnce: the catalog, its findings and their attribution
// are loaded once per invocation, whichever command asks and however
// often; a full catalog serves a later request for the core one, and a
// core one is replaced by the full one when that is asked for.
func TestFactoryLoadsOnce(t *testing.T) {
	var errOut bytes.Buffer
	f := newFactory(&streams{in: strings.NewReader(""), out: &bytes.Buffer{}, errOut: &errOut})
	f.verbose = true
	f.cfg = &fileConfig{}
	core, _, err := f.CoreCatalog()
	if err != nil {
		t.Fatal(err)
	}
	again, _, _ := f.CoreCatalog()
	if again != core {
		t.Error("CoreCatalog loaded twice")
	}
	full, p, err := f.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if full == core || len(full.Documents) == 0 && len(p.Documents) > 0 {
		t.Error("Catalog after CoreCatalog kept the core catalog")
	}
	fs1, err := f.Findings()
	if err != nil {
		t.Fatal(err)
	}
	fs2, _ := f.Findings()
	if len(fs1) == 0 || &fs1[0] != &fs2[0] {
		t.Errorf("findings computed twice (or none: %d)", len(fs1))
	}
	a1, _ := f.Attribution()
	a2, _ := f.Attribution()
	if a1 == nil || a1 != a2 {
		t.Error("attribution computed twice")
	}
	if c, _, _ := f.CoreCatalog(); c != full {
		t.Error("CoreCatalog after Catalog did not reuse the full catalog")
	}
	if c, _, _ := f.Catalog(); c != full {
		t.Error("Catalog loaded twice")
	}
	// Two loads in all (core, then full), each saying so once.
	if n := strings.Count(errOut.String(), "scopeplan: data: "); n != 2 {
		t.Errorf("%d loads reported, want 2:\n%s", n, errOut.String())
	}
}

// TestFactoryRemembersFailure: a catalog that does not load is tried once
// and every later request gets the same error.
func TestFactoryRemembersFailure(t *testing.T) {
	var errOut bytes.Buffer
	f := newFactory(&streams{in: strings.NewReader(""), out: &bytes.Buffer{}, errOut: &errOut})
	f.cfg = &fileConfig{}
	f.docs = []string{t.TempDir() + "/missing.json"}
	_, _, err1 := f.Catalog()
	_, _, err2 := f.CoreCatalog()
	_, err3 := f.Findings()
	if err1 == nil || err2 != err1 || err3 != err1 {
		t.Errorf("errors %v / %v / %v, want one error thrice", err1, err2, err3)
	}
	if code := exitCode(err1); code != exitInput {
		t.Errorf("exit %d, want %d", code, exitInput)
	}
}

func exitCode(err error) int {
	if ee, ok := err.(*exitError); ok {
		return ee.code
	}
	return -1
}
