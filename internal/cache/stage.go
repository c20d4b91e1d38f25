package cache

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// CompiledName is the file, beside the cached documents, that holds the
// catalog compiled from them (see package internal/snapshot). It is named
// by no manifest entry; its own header says which documents it was built
// from.
const CompiledName = "catalog.bin"

// Put writes data as the file of the document e describes and returns the
// entry with File, SHA256 and Size set, without touching the manifest: the
// document becomes part of the cache only when a manifest naming it is
// committed (see Commit). A file no manifest names is an orphan that
// RemoveOrphans deletes.
func (c *Cache) Put(e Entry, data []byte) (Entry, error) {
	if !ValidName(e.Name) {
		return Entry{}, fmt.Errorf("store %q: invalid cache entry name", e.Name)
	}
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return Entry{}, fmt.Errorf("store %s: %w", e.Name, err)
	}
	e.SHA256 = Sum(data)
	e.Size = int64(len(data))
	e.File = FileName(e.Name, e.Kind, data)
	if err := writeAtomic(c.Dir, e.File, data); err != nil {
		return Entry{}, fmt.Errorf("store %s: %w", e.Name, err)
	}
	return e, nil
}

// Commit replaces the manifest with m in one atomic rename, after checking
// that every file m names is present with the size m records: a reader
// never sees a manifest naming a missing file. Files the previous manifest
// named and m does not are left for RemoveOrphans, so that a reader that
// read the previous manifest can still read them.
func (c *Cache) Commit(m Manifest) error {
	m.SchemaVersion = SchemaVersion
	seen := map[string]bool{}
	for _, e := range m.Entries {
		if !ValidName(e.Name) || !validFile(e.File) {
			return fmt.Errorf("commit cache manifest: bad entry %q (file %q)", e.Name, e.File)
		}
		if seen[e.Name] {
			return fmt.Errorf("commit cache manifest: entry %s twice", e.Name)
		}
		seen[e.Name] = true
		fi, err := os.Stat(filepath.Join(c.Dir, e.File))
		if err != nil {
			return fmt.Errorf("commit cache manifest: %w", err)
		}
		if fi.Size() != e.Size {
			return fmt.Errorf("commit cache manifest: %s has %d bytes, entry says %d", e.File, fi.Size(), e.Size)
		}
	}
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return fmt.Errorf("commit cache manifest: %w", err)
	}
	return c.commit(m.sorted())
}

// sorted returns m with its entries sorted by name.
func (m Manifest) sorted() Manifest {
	out := Manifest{SchemaVersion: SchemaVersion}
	for _, e := range m.Entries {
		out = out.with(e)
	}
	return out
}

// With returns a copy of m with e added, or replacing the entry of its
// name.
func (m Manifest) With(e Entry) Manifest { return m.with(e) }

// RemoveOrphans deletes the files in the cache directory that the current
// manifest does not name: documents replaced by an earlier run, and
// temporary files of runs that died. The manifest, the compiled catalog
// and the lock file stay. It returns the names removed. Call it only while
// holding the lock (see Lock), so that no other run's staged files are
// taken for orphans.
func (c *Cache) RemoveOrphans() ([]string, error) {
	m, err := c.Manifest()
	if err != nil {
		return nil, err
	}
	entries, err := os.ReadDir(c.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("remove orphans: %w", err)
	}
	keep := map[string]bool{ManifestName: true, CompiledName: true, LockName: true, LockName + ".held": true}
	for _, e := range m.Entries {
		keep[e.File] = true
	}
	var removed []string
	for _, de := range entries {
		n := de.Name()
		if keep[n] || !de.Type().IsRegular() {
			continue
		}
		// A compiled catalog being written by a reader (see
		// WriteCompiled) is not an orphan.
		if strings.HasPrefix(n, "."+CompiledName+".tmp-") {
			continue
		}
		if err := os.Remove(filepath.Join(c.Dir, n)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, fmt.Errorf("remove orphans: %w", err)
		}
		removed = append(removed, n)
	}
	return removed, nil
}

// ReadCompiled returns the bytes of the compiled catalog; ok is false when
// there is none.
func (c *Cache) ReadCompiled() (b []byte, ok bool, err error) {
	b, err = os.ReadFile(filepath.Join(c.Dir, CompiledName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read compiled catalog: %w", err)
	}
	return b, true, nil
}

// OpenCompiled opens the compiled catalog for reading part of it; ok is
// false when there is none.
func (c *Cache) OpenCompiled() (f *os.File, ok bool, err error) {
	f, err = os.Open(filepath.Join(c.Dir, CompiledName))
	if errors.Is(err, fs.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("read compiled catalog: %w", err)
	}
	return f, true, nil
}

// WriteCompiled replaces the compiled catalog atomically. Readers may call
// it without the lock: the rename makes the last complete write win.
func (c *Cache) WriteCompiled(b []byte) error {
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return fmt.Errorf("write compiled catalog: %w", err)
	}
	return writeAtomic(c.Dir, CompiledName, b)
}

// ReadEntry returns the bytes of the file e names, checked against e's
// sha256.
func (c *Cache) ReadEntry(e Entry) (File, error) { return c.read(e) }

// Names reports whether an entry of m uses the file.
func (m Manifest) Names(file string) bool { return m.names(file, "") }
