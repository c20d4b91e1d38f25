package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// asCLIEnv makes the test binary act as scopeplan (see TestMain).
const asCLIEnv = "SCOPEPLAN_TEST_AS_CLI"

// actionRun is one run of the Action's script.
type actionRun struct {
	code    int
	stdout  string
	stderr  string
	summary string
	outputs map[string]string
}

// runAction runs "scripts/action.sh run" in dir with the given inputs, the
// test binary standing in for scopeplan, and temporary GITHUB_OUTPUT and
// GITHUB_STEP_SUMMARY files.
func runAction(t *testing.T, dir string, inputs map[string]string) actionRun {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("..", "..", "scripts", "action.sh"))
	if err != nil {
		t.Fatal(err)
	}
	tmp := t.TempDir()
	summaryFile, outputFile := filepath.Join(tmp, "summary.md"), filepath.Join(tmp, "output")
	cmd := exec.Command(bash, script, "run")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), asCLIEnv+"=1", "SCOPEPLAN_BIN="+self, "GITHUB_STEP_SUMMARY="+summaryFile, "GITHUB_OUTPUT="+outputFile,
		"INPUT_COMMAND=", "INPUT_ARGS=", "INPUT_SARIF=", "INPUT_VERSION=")
	for k, v := range inputs {
		cmd.Env = append(cmd.Env, "INPUT_"+strings.ToUpper(k)+"="+v)
	}
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	r := actionRun{outputs: map[string]string{}}
	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			t.Fatal(err)
		}
		r.code = ee.ExitCode()
	}
	r.stdout, r.stderr = out.String(), errOut.String()
	if b, err := os.ReadFile(summaryFile); err == nil {
		r.summary = string(b)
	}
	if b, err := os.ReadFile(outputFile); err == nil {
		for _, l := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if k, v, ok := strings.Cut(l, "="); ok {
				r.outputs[k] = v
			}
		}
	}
	return r
}

func readFile(t *testing.T, p string) string {
	t.Helper()
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestActionAudit runs the Action's script on the fixture app: a match,
// then drift (a call without its scope), with SARIF and a job summary.
func TestActionAudit(t *testing.T) {
	dir := driftApp(t)
	in := map[string]string{"command": "audit", "args": "--requested manifest.json --scan src"}
	r := runAction(t, dir, in)
	if r.code != 0 {
		t.Fatalf("exit %d\n%s%s", r.code, r.stdout, r.stderr)
	}
	if r.outputs["exit-code"] != "0" || r.outputs["sarif"] != "scopeplan-audit.sarif" {
		t.Errorf("outputs %v", r.outputs)
	}
	if res := checkGitHubSARIF(t, readFile(t, filepath.Join(dir, "scopeplan-audit.sarif")), dir); len(res) != 0 {
		t.Errorf("%d SARIF results on a matching app", len(res))
	}
	if !strings.Contains(r.summary, "## Scope audit: match") || !strings.Contains(r.summary, "`scopeplan audit` exited 0.") {
		t.Errorf("summary:\n%s", r.summary)
	}

	src := filepath.Join(dir, "src", "zoom.js")
	at := lineOf(t, src, "module.exports") - 1
	insertLine(t, src, at, "const rename = (token) => fetch(`${ZOOM_API}/users/me`, { method: \"PATCH\" });")
	r = runAction(t, dir, in)
	if r.code != exitPrivilege || r.outputs["exit-code"] != "5" {
		t.Fatalf("drift: exit %d, outputs %v\n%s", r.code, r.outputs, r.stderr)
	}
	res := checkGitHubSARIF(t, readFile(t, filepath.Join(dir, "scopeplan-audit.sarif")), dir)
	if len(res) != 1 || res[0].RuleID != "AUDIT_MISSING_SCOPE" {
		t.Fatalf("drift: results %+v", res)
	}
	if uri, line := res[0].at(); uri != "src/zoom.js" || line != at+1 {
		t.Errorf("drift reported at %s:%d, want src/zoom.js:%d", uri, line, at+1)
	}
	if !strings.Contains(r.summary, "## Scope audit: under-privileged") || !strings.Contains(r.summary, "user:update:user") || !strings.Contains(r.summary, "exited 5.") {
		t.Errorf("drift summary:\n%s", r.summary)
	}

	// Quoted arguments, a SARIF path of one's own, and --allow-unverified
	// passed through.
	if err := os.Rename(filepath.Join(dir, "manifest.json"), filepath.Join(dir, "my manifest.json")); err != nil {
		t.Fatal(err)
	}
	r = runAction(t, dir, map[string]string{"command": "audit", "args": `--requested "my manifest.json" --scan src --allow-unverified`, "sarif": "out/scan.sarif"})
	if r.code != exitPrivilege || r.outputs["sarif"] != "out/scan.sarif" {
		t.Fatalf("quoted args: exit %d outputs %v\n%s", r.code, r.outputs, r.stderr)
	}
	if res := checkGitHubSARIF(t, readFile(t, filepath.Join(dir, "out", "scan.sarif")), dir); len(res) != 1 {
		t.Errorf("quoted args: %d results", len(res))
	}
}

// TestActionCommands runs the script's other commands and its errors.
func TestActionCommands(t *testing.T) {
	dir := driftApp(t)
	r := runAction(t, dir, map[string]string{"command": "plan", "args": `--app user --call "GET /users/{userId}/settings"`})
	if r.code != 0 || !strings.Contains(r.stdout, "user:read:settings") || !strings.Contains(r.summary, "user:read:settings") {
		t.Errorf("plan: exit %d\nstdout:\n%s\nsummary:\n%s\n%s", r.code, r.stdout, r.summary, r.stderr)
	}
	if _, ok := r.outputs["sarif"]; ok {
		t.Errorf("plan wrote SARIF: %v", r.outputs)
	}

	copyTree(t, filepath.Join("..", "..", "data", "docs"), filepath.Join(dir, "vendor-docs"))
	r = runAction(t, dir, map[string]string{"command": "lint", "args": "--docs vendor-docs/classic-scopes.txt --fail-on warning"})
	if r.code != exitFindings {
		t.Errorf("lint: exit %d, want %d\n%s", r.code, exitFindings, r.stderr)
	}
	if res := checkGitHubSARIF(t, readFile(t, filepath.Join(dir, "scopeplan-lint.sarif")), dir); len(res) == 0 {
		t.Error("lint: no SARIF results")
	}
	if !strings.Contains(r.summary, "## scopeplan lint") || !strings.Contains(r.summary, "vendor-docs/") {
		t.Errorf("lint summary:\n%.500s", r.summary)
	}

	r = runAction(t, dir, map[string]string{"command": "docs", "args": "--docs vendor-docs/classic-scopes.txt --out site"})
	if _, err := os.Stat(filepath.Join(dir, "site", "index.md")); r.code != 0 || err != nil {
		t.Errorf("docs: exit %d, %v\n%s", r.code, err, r.stderr)
	}

	// A usage error: exit 2, no SARIF left to upload, the error in the summary.
	r = runAction(t, dir, map[string]string{"command": "audit", "args": "--scan src"})
	if r.code != exitUsage || r.outputs["sarif"] != "" || !strings.Contains(r.summary, "exactly one of --requested") {
		t.Errorf("usage error: exit %d outputs %v\nsummary:\n%s", r.code, r.outputs, r.summary)
	}
	if _, err := os.Stat(filepath.Join(dir, "scopeplan-audit.sarif")); err == nil {
		t.Error("usage error: an empty SARIF file was left")
	}
	r = runAction(t, dir, map[string]string{"command": "migrate"})
	if r.code != exitUsage || !strings.Contains(r.stderr, "command must be audit, lint, docs or plan") {
		t.Errorf("unknown command: exit %d\n%s", r.code, r.stderr)
	}
}
