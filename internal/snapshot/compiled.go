package snapshot

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"runtime/debug"
	"strconv"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
)

// The compiled cache: `scopeplan update` stores, beside the documents it
// downloads (file cache.CompiledName), the catalog built from them in the
// embedded snapshot's form, so that commands load it as fast as the
// embedded data. Its header holds a key (CacheKey) derived from the
// digests the manifest records, the embedded data and the binary that
// built it, and a CRC-32C of each part. A compiled catalog whose key
// differs from the current one (stale) or whose bytes do not check out
// (corrupt) is never used: the catalog is rebuilt from the documents and
// the compiled file rewritten.

// compiledMagic starts a compiled cache file; it changes with the layout.
const compiledMagic = "SPCACHE1\n"

// castagnoli is the CRC-32C table (hardware-accelerated on common CPUs).
func castagnoli() *crc32.Table { return crc32.MakeTable(crc32.Castagnoli) }

// errStale reports a compiled catalog built from other documents or by
// another binary.
var errStale = errors.New("compiled catalog is stale")

// CacheKey returns the key a compiled catalog of the documents m lists
// must carry: a digest of the compiled layout, the binary that builds and
// reads it (with its embedded data, which fills in what the cache lacks)
// and each entry's name, kind and sha256.
func CacheKey(m cache.Manifest) string {
	h := sha256.New()
	w := func(s string) { h.Write([]byte(s)); h.Write([]byte{0}) }
	w(compiledMagic)
	w(coreMagic)
	w(binaryIdentity())
	for _, e := range m.Entries {
		w(e.Name)
		w(string(e.Kind))
		w(e.SHA256)
	}
	return hex.EncodeToString(h.Sum(nil))
}

// binaryIdentity names the running binary: its build's module version and
// VCS revision, and the executable's size and modification time (which
// change with every build, so a rebuilt scopeplan never trusts a catalog
// compiled by the previous one). The embedded data is part of the binary;
// only when the executable cannot be found is its digest hashed instead.
func binaryIdentity() string {
	id := ""
	if bi, ok := debug.ReadBuildInfo(); ok {
		id = bi.Main.Path + "@" + bi.Main.Version
		for _, s := range bi.Settings {
			if s.Key == "vcs.revision" || s.Key == "vcs.modified" {
				id += " " + s.Value
			}
		}
	}
	if exe, err := os.Executable(); err == nil {
		if fi, err := os.Stat(exe); err == nil {
			return id + " " + exe + " " + strconv.FormatInt(fi.Size(), 10) + " " + strconv.FormatInt(fi.ModTime().UnixNano(), 10)
		}
	}
	return id + " " + data.Digest()
}

// EncodeCompiled writes a snapshot as a compiled cache file under key.
func EncodeCompiled(s *Snapshot, key string) ([]byte, error) {
	var snap bytes.Buffer
	if err := Encode(&snap, s); err != nil {
		return nil, err
	}
	core, rest, err := split(snap.Bytes())
	if err != nil {
		return nil, err
	}
	t := castagnoli()
	out := []byte(compiledMagic)
	out = binary.AppendUvarint(out, uint64(len(key)))
	out = append(out, key...)
	out = binary.BigEndian.AppendUint32(out, crc32.Checksum(core, t))
	out = binary.BigEndian.AppendUint32(out, crc32.Checksum(rest, t))
	return append(out, snap.Bytes()...), nil
}

// DecodeCompiled reads a compiled cache file, checking that it carries key
// and that its parts are intact; the rest is decoded only when full is
// set.
func DecodeCompiled(b []byte, key string, full bool) (*Snapshot, error) {
	if !bytes.HasPrefix(b, []byte(compiledMagic)) {
		return nil, fmt.Errorf("decode compiled catalog: not a compiled catalog: %w", errCorrupt)
	}
	b = b[len(compiledMagic):]
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return nil, fmt.Errorf("decode compiled catalog: %w", errCorrupt)
	}
	if got := string(b[k : k+int(n)]); got != key {
		return nil, errStale
	}
	b = b[k+int(n):]
	if len(b) < 8 {
		return nil, fmt.Errorf("decode compiled catalog: %w", errCorrupt)
	}
	coreSum, restSum := binary.BigEndian.Uint32(b), binary.BigEndian.Uint32(b[4:])
	core, rest, err := split(b[8:])
	if err != nil {
		return nil, err
	}
	t := castagnoli()
	if crc32.Checksum(core, t) != coreSum || (full && crc32.Checksum(rest, t) != restSum) {
		return nil, fmt.Errorf("decode compiled catalog: checksum mismatch: %w", errCorrupt)
	}
	c, err := DecodeCore(core)
	if err != nil {
		return nil, err
	}
	return withRest(c, rest, full)
}

// Compile builds the catalog commands use with the cache whose manifest
// is m and whose parsed documents are cached (the cached documents and
// the embedded ones they do not replace, see loader.MergeCached), computes
// its findings with f (none when f is nil), and stores both as the
// cache's compiled catalog. It returns what it built: the catalog, the
// documents it was built from and the stored findings. An error after the
// catalog was built (the file could not be written) comes with the built
// values.
func Compile(c *cache.Cache, m cache.Manifest, cached []*record.Document, f FindingsFunc) (*Compiled, error) {
	embedded, err := loader.Embedded(context.Background())
	if err != nil {
		return nil, err
	}
	docs := loader.MergeCached(embedded, cached)
	cat, err := catalog.Build(docs)
	if err != nil {
		return nil, fmt.Errorf("compile cache %s: %w", c.Dir, err)
	}
	key := CacheKey(m)
	s := Build(cat, key, f)
	out := &Compiled{Catalog: cat, Documents: docs, Stored: s.Stored()}
	b, err := EncodeCompiled(s, key)
	if err != nil {
		return out, fmt.Errorf("compile cache %s: %w", c.Dir, err)
	}
	if err := c.WriteCompiled(b); err != nil {
		return out, fmt.Errorf("compile cache %s: %w", c.Dir, err)
	}
	return out, nil
}

// Compiled is what Compile built.
type Compiled struct {
	Catalog   *catalog.Catalog
	Documents []*record.Document
	Stored    Stored
}

// CacheStatus says what FromCache found.
type CacheStatus int

// What FromCache found.
const (
	// CacheNotUsed: no cache, a cache no newer than the embedded data,
	// --docs given, or an --add-docs document that fails (the caller's
	// own load reports it).
	CacheNotUsed CacheStatus = iota
	// CacheUsed: the catalog comes from the cache.
	CacheUsed
	// CacheBroken: a cache is there but cannot be read; the error says
	// why and the caller falls back to the embedded data.
	CacheBroken
)

// FromCache loads the catalog from the cache in dir (the default cache
// directory when empty) when the cache applies: no Docs are given and the
// cache holds documents confirmed current after the embedded data's date.
// Without AddDocs it loads the compiled catalog when it is current and
// intact (its rest only when full is set), else it rebuilds the catalog
// from the cached documents and rewrites the compiled file (with the
// findings f computes); Stored is then what the compiled file holds. With
// AddDocs, it parses the cached documents and builds with the added ones
// (Stored empty). A cache that
// applies but cannot be read, parsed or built is CacheBroken, with the
// reason ("cache at DIR is unreadable: ..."). It returns the identities
// of the documents the catalog was built from. When ctx is done it stops
// between documents with CacheBroken and an error that wraps ctx.Err().
func FromCache(ctx context.Context, o loader.Options, dir string, full bool, f FindingsFunc) (*catalog.Catalog, []loader.DocInfo, Stored, CacheStatus, error) {
	if len(o.Docs) > 0 {
		return nil, nil, Stored{}, CacheNotUsed, nil
	}
	c, err := cache.Open(dir)
	if err != nil {
		return nil, nil, Stored{}, CacheNotUsed, nil
	}
	broken := func(err error) (*catalog.Catalog, []loader.DocInfo, Stored, CacheStatus, error) {
		return nil, nil, Stored{}, CacheBroken, fmt.Errorf("cache at %s is unreadable: %w", c.Dir, err)
	}
	m, err := c.Manifest()
	if err != nil {
		return broken(err)
	}
	since, err := loader.EmbeddedDate()
	if err != nil || len(m.Entries) == 0 || !m.Captured().After(since) {
		return nil, nil, Stored{}, CacheNotUsed, nil
	}
	key := CacheKey(m)
	if len(o.AddDocs) == 0 {
		if b, err := readCompiled(c, full); err == nil {
			if s, err := DecodeCompiled(b, key, full); err == nil {
				if cat, err := s.Catalog(); err == nil {
					return cat, s.Core.Docs, s.Stored(), CacheUsed, nil
				}
			}
		}
	}
	cached, err := parseCached(ctx, c, m)
	for try := 0; err != nil && try < 3; try++ {
		// An update may have switched the manifest and removed the
		// files of an older one meanwhile: read the new one.
		again, merr := c.Manifest()
		if merr != nil || sameFiles(again, m) {
			break
		}
		m = again
		cached, err = parseCached(ctx, c, m)
	}
	if err != nil {
		return broken(err)
	}
	if len(o.AddDocs) == 0 {
		// A compiled file that cannot be written (a read-only cache) is
		// no reason to give up the catalog just built.
		built, err := Compile(c, m, cached, f)
		if built == nil {
			return broken(err)
		}
		return built.Catalog, loader.Infos(built.Documents), built.Stored, CacheUsed, nil
	}
	embedded, err := loader.Embedded(ctx)
	if err != nil {
		return nil, nil, Stored{}, CacheNotUsed, nil
	}
	added, err := o.ReadSpecs(ctx, o.AddDocs)
	if err != nil {
		return nil, nil, Stored{}, CacheNotUsed, nil
	}
	docs := append(loader.MergeCached(embedded, cached), added...)
	cat, err := catalog.Build(docs)
	if err != nil {
		return nil, nil, Stored{}, CacheNotUsed, nil
	}
	return cat, loader.Infos(docs), Stored{}, CacheUsed, nil
}

// readCompiled reads the cache's compiled catalog: all of it when full is
// set, else only up to the end of its core (the rest, the larger part, is
// then cut off and its checksum not checked).
func readCompiled(c *cache.Cache, full bool) ([]byte, error) {
	if full {
		b, ok, err := c.ReadCompiled()
		if err == nil && !ok {
			err = errors.New("no compiled catalog")
		}
		return b, err
	}
	f, ok, err := c.OpenCompiled()
	if err != nil || !ok {
		return nil, errors.Join(err, errors.New("no compiled catalog"))
	}
	defer f.Close()
	// The header (magic, key, checksums, core length) fits in 256 bytes
	// for any key CacheKey makes.
	head := make([]byte, 256)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) {
		return nil, err
	}
	head = head[:n]
	end, err := coreEnd(head)
	if err != nil {
		return nil, err
	}
	if end <= len(head) {
		return head[:end], nil
	}
	b := make([]byte, end)
	copy(b, head)
	if _, err := io.ReadFull(f, b[len(head):]); err != nil {
		return nil, fmt.Errorf("read compiled catalog: %w", err)
	}
	return b, nil
}

// coreEnd returns the offset where a compiled file's core ends, from its
// header.
func coreEnd(b []byte) (int, error) {
	if !bytes.HasPrefix(b, []byte(compiledMagic)) {
		return 0, errCorrupt
	}
	off := len(compiledMagic)
	n, k := binary.Uvarint(b[off:])
	if k <= 0 || n > 1<<10 {
		return 0, errCorrupt
	}
	off += k + int(n) + 8
	if off >= len(b) {
		return 0, errCorrupt
	}
	c, k := binary.Uvarint(b[off:])
	if k <= 0 || c > 1<<31 {
		return 0, errCorrupt
	}
	return off + k + int(c), nil
}

// sameFiles reports whether two manifests name the same files.
func sameFiles(a, b cache.Manifest) bool {
	if len(a.Entries) != len(b.Entries) {
		return false
	}
	for i := range a.Entries {
		if a.Entries[i].File != b.Entries[i].File {
			return false
		}
	}
	return true
}

// parseCached reads and parses every document m lists, each checked
// against its digest, stopping when ctx is done.
func parseCached(ctx context.Context, c *cache.Cache, m cache.Manifest) ([]*record.Document, error) {
	var docs []*record.Document
	for _, e := range m.Entries {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		f, err := c.ReadEntry(e)
		if err != nil {
			return nil, err
		}
		d, err := parser.Parse(f.Path, f.Data, e.Kind)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}
