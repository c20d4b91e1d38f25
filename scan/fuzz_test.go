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
	for _, dir := range []string{"src", "projects"} {
		_ = filepath.WalkDir(filepath.Join("testdata", dir), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				if data, err := os.ReadFile(p); err == nil {
					f.Add(filepath.Ext(p), data)
				}
			}
			return nil
		})
	}
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

// FuzzScanProject: two files scanned as one project (one may define
// the base URL and wrappers the other calls) never panic, and calls stay
// inside their files.
func FuzzScanProject(f *testing.F) {
	f.Add(".py", []byte("ROOT = os.getenv('Z', 'https://api.zoom.us/v2')\ndef api(route, verb='GET'):\n    return requests.request(verb, ROOT + '/' + route)\n"),
		".py", []byte("api('users/me')\napi(f'users/{x}', 'patch')\n"))
	f.Add(".php", []byte("<?php return ['zoom' => ['base' => 'https://api.zoom.us/v2']];"),
		".php", []byte("<?php function zoom($r, $how = 'GET') { return $this->http->request($how, $this->base . '/' . $r); }\nzoom(\"$kind/$id\");"))
	f.Add(".ts", []byte("export const Z = 'https://api.zoom.us/v2'; const T = {a: ':base/users/:id'}; T.a.replace(':base', Z)"),
		".ts", []byte("function send(route: string, {verb = 'GET'} = {}) { return fetch(new URL(route, Z)) }\nsend((c ? 'groups/' : 'contacts/groups/') + id"))
	f.Add(".go", []byte("func (c *C) do(ctx context.Context, method, route string) error { return http.NewRequest(method, c.base+route, nil) }"),
		".rb", []byte("def api(verb, route)\n  HTTParty.send(verb, \"#{BASE}/#{route}\")\nend\napi(:get, 'users/me')"))
	s := New(testCatalog(f))
	f.Fuzz(func(t *testing.T, ext1 string, data1 []byte, ext2 string, data2 []byte) {
		if strings.ContainsAny(ext1+ext2, "/\\") || strings.EqualFold(ext1, ".har") || strings.EqualFold(ext2, ".har") {
			return
		}
		a, b := s.newSource("a"+ext1, data1), s.newSource("b"+ext2, data2)
		res := s.scanSources([]*fileScan{a, b})
		for _, c := range res.Calls {
			data := data1
			if strings.HasPrefix(c.File, "b") {
				data = data2
			}
			if c.Call == "" || c.Line < 1 || c.Line > strings.Count(string(data), "\n")+1 {
				t.Errorf("bad call %+v", c)
			}
		}
	})
}
