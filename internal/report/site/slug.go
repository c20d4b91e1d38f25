package site

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strconv"
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
)

// maxNameLen bounds a generated file name (without extension), well under
// every common file system's 255-byte limit.
const maxNameLen = 120

// slugify turns a product name into a readable file name: lower-case
// letters and digits, runs of anything else as one '-'. It is not
// injective; uniqueSlug settles collisions.
func slugify(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimRight(b.String(), "-")
	if len(out) > maxNameLen {
		out = strings.TrimRight(out[:maxNameLen], "-")
	}
	if out == "" {
		out = "product"
	}
	return out
}

// uniqueSlug returns slug, or slug-2, slug-3... when taken, and marks it
// taken. Callers go in a stable order, so the result is deterministic.
func uniqueSlug(slug string, taken map[string]bool) string {
	out := slug
	for n := 2; taken[out]; n++ {
		out = slug + "-" + strconv.Itoa(n)
	}
	taken[out] = true
	return out
}

// scopeFileName maps a scope name to a file name (without extension)
// injectively: lower-case letters, digits, '-' and '_' stay, ':' becomes
// '.', and every other byte becomes '~' and two hex digits. So "a:b" and
// "a.b" differ, upper case cannot collide on case-insensitive file
// systems, and no name can hold a path separator or be "." or "..". The
// empty name is "~"; names too long keep a prefix and a hash.
func scopeFileName(name string) string {
	if name == "" {
		return "~"
	}
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '-', c == '_':
			b.WriteByte(c)
		case c == ':':
			b.WriteByte('.')
		default:
			fmt.Fprintf(&b, "~%02x", c)
		}
	}
	out := b.String()
	if len(out) > maxNameLen {
		sum := sha256.Sum256([]byte(name))
		cut := out[:maxNameLen-34]
		// Do not cut an escape in half.
		if i := strings.LastIndexByte(cut, '~'); i >= len(cut)-2 {
			cut = cut[:i]
		}
		out = cut + "~~" + hex.EncodeToString(sum[:16])
	}
	return out
}

// scopePagePath is a scope's page, relative to the output directory.
func scopePagePath(sc *catalog.Scope) string {
	return "scopes/" + kindDir(sc.Kind) + "/" + scopeFileName(sc.Name) + ".md"
}

// kindDir is the directory of a scope kind's pages.
func kindDir(k catalog.ScopeKind) string {
	if k == catalog.KindClassic {
		return "classic"
	}
	return "granular"
}

// relLink is the link from page from to page to, both relative to the
// output directory with '/' separators.
func relLink(from, to string) string {
	depth := strings.Count(path.Dir(from), "/")
	if path.Dir(from) != "." {
		depth++
	}
	return strings.Repeat("../", depth) + to
}

// WritePages writes pages under dir, creating directories as needed. A
// page whose path is not a plain relative path inside dir (absolute, with
// "..", or empty) is refused before anything is written.
//
// Every page is first written into a private staging folder inside dir;
// only when all are written are they moved into place, so a failed write
// (a full disk, say) leaves dir as it was. A page replaces the file at its
// path by a rename: a symbolic link there is replaced, never written
// through, and no reader sees half a page. A folder of pages that dir does
// not have yet moves in one rename; files in dir that are not pages are
// left alone. A folder inside dir that is a symbolic link leading out of
// it is refused before any page is moved.
func WritePages(dir string, pages []Page) error {
	for _, p := range pages {
		if !filepath.IsLocal(filepath.FromSlash(p.Path)) || strings.Contains(p.Path, `\`) {
			return fmt.Errorf("write pages: unsafe page path %q", p.Path)
		}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write pages: %w", err)
	}
	root, err := filepath.EvalSymlinks(dir)
	if err != nil {
		return fmt.Errorf("write pages: %w", err)
	}
	stage, err := os.MkdirTemp(dir, ".scopeplan-pages-*")
	if err != nil {
		return fmt.Errorf("write pages: %w", err)
	}
	defer os.RemoveAll(stage)
	if err := stagePages(stage, pages); err != nil {
		return fmt.Errorf("write pages: %w", err)
	}
	moved, err := prepareFolders(dir, root, pages)
	if err != nil {
		return fmt.Errorf("write pages: %w", err)
	}
	for _, d := range moved {
		if err := os.Rename(filepath.Join(stage, d), filepath.Join(dir, d)); err != nil {
			return fmt.Errorf("write pages: %w", err)
		}
	}
	for _, p := range pages {
		if underAny(path.Dir(p.Path), moved) {
			continue
		}
		rel := filepath.FromSlash(p.Path)
		if err := os.Rename(filepath.Join(stage, rel), filepath.Join(dir, rel)); err != nil {
			return fmt.Errorf("write pages: %w", err)
		}
	}
	return nil
}

// stagePages writes every page under the (new, private) folder stage.
func stagePages(stage string, pages []Page) error {
	made := map[string]bool{".": true}
	for _, p := range pages {
		if d := path.Dir(p.Path); !made[d] {
			if err := os.MkdirAll(filepath.Join(stage, filepath.FromSlash(d)), 0o755); err != nil {
				return err
			}
			made[d] = true
		}
		if err := stagePage(stage, p); err != nil {
			return err
		}
	}
	return nil
}

// stagePage writes one page under stage; the file must not exist yet.
func stagePage(stage string, p Page) error {
	f, err := os.OpenFile(filepath.Join(stage, filepath.FromSlash(p.Path)), os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("page %s: %w", p.Path, err)
	}
	_, err = f.Write(p.Content)
	if err == nil {
		err = f.Chmod(0o644) // whatever the umask, as a page always was
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", p.Path, err)
	}
	return nil
}

// prepareFolders checks the folders the pages go to, parents first: one
// dir already has must lead to a folder inside it (root is dir with its
// links resolved); one it lacks is returned, to be moved in whole from
// the staging folder (its subfolders then need nothing). Folders are
// relative, with '/' separators.
func prepareFolders(dir, root string, pages []Page) ([]string, error) {
	seen := map[string]bool{}
	var folders []string
	for _, p := range pages {
		for d := path.Dir(p.Path); d != "." && !seen[d]; d = path.Dir(d) {
			seen[d] = true
			folders = append(folders, d)
		}
	}
	// Parents first: a parent has fewer separators.
	sort.Slice(folders, func(i, j int) bool {
		if a, b := strings.Count(folders[i], "/"), strings.Count(folders[j], "/"); a != b {
			return a < b
		}
		return folders[i] < folders[j]
	})
	var moved []string
	for _, d := range folders {
		if underAny(d, moved) {
			continue
		}
		full := filepath.Join(dir, filepath.FromSlash(d))
		if _, err := os.Lstat(full); errors.Is(err, fs.ErrNotExist) {
			moved = append(moved, d)
			continue
		} else if err != nil {
			return nil, err
		}
		real, err := filepath.EvalSymlinks(full)
		if err != nil {
			return nil, err
		}
		if rel, err := filepath.Rel(root, real); err != nil || !filepath.IsLocal(rel) {
			return nil, fmt.Errorf("%s: the folder leads outside %s (a symbolic link)", full, dir)
		}
		if fi, err := os.Stat(full); err != nil {
			return nil, err
		} else if !fi.IsDir() {
			return nil, fmt.Errorf("%s: not a folder", full)
		}
	}
	return moved, nil
}

// underAny reports whether folder d is one of folders or inside one.
func underAny(d string, folders []string) bool {
	for _, f := range folders {
		if d == f || strings.HasPrefix(d, f+"/") {
			return true
		}
	}
	return false
}
