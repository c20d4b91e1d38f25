package site

import (
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
)

func TestScopeFileName(t *testing.T) {
	tests := []struct{ name, want string }{
		{"user:read:user:admin", "user.read.user.admin"},
		{"meeting:read", "meeting.read"},
		{"a.b", "a~2eb"},
		{"a:b", "a.b"},
		{"User:Read", "~55ser.~52ead"},
		{"../../etc/passwd", "~2e~2e~2f~2e~2e~2fetc~2fpasswd"},
		{"..", "~2e~2e"},
		{"::", ".."},
		{"a/b\\c", "a~2fb~5cc"},
		{"x y", "x~20y"},
		{"~", "~7e"},
		{"", "~"},
		{"é", "~c3~a9"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := scopeFileName(tt.name); got != tt.want {
				t.Errorf("scopeFileName(%q) = %q, want %q", tt.name, got, tt.want)
			}
		})
	}
}

// TestScopeFileNameInjective: distinct names never share a page, even on
// case-insensitive file systems, and long names stay short.
func TestScopeFileNameInjective(t *testing.T) {
	long := strings.Repeat("x:read:", 50)
	names := []string{"a:b", "a.b", "a~2eb", "A:b", "a:B", "", "~", "..", "::", ".", ":", long, long + "y", long + "z", "~~", "a~"}
	seen := map[string]string{}
	for _, n := range names {
		f := strings.ToLower(scopeFileName(n))
		if other, dup := seen[f]; dup {
			t.Errorf("%q and %q both map to %q", n, other, f)
		}
		seen[f] = n
		if len(f) > maxNameLen {
			t.Errorf("%q maps to a %d-byte name", n, len(f))
		}
		if p := scopePagePath(&catalog.Scope{Name: n}); !filepath.IsLocal(p) || strings.Count(p, "/") != 2 {
			t.Errorf("%q maps to page path %q", n, p)
		}
	}
}

func TestSlugify(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Zoom User", "zoom-user"},
		{"Conference Room Connector (CRC)", "conference-room-connector-crc"},
		{"  --  ", "product"},
		{"../../etc", "etc"},
		{"<script>alert(1)</script>", "script-alert-1-script"},
		{strings.Repeat("ab ", 100), strings.TrimRight(strings.Repeat("ab-", 40), "-")},
	}
	for _, tt := range tests {
		if got := slugify(tt.in); got != tt.want {
			t.Errorf("slugify(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	taken := map[string]bool{}
	got := []string{uniqueSlug("a", taken), uniqueSlug("a", taken), uniqueSlug("a-2", taken), uniqueSlug("a", taken)}
	if strings.Join(got, " ") != "a a-2 a-2-2 a-3" {
		t.Errorf("uniqueSlug sequence = %q", got)
	}
}

func TestRelLink(t *testing.T) {
	tests := []struct{ from, to, want string }{
		{"index.md", "products/x.md", "products/x.md"},
		{"products/x.md", "index.md", "../index.md"},
		{"scopes/granular/a.md", "index.md", "../../index.md"},
		{"scopes/granular/a.md", "scopes/classic/b.md", "../../scopes/classic/b.md"},
	}
	for _, tt := range tests {
		if got := relLink(tt.from, tt.to); got != tt.want {
			t.Errorf("relLink(%q, %q) = %q, want %q", tt.from, tt.to, got, tt.want)
		}
	}
}

func TestSafeURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"/docs/api/rest/reference/user/methods/#operation/user", "https://developers.zoom.us/docs/api/rest/reference/user/methods/#operation/user"},
		{"https://developers.zoom.us/x", "https://developers.zoom.us/x"},
		{"javascript:alert(1)", ""},
		{"JaVaScRiPt:alert(1)", ""},
		{"data:text/html,<script>", ""},
		{"//evil.example/x", ""},
		{"relative/path", ""},
		{"/x#a|b) [c] <d>", "https://developers.zoom.us/x#a%7Cb%29%20%5Bc%5D%20%3Cd%3E"},
		{"/docs/#operation/GetanAPIConnector'sprivatekey", "https://developers.zoom.us/docs/#operation/GetanAPIConnector%27sprivatekey"},
	}
	for _, tt := range tests {
		if got := safeURL(tt.in); got != tt.want {
			t.Errorf("safeURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestWritePages(t *testing.T) {
	tests := []struct {
		name  string
		pages []Page
		ok    bool
	}{
		{"nested", []Page{{Path: "index.md", Content: []byte("i")}, {Path: "scopes/granular/a.b.md", Content: []byte("a")}}, true},
		{"parent", []Page{{Path: "../escape.md"}}, false},
		{"inner parent", []Page{{Path: "a/../../escape.md"}}, false},
		{"absolute", []Page{{Path: "/tmp/escape.md"}}, false},
		{"backslash", []Page{{Path: `..\escape.md`}}, false},
		{"empty", []Page{{Path: ""}}, false},
		{"refused before writing", []Page{{Path: "first.md"}, {Path: "../second.md"}}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			err := WritePages(dir, tt.pages)
			if (err == nil) != tt.ok {
				t.Fatalf("WritePages error = %v, want ok=%v", err, tt.ok)
			}
			entries, _ := os.ReadDir(dir)
			if !tt.ok && len(entries) > 0 {
				t.Errorf("a refused set of pages wrote %d entries", len(entries))
			}
			for _, p := range tt.pages {
				if !tt.ok {
					break
				}
				b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(p.Path)))
				if err != nil || string(b) != string(p.Content) {
					t.Errorf("%s: %q, %v", p.Path, b, err)
				}
			}
		})
	}
}

// TestWritePagesSymlinks: a symbolic link already inside the output folder
// is replaced, never written through, and a linked subfolder leading out of
// it is refused; nothing outside the folder changes.
func TestWritePagesSymlinks(t *testing.T) {
	outside := t.TempDir()
	victim := filepath.Join(outside, "victim.txt")
	if err := os.WriteFile(victim, []byte("keep"), 0o644); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := os.Symlink(victim, filepath.Join(dir, "index.md")); err != nil {
		t.Skipf("symlinks unavailable: %v", err)
	}
	if err := WritePages(dir, []Page{{Path: "index.md", Content: []byte("# new\n")}}); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep" {
		t.Errorf("the file outside was overwritten: %q", b)
	}
	if fi, err := os.Lstat(filepath.Join(dir, "index.md")); err != nil || !fi.Mode().IsRegular() {
		t.Errorf("index.md is not a regular file: %v %v", fi, err)
	}
	if err := os.Symlink(outside, filepath.Join(dir, "products")); err != nil {
		t.Fatal(err)
	}
	err := WritePages(dir, []Page{{Path: "products/victim.txt", Content: []byte("x")}})
	if err == nil || !strings.Contains(err.Error(), "outside") {
		t.Errorf("write through a linked folder: err = %v", err)
	}
	if b, _ := os.ReadFile(victim); string(b) != "keep" {
		t.Errorf("the file outside was overwritten through a linked folder: %q", b)
	}
	if entries, _ := os.ReadDir(outside); len(entries) != 1 {
		t.Errorf("files left outside: %v", entries)
	}
}

// TestWritePagesAllOrNothing: a page that cannot be written leaves the
// folder as it was (no page replaced, no staging folder left), and a
// folder that is a file is refused before any page moves.
func TestWritePagesAllOrNothing(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "index.md"), []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := [][]Page{
		// x.md cannot be both a page and a folder of pages.
		{{Path: "index.md", Content: []byte("new")}, {Path: "x.md", Content: []byte("x")}, {Path: "x.md/y.md"}},
		// The same page twice.
		{{Path: "index.md", Content: []byte("new")}, {Path: "products/a.md"}, {Path: "products/a.md"}},
	}
	for i, pages := range bad {
		if err := WritePages(dir, pages); err == nil {
			t.Errorf("case %d: no error", i)
		}
		entries, _ := os.ReadDir(dir)
		if len(entries) != 1 || entries[0].Name() != "index.md" {
			t.Errorf("case %d: folder holds %v, want index.md alone", i, entries)
		}
		if b, _ := os.ReadFile(filepath.Join(dir, "index.md")); string(b) != "old" {
			t.Errorf("case %d: index.md = %q, want it untouched", i, b)
		}
	}
	if err := os.WriteFile(filepath.Join(dir, "products"), []byte("a file"), 0o644); err != nil {
		t.Fatal(err)
	}
	err := WritePages(dir, []Page{{Path: "index.md", Content: []byte("new")}, {Path: "products/a.md"}})
	if err == nil || !strings.Contains(err.Error(), "not a folder") {
		t.Errorf("a folder that is a file: err = %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, "index.md")); string(b) != "old" {
		t.Errorf("index.md = %q after a refused write, want it untouched", b)
	}
}

// TestWritePagesKeepsOtherFiles: pages replace their files; other files in
// the folder and its subfolders stay; a new folder of pages arrives whole;
// pages are readable by others (0644) whatever the umask.
func TestWritePagesKeepsOtherFiles(t *testing.T) {
	dir := t.TempDir()
	for _, f := range []string{"products/keep.txt", "products/a.md", "notes.txt"} {
		full := filepath.Join(dir, filepath.FromSlash(f))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte("old "+f), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	pages := []Page{
		{Path: "index.md", Content: []byte("i")},
		{Path: "products/a.md", Content: []byte("a")},
		{Path: "products/b.md", Content: []byte("b")},
		{Path: "scopes/granular/s.md", Content: []byte("s")},
		{Path: "scopes/classic/c.md", Content: []byte("c")},
	}
	if err := WritePages(dir, pages); err != nil {
		t.Fatal(err)
	}
	for _, p := range pages {
		full := filepath.Join(dir, filepath.FromSlash(p.Path))
		b, err := os.ReadFile(full)
		if err != nil || string(b) != string(p.Content) {
			t.Errorf("%s = %q, %v; want %q", p.Path, b, err, p.Content)
		}
		if fi, err := os.Stat(full); err == nil && fi.Mode().Perm() != 0o644 {
			t.Errorf("%s mode %v, want 0644", p.Path, fi.Mode().Perm())
		}
	}
	for _, f := range []string{"products/keep.txt", "notes.txt"} {
		if b, _ := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f))); string(b) != "old "+f {
			t.Errorf("%s = %q, want it left alone", f, b)
		}
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{"index.md", "notes.txt", "products", "scopes"}; !slices.Equal(names, want) {
		t.Errorf("folder holds %v, want %v (no staging folder left)", names, want)
	}
}

// TestSafeURLPlainPaths: the shortcut for plain root-relative links gives
// what parsing them gives.
func TestSafeURLPlainPaths(t *testing.T) {
	for _, l := range []string{
		"/docs/api/rest/reference/user/methods/#operation/users",
		"/docs/api/rest/reference/phone/ma/master/#operation/getThing12",
		"/a:b/c;d@e!f$g*h+i,j=k&l~m.n_o-p",
		"/x#a#b", "/", "/docs/#operation/",
	} {
		if !plainPath(l) {
			t.Errorf("%q: not plain", l)
			continue
		}
		u, err := url.Parse(docsHost + l)
		if err != nil || u.Host == "" {
			t.Errorf("%q does not parse after the docs host: %v", l, err)
		}
		if got := safeURL(l); got != docsHost+l {
			t.Errorf("safeURL(%q) = %q", l, got)
		}
	}
	for _, l := range []string{"/a b", "/a%zz", "/a(b)", "/a|b", "/é", "/a\x1b"} {
		if plainPath(l) {
			t.Errorf("%q: plain, want not", l)
		}
	}
}
