package scan

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzScanFile: no input panics, and every result is well formed: calls
// name a call and a line inside the file, in (file, line) order.
func FuzzScanFile(f *testing.F) {
	exts := []string{".go", ".js", ".ts", ".py", ".php", ".java", ".kt", ".cs", ".rb", ".har", ".txt"}
	_ = filepath.WalkDir(filepath.Join("testdata", "src"), func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if data, err := os.ReadFile(p); err == nil {
				f.Add(filepath.Ext(p), data)
			}
		}
		return nil
	})
	for _, seed := range []string{
		"fetch(`https://api.zoom.us/v2/users/${a${b}}`",
		`"""unterminated f"{x`,
		"=begin\nget '/users'",
		"<?php \"{$a->b->c\" . ",
		"x(((((((\"https://api.zoom.us/v2/users/\"",
		"a.b<c<d>>(\"/users\")",
		`{"log":{"entries":[{"request":{"method":"GET","url":"https://api.zoom.us/v2/users/me/zak"}}]}}`,
		"B = \"https://api.zoom.us/v2\"\nhttp.NewRequest(\"DELETE\", fmt.Sprintf(\"%[2]*.*s/users/%s\", B, id), nil)",
		"B = \"https://api.zoom.us/v2\"\nrequests.delete(\"%(b)s/u/%s%%\" % {\"b\": B, 'x': (y,)}",
		"requests.get(\"{b.x!r:>{w}}/users/{}{{\".format(b=Z, *a, **k",
		"\"%s\" % (\"%s\" % (\"%s/users\" % (",
	} {
		for _, e := range exts {
			f.Add(e, []byte(seed))
		}
	}
	s := New(testCatalog(f))
	f.Fuzz(func(t *testing.T, ext string, data []byte) {
		if strings.ContainsAny(ext, "/\\") {
			return
		}
		res, err := s.ScanFile("fuzz"+ext, data)
		if err != nil {
			return // only a malformed HAR file is an error
		}
		lines := strings.Count(string(data), "\n") + 1
		for i, c := range res.Calls {
			if c.Call == "" || c.Line < 1 || c.Line > lines {
				t.Errorf("bad call %+v (%d lines)", c, lines)
			}
			if i > 0 && res.Calls[i-1].Line > c.Line {
				t.Errorf("calls out of order: %+v before %+v", res.Calls[i-1], c)
			}
		}
		for _, k := range res.Skipped {
			if k.Reason == "" {
				t.Errorf("skip without a reason: %+v", k)
			}
		}
	})
}
