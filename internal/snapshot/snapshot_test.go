package snapshot_test

import (
	"bytes"
	"context"
	"encoding/json"
	"go/parser"
	"go/token"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/internal/snapshot"
	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
	"github.com/scopeplan/scopeplan/lint"
)

func fresh(t testing.TB) *catalog.Catalog {
	t.Helper()
	c, _, err := loader.Build(context.Background(), loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// asJSON is the form catalogs and snapshots are compared in: what users
// see, and blind to nil versus empty slices.
func asJSON(t testing.TB, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestSnapshotIsFresh fails when the committed snapshot no longer matches
// the embedded documents or the code that builds catalogs and findings:
// run go generate ./data.
func TestSnapshotIsFresh(t *testing.T) {
	var buf bytes.Buffer
	if err := snapshot.Encode(&buf, snapshot.Build(fresh(t), data.Digest(), lint.Precompute)); err != nil {
		t.Fatal(err)
	}
	want, err := snapshot.Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got, err := snapshot.Decode(data.Snapshot())
	if err != nil {
		t.Fatalf("%v: run go generate ./data", err)
	}
	if asJSON(t, got) != asJSON(t, want) {
		t.Fatal("data/snapshot.bin is stale: run go generate ./data")
	}
}

// TestSnapshotRestoresTheCatalog: the catalog restored from the snapshot
// is the one Build makes, full or core only.
func TestSnapshotRestoresTheCatalog(t *testing.T) {
	want := fresh(t)
	for _, full := range []bool{true, false} {
		s, err := snapshot.Embedded(full)
		if err != nil {
			t.Fatal(err)
		}
		got, err := s.Catalog()
		if err != nil {
			t.Fatal(err)
		}
		if asJSON(t, got.Endpoints) != asJSON(t, want.Endpoints) {
			t.Errorf("full=%v: endpoints differ", full)
		}
		if full && asJSON(t, got) != asJSON(t, want) {
			t.Errorf("full catalog differs from a fresh build")
		}
		for _, spec := range []string{"GET /users/me/settings", "userSettings", "Get a user", "/docs/api/rest/reference/user/ma/#operation/userSettings", "POST /users"} {
			a, _ := want.Resolve(spec)
			b, _ := got.Resolve(spec)
			if asJSON(t, a) != asJSON(t, b) {
				t.Errorf("full=%v: Resolve(%q) differs", full, spec)
			}
		}
		for _, s := range want.Scopes {
			r, ok := got.GranularScope(s.Name)
			if s.Kind == catalog.KindClassic {
				r, ok = got.ClassicScope(s.Name)
			}
			if !ok || !reflect.DeepEqual(r.Endpoints, s.Endpoints) || r.Parsed() != s.Parsed() {
				t.Fatalf("full=%v: scope %s differs", full, s.Name)
			}
		}
	}
}

func TestCoreRoundTrip(t *testing.T) {
	s := snapshot.Build(fresh(t), "digest", lint.Precompute)
	b := snapshot.EncodeCore(s.Core)
	got, err := snapshot.DecodeCore(b)
	if err != nil {
		t.Fatal(err)
	}
	if asJSON(t, got) != asJSON(t, s.Core) {
		t.Error("core changed in a round trip")
	}
	// Every truncation is an error, never a panic or a silent success.
	for _, n := range []int{0, 3, 8, 20, len(b) / 2, len(b) - 1} {
		if _, err := snapshot.DecodeCore(b[:n]); err == nil {
			t.Errorf("DecodeCore of %d of %d bytes succeeded", n, len(b))
		}
	}
}

func TestDecodeRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("not a snapshot"), {0x05, 'S', 'P', 'C'}, {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0}} {
		if _, err := snapshot.Decode(b); err == nil {
			t.Errorf("Decode(%q) succeeded", b)
		}
	}
}

func FuzzDecodeCore(f *testing.F) {
	s := snapshot.Build(fresh(f), "d", nil)
	s.Core.Parts.Endpoints = s.Core.Parts.Endpoints[:3]
	s.Core.Parts.Scopes = s.Core.Parts.Scopes[:3]
	s.Core.Findings = lint.EncodeFindings("d", []lint.Finding{{Rule: "R", File: "f", Line: 1}})
	f.Add(snapshot.EncodeCore(s.Core))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = snapshot.DecodeCore(b)
	})
}

func BenchmarkLoadCore(b *testing.B) {
	for b.Loop() {
		s, err := snapshot.Embedded(false)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Catalog(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadFull(b *testing.B) {
	for b.Loop() {
		s, err := snapshot.Embedded(true)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Catalog(); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHubRoundTrip: a snapshot of the catalog with every shared API hub
// file (events, permissions, master-account joins) restores the same
// catalog, full and core only.
func TestHubRoundTrip(t *testing.T) {
	want := catalogtest.Hub(t)
	var buf bytes.Buffer
	if err := snapshot.Encode(&buf, snapshot.Build(want, "hub", lint.Precompute)); err != nil {
		t.Fatal(err)
	}
	s, err := snapshot.Decode(buf.Bytes())
	if err != nil {
		t.Fatal(err)
	}
	got, err := s.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if asJSON(t, got) != asJSON(t, want) {
		t.Error("the hub catalog restored from its snapshot differs from the one built")
	}
	core, err := snapshot.DecodeCore(snapshot.EncodeCore(s.Core))
	if err != nil {
		t.Fatal(err)
	}
	if len(core.Parts.Events) != len(want.Events) || asJSON(t, core.Parts.Events) != asJSON(t, want.Events) {
		t.Errorf("core events: %d, want %d", len(core.Parts.Events), len(want.Events))
	}
	c, err := (&snapshot.Snapshot{Core: core}).Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if ev, ok := c.Event("recording.completed"); !ok || len(ev.Granular) == 0 {
		t.Error("the core-only catalog does not find recording.completed")
	}
}

// TestStoredFindingsAreLints: the findings the embedded snapshot stores
// are every rule's findings on a fresh build, keyed by the data's digest.
func TestStoredFindingsAreLints(t *testing.T) {
	s, err := snapshot.Embedded(false)
	if err != nil {
		t.Fatal(err)
	}
	st := s.Stored()
	got, err := lint.DecodeFindings(st.Findings, data.Digest())
	if err != nil || st.Digest != data.Digest() {
		t.Fatalf("stored findings: digest %s, %v", st.Digest, err)
	}
	if want := lint.Run(fresh(t), lint.Rules()); asJSON(t, got) != asJSON(t, want) {
		t.Errorf("stored findings (%d) are not lint's (%d): run go generate ./data", len(got), len(want))
	}
}

// TestImportsFlowDown: the snapshot frames what catalog and lint encode
// but imports nothing above catalog (lint, planner, audit, scan, report).
func TestImportsFlowDown(t *testing.T) {
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			for _, above := range []string{"lint", "planner", "audit", "scan", "explain", "migrate", "internal/report"} {
				if p == "github.com/scopeplan/scopeplan/"+above {
					t.Errorf("%s imports %s, which is above the snapshot", name, p)
				}
			}
		}
	}
}
