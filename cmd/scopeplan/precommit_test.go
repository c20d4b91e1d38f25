package main

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// runHook runs a hook of .pre-commit-hooks.yaml as pre-commit would (its
// entry split into words by the shell, then args), in dir, with the test
// binary on PATH as scopeplan.
func runHook(t *testing.T, dir, id string, args ...string) (int, string) {
	t.Helper()
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Skip("no bash")
	}
	b, err := os.ReadFile(filepath.Join("..", "..", ".pre-commit-hooks.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID, Entry, Language string
		PassFilenames       *bool `yaml:"pass_filenames"`
	}
	if err := yaml.Unmarshal(b, &hooks); err != nil {
		t.Fatal(err)
	}
	entry := ""
	for _, h := range hooks {
		if h.ID == id {
			if h.Language != "golang" || h.PassFilenames == nil || *h.PassFilenames {
				t.Errorf("hook %s: language %q, pass_filenames %v", id, h.Language, h.PassFilenames)
			}
			entry = h.Entry
		}
	}
	if entry == "" {
		t.Fatalf("no hook %s", id)
	}
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	if err := os.Symlink(self, filepath.Join(bin, "scopeplan")); err != nil {
		t.Skip("no symlinks:", err)
	}
	cmd := exec.Command(bash, append([]string{"-c", entry + ` "$@"`, "hook"}, args...)...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), asCLIEnv+"=1", "PATH="+bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	out, err := cmd.CombinedOutput()
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return ee.ExitCode(), string(out)
	} else if err != nil {
		t.Fatal(err)
	}
	return 0, string(out)
}

func TestPreCommitHooks(t *testing.T) {
	dir := driftApp(t)
	audit := []string{"--requested", "manifest.json", "--scan", "src"}
	if code, out := runHook(t, dir, "scopeplan-audit", audit...); code != 0 {
		t.Errorf("audit hook on a matching app: exit %d\n%s", code, out)
	}
	src := filepath.Join(dir, "src", "zoom.js")
	insertLine(t, src, lineOf(t, src, "module.exports")-1, "const rename = (token) => fetch(`${ZOOM_API}/users/me`, { method: \"PATCH\" });")
	if code, out := runHook(t, dir, "scopeplan-audit", audit...); code != exitPrivilege || !strings.Contains(out, "under-privileged") {
		t.Errorf("audit hook on drift: exit %d\n%s", code, out)
	}

	calls := filepath.Join(dir, "calls.txt")
	if err := os.WriteFile(calls, []byte("GET /users/{userId}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	plan := []string{"scopes.yaml", "calls.txt", "--app", "user", "--format", "manifest"}
	if code, out := runHook(t, dir, "scopeplan-plan", plan...); code != 1 || !strings.Contains(out, "regenerated") {
		t.Errorf("plan hook, no plan file yet: exit %d\n%s", code, out)
	}
	if got := readFile(t, filepath.Join(dir, "scopes.yaml")); !strings.Contains(got, "user:read:user") {
		t.Errorf("plan file:\n%s", got)
	}
	if code, out := runHook(t, dir, "scopeplan-plan", plan...); code != 0 {
		t.Errorf("plan hook, plan current: exit %d\n%s", code, out)
	}
	if err := os.WriteFile(calls, []byte("GET /users/{userId}\nGET /users/{userId}/settings\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _ := runHook(t, dir, "scopeplan-plan", plan...); code != 1 || !strings.Contains(readFile(t, filepath.Join(dir, "scopes.yaml")), "user:read:settings") {
		t.Errorf("plan hook, calls changed: exit %d", code)
	}
	if code, _ := runHook(t, dir, "scopeplan-plan", "scopes.yaml", "--app", "user", "--call", "GET /no/such/path"); code != exitUnmapped {
		t.Errorf("plan hook, unmapped call: exit %d, want %d", code, exitUnmapped)
	}
}
