package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runLintCLI(t *testing.T, a ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(append([]string{"lint"}, a...), &streams{in: strings.NewReader(""), out: &out, errOut: &errOut})
	return code, out.String(), errOut.String()
}

func TestLintExitCodes(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"default fails on errors", nil, exitFindings},
		{"never", []string{"--fail-on", "never"}, exitOK},
		{"info-only rule below error", []string{"--rule", "CLASSIC_SCOPE_WITHOUT_API"}, exitOK},
		{"info-only rule at info", []string{"--rule", "CLASSIC_SCOPE_WITHOUT_API", "--fail-on", "info"}, exitFindings},
		{"rule with no findings", []string{"--rule", "PAIR_STEM_MISMATCH", "--fail-on", "info"}, exitOK},
		{"unknown rule", []string{"--rule", "NOPE"}, exitUsage},
		{"bad format", []string{"--format", "yaml"}, exitUsage},
		{"bad fail-on", []string{"--fail-on", "fatal"}, exitUsage},
		{"positional argument", []string{"extra"}, exitUsage},
		{"missing docs", []string{"--docs", "/nonexistent/docs"}, exitInput},
		{"missing baseline", []string{"--baseline", "/nonexistent/baseline.json"}, exitInput},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if code, _, errOut := runLintCLI(t, tt.args...); code != tt.want {
				t.Errorf("lint %v: exit %d, want %d (stderr %q)", tt.args, code, tt.want, errOut)
			}
		})
	}
}

func TestLintJSON(t *testing.T) {
	code, out, _ := runLintCLI(t, "--format", "json", "--rule", "UNKNOWN_ACTION", "--rule", "SUSPICIOUS_RESOURCE")
	if code != exitFindings {
		t.Fatalf("exit %d, want %d", code, exitFindings)
	}
	var doc struct {
		SchemaVersion *int             `json:"schema_version"`
		Data          *json.RawMessage `json:"data"`
		Findings      []map[string]any `json:"findings"`
		Summary       map[string]any   `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if doc.SchemaVersion == nil || doc.Data == nil || doc.Summary == nil || len(doc.Findings) == 0 {
		t.Fatalf("JSON lacks keys: %s", out)
	}
	for _, f := range doc.Findings {
		for _, k := range []string{"rule", "severity", "file", "line", "column", "subject", "message", "suggestion"} {
			if _, ok := f[k]; !ok {
				t.Errorf("finding lacks %q: %v", k, f)
			}
		}
		if r := f["rule"]; r != "UNKNOWN_ACTION" && r != "SUSPICIOUS_RESOURCE" {
			t.Errorf("--rule did not filter: %v", r)
		}
	}
	for _, k := range []string{"by_rule", "by_severity", "total"} {
		if _, ok := doc.Summary[k]; !ok {
			t.Errorf("summary lacks %q", k)
		}
	}
}

func TestLintBaseline(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baseline.json")
	if code, _, errOut := runLintCLI(t, "--write-baseline", path, "--fail-on", "never"); code != exitOK {
		t.Fatalf("write baseline: exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runLintCLI(t, "--baseline", path, "--fail-on", "info", "--format", "json")
	if code != exitOK {
		t.Fatalf("with baseline: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, `"findings": []`) {
		t.Errorf("baseline left findings: %.300s", out)
	}
	if err := os.WriteFile(path, []byte("not json"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, _, _ := runLintCLI(t, "--baseline", path); code != exitInput {
		t.Errorf("bad baseline: exit %d, want %d", code, exitInput)
	}
}

func TestLintFormats(t *testing.T) {
	for _, f := range []string{"text", "sarif", "github"} {
		code, out, _ := runLintCLI(t, "--format", f, "--rule", "UNKNOWN_LEVEL")
		if code != exitFindings || out == "" {
			t.Errorf("--format %s: exit %d, %d bytes", f, code, len(out))
		}
		if f == "github" && !strings.HasPrefix(out, "::error file=") {
			t.Errorf("github output %.100q", out)
		}
	}
}
