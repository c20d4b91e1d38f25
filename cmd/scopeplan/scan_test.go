package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// scanTestdata is the scan package's fixture tree and its small catalog.
var (
	scanSrc     = filepath.Join("..", "..", "scan", "testdata", "src")
	scanCatalog = filepath.Join("..", "..", "scan", "testdata", "catalog")
)

// runScanCLI runs the command line with stdin and returns standard
// output, standard error and the exit code.
func runScanCLI(stdin []byte, args ...string) (string, string, int) {
	var out, errOut bytes.Buffer
	code := run(args, &streams{in: bytes.NewReader(stdin), out: &out, errOut: &errOut})
	return out.String(), errOut.String(), code
}

func TestScanCommandExitCodes(t *testing.T) {
	empty := t.TempDir()
	if err := os.WriteFile(filepath.Join(empty, "main.go"), []byte("package main\n\nfunc main() {}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	badHAR := filepath.Join(t.TempDir(), "broken.har")
	if err := os.WriteFile(badHAR, []byte(`{"log": {"entries": [`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name       string
		args       []string
		code       int
		stdout     string // substring; "" means empty output
		stderr     string // substring
		wantStdout bool
	}{
		// Unresolved Zoom calls are lines of their own, marked unresolved,
		// so that plan reports them instead of planning without them.
		{"fixture tree", []string{"scan", scanSrc, "--docs", scanCatalog}, exitOK,
			"/users/{userID}  # ../../scan/testdata/src/go/zoomclient/client.go:61 unresolved: HTTP method not found", "", true},
		{"HAR file", []string{"scan", filepath.Join(scanSrc, "traffic", "session.har"), "--docs", scanCatalog}, exitOK,
			"GET /webinars/81234567890  # ", "", true},
		{"no calls is not an error", []string{"scan", empty}, exitOK, "", "no Zoom API calls found in 1 file(s)", false},
		{"missing path", []string{"scan", filepath.Join(empty, "nope")}, exitInput, "", "no such file", false},
		{"malformed HAR named explicitly", []string{"scan", badHAR, "--docs", scanCatalog}, exitInput, "", "not a HAR file", false},
		{"no path", []string{"scan"}, exitUsage, "", "requires at least 1 arg", false},
		{"bad format", []string{"scan", scanSrc, "--format", "markdown"}, exitUsage, "", "unknown format", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, errOut, code := runScanCLI(nil, tt.args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, out, errOut)
			}
			if tt.wantStdout && !strings.Contains(out, tt.stdout) || !tt.wantStdout && out != "" {
				t.Errorf("stdout = %q, want it to contain %q", out, tt.stdout)
			}
			if !strings.Contains(errOut, tt.stderr) {
				t.Errorf("stderr = %q, want it to contain %q", errOut, tt.stderr)
			}
		})
	}
}

func TestScanCommandJSON(t *testing.T) {
	out, errOut, code := runScanCLI(nil, "scan", scanSrc, "--docs", scanCatalog, "--format", "json")
	if code != exitOK {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if errOut != "" {
		t.Errorf("stderr = %q, want nothing in JSON mode (skips are in the document)", errOut)
	}
	var doc struct {
		SchemaVersion int `json:"schema_version"`
		Data          struct {
			Source string `json:"source"`
		} `json:"data"`
		Files int `json:"files"`
		Calls []struct {
			Call       string `json:"call"`
			File       string `json:"file"`
			Line       int    `json:"line"`
			Confidence string `json:"confidence"`
			Kind       string `json:"kind"`
		} `json:"calls"`
		Skipped []json.RawMessage `json:"skipped"`
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	if doc.SchemaVersion != 1 || doc.Data.Source != "docs" || doc.Files != 15 || len(doc.Calls) != 38 || len(doc.Skipped) != 2 {
		t.Errorf("schema %d, source %q, %d files, %d calls, %d skipped", doc.SchemaVersion, doc.Data.Source, doc.Files, len(doc.Calls), len(doc.Skipped))
	}
	for _, c := range doc.Calls {
		if c.Call == "" || c.File == "" || c.Line < 1 || c.Confidence == "" || c.Kind == "" {
			t.Errorf("incomplete call %+v", c)
		}
	}
}

// TestScanPipesIntoPlan: "scan … | plan - --app admin" plans every call
// scan found, with the fixture catalog and with the embedded one.
func TestScanPipesIntoPlan(t *testing.T) {
	embeddedSrc := t.TempDir()
	py := `import requests

BASE = "https://api.zoom.us/v2"


def settings(uid):
    return requests.get(BASE + "/users/" + uid + "/settings")


def zak():
    return requests.get("https://api.zoom.us/v2/users/me/zak")
`
	if err := os.WriteFile(filepath.Join(embeddedSrc, "zoom.py"), []byte(py), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		src      string
		docs     []string
		scope    string // a scope the plan must request
		calls    int
		unmapped int
	}{
		// The fixture tree has two Zoom calls the catalog cannot resolve:
		// plan maps the rest and reports those two (exit 3).
		{"fixture catalog", scanSrc, []string{"--docs", scanCatalog}, "meeting:write:meeting:admin", 17, 2},
		{"embedded catalog", embeddedSrc, nil, "user:read:settings:admin", 2, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			scanned, errOut, code := runScanCLI(nil, append([]string{"scan", tt.src}, tt.docs...)...)
			if code != exitOK {
				t.Fatalf("scan: exit %d: %s", code, errOut)
			}
			out, errOut, code := runScanCLI([]byte(scanned), append([]string{"plan", "-", "--app", "admin", "--format", "json"}, tt.docs...)...)
			want := exitOK
			if tt.unmapped > 0 {
				want = exitUnmapped
			}
			if code != want {
				t.Fatalf("plan: exit %d, want %d: %s\ninput:\n%s", code, want, errOut, scanned)
			}
			var plan struct {
				Granular []string          `json:"granular"`
				Calls    []json.RawMessage `json:"calls"`
				Unmapped []json.RawMessage `json:"unmapped"`
			}
			if err := json.Unmarshal([]byte(out), &plan); err != nil {
				t.Fatal(err)
			}
			if len(plan.Calls) != tt.calls || len(plan.Unmapped) != tt.unmapped {
				t.Errorf("plan has %d calls, %d unmapped; want %d and %d", len(plan.Calls), len(plan.Unmapped), tt.calls, tt.unmapped)
			}
			if !strings.Contains(strings.Join(plan.Granular, " "), tt.scope) {
				t.Errorf("granular = %v, want %s among them", plan.Granular, tt.scope)
			}
		})
	}
}

// TestScanWrapperProjectPlansItsCalls: on a project whose Zoom calls all
// go through one default-GET wrapper, with the base URL in another file
// and a test file calling it too, "scan DIR | plan - --app admin" gives
// exactly the plan of the calls listed by hand (calls.txt); the test
// file's call joins the call file only with --include-tests.
func TestScanWrapperProjectPlansItsCalls(t *testing.T) {
	dir := filepath.Join("..", "..", "scan", "testdata", "projects", "js_default_get")
	hand, err := os.ReadFile(filepath.Join(dir, "calls.txt"))
	if err != nil {
		t.Fatal(err)
	}
	scanned, errOut, code := runScanCLI(nil, "scan", dir)
	if code != exitOK {
		t.Fatalf("scan: exit %d: %s", code, errOut)
	}
	if strings.Contains(scanned, "/users/email") {
		t.Errorf("the test file's call is in the call file:\n%s", scanned)
	}
	got, errOut, code := runScanCLI([]byte(scanned), "plan", "-", "--app", "admin")
	if code != exitOK {
		t.Fatalf("plan of the scan: exit %d: %s\ninput:\n%s", code, errOut, scanned)
	}
	want, errOut, code := runScanCLI(hand, "plan", "-", "--app", "admin")
	if code != exitOK {
		t.Fatalf("plan of calls.txt: exit %d: %s", code, errOut)
	}
	if got != want {
		t.Errorf("plan of the scan differs from the plan of the hand-listed calls\nscan:\n%s\ngot:\n%s\nwant:\n%s", scanned, got, want)
	}
	withTests, _, code := runScanCLI(nil, "scan", dir, "--include-tests")
	if code != exitOK || !strings.Contains(withTests, "GET /users/email") {
		t.Errorf("--include-tests: exit %d, call file:\n%s", code, withTests)
	}
	js, _, _ := runScanCLI(nil, "scan", dir, "--format", "json")
	if !strings.Contains(js, `"kind": "test"`) || !strings.Contains(js, `"via": [`) {
		t.Errorf("JSON lacks the test call or the via chains:\n%s", js)
	}
}
