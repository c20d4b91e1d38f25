package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyDoc copies an embedded document into dir.
func copyDoc(t *testing.T, name, dir string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "data", "docs", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// dataOf decodes a JSON output's "data" and "app".
type dataOf struct {
	Data struct {
		Source    string `json:"source"`
		Config    string `json:"config"`
		Documents []struct {
			Path string `json:"path"`
		} `json:"documents"`
	} `json:"data"`
	App string `json:"app"`
}

func decodeData(t *testing.T, out, errOut string) dataOf {
	t.Helper()
	var d dataOf
	if err := json.Unmarshal([]byte(out), &d); err != nil {
		t.Fatalf("%v: stdout %q stderr %q", err, out, errOut)
	}
	return d
}

// TestConfigFile: .scopeplan.yaml is found from a subfolder; its paths
// are relative to it; JSON names it in data.config; flags win over it;
// --no-config and SCOPEPLAN_CONFIG=none ignore it; SCOPEPLAN_CONFIG and
// --config name one.
func TestConfigFile(t *testing.T) {
	t.Setenv(envConfig, "")
	root := t.TempDir()
	copyDoc(t, "granular-scopes.md", filepath.Join(root, "docs"))
	copyDoc(t, "phone-endpoint-page.txt", filepath.Join(root, "more"))
	cfgPath := filepath.Join(root, configName)
	cfg := `# project settings
docs: [docs/granular-scopes.md]
add_docs:
  - more/phone-endpoint-page.txt
app: master
lint:
  disable: [PAIR_LEVEL_MISMATCH]
  fail_on: never
`
	if err := os.WriteFile(cfgPath, []byte(cfg), 0o644); err != nil {
		t.Fatal(err)
	}
	deep := filepath.Join(root, "src", "app")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}

	out, errOut, code := runCLIIn(t, deep, false, "", "catalog", "stats", "--format", "json")
	d := decodeData(t, out, errOut)
	wantDocs := []string{filepath.Join(root, "docs", "granular-scopes.md"), filepath.Join(root, "more", "phone-endpoint-page.txt")}
	var gotDocs []string
	for _, doc := range d.Data.Documents {
		gotDocs = append(gotDocs, doc.Path)
	}
	if code != 0 || d.Data.Config != cfgPath || d.Data.Source != "docs" || strings.Join(gotDocs, " ") != strings.Join(wantDocs, " ") {
		t.Errorf("stats: exit %d, config %q, source %s, documents %v (want %v)", code, d.Data.Config, d.Data.Source, gotDocs, wantDocs)
	}

	// app: applies when neither --app nor the call file gives one.
	out, errOut, _ = runCLIIn(t, deep, false, "", "plan", "--call", "userSettings", "--format", "json")
	if d := decodeData(t, out, errOut); d.App != "master" {
		t.Errorf("plan app %q, want the configuration's master", d.App)
	}
	out, errOut, _ = runCLIIn(t, deep, false, "", "plan", "--call", "userSettings", "--app", "user", "--format", "json")
	if d := decodeData(t, out, errOut); d.App != "user" {
		t.Errorf("plan --app user: app %q", d.App)
	}

	// lint: fail_on never and the disabled rule; flags win.
	out, errOut, code = runCLIIn(t, deep, false, "", "lint", "--format", "json")
	if code != 0 || strings.Contains(out, `"rule": "PAIR_LEVEL_MISMATCH"`) {
		t.Errorf("lint with the configuration: exit %d (want 0), disabled rule present: %t; %s", code, strings.Contains(out, "PAIR_LEVEL_MISMATCH"), errOut)
	}
	if _, _, code := runCLIIn(t, deep, false, "", "lint", "--fail-on", "info"); code != exitFindings {
		t.Errorf("lint --fail-on info: exit %d, want %d", code, exitFindings)
	}

	// Ignoring the file.
	for name, args := range map[string][]string{
		"--no-config": {"--no-config", "catalog", "stats", "--format", "json"},
		"env none":    {"catalog", "stats", "--format", "json"},
	} {
		if name == "env none" {
			t.Setenv(envConfig, "none")
		}
		out, errOut, _ := runCLIIn(t, deep, false, "", args...)
		if d := decodeData(t, out, errOut); d.Data.Config != "" || d.Data.Source != "embedded" {
			t.Errorf("%s: config %q, source %s", name, d.Data.Config, d.Data.Source)
		}
	}

	// Naming one: SCOPEPLAN_CONFIG, then --config over it.
	other := filepath.Join(t.TempDir(), "other.yaml")
	if err := os.WriteFile(other, []byte("app: user\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Setenv(envConfig, other)
	out, errOut, _ = runCLIIn(t, deep, false, "", "plan", "--call", "userSettings", "--format", "json")
	if d := decodeData(t, out, errOut); d.Data.Config != other || d.App != "user" {
		t.Errorf("SCOPEPLAN_CONFIG: config %q app %q", d.Data.Config, d.App)
	}
	out, errOut, _ = runCLIIn(t, deep, false, "", "--config", cfgPath, "plan", "--call", "userSettings", "--format", "json")
	if d := decodeData(t, out, errOut); d.Data.Config != cfgPath || d.App != "master" {
		t.Errorf("--config over SCOPEPLAN_CONFIG: config %q app %q", d.Data.Config, d.App)
	}
	if _, errOut, code := runCLIIn(t, deep, false, "", "--config", filepath.Join(root, "missing.yaml"), "catalog", "stats"); code != exitInput || !strings.Contains(errOut, "missing.yaml") {
		t.Errorf("missing --config: exit %d, %s", code, errOut)
	}
}

// TestConfigErrors: unknown keys, bad values and bad YAML are one line
// naming the file and line.
func TestConfigErrors(t *testing.T) {
	t.Setenv(envConfig, "")
	for _, tc := range []struct{ text, want string }{
		{"app: admin\nlint:\n  fail_onn: never\n", `:3: unknown key "lint.fail_onn"; did you mean "fail_on"?`},
		{"add-docs: [x]\n", `:1: unknown key "add-docs"; did you mean "add_docs"?`},
		{"frobnicate: 1\n", `:1: unknown key "frobnicate" (known: docs, add_docs, app, lint, cache_dir)`},
		{"app: root\n", `app: unknown app type`},
		{"lint:\n  disable: [NOPE]\n", `lint.disable: unknown rule "NOPE"`},
		{"lint:\n  fail_on: fatal\n", `lint.fail_on: `},
		{"lint: never\n", `:1: lint: want a mapping`},
		{"app: admin\napp: user\n", `:2: key "app" given twice`},
		{"docs: [a\n", `.scopeplan.yaml: yaml:`},
		{"- a\n- b\n", `:1: the configuration must be a mapping`},
	} {
		dir := t.TempDir()
		if err := os.WriteFile(filepath.Join(dir, configName), []byte(tc.text), 0o644); err != nil {
			t.Fatal(err)
		}
		_, errOut, code := runCLIIn(t, dir, false, "", "catalog", "stats")
		if code != exitInput || !strings.Contains(oneErrLine(t, errOut), tc.want) || !strings.Contains(errOut, filepath.Join(dir, configName)) {
			t.Errorf("%q: exit %d, %q lacks %q", tc.text, code, errOut, tc.want)
		}
	}
	// An empty file configures nothing.
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, configName), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, errOut, code := runCLIIn(t, dir, false, "", "catalog", "stats"); code != 0 {
		t.Errorf("empty configuration: exit %d, %s", code, errOut)
	}
}

// TestCacheDirPrecedence: the update flag, then SCOPEPLAN_CACHE_DIR, then
// the configuration's cache_dir.
func TestCacheDirPrecedence(t *testing.T) {
	g := &globalOptions{cfg: &fileConfig{CacheDir: "/from/config"}}
	t.Setenv("SCOPEPLAN_CACHE_DIR", "")
	if got := g.cacheDir("/from/flag"); got != "/from/flag" {
		t.Errorf("flag: %q", got)
	}
	if got := g.cacheDir(""); got != "/from/config" {
		t.Errorf("file: %q", got)
	}
	t.Setenv("SCOPEPLAN_CACHE_DIR", "/from/env")
	if got := g.cacheDir(""); got != "" {
		t.Errorf("env: %q, want \"\" (the default directory, which is the environment's)", got)
	}
}

// TestRepositoryKeepsNoConfig: the repository root has no .scopeplan.yaml
// (it would configure every command run in a clone); the example parses.
func TestRepositoryKeepsNoConfig(t *testing.T) {
	if _, err := os.Stat(filepath.Join("..", "..", configName)); err == nil {
		t.Errorf("the repository root holds a %s", configName)
	}
	example := filepath.Join("..", "..", "examples", configName)
	out, errOut, code := runCLI(t, "", "--config", example, "lint", "--format", "json")
	if d := decodeData(t, out, errOut); (code != 0 && code != exitFindings) || d.Data.Config != example {
		t.Errorf("the example configuration: exit %d, config %q: %s", code, d.Data.Config, errOut)
	}
}

// FuzzParseConfig: no input panics the configuration parser.
func FuzzParseConfig(f *testing.F) {
	for _, s := range []string{"app: admin\n", "lint:\n  disable: [A]\n", "docs: [a, b]\nadd_docs: x\n", "- 1\n", "&a [*a]"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _ = parseConfig("fuzz.yaml", data)
	})
}
