package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const err4711 = `{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:admin, user:read:user:admin]."}`

func TestExplainCLI(t *testing.T) {
	// Text, golden.
	out, errOut, code := runCLI(t, "", "explain", err4711)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	golden(t, "explain-4711-text", out)

	// Standard input, JSON: the shape.
	out, _, code = runCLI(t, "HTTP/1.1 400\n"+`{"code":4711,"message":"Invalid access token, does not contain scopes:[meeting:read:admin, meeting:read]."}`, "explain", "-", "--app", "admin", "--format", "json")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	var doc map[string]json.RawMessage
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"schema_version", "data", "error", "candidates", "add", "notes"} {
		if _, ok := doc[k]; !ok {
			t.Errorf("no %q key", k)
		}
	}
	var r struct {
		Error struct {
			Code    int      `json:"code"`
			Message string   `json:"message"`
			Scopes  []string `json:"scopes"`
		} `json:"error"`
		Candidates []struct {
			Endpoint struct {
				OperationID string   `json:"operation_id"`
				Granular    []string `json:"granular"`
			} `json:"endpoint"`
			Match string `json:"match"`
		} `json:"candidates"`
		Add []struct {
			Scope, Manifest string
		} `json:"add"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Error.Code != 4711 || len(r.Error.Scopes) != 2 || len(r.Candidates) < 2 || r.Candidates[0].Endpoint.OperationID == "" || len(r.Add) != 1 || r.Add[0].Scope != "meeting:read:admin" {
		t.Errorf("json: %+v", r)
	}
	all := len(r.Candidates)

	// --call narrows; so does a call file and a scanned directory.
	narrowed := func(args ...string) int {
		t.Helper()
		out, errOut, code := runCLI(t, "", append([]string{"explain", `{"code":4711,"message":"Invalid access token, does not contain scopes:[meeting:read:admin, meeting:read]."}`, "--app", "admin", "--format", "json"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var r struct {
			Candidates []json.RawMessage `json:"candidates"`
		}
		if err := json.Unmarshal([]byte(out), &r); err != nil {
			t.Fatal(err)
		}
		return len(r.Candidates)
	}
	if n := narrowed("--call", "meetingPolls"); n != 1 {
		t.Errorf("--call: %d candidates of %d", n, all)
	}
	calls := writeFile(t, "calls.txt", "meetingPolls\nmeeting\n")
	if n := narrowed("--calls", calls); n != 2 {
		t.Errorf("--calls: %d candidates of %d", n, all)
	}
	dir := t.TempDir()
	src := "package zoom\n\nconst base = \"https://api.zoom.us/v2\"\n\nfunc polls(id string) string { return base + \"/meetings/\" + id + \"/polls\" }\n"
	if err := os.WriteFile(filepath.Join(dir, "zoom.go"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	_ = narrowed("--scan", dir) // the embedded data gives few paths; the scan must not fail
	if _, err := os.Stat(filepath.Join("..", "..", "..", "shared", "zoom-openapi", "zoom-meetings-2025.openapi.json")); err == nil {
		// With Meetings' paths, the scanned call (method unknown, so each
		// method's endpoint is a candidate) narrows to List meeting polls.
		if n := narrowed("--scan", dir, "--add-docs", sharedMeetingsOpenAPI(t)); n != 1 {
			t.Errorf("--scan with the Meetings paths: %d candidates, want 1", n)
		}
	}

	// Token and event errors; a text that is no Zoom error exits 1.
	for _, tc := range []struct {
		text, has string
		code      int
	}{
		{`{"code":4700,"message":"Invalid access token, does not contain scopes."}`, "Add the scopes", 0},
		{`{"code":124,"message":"Invalid access token."}`, "Request a new access token", 0},
		{`The event is not allowed for the app`, "event", 0},
		{`{"code":104,"message":"Invalid access token."}`, "Bearer", 0},
		{`Segmentation fault`, "", 1},
		{`{"code":300,"message":"Validation Failed."}`, "", 1},
	} {
		out, errOut, code := runCLI(t, "", "explain", tc.text)
		if code != tc.code || !strings.Contains(out, tc.has) || code != 0 && (out != "" || !strings.HasPrefix(errOut, "scopeplan: ")) {
			t.Errorf("%s: exit %d\n%s%s", tc.text, code, out, errOut)
		}
	}
	if _, _, code := runCLI(t, "", "explain", err4711, "--app", "root"); code != 2 {
		t.Errorf("--app root: exit %d, want 2", code)
	}
}
