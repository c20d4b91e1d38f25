package snapshot_test

import (
	"bytes"
	"reflect"
	"testing"

	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/internal/snapshot"
)

// TestSnapshotIsFresh fails when the committed snapshot no longer matches
// the embedded documents or the code that builds catalogs and findings:
// run go generate ./data.
func TestSnapshotIsFresh(t *testing.T) {
	c, _, err := loader.Fresh(loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Round-trip the fresh snapshot so both sides have gob's shape (nil
	// versus empty slices), then compare contents, not bytes: compressed
	// bytes may differ between Go versions.
	var buf bytes.Buffer
	if err := snapshot.Encode(&buf, snapshot.Build(c, data.Digest())); err != nil {
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
	if !reflect.DeepEqual(got, want) {
		t.Fatal("data/snapshot.gob.gz is stale: run go generate ./data")
	}
}

// TestSnapshotRestoresTheCatalog checks the restored catalog answers as the
// freshly built one does.
func TestSnapshotRestoresTheCatalog(t *testing.T) {
	fresh, _, err := loader.Fresh(loader.Options{})
	if err != nil {
		t.Fatal(err)
	}
	s, err := snapshot.Decode(data.Snapshot())
	if err != nil {
		t.Fatal(err)
	}
	restored, err := s.Catalog()
	if err != nil {
		t.Fatal(err)
	}
	if fresh.Stats() != restored.Stats() {
		t.Errorf("stats: fresh %+v, restored %+v", fresh.Stats(), restored.Stats())
	}
	for _, spec := range []string{"GET /users/me/settings", "userSettings", "Get a user", "/docs/api/rest/reference/user/ma/#operation/userSettings", "POST /users"} {
		a, _ := fresh.Resolve(spec)
		b, _ := restored.Resolve(spec)
		if len(a) != len(b) {
			t.Fatalf("%s: fresh %d matches, restored %d", spec, len(a), len(b))
		}
		for i := range a {
			if a[i].ID != b[i].ID || a[i].Label() != b[i].Label() {
				t.Errorf("%s: fresh %s, restored %s", spec, a[i].Label(), b[i].Label())
			}
		}
	}
}

func TestDecodeRejectsGarbage(t *testing.T) {
	for _, b := range [][]byte{nil, []byte("not gzip"), {0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0}} {
		if _, err := snapshot.Decode(b); err == nil {
			t.Errorf("Decode(%q) succeeded", b)
		}
	}
}

func BenchmarkDecodeAndRestore(b *testing.B) {
	for b.Loop() {
		s, err := snapshot.Decode(data.Snapshot())
		if err != nil {
			b.Fatal(err)
		}
		if _, err := s.Catalog(); err != nil {
			b.Fatal(err)
		}
	}
}
