package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite golden files")

// runCLI runs the command line with the given standard input and returns
// standard output, standard error and the exit code.
func runCLI(t *testing.T, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &streams{in: strings.NewReader(stdin), out: &out, errOut: &errOut})
	return out.String(), errOut.String(), code
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "cli", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (run go test -update after checking):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

const callsYAML = `app: admin
calls:
  - GET /users/{userId}
  - call: GET /users/me/settings
    why: show the settings page
  - call: meeting
    optional: true
  - GET /users/{userId}/setings
`

// TestGolden pins every command's output, per format, on the embedded data.
func TestGolden(t *testing.T) {
	calls := writeFile(t, "calls.yaml", callsYAML)
	tests := []struct {
		name  string
		stdin string
		args  []string
		code  int
	}{
		{"stats-text", "", []string{"catalog", "stats"}, 0},
		{"stats-json", "", []string{"catalog", "stats", "--format", "json"}, 0},
		{"lookup-text", "", []string{"lookup", "GET /users/me/settings"}, 0},
		{"lookup-json", "", []string{"lookup", "GET https://api.zoom.us/v2/users/me/settings?x=1", "--format", "json"}, 0},
		{"lookup-link", "", []string{"lookup", "https://developers.zoom.us/docs/api/rest/reference/user/ma/#operation/userSettings"}, 0},
		{"scope-json", "", []string{"scope", "user:read:settings:admin", "--format", "json"}, 0},
		{"plan-text-pipe", "", []string{"plan", calls}, 3},
		{"plan-json", "", []string{"plan", calls, "--format", "json"}, 3},
		{"plan-yaml", "", []string{"plan", calls, "--format", "yaml"}, 3},
		{"plan-markdown", "", []string{"plan", calls, "--format", "markdown"}, 3},
		{"plan-manifest", "", []string{"plan", "-", "--app", "user", "--format", "manifest"}, 0},
		{"audit-text", "", []string{"audit", "--scopes", "user:read:user:admin,user:read:list_users:admin,user:raed:user:admin", "--call", "GET /users/{userId}", "--call", "GET /users/me/settings", "--app", "admin"}, 5},
		{"audit-json", "", []string{"audit", "--scopes", "user:read:user:admin,user:read:list_users:admin", "--call", "GET /users/{userId}", "--app", "admin", "--format", "json"}, 5},
		{"audit-sarif", "", []string{"audit", "--scopes", "user:read:user:admin,user:read:list_users:admin", "--call", "GET /users/{userId}", "--format", "sarif"}, 5},
		{"audit-markdown", "", []string{"audit", "--scopes", "user:read:user,user:read:user:admin", "--call", "GET /users/{userId}", "--app", "user", "--format", "markdown"}, 5},
		{"migrate-text", "", []string{"migrate", "user:read"}, 0},
		{"migrate-json", "", []string{"migrate", "user:read:admin", "--format", "json"}, 0},
		{"migrate-markdown", "", []string{"migrate", "meeting:read", "--format", "markdown"}, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			stdin := tc.stdin
			if tc.name == "plan-manifest" {
				stdin = "GET /users/{userId}\n# a comment\nGET /users/me/settings\n"
			}
			out, errOut, code := runCLI(t, stdin, tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stderr: %s", code, tc.code, errOut)
			}
			// File paths from t.TempDir differ between runs.
			out = strings.ReplaceAll(out, calls, "calls.yaml")
			golden(t, tc.name, out)
		})
	}
}

// TestExitCodes checks the error paths: the message and the exit code.
func TestExitCodes(t *testing.T) {
	empty := writeFile(t, "empty.md", "")
	junk := writeFile(t, "junk.txt", "hello\nworld\n")
	badCalls := writeFile(t, "bad.yaml", "app: admin\ncalls: [GET /users\n")
	tests := []struct {
		name   string
		args   []string
		code   int
		errHas string
	}{
		{"unknown command", []string{"frobnicate"}, 2, "unknown command"},
		{"unknown flag", []string{"catalog", "stats", "--nope"}, 2, "unknown flag"},
		{"bad format", []string{"catalog", "stats", "--format", "xml"}, 2, `unknown format "xml"`},
		{"lookup needs an argument", []string{"lookup"}, 2, "accepts 1 arg"},
		{"empty document", []string{"catalog", "stats", "--docs", empty}, 1, "empty.md: document is empty"},
		{"unknown document", []string{"catalog", "stats", "--docs", junk}, 1, "junk.txt: unknown document kind"},
		{"missing document", []string{"catalog", "stats", "--docs", "/nonexistent/doc.md"}, 1, "no such file"},
		{"unknown forced kind", []string{"catalog", "stats", "--docs", "pdf=" + junk}, 1, `unknown document kind "pdf"`},
		{"wrong forced kind", []string{"catalog", "stats", "--docs", "postman=" + junk}, 1, "parse as postman"},
		{"unknown scope", []string{"scope", "user:raed:user"}, 1, "did you mean: user:read:user"},
		{"plan without app", []string{"plan", "--call", "GET /users"}, 2, "no app type"},
		{"plan without calls", []string{"plan", "--app", "user"}, 2, "no calls"},
		{"plan bad app", []string{"plan", "--app", "root", "--call", "x"}, 2, "unknown app type"},
		{"plan malformed file", []string{"plan", badCalls}, 1, "bad.yaml: line"},
		{"plan missing file", []string{"plan", "/nonexistent/calls.txt", "--app", "user"}, 1, "no such file"},
		{"audit needs a request", []string{"audit", "--call", "x"}, 2, "exactly one of --requested"},
		{"migrate unknown scope", []string{"migrate", "user:raed"}, 1, `unknown classic scope(s): "user:raed" (did you mean user:read`},
		{"migrate empty scope", []string{"migrate", ""}, 2, "empty classic scope name"},
		{"lookup unknown", []string{"lookup", "Get a usr"}, 1, `no endpoint matches "Get a usr"; did you mean: Get a user | Get user`},
		{"blank call", []string{"plan", "--app", "user", "--call", "  "}, 2, "--call: empty call"},
		{"blank lookup", []string{"lookup", " "}, 2, "empty SPEC"},
		{"blank scope", []string{"scope", ""}, 2, "empty NAME"},
		{"catalog needs a subcommand", []string{"catalog"}, 2, "name a subcommand"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out, errOut, code := runCLI(t, "", tc.args...)
			if code != tc.code {
				t.Fatalf("exit %d, want %d; stdout %q stderr %q", code, tc.code, out, errOut)
			}
			if !strings.Contains(errOut, tc.errHas) {
				t.Errorf("stderr %q lacks %q", errOut, tc.errHas)
			}
			if tc.code != 0 && out != "" {
				t.Errorf("an input error printed output: %q", out)
			}
		})
	}
}

// TestJSONContracts checks the keys the issues promise other tools.
func TestJSONContracts(t *testing.T) {
	keys := func(args ...string) map[string]any {
		out, errOut, _ := runCLI(t, "", args...)
		var m map[string]any
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatalf("%v: %v (stderr %s)", args, err, errOut)
		}
		return m
	}
	want := map[string][]string{
		"stats":  {"schema_version", "data", "documents", "endpoints", "granular_scopes", "classic_scopes", "classic_associations", "products"},
		"lookup": {"schema_version", "data", "matches"},
		"scope":  {"schema_version", "data", "scope", "kind", "endpoints"},
		"plan":   {"schema_version", "data", "app", "granular", "classic", "over_grant", "optimal", "calls", "unmapped"},
	}
	got := map[string]map[string]any{
		"stats":  keys("catalog", "stats", "--format", "json"),
		"lookup": keys("lookup", "userSettings", "--format", "json"),
		"scope":  keys("scope", "meeting:read", "--format", "json"),
		"plan":   keys("plan", "--app", "admin", "--call", "GET /users/{userId}", "--call", "nope", "--format", "json"),
	}
	for cmd, ks := range want {
		for _, k := range ks {
			if _, ok := got[cmd][k]; !ok {
				t.Errorf("%s JSON lacks %q", cmd, k)
			}
		}
	}
	m := got["lookup"]["matches"].([]any)[0].(map[string]any)
	for _, k := range []string{"method", "path", "operation_id", "name", "product", "variant", "granular", "classic", "sources"} {
		if _, ok := m[k]; !ok {
			t.Errorf("lookup match lacks %q", k)
		}
	}
	plan := got["plan"]
	call := plan["calls"].([]any)[0].(map[string]any)
	for _, k := range []string{"call", "endpoint", "granular", "classic", "set_aside"} {
		if _, ok := call[k]; !ok {
			t.Errorf("plan call lacks %q", k)
		}
	}
	um := plan["unmapped"].([]any)[0].(map[string]any)
	for _, k := range []string{"call", "reason", "suggestions"} {
		if _, ok := um[k]; !ok {
			t.Errorf("plan unmapped lacks %q", k)
		}
	}
	if call["call"] != "GET /users/{userId}" || um["call"] != "nope" {
		t.Errorf("calls are not echoed exactly as given: %v, %v", call["call"], um["call"])
	}
}

// TestManifestRoundTrip: a plan's manifest, audited against the same calls,
// is a perfect match.
func TestManifestRoundTrip(t *testing.T) {
	common := "GET /users/{userId}\nGET /users/me/settings\n/docs/api/rest/reference/zoom-api/methods/#operation/meetingCreate\n"
	for app, extra := range map[string]string{"user": "", "admin": "meetings\n", "master": "/docs/api/rest/reference/zoom-api/ma/#operation/meeting\n"} {
		calls := writeFile(t, "calls.txt", common+extra)
		manifest, errOut, code := runCLI(t, "", "plan", calls, "--app", app, "--format", "manifest")
		if code != 0 {
			t.Fatalf("%s: plan exit %d: %s", app, code, errOut)
		}
		m := writeFile(t, "manifest.yaml", manifest)
		out, errOut, code := runCLI(t, "", "audit", "--requested", m, calls, "--app", app, "--format", "json")
		var r map[string]any
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatalf("%s: %v: %s", app, err, errOut)
		}
		if code != 0 || r["verdict"] != "match" {
			t.Errorf("%s: audit of the plan's own manifest: exit %d, verdict %v\n%s", app, code, r["verdict"], manifest)
		}
	}
}

func TestVersionLoadsNoCatalog(t *testing.T) {
	out, _, code := runCLI(t, "", "version", "--docs", "/nonexistent")
	if code != 0 || !strings.Contains(out, "embedded data: ") || !strings.Contains(out, "sha256 ") {
		t.Errorf("version: exit %d, %q", code, out)
	}
}

// TestCatalogDiff: one scope dropped from one row of the granular page
// shows as a changed endpoint and, where no other row uses it, a removed
// scope.
func TestCatalogDiff(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("..", "..", "data", "docs", "granular-scopes.md"))
	if err != nil {
		t.Fatal(err)
	}
	old := writeFile(t, "old.md", string(page))
	changed := strings.Replace(string(page), "`meeting:read:meeting`, `meeting:read:meeting:admin`", "`meeting:read:meeting:admin`", 1)
	if changed == string(page) {
		t.Fatal("fixture edit did not apply")
	}
	new := writeFile(t, "new.md", changed)
	out, errOut, code := runCLI(t, "", "catalog", "diff", old, new, "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r struct {
		Changed []struct {
			Endpoint struct {
				OperationID string `json:"operation_id"`
			} `json:"endpoint"`
			GranularRemoved []string `json:"granular_removed"`
		} `json:"endpoints_changed"`
		Added   []any `json:"endpoints_added"`
		Removed []any `json:"endpoints_removed"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if len(r.Changed) != 1 || r.Changed[0].Endpoint.OperationID != "meeting" || len(r.Changed[0].GranularRemoved) != 1 || len(r.Added)+len(r.Removed) != 0 {
		t.Errorf("diff = %s", out)
	}
	for _, f := range []string{"text", "markdown"} {
		out, errOut, code := runCLI(t, "", "catalog", "diff", old, new, "--format", f)
		if code != 0 {
			t.Fatalf("%s: exit %d: %s", f, code, errOut)
		}
		golden(t, "diff-"+f, out)
	}
	if out, _, code := runCLI(t, "", "catalog", "diff", old, old); code != 0 || !strings.Contains(out, "No changes.") {
		t.Errorf("self diff: exit %d, %q", code, out)
	}
}

// TestBaselineChain runs the README's example: write a baseline, then lint
// against it; both succeed.
func TestBaselineChain(t *testing.T) {
	path := filepath.Join(t.TempDir(), "lint-baseline.json")
	if _, errOut, code := runCLI(t, "", "lint", "--write-baseline", path); code != 0 {
		t.Fatalf("write baseline: exit %d: %s", code, errOut)
	}
	if _, errOut, code := runCLI(t, "", "lint", "--baseline", path); code != 0 {
		t.Fatalf("lint against the baseline: exit %d: %s", code, errOut)
	}
	if _, _, code := runCLI(t, "", "lint"); code != exitFindings {
		t.Fatalf("lint without a baseline: exit %d, want %d", code, exitFindings)
	}
}
