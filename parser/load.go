package parser

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/scopeplan/scopeplan/internal/readlimit"
	"github.com/scopeplan/scopeplan/parser/record"
)

// DefaultMaxSize is the largest document Load reads unless told otherwise:
// 64 MiB, several times Zoom's largest real files (a few MB each).
const DefaultMaxSize int64 = 64 << 20

// ErrTooLarge is returned for a document larger than the size limit.
var ErrTooLarge = errors.New("document is larger than the size limit")

// LoadOptions bound what Load reads.
type LoadOptions struct {
	// MaxSize is the largest document, in bytes, read; 0 means
	// DefaultMaxSize.
	MaxSize int64
}

func (o LoadOptions) maxSize() int64 {
	if o.MaxSize <= 0 {
		return DefaultMaxSize
	}
	return o.MaxSize
}

// Load is LoadWith with the default options.
func Load(spec string) ([]*record.Document, error) {
	return LoadWith(spec, LoadOptions{})
}

// LoadWith reads the documents a command-line spec names: "FILE" (kind
// detected from content), "KIND=FILE" (kind forced), or "DIR" (every
// regular, non-hidden file in the folder and its subfolders, such as Zoom's
// API hub layout <slug>/methods/endpoints.json, sorted by path, kinds
// detected; README.md files are skipped). Symbolic links inside DIR are
// followed, to files and folders, except a link to a folder already being
// read (a loop, or the same folder twice); a dangling link is an error. A
// document larger than o.MaxSize is refused with ErrTooLarge.
func LoadWith(spec string, o LoadOptions) ([]*record.Document, error) {
	return LoadContext(context.Background(), spec, o)
}

// LoadContext is LoadWith that stops between the documents of a folder
// when ctx is done, returning ctx.Err().
func LoadContext(ctx context.Context, spec string, o LoadOptions) ([]*record.Document, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var kind record.Kind
	path := spec
	if k, p, ok := strings.Cut(spec, "="); ok && !fileExists(spec) {
		pk, err := ParseKind(k)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", spec, err)
		}
		kind, path = pk, p
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("read document: %w", err)
	}
	if !info.IsDir() {
		d, err := loadFile(path, kind, o)
		if err != nil {
			return nil, err
		}
		return []*record.Document{d}, nil
	}
	names, err := folderFiles(path)
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: folder holds no documents", path)
	}
	var docs []*record.Document
	for _, n := range names {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		d, err := loadFile(n, kind, o)
		if err != nil {
			return nil, err
		}
		docs = append(docs, d)
	}
	return docs, nil
}

// LoadFile reads and parses one file, within DefaultMaxSize; an empty kind
// means detect it.
func LoadFile(path string, kind record.Kind) (*record.Document, error) {
	return loadFile(path, kind, LoadOptions{})
}

func loadFile(path string, kind record.Kind, o LoadOptions) (*record.Document, error) {
	data, err := readLimited(path, o.maxSize())
	if err != nil {
		return nil, err
	}
	return Parse(path, data, kind)
}

// readLimited reads a document of at most limit bytes, refusing a huge or
// endless file (a device, a pipe) without reading it whole.
func readLimited(path string, limit int64) ([]byte, error) {
	data, err := readlimit.Path(path, limit)
	var tl *readlimit.TooLargeError
	switch {
	case errors.As(err, &tl):
		return nil, tooLarge(path, tl.Size, limit)
	case err != nil:
		return nil, fmt.Errorf("read document: %w", err)
	}
	return data, nil
}

func tooLarge(path string, size, limit int64) error {
	what := "more than " + strconv.FormatInt(limit, 10) + " bytes"
	if size >= 0 {
		what = strconv.FormatInt(size, 10) + " bytes"
	}
	return fmt.Errorf("%s: %w (%s; the limit is %d bytes: raise it with --max-doc-size or SCOPEPLAN_MAX_DOC_SIZE)", path, ErrTooLarge, what, limit)
}

// ParseSize reads a size such as "64MB", "64MiB", "512kb" or "1000000"
// (bytes); K, M and G count in 1024s. It must be positive and at most 1 TiB.
func ParseSize(s string) (int64, error) {
	t := strings.ToUpper(strings.TrimSpace(s))
	mult := int64(1)
	for _, u := range []struct {
		suffix string
		mult   int64
	}{{"KIB", 1 << 10}, {"MIB", 1 << 20}, {"GIB", 1 << 30}, {"KB", 1 << 10}, {"MB", 1 << 20}, {"GB", 1 << 30}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}} {
		if strings.HasSuffix(t, u.suffix) {
			t, mult = strings.TrimSpace(strings.TrimSuffix(t, u.suffix)), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(t, 10, 64)
	if err != nil || n <= 0 || n > (1<<40)/mult {
		return 0, fmt.Errorf("size %q: want a positive number of bytes up to 1 TiB, such as 64MB", s)
	}
	return n * mult, nil
}

func fileExists(p string) bool {
	_, err := os.Stat(p)
	return !errors.Is(err, fs.ErrNotExist)
}

// folderFiles lists the documents under a folder, recursively, sorted by
// path: regular files only (symbolic links followed), hidden files and
// folders and README.md files skipped.
func folderFiles(root string) ([]string, error) {
	w := walker{seen: map[string]bool{}}
	if err := w.walk(root); err != nil {
		return nil, fmt.Errorf("read document folder: %w", err)
	}
	sort.Strings(w.names)
	return w.names, nil
}

// walker walks a folder tree following symbolic links; seen holds the
// resolved path of every folder entered, so a link back to one (a loop,
// or a second link to the same folder) is not entered again.
type walker struct {
	seen  map[string]bool
	names []string
}

func (w *walker) walk(dir string) error {
	real, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return err
	}
	if abs, err := filepath.Abs(real); err == nil {
		real = abs
	}
	if w.seen[real] {
		return nil
	}
	w.seen[real] = true
	entries, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, e := range entries {
		name := e.Name()
		if strings.HasPrefix(name, ".") {
			continue
		}
		p := filepath.Join(dir, name)
		mode := e.Type()
		if mode&fs.ModeSymlink != 0 {
			info, err := os.Stat(p)
			if err != nil {
				return fmt.Errorf("%s: symbolic link to a missing or unreadable target: %w", p, err)
			}
			mode = info.Mode().Type()
		}
		switch {
		case mode.IsDir():
			if err := w.walk(p); err != nil {
				return err
			}
		case mode.IsRegular() && !strings.EqualFold(name, "README.md"):
			w.names = append(w.names, p)
		}
	}
	return nil
}
