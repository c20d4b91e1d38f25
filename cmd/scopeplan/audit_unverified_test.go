package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// sharedMeetingsOpenAPI is Zoom's real Meetings OpenAPI file beside the
// checkout; tests that need it skip when it is absent.
func sharedMeetingsOpenAPI(t *testing.T) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "zoom-openapi", "zoom-meetings-2025.openapi.json")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real OpenAPI files not present: %v", err)
	}
	return p
}

// TestAuditUnmappedIsUnverified is the scenario of issue 11 section 1: a
// manifest made by "plan --add-docs" audited without --add-docs must not
// advise removing the scopes of the calls that no longer resolve.
func TestAuditUnmappedIsUnverified(t *testing.T) {
	meetings := sharedMeetingsOpenAPI(t)
	calls := writeFile(t, "calls.yaml", "app: admin\ncalls:\n  - GET /users/{userId}\n  - POST /users/{userId}/meetings\n  - GET /users/{userId}/meetings\n  - DELETE /meetings/{meetingId}\n")
	manifest, errOut, code := runCLI(t, "", "plan", calls, "--add-docs", meetings, "--format", "manifest")
	if code != 0 {
		t.Fatalf("plan: exit %d: %s", code, errOut)
	}
	man := writeFile(t, "manifest.yaml", manifest)

	// With the documents the manifest was made from: a perfect match.
	if out, errOut, code := runCLI(t, "", "audit", "--requested", man, calls, "--add-docs", meetings); code != 0 {
		t.Fatalf("audit with --add-docs: exit %d\n%s%s", code, out, errOut)
	}

	// Without them: three calls are unmapped, and the scopes they need
	// are "cannot judge", never "remove".
	out, errOut, code := runCLI(t, "", "audit", "--requested", man, calls, "--format", "json")
	if code != 5 {
		t.Fatalf("audit without --add-docs: exit %d, want 5; %s", code, errOut)
	}
	var r struct {
		Verdict        string `json:"verdict"`
		Incomplete     bool   `json:"incomplete"`
		OverPrivileged []struct {
			Scope string `json:"scope"`
		} `json:"over_privileged"`
		CannotJudge []struct {
			Scope string   `json:"scope"`
			Calls []string `json:"calls"`
		} `json:"cannot_judge"`
		Unmapped []struct {
			Call string `json:"call"`
		} `json:"unmapped"`
		ToRemove []string `json:"to_remove"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Verdict != "unverified" || !r.Incomplete {
		t.Errorf("verdict %q, incomplete %v; want unverified", r.Verdict, r.Incomplete)
	}
	if len(r.OverPrivileged) != 0 || len(r.ToRemove) != 0 {
		t.Errorf("advises removing: over-privileged %+v, to_remove %v", r.OverPrivileged, r.ToRemove)
	}
	var judged []string
	for _, j := range r.CannotJudge {
		judged = append(judged, j.Scope)
		if len(j.Calls) == 0 {
			t.Errorf("%s: cannot judge without naming the calls", j.Scope)
		}
	}
	want := []string{"meeting:delete:meeting:admin", "meeting:read:list_meetings:admin", "meeting:write:meeting:admin"}
	if !slices.Equal(judged, want) {
		t.Errorf("cannot judge %v, want %v", judged, want)
	}
	if len(r.Unmapped) != 3 {
		t.Errorf("unmapped %+v, want the three meeting calls", r.Unmapped)
	}

	// The text says the check is incomplete and does not say "remove".
	text, _, _ := runCLI(t, "", "audit", "--requested", man, calls)
	if !strings.Contains(text, "The check is incomplete") || strings.Contains(text, "remove:") || !strings.Contains(text, "Cannot judge") {
		t.Errorf("text output:\n%s", text)
	}
}

// TestAuditUnmappedStillReportsUnrelated: a scope no call could need,
// mapped or not, is still reported unused when the audit is incomplete.
func TestAuditUnmappedStillReportsUnrelated(t *testing.T) {
	out, _, code := runCLI(t, "", "audit", "--scopes", "user:read:user:admin,phone:read:list_call_logs:admin",
		"--call", "GET /users/{userId}", "--call", "GET /meetings/{meetingId}/nothing", "--app", "admin", "--format", "json")
	if code != 5 {
		t.Fatalf("exit %d, want 5", code)
	}
	var r struct {
		Verdict        string `json:"verdict"`
		OverPrivileged []struct {
			Scope string `json:"scope"`
		} `json:"over_privileged"`
		ToRemove []string `json:"to_remove"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Verdict != "unverified" || len(r.OverPrivileged) != 1 || r.OverPrivileged[0].Scope != "phone:read:list_call_logs:admin" {
		t.Errorf("verdict %q, over-privileged %+v", r.Verdict, r.OverPrivileged)
	}
}
