package cache

import (
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/scopeplan/scopeplan/internal/testutil"
	"github.com/scopeplan/scopeplan/parser/record"
)

var (
	t0 = time.Date(2027, 1, 2, 3, 4, 5, 0, time.UTC)
	t1 = t0.Add(time.Hour)
)

func TestDefaultDir(t *testing.T) {
	t.Setenv(EnvDir, "/some/where")
	d, err := DefaultDir()
	if err != nil || d != "/some/where" {
		t.Fatalf("DefaultDir with %s = %q, %v", EnvDir, d, err)
	}
	c, err := Open("")
	if err != nil || c.Dir != "/some/where" {
		t.Fatalf("Open(\"\") = %+v, %v", c, err)
	}
	c, err = Open("/explicit")
	if err != nil || c.Dir != "/explicit" {
		t.Fatalf("Open(dir) = %+v, %v", c, err)
	}
	t.Setenv(EnvDir, "")
	t.Setenv("XDG_CACHE_HOME", "/xdg")
	t.Setenv("HOME", "/home/u")
	d, err = DefaultDir()
	if err != nil || filepath.Base(d) != "scopeplan" {
		t.Fatalf("DefaultDir = %q, %v; want .../scopeplan", d, err)
	}
}

func TestValidName(t *testing.T) {
	for _, tc := range []struct {
		name string
		ok   bool
	}{
		{"granular", true},
		{"team-chat", true},
		{"users_ma.v2", true},
		{"", false},
		{".hidden", false},
		{"-flag", false},
		{"a/b", false},
		{"..", false},
		{"a b", false},
		{"manifest\x00", false},
		{strings.Repeat("a", 65), false},
	} {
		if got := ValidName(tc.name); got != tc.ok {
			t.Errorf("ValidName(%q) = %v, want %v", tc.name, got, tc.ok)
		}
	}
}

func TestEmptyCache(t *testing.T) {
	c := &Cache{Dir: filepath.Join(t.TempDir(), "missing")}
	m, err := c.Manifest()
	if err != nil || len(m.Entries) != 0 {
		t.Fatalf("Manifest of missing dir = %+v, %v", m, err)
	}
	fs, err := c.Files()
	if err != nil || len(fs) != 0 {
		t.Fatalf("Files of missing dir = %v, %v", fs, err)
	}
	if !m.Captured().IsZero() {
		t.Errorf("empty cache captured at %v", m.Captured())
	}
	if _, ok, err := c.Read("granular"); ok || err != nil {
		t.Errorf("Read of missing entry = %v, %v", ok, err)
	}
}

func TestStoreReadReplace(t *testing.T) {
	c := &Cache{Dir: t.TempDir()}
	e1, err := c.Store(Entry{Name: "classic", URL: "http://x/c", Kind: record.KindClassic, ETag: `"a"`, Fetched: t0, Checked: t0}, []byte("v1"))
	if err != nil {
		t.Fatal(err)
	}
	if e1.SHA256 != Sum([]byte("v1")) || e1.Size != 2 || !strings.HasPrefix(e1.File, "classic-") || !strings.HasSuffix(e1.File, ".txt") {
		t.Fatalf("stored entry = %+v", e1)
	}
	if _, err := c.Store(Entry{Name: "openapi-users", Kind: record.KindOpenAPI, Fetched: t0, Checked: t0}, []byte(` {"openapi":"3.0.0"}`)); err != nil {
		t.Fatal(err)
	}
	f, ok, err := c.Read("classic")
	if err != nil || !ok || string(f.Data) != "v1" || f.Path != filepath.Join(c.Dir, e1.File) {
		t.Fatalf("Read = %+v, %v, %v", f, ok, err)
	}

	e2, err := c.Store(Entry{Name: "classic", Kind: record.KindClassic, Fetched: t1, Checked: t1}, []byte("v2"))
	if err != nil {
		t.Fatal(err)
	}
	if e2.File == e1.File {
		t.Fatal("new content kept the old file name")
	}
	if _, err := os.Stat(filepath.Join(c.Dir, e1.File)); !os.IsNotExist(err) {
		t.Errorf("old file %s still present (err %v)", e1.File, err)
	}
	files, err := c.Files()
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, f := range files {
		names = append(names, f.Entry.Name+"="+string(f.Data))
	}
	if want := []string{"classic=v2", `openapi-users= {"openapi":"3.0.0"}`}; !slices.Equal(names, want) {
		t.Errorf("Files = %q, want %q", names, want)
	}
	if !strings.HasSuffix(files[1].Entry.File, ".json") {
		t.Errorf("OpenAPI JSON stored as %s", files[1].Entry.File)
	}
	assertNoTemps(t, c.Dir)
}

func TestCaptured(t *testing.T) {
	c := &Cache{Dir: t.TempDir()}
	e, err := c.Store(Entry{Name: "granular", Kind: record.KindGranularHTML, ETag: `"a"`, LastModified: "Mon", Fetched: t0, Checked: t0}, []byte("<html>"))
	if err != nil {
		t.Fatal(err)
	}
	m, _ := c.Manifest()
	if !m.Captured().Equal(t0) {
		t.Errorf("Captured = %v, want %v", m.Captured(), t0)
	}
	// A server confirming the document current (304) later advances the
	// capture time.
	e.Checked = t1
	if err := c.Commit(m.With(e)); err != nil {
		t.Fatal(err)
	}
	if m, _ = c.Manifest(); !m.Captured().Equal(t1) {
		t.Errorf("a later check did not advance the capture time: %v", m.Captured())
	}
}

func TestCorruption(t *testing.T) {
	for _, tc := range []struct {
		name   string
		damage func(t *testing.T, dir string, e Entry)
	}{
		{"file altered", func(t *testing.T, dir string, e Entry) {
			write(t, filepath.Join(dir, e.File), "tampered")
		}},
		{"file removed", func(t *testing.T, dir string, e Entry) {
			if err := os.Remove(filepath.Join(dir, e.File)); err != nil {
				t.Fatal(err)
			}
		}},
		{"manifest not JSON", func(t *testing.T, dir string, _ Entry) {
			write(t, filepath.Join(dir, ManifestName), "{")
		}},
		{"manifest of another version", func(t *testing.T, dir string, _ Entry) {
			write(t, filepath.Join(dir, ManifestName), `{"schema_version": 99, "files": []}`)
		}},
		{"manifest escapes the directory", func(t *testing.T, dir string, _ Entry) {
			write(t, filepath.Join(dir, ManifestName), `{"schema_version": 1, "files": [{"name": "x", "file": "../../etc/passwd"}]}`)
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c := &Cache{Dir: t.TempDir()}
			e, err := c.Store(Entry{Name: "classic", Kind: record.KindClassic, Fetched: t0, Checked: t0}, []byte("v1"))
			if err != nil {
				t.Fatal(err)
			}
			tc.damage(t, c.Dir, e)
			if _, err := c.Files(); err == nil {
				t.Error("Files of a damaged cache succeeded")
			}
		})
	}
}

func TestStoreRejectsBadName(t *testing.T) {
	c := &Cache{Dir: t.TempDir()}
	if _, err := c.Store(Entry{Name: "../x"}, []byte("v")); err == nil {
		t.Fatal("Store accepted a name with a path")
	}
	entries, _ := os.ReadDir(c.Dir)
	if len(entries) != 0 {
		t.Errorf("rejected Store left %d files", len(entries))
	}
}

// TestStoreFailureKeepsOld checks that a Store that cannot write leaves the
// previous manifest and file intact.
func TestStoreFailureKeepsOld(t *testing.T) {
	if os.Getuid() == 0 {
		t.Skip("root ignores directory permissions")
	}
	c := &Cache{Dir: t.TempDir()}
	if _, err := c.Store(Entry{Name: "classic", Kind: record.KindClassic, Fetched: t0, Checked: t0}, []byte("v1")); err != nil {
		t.Fatal(err)
	}
	before := testutil.DirFiles(t, c.Dir)
	if err := os.Chmod(c.Dir, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = os.Chmod(c.Dir, 0o755) })
	if _, err := c.Store(Entry{Name: "classic", Kind: record.KindClassic, Fetched: t1, Checked: t1}, []byte("v2")); err == nil {
		t.Fatal("Store into a read-only directory succeeded")
	}
	if after := testutil.DirFiles(t, c.Dir); !maps.Equal(before, after) {
		t.Errorf("cache changed by a failed Store:\nbefore %q\nafter  %q", before, after)
	}
}

func write(t *testing.T, p, s string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}

func assertNoTemps(t *testing.T, dir string) {
	t.Helper()
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), ".tmp-") {
			t.Errorf("temporary file %s left behind", e.Name())
		}
	}
}
