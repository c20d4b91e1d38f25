package site

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path"
	"path/filepath"
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
	for _, p := range pages {
		full := filepath.Join(dir, filepath.FromSlash(p.Path))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			return fmt.Errorf("write pages: %w", err)
		}
		// A folder inside dir that is a link leading out of it is refused.
		real, err := filepath.EvalSymlinks(filepath.Dir(full))
		if err != nil {
			return fmt.Errorf("write pages: %w", err)
		}
		if rel, err := filepath.Rel(root, real); err != nil || !filepath.IsLocal(rel) {
			return fmt.Errorf("write pages: %s: the folder leads outside %s (a symbolic link)", filepath.Dir(full), dir)
		}
		if err := replaceFile(full, p.Content); err != nil {
			return fmt.Errorf("write pages: %w", err)
		}
	}
	return nil
}

// replaceFile writes a file through a temporary file renamed into place:
// a symbolic link at path is replaced, never written through, and a failed
// write leaves the old file whole.
func replaceFile(path string, content []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name()) // fails harmlessly once renamed
	if _, err := tmp.Write(content); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
