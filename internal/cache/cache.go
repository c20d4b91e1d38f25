// Package cache keeps the scope documents `scopeplan update` downloads in
// the user's cache directory, with a manifest that records where each one
// came from and when it was last confirmed current.
//
// The layout of a cache directory is:
//
//	manifest.json              the Manifest, JSON
//	<name>-<sha256[:12]>.<ext> one file per Entry, named by its content
//	catalog.bin                the catalog compiled from the entries (see CompiledName)
//	lock                       held by the run writing to the directory (see Lock)
//
// Every change is atomic. A document's bytes go to a new file (written to a
// temporary file in the same directory, synced, then renamed), and only then
// is the manifest replaced the same way. The manifest's rename is the commit
// point: a download that fails, or a process that dies half way, leaves the
// previous manifest and the files it names untouched.
//
// Writers take the directory's lock (Lock) and stage their files with Put,
// then switch the manifest once with Commit; files the previous manifest
// named stay for readers that read it, until the next writer's
// RemoveOrphans. Store, the one-entry shortcut, commits at once and removes
// the file it replaces.
//
// A Cache is only a directory name: it holds no open files and no state of
// its own, so two values for the same directory see the same data.
package cache

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/scopeplan/scopeplan/parser/record"
)

// EnvDir is the environment variable that overrides the default cache
// directory.
const EnvDir = "SCOPEPLAN_CACHE_DIR"

// ManifestName is the manifest's file name inside the cache directory.
const ManifestName = "manifest.json"

// SchemaVersion is the version of the manifest's shape.
const SchemaVersion = 1

// maxNameLen bounds an entry name.
const maxNameLen = 64

// Entry describes one cached document.
type Entry struct {
	// Name identifies the document's source ("granular", "meetings"). It
	// is also the stem of the file name, so it is restricted to ASCII
	// letters, digits, '-', '_' and '.' (see ValidName).
	Name string `json:"name"`
	// File is the document's file name inside the cache directory. Store
	// sets it.
	File string `json:"file"`
	// URL is where the document was downloaded from.
	URL string `json:"url"`
	// FinalURL is where the body came from after redirects, when the
	// request was redirected.
	FinalURL string `json:"final_url,omitempty"`
	// Kind is the parser kind the document was validated with.
	Kind record.Kind `json:"kind"`
	// Converted names the conversion applied to the downloaded bytes
	// before they were stored ("html-text" for an HTML page kept as the
	// text the parser reads); empty when the bytes are stored as served.
	Converted string `json:"converted,omitempty"`
	// ETag and LastModified are the validators the server sent with the
	// stored version, for conditional requests.
	ETag         string `json:"etag,omitempty"`
	LastModified string `json:"last_modified,omitempty"`
	// SHA256 and Size describe the stored bytes. Store sets them.
	SHA256 string `json:"sha256"`
	Size   int64  `json:"size"`
	// Fetched is when the stored bytes were downloaded; Checked is the
	// last time the server confirmed them current (a download or a 304).
	Fetched time.Time `json:"fetched"`
	Checked time.Time `json:"checked"`
}

// Manifest lists the cached documents, sorted by name.
type Manifest struct {
	SchemaVersion int     `json:"schema_version"`
	Entries       []Entry `json:"files"`
}

// Lookup returns the entry of the given name.
func (m Manifest) Lookup(name string) (Entry, bool) {
	for _, e := range m.Entries {
		if e.Name == name {
			return e, true
		}
	}
	return Entry{}, false
}

// Captured is the last time any cached document was confirmed current; the
// zero time for an empty manifest.
func (m Manifest) Captured() time.Time {
	var t time.Time
	for _, e := range m.Entries {
		if e.Checked.After(t) {
			t = e.Checked
		}
	}
	return t
}

// File is one cached document with its bytes.
type File struct {
	Entry Entry
	// Path is the file's path: the cache directory joined with Entry.File.
	Path string
	Data []byte
}

// Cache is a cache directory.
type Cache struct {
	// Dir is the directory. It need not exist until the first Store.
	Dir string
}

// DefaultDir returns the cache directory to use when none is given: the
// value of SCOPEPLAN_CACHE_DIR when set, else "scopeplan" inside the
// user's cache directory (os.UserCacheDir).
func DefaultDir() (string, error) {
	if d := os.Getenv(EnvDir); d != "" {
		return d, nil
	}
	base, err := os.UserCacheDir()
	if err != nil {
		return "", fmt.Errorf("cache directory: %w (set %s)", err, EnvDir)
	}
	return filepath.Join(base, "scopeplan"), nil
}

// Open returns the cache in dir, or in DefaultDir when dir is empty. It
// does not create the directory; a missing directory is an empty cache.
func Open(dir string) (*Cache, error) {
	if dir == "" {
		d, err := DefaultDir()
		if err != nil {
			return nil, err
		}
		dir = d
	}
	return &Cache{Dir: dir}, nil
}

// ValidName reports whether name can name an entry: 1 to 64 ASCII letters,
// digits, '-', '_' or '.', not starting with '.' or '-'.
func ValidName(name string) bool {
	if name == "" || len(name) > maxNameLen || name[0] == '.' || name[0] == '-' {
		return false
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return true
}

// Manifest reads the manifest. A missing cache directory or manifest is an
// empty manifest, not an error.
func (c *Cache) Manifest() (Manifest, error) {
	b, err := os.ReadFile(filepath.Join(c.Dir, ManifestName))
	if errors.Is(err, fs.ErrNotExist) {
		return Manifest{SchemaVersion: SchemaVersion}, nil
	}
	if err != nil {
		return Manifest{}, fmt.Errorf("read cache manifest: %w", err)
	}
	var m Manifest
	if err := json.Unmarshal(b, &m); err != nil {
		return Manifest{}, fmt.Errorf("read cache manifest %s: %w", filepath.Join(c.Dir, ManifestName), err)
	}
	if m.SchemaVersion != SchemaVersion {
		return Manifest{}, fmt.Errorf("read cache manifest %s: schema version %d, want %d",
			filepath.Join(c.Dir, ManifestName), m.SchemaVersion, SchemaVersion)
	}
	for _, e := range m.Entries {
		if !ValidName(e.Name) || !validFile(e.File) {
			return Manifest{}, fmt.Errorf("read cache manifest %s: bad entry %q (file %q)",
				filepath.Join(c.Dir, ManifestName), e.Name, e.File)
		}
	}
	return m, nil
}

// validFile reports whether a manifest's file name stays inside the cache
// directory.
func validFile(f string) bool {
	return f != "" && f != ManifestName && filepath.Base(f) == f && !strings.HasPrefix(f, ".")
}

// Read returns the entry of the given name and its bytes, checked against
// the manifest's sha256. ok is false when there is no such entry.
func (c *Cache) Read(name string) (f File, ok bool, err error) {
	m, err := c.Manifest()
	if err != nil {
		return File{}, false, err
	}
	e, ok := m.Lookup(name)
	if !ok {
		return File{}, false, nil
	}
	f, err = c.read(e)
	return f, true, err
}

// read loads and verifies one entry's file.
func (c *Cache) read(e Entry) (File, error) {
	p := filepath.Join(c.Dir, e.File)
	b, err := os.ReadFile(p)
	if err != nil {
		return File{}, fmt.Errorf("read cached %s: %w", e.Name, err)
	}
	if got := Sum(b); got != e.SHA256 {
		return File{}, fmt.Errorf("read cached %s: %s has sha256 %s, manifest says %s", e.Name, p, got, e.SHA256)
	}
	return File{Entry: e, Path: p, Data: b}, nil
}

// Files returns every cached document, sorted by name. Any missing or
// altered file is an error: a cache is used whole or not at all.
func (c *Cache) Files() ([]File, error) {
	m, err := c.Manifest()
	if err != nil {
		return nil, err
	}
	out := make([]File, 0, len(m.Entries))
	for _, e := range m.Entries {
		f, err := c.read(e)
		if err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, nil
}

// Sum returns the hex sha256 of b, as the manifest records it.
func Sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// Store saves data as the document e describes, replacing any entry of the
// same name, and returns the entry as recorded (File, SHA256 and Size
// set). e.Name must be valid; the directory is created when missing.
func (c *Cache) Store(e Entry, data []byte) (Entry, error) {
	m, err := c.Manifest()
	if err != nil {
		return Entry{}, fmt.Errorf("store %s: %w", e.Name, err)
	}
	if e, err = c.Put(e, data); err != nil {
		return Entry{}, err
	}
	old, hadOld := m.Lookup(e.Name)
	if err := c.commit(m.with(e)); err != nil {
		if !hadOld || old.File != e.File {
			_ = os.Remove(filepath.Join(c.Dir, e.File)) // not named by any manifest
		}
		return Entry{}, fmt.Errorf("store %s: %w", e.Name, err)
	}
	if hadOld && old.File != e.File && !m.names(old.File, e.Name) {
		// Best effort: a file left behind is harmless, the manifest no
		// longer names it.
		_ = os.Remove(filepath.Join(c.Dir, old.File))
	}
	return e, nil
}

// with returns a copy of m with e added or replacing the entry of its name.
func (m Manifest) with(e Entry) Manifest {
	out := Manifest{SchemaVersion: SchemaVersion}
	for _, x := range m.Entries {
		if x.Name != e.Name {
			out.Entries = append(out.Entries, x)
		}
	}
	out.Entries = append(out.Entries, e)
	sort.Slice(out.Entries, func(i, j int) bool { return out.Entries[i].Name < out.Entries[j].Name })
	return out
}

// names reports whether an entry other than except uses file.
func (m Manifest) names(file, except string) bool {
	for _, e := range m.Entries {
		if e.Name != except && e.File == file {
			return true
		}
	}
	return false
}

// commit replaces the manifest atomically.
func (c *Cache) commit(m Manifest) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encode cache manifest: %w", err)
	}
	return writeAtomic(c.Dir, ManifestName, append(b, '\n'))
}

// FileName is the name Store gives the file of a document: the entry name,
// the first 12 hex digits of the content's sha256 and an extension chosen
// by kind. Callers use it to parse a document under the path it will have
// once stored.
func FileName(name string, kind record.Kind, data []byte) string {
	return name + "-" + Sum(data)[:12] + extension(kind, data)
}

// extension picks a file extension from the kind (and, for OpenAPI, from
// whether the document is JSON or YAML).
func extension(kind record.Kind, data []byte) string {
	switch kind {
	case record.KindGranularHTML:
		return ".html"
	case record.KindGranularMD:
		return ".md"
	case record.KindOpenAPI, record.KindPostman:
		if t := strings.TrimLeft(string(data[:min(len(data), 512)]), " \t\r\n\ufeff"); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
			return ".json"
		}
		if kind == record.KindOpenAPI {
			return ".yaml"
		}
	}
	return ".txt"
}

// writeAtomic writes data to dir/name through a synced temporary file in
// dir and a rename, then syncs dir, so that dir/name holds either its old
// bytes or all of the new ones.
func writeAtomic(dir, name string, data []byte) (err error) {
	tmp, err := os.CreateTemp(dir, "."+name+".tmp-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	defer func() {
		if err != nil {
			_ = tmp.Close()
			_ = os.Remove(tmp.Name())
		}
	}()
	if _, err = tmp.Write(data); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("write %s: sync: %w", name, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("write %s: close: %w", name, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	if err = os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		return fmt.Errorf("write %s: %w", name, err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes a rename in dir durable where the platform allows it.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync() // not supported everywhere (Windows); the rename stands anyway
	_ = d.Close()
}
