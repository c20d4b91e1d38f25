package planner

import (
	"errors"
	"strings"
	"testing"
)

func TestParseCallFile(t *testing.T) {
	tests := []struct {
		name, file, data string
		app              string
		specs            []string
		lines            []int
		optional         []bool
		errHas           string
	}{
		{name: "text", file: "calls.txt", data: "# calls\nGET /users/me\n\nuserSettings # why not\n/docs/api/rest/reference/user/methods/#operation/user\n",
			specs: []string{"GET /users/me", "userSettings", "/docs/api/rest/reference/user/methods/#operation/user"}, lines: []int{2, 4, 5}},
		{name: "yaml", file: "calls.yaml", data: "app: admin\ncalls:\n  - GET /users\n  - call: userSettings\n    why: settings page\n    optional: true\n",
			app: "admin", specs: []string{"GET /users", "userSettings"}, lines: []int{3, 4}, optional: []bool{false, true}},
		{name: "json", file: "calls.json", data: `{"app": "user", "calls": ["GET /users/me", {"call": "meeting"}]}`,
			app: "user", specs: []string{"GET /users/me", "meeting"}, lines: []int{1, 1}},
		{name: "yaml detected from content", file: "calls", data: "calls:\n  - GET /users\n", specs: []string{"GET /users"}, lines: []int{2}},
		{name: "empty", file: "x.txt", data: "  \n", errHas: "empty"},
		{name: "comments only", file: "x.txt", data: "# nothing\n", errHas: "no calls"},
		{name: "bad yaml", file: "x.yaml", data: "calls: [GET /users\n", errHas: "x.yaml: line"},
		{name: "unknown key", file: "x.yaml", data: "app: user\nclals:\n  - a\n", errHas: "x.yaml:2: unknown key"},
		{name: "calls not a list", file: "x.yaml", data: "calls: GET /users\n", errHas: "x.yaml:1: calls must be a list"},
		{name: "bad call item", file: "x.yaml", data: "calls:\n  - [a, b]\n", errHas: "x.yaml:2: a call must be"},
		{name: "bad optional", file: "x.yaml", data: "calls:\n  - call: a\n    optional: maybe\n", errHas: "x.yaml:3: optional"},
		{name: "not a mapping", file: "x.json", data: `["GET /users"]`, errHas: "want a mapping"},
		{name: "bad json", file: "x.json", data: "{\"app\": \"user\",\n \"calls\": [\"a\",]}", errHas: "x.json: line 2, column"},
		{name: "app twice", file: "x.yaml", data: "app: user\ncalls:\n  - a\napp: admin\n", errHas: "x.yaml:4: duplicate key \"app\" (first at line 1)"},
		{name: "calls twice", file: "x.yaml", data: "calls:\n  - a\ncalls:\n  - b\n", errHas: "x.yaml:3: duplicate key \"calls\""},
		{name: "events twice", file: "x.yaml", data: "events:\n  - a.b\nevents:\n  - c.d\n", errHas: "x.yaml:3: duplicate key \"events\""},
		{name: "json app twice", file: "x.json", data: "{\"app\": \"user\",\n \"app\": \"admin\", \"calls\": [\"a\"]}", errHas: "x.json:2: duplicate key \"app\""},
		{name: "call key twice", file: "x.yaml", data: "calls:\n  - call: a\n    call: b\n", errHas: "x.yaml:3: duplicate key \"call\""},
		{name: "byte-order mark", file: "calls.txt", data: "\ufeffGET /users/me\r\nmeeting\r\n", specs: []string{"GET /users/me", "meeting"}, lines: []int{1, 2}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cf, err := ParseCallFile(tc.file, []byte(tc.data))
			if tc.errHas != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errHas) {
					t.Fatalf("err = %v, want it to contain %q", err, tc.errHas)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if cf.App != tc.app {
				t.Errorf("app = %q, want %q", cf.App, tc.app)
			}
			if len(cf.Calls) != len(tc.specs) {
				t.Fatalf("calls = %+v, want %v", cf.Calls, tc.specs)
			}
			for i, c := range cf.Calls {
				if c.Spec != tc.specs[i] || c.Line != tc.lines[i] || c.File != tc.file {
					t.Errorf("call %d = %+v, want %q at line %d", i, c, tc.specs[i], tc.lines[i])
				}
				if tc.optional != nil && c.Optional != tc.optional[i] {
					t.Errorf("call %d optional = %v", i, c.Optional)
				}
			}
		})
	}
	if _, err := ParseCallFile("x", []byte("\n")); !errors.Is(err, ErrNoCalls) {
		t.Errorf("empty file error %v is not ErrNoCalls", err)
	}
}

func FuzzParseCallFile(f *testing.F) {
	for _, s := range []string{"GET /users\n", "app: user\ncalls:\n  - a\n", `{"calls":[{"call":"x"}]}`, "calls:\n  - call: a\n    optional: true\n"} {
		f.Add("calls.yaml", s)
		f.Add("calls.txt", s)
	}
	f.Fuzz(func(t *testing.T, name, data string) {
		cf, err := ParseCallFile(name, []byte(data))
		if err == nil && len(cf.Calls) == 0 {
			t.Fatalf("no error but no calls for %q", data)
		}
	})
}
