package main

import (
	"encoding/json"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// copyTree copies the folder src into dst.
func copyTree(t *testing.T, src, dst string) {
	t.Helper()
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(dst, rel), 0o755)
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(dst, rel), b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

// driftApp copies testdata/driftapp into a fresh folder and returns it.
func driftApp(t *testing.T) string {
	t.Helper()
	src, err := filepath.Abs(filepath.Join("testdata", "driftapp"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	copyTree(t, src, dir)
	return dir
}

// sarifLog is the part of a SARIF 2.1.0 log GitHub code scanning reads.
type sarifLog struct {
	Version string `json:"version"`
	Runs    []struct {
		Tool struct {
			Driver struct {
				Name    string `json:"name"`
				Version string `json:"version"`
				Rules   []struct {
					ID string `json:"id"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []sarifResult `json:"results"`
	} `json:"runs"`
}

type sarifResult struct {
	RuleID  string `json:"ruleId"`
	Level   string `json:"level"`
	Message struct {
		Text string `json:"text"`
	} `json:"message"`
	Locations []struct {
		PhysicalLocation struct {
			ArtifactLocation struct {
				URI string `json:"uri"`
			} `json:"artifactLocation"`
			Region struct {
				StartLine int `json:"startLine"`
			} `json:"region"`
		} `json:"physicalLocation"`
	} `json:"locations"`
}

func (r sarifResult) at() (string, int) {
	if len(r.Locations) == 0 {
		return "", 0
	}
	l := r.Locations[0].PhysicalLocation
	return l.ArtifactLocation.URI, l.Region.StartLine
}

// checkGitHubSARIF checks a SARIF log field by field against what GitHub
// code scanning documents as required: tool.driver.name and version, rules
// with ids, results with a known ruleId, a level, a message and a physical
// location whose artifact URI is relative to root (the repository root)
// and names a file there, with a 1-based region. It returns the results.
func checkGitHubSARIF(t *testing.T, data string, root string) []sarifResult {
	t.Helper()
	var log sarifLog
	if err := json.Unmarshal([]byte(data), &log); err != nil {
		t.Fatalf("SARIF does not parse: %v\n%s", err, data)
	}
	if log.Version != "2.1.0" || len(log.Runs) != 1 {
		t.Fatalf("SARIF version %q, %d runs", log.Version, len(log.Runs))
	}
	run := log.Runs[0]
	if run.Tool.Driver.Name != "scopeplan" || run.Tool.Driver.Version == "" {
		t.Errorf("tool.driver name %q version %q", run.Tool.Driver.Name, run.Tool.Driver.Version)
	}
	rules := map[string]bool{}
	for _, r := range run.Tool.Driver.Rules {
		if r.ID == "" || rules[r.ID] {
			t.Errorf("rule id %q empty or repeated", r.ID)
		}
		rules[r.ID] = true
	}
	levels := map[string]bool{"error": true, "warning": true, "note": true, "none": true}
	for _, r := range run.Results {
		if !rules[r.RuleID] || !levels[r.Level] || r.Message.Text == "" {
			t.Errorf("result rule %q level %q message %q", r.RuleID, r.Level, r.Message.Text)
		}
		if len(r.Locations) != 1 {
			t.Errorf("result %s has %d locations", r.RuleID, len(r.Locations))
			continue
		}
		uri, line := r.at()
		u, err := url.Parse(uri)
		if err != nil || u.Scheme != "" || u.Host != "" || strings.HasPrefix(uri, "/") || strings.HasPrefix(uri, "./") || strings.Contains(uri, "..") || strings.Contains(uri, `\`) {
			t.Errorf("result %s: uri %q is not relative to the repository root", r.RuleID, uri)
			continue
		}
		if _, err := os.Stat(filepath.Join(root, filepath.FromSlash(u.Path))); err != nil {
			t.Errorf("result %s: uri %q names no file under %s", r.RuleID, uri, root)
		}
		if line < 1 {
			t.Errorf("result %s: start line %d", r.RuleID, line)
		}
	}
	return run.Results
}

// lineOf returns the 1-based line of the first line of file containing s.
func lineOf(t *testing.T, file, s string) int {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	for i, l := range strings.Split(string(b), "\n") {
		if strings.Contains(l, s) {
			return i + 1
		}
	}
	t.Fatalf("%s has no line with %q", file, s)
	return 0
}

func insertLine(t *testing.T, file string, after int, text string) {
	t.Helper()
	b, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(b), "\n")
	lines = append(lines[:after], append([]string{text}, lines[after:]...)...)
	if err := os.WriteFile(file, []byte(strings.Join(lines, "\n")), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestDriftCheck runs "audit --requested manifest.json --scan src" on a
// fixture app whose manifest matches its code, then adds a call the
// manifest lacks a scope for, removes it, and adds a scope no call needs.
func TestDriftCheck(t *testing.T) {
	dir := driftApp(t)
	t.Chdir(dir) // outside a repository: paths are relative to this folder
	audit := func(extra ...string) (string, string, int) {
		return runCLI(t, "", append([]string{"audit", "--requested", "manifest.json", "--scan", "src", "--format", "sarif"}, extra...)...)
	}
	out, errOut, code := audit()
	if code != 0 {
		t.Fatalf("the fixture app drifts already: exit %d\n%s%s", code, out, errOut)
	}
	if res := checkGitHubSARIF(t, out, dir); len(res) != 0 {
		t.Errorf("matching app: %d results", len(res))
	}

	// A call in code whose scope the manifest lacks fails, at the call.
	src := filepath.Join("src", "zoom.js")
	orig, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	at := lineOf(t, src, "module.exports") - 1
	insertLine(t, src, at, "async function rename(token, name) {\n  return fetch(`${ZOOM_API}/users/me`, { method: \"PATCH\", body: JSON.stringify({ first_name: name }) });\n}\n")
	callLine := at + 2
	out, errOut, code = audit()
	if code != exitPrivilege {
		t.Fatalf("a call without its scope: exit %d, want %d\n%s", code, exitPrivilege, errOut)
	}
	var missing []sarifResult
	for _, r := range checkGitHubSARIF(t, out, dir) {
		if r.RuleID == "AUDIT_MISSING_SCOPE" {
			missing = append(missing, r)
		}
	}
	if len(missing) != 1 {
		t.Fatalf("%d missing-scope results, want 1:\n%s", len(missing), out)
	}
	if uri, line := missing[0].at(); uri != "src/zoom.js" || line != callLine {
		t.Errorf("missing scope reported at %s:%d, want src/zoom.js:%d", uri, line, callLine)
	}
	if !strings.Contains(missing[0].Message.Text, "PATCH /users/{userId}") || !strings.Contains(missing[0].Message.Text, "user:update:user") {
		t.Errorf("message %q names neither the call nor the scope to request", missing[0].Message.Text)
	}
	// --allow-unused does not excuse a missing scope.
	if _, _, code := audit("--allow-unused", "--allow-unverified"); code != exitPrivilege {
		t.Errorf("a missing scope with --allow-unused --allow-unverified: exit %d", code)
	}

	// Removing the call passes again.
	if err := os.WriteFile(src, orig, 0o644); err != nil {
		t.Fatal(err)
	}
	if out, errOut, code := audit(); code != 0 {
		t.Fatalf("call removed: exit %d\n%s%s", code, out, errOut)
	}

	// A scope no call needs fails at its line in the manifest, unless
	// --allow-unused.
	insertLine(t, "manifest.json", lineOf(t, "manifest.json", `"scopes": [`), `      {"scope": "user:update:user", "optional": false},`)
	scopeLine := lineOf(t, "manifest.json", "user:update:user")
	out, errOut, code = audit()
	if code != exitPrivilege {
		t.Fatalf("an unused scope: exit %d\n%s", code, errOut)
	}
	res := checkGitHubSARIF(t, out, dir)
	if len(res) != 1 || res[0].RuleID != "AUDIT_OVER_PRIVILEGED" {
		t.Fatalf("an unused scope: results %+v", res)
	}
	if uri, line := res[0].at(); uri != "manifest.json" || line != scopeLine {
		t.Errorf("unused scope reported at %s:%d, want manifest.json:%d", uri, line, scopeLine)
	}
	if _, _, code := audit("--allow-unused"); code != 0 {
		t.Errorf("an unused scope with --allow-unused: exit %d", code)
	}
}

// TestDriftCheckInRepository: inside a git repository the SARIF paths are
// relative to its root, wherever the command runs; --scan is repeatable
// and combines with call files.
func TestDriftCheckInRepository(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	app := filepath.Join(root, "apps", "bot")
	copyTree(t, filepath.Join("testdata", "driftapp"), app)
	if err := os.WriteFile(filepath.Join(app, "calls.txt"), []byte("# planned\nPATCH /users/{userId}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(app, "lib"), 0o755); err != nil {
		t.Fatal(err)
	}
	// The same call in a second scanned folder.
	if err := os.WriteFile(filepath.Join(app, "lib", "me.go"), []byte("package lib\n\nimport \"net/http\"\n\nfunc Me() (*http.Response, error) {\n\treturn http.Get(\"https://api.zoom.us/v2/users/me\")\n}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	t.Chdir(app)
	out, errOut, code := runCLI(t, "", "audit", "--requested", "manifest.json", "--scan", "src", "--scan", "lib", "calls.txt", "--format", "sarif")
	if code != exitPrivilege {
		t.Fatalf("exit %d, want %d\n%s", code, exitPrivilege, errOut)
	}
	res := checkGitHubSARIF(t, out, root)
	if len(res) != 1 || res[0].RuleID != "AUDIT_MISSING_SCOPE" {
		t.Fatalf("results %+v", res)
	}
	if uri, line := res[0].at(); uri != "apps/bot/calls.txt" || line != 2 {
		t.Errorf("missing scope of a call file's call at %s:%d, want apps/bot/calls.txt:2", uri, line)
	}
	out, _, code = runCLI(t, "", "audit", "--requested", "manifest.json", "--scan", "lib", "--format", "json")
	if code != exitPrivilege || !strings.Contains(out, `"verdict": "over-privileged"`) {
		t.Errorf("lib alone (settings unused): exit %d\n%s", code, out)
	}
}

// TestLintSARIFForGitHub checks lint's SARIF on vendor documents kept in a
// repository: every field GitHub requires, paths relative to the root.
func TestLintSARIFForGitHub(t *testing.T) {
	root := t.TempDir()
	if err := os.Mkdir(filepath.Join(root, ".git"), 0o755); err != nil {
		t.Fatal(err)
	}
	copyTree(t, filepath.Join("..", "..", "data", "docs"), filepath.Join(root, "vendor docs"))
	t.Chdir(filepath.Join(root, "vendor docs"))
	out, errOut, code := runCLI(t, "", "lint", "--docs", ".", "--format", "sarif", "--fail-on", "never")
	if code != 0 {
		t.Fatalf("exit %d\n%s", code, errOut)
	}
	res := checkGitHubSARIF(t, out, root)
	if len(res) == 0 {
		t.Fatal("no lint findings on the vendor documents")
	}
	for _, r := range res {
		if uri, _ := r.at(); !strings.HasPrefix(uri, "vendor%20docs/") {
			t.Errorf("result %s at %q, want under vendor%%20docs/", r.RuleID, uri)
			break
		}
	}
}

// TestVersionStamped: the version and data date a release stamps with
// -ldflags -X are what "scopeplan version" prints.
func TestVersionStamped(t *testing.T) {
	out, _, code := runCLI(t, "", "version")
	if code != 0 || !strings.HasPrefix(out, "scopeplan dev\nembedded data: ") {
		t.Errorf("unstamped: exit %d\n%s", code, out)
	}
	oldV, oldD := version, dataDate
	t.Cleanup(func() { version, dataDate = oldV, oldD })
	version, dataDate = "1.4.0", "2031-01-02"
	out, _, _ = runCLI(t, "", "version")
	if !strings.HasPrefix(out, "scopeplan 1.4.0\nembedded data: 2031-01-02, sha256 ") {
		t.Errorf("stamped:\n%s", out)
	}
	if out, _, _ := runCLI(t, "", "audit", "--scopes", "user:read:user", "--call", "GET /users/{userId}", "--format", "sarif"); !strings.Contains(out, `"version": "1.4.0"`) {
		t.Error("SARIF does not carry the stamped version")
	}
}

// TestAuditScanKeepsEveryCall: call flags and a scan with a call found
// twice are all audited. The places of the calls (for SARIF) once shared
// the calls' array, and a repeated place overwrote a scanned call (here
// GET /groups, whose scope then counted as unused).
func TestAuditScanKeepsEveryCall(t *testing.T) {
	dir := t.TempDir()
	src := "const base = \"https://api.zoom.us/v2\";\n" +
		"fetch(`${base}/users/me`, {method: \"GET\"});\n" +
		"fetch(`${base}/users/me`, {method: \"GET\"});\n" +
		"fetch(`${base}/groups`, {method: \"GET\"});\n"
	if err := os.WriteFile(filepath.Join(dir, "app.js"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	out, errOut, code := runCLI(t, "", "--no-config", "audit", "--app", "admin", "--format", "json",
		"--scopes", "user:read:user:admin,group:read:list_groups:admin",
		"--call", "GET /users/{userId}", "--call", "PATCH /users/{userId}", "--call", "DELETE /users/{userId}",
		"--call", "GET /users", "--call", "POST /users", "--scan", dir)
	if code != exitPrivilege {
		t.Fatalf("exit %d, want %d (under-privileged); stderr %s", code, exitPrivilege, errOut)
	}
	var r struct {
		Verdict  string   `json:"verdict"`
		ToRemove []string `json:"to_remove"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Verdict != "under-privileged" || len(r.ToRemove) != 0 {
		t.Errorf("verdict %s, to remove %q: want under-privileged with nothing to remove (GET /groups is called)", r.Verdict, r.ToRemove)
	}
}
