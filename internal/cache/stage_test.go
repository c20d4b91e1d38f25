package cache

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/scopeplan/scopeplan/parser/record"
)

// TestPutCommitOrphans: staged files join the cache only through Commit,
// which refuses a manifest naming a missing or different file; replaced
// files stay until RemoveOrphans.
func TestPutCommitOrphans(t *testing.T) {
	c := &Cache{Dir: t.TempDir()}
	e1, err := c.Put(Entry{Name: "doc", Kind: record.KindClassic}, []byte("one"))
	if err != nil {
		t.Fatal(err)
	}
	if m, _ := c.Manifest(); len(m.Entries) != 0 {
		t.Fatal("Put changed the manifest")
	}
	if err := c.Commit(Manifest{}.With(e1)); err != nil {
		t.Fatal(err)
	}
	e2, err := c.Put(Entry{Name: "doc", Kind: record.KindClassic}, []byte("two"))
	if err != nil {
		t.Fatal(err)
	}
	missing := e2
	missing.File = "doc-000000000000.txt"
	if err := c.Commit(Manifest{}.With(missing)); err == nil {
		t.Error("Commit accepted a manifest naming a missing file")
	}
	short := e2
	short.Size++
	if err := c.Commit(Manifest{}.With(short)); err == nil {
		t.Error("Commit accepted a file of another size")
	}
	m, _ := c.Manifest()
	if err := c.Commit(m.With(e2)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(c.Dir, e1.File)); err != nil {
		t.Errorf("replaced file removed at once: %v", err)
	}
	if err := os.WriteFile(filepath.Join(c.Dir, ".x.tmp-1"), []byte("dead run"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := c.WriteCompiled([]byte("compiled")); err != nil {
		t.Fatal(err)
	}
	removed, err := c.RemoveOrphans()
	slices.Sort(removed)
	if err != nil || !slices.Equal(removed, []string{".x.tmp-1", e1.File}) {
		t.Errorf("RemoveOrphans = %v, %v", removed, err)
	}
	if f, err := c.Files(); err != nil || len(f) != 1 || string(f[0].Data) != "two" {
		t.Errorf("cache after RemoveOrphans: %v %v", f, err)
	}
	if _, ok, _ := c.ReadCompiled(); !ok {
		t.Error("RemoveOrphans removed the compiled catalog")
	}
}

func TestLock(t *testing.T) {
	c := &Cache{Dir: filepath.Join(t.TempDir(), "new")}
	l, err := c.Lock(context.Background(), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := c.Lock(context.Background(), 60*time.Millisecond); !errors.Is(err, ErrLocked) {
		t.Errorf("second Lock: %v, want ErrLocked", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := c.Lock(ctx, time.Minute); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled Lock: %v", err)
	}
	if err := l.Unlock(); err != nil {
		t.Fatal(err)
	}
	l2, err := c.Lock(context.Background(), time.Second)
	if err != nil {
		t.Fatalf("Lock after Unlock: %v", err)
	}
	_ = l2.Unlock()
}
