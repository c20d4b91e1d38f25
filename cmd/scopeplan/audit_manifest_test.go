package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
)

type manifestAudit struct {
	Verdict string `json:"verdict"`
	App     string `json:"app"`
	Levels  []struct {
		Scope   string `json:"scope"`
		Pointer string `json:"pointer"`
		Line    int    `json:"line"`
	} `json:"level_not_allowed"`
	UnmappedEvents []struct {
		Event   string `json:"event"`
		Pointer string `json:"pointer"`
		Line    int    `json:"line"`
	} `json:"unmapped_events"`
	ZoomAppAPIs *struct {
		APIs          []string `json:"apis"`
		RequiredScope string   `json:"required_scope"`
		Missing       bool     `json:"missing"`
		Pointer       string   `json:"pointer"`
		Line          int      `json:"line"`
	} `json:"zoom_app_apis"`
	Unknown []struct {
		Scope string `json:"scope"`
	} `json:"unknown"`
}

func auditManifest(t *testing.T, name string, code int, args ...string) manifestAudit {
	t.Helper()
	path := filepath.Join("testdata", "manifests", name)
	out, errOut, got := runCLI(t, "", append([]string{"audit", "--requested", path, "--format", "json"}, args...)...)
	if got != code {
		t.Fatalf("%s: exit %d, want %d; %s", name, got, code, errOut)
	}
	var r manifestAudit
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	return r
}

// TestAuditManifest: the whole manifest bears on scopes: the app type
// from usage, each scope's JSON pointer and line, the event
// subscriptions and the in-client Zoom Apps APIs.
func TestAuditManifest(t *testing.T) {
	// A user app with an :admin scope: the level finding points at it;
	// zoomapp:inmeeting with in-client APIs is no unknown scope.
	r := auditManifest(t, "user-app-admin-scopes.json", 5, "--call", "GET /users/{userId}")
	if r.App != "user" || len(r.Levels) != 1 || r.Levels[0].Scope != "user:read:user:admin" || r.Levels[0].Pointer != "/oauth_information/scopes/1" || r.Levels[0].Line != 7 {
		t.Errorf("levels: %+v (app %s)", r.Levels, r.App)
	}
	if len(r.Unknown) != 0 || r.ZoomAppAPIs == nil || r.ZoomAppAPIs.Missing || len(r.ZoomAppAPIs.APIs) != 2 {
		t.Errorf("in-client: unknown %+v, zoom_app_apis %+v", r.Unknown, r.ZoomAppAPIs)
	}

	// Events the request cannot be checked against, and in-client APIs
	// without zoomapp:inmeeting.
	r = auditManifest(t, "events-without-scopes.json", 5, "--call", "GET /users/{userId}")
	if r.ZoomAppAPIs == nil || !r.ZoomAppAPIs.Missing || r.ZoomAppAPIs.RequiredScope != "zoomapp:inmeeting" || r.ZoomAppAPIs.Pointer != "/features/in_client_feature/zoom_app_api/zoom_app_apis" || r.ZoomAppAPIs.Line != 10 {
		t.Errorf("zoom_app_apis: %+v", r.ZoomAppAPIs)
	}
	if len(r.UnmappedEvents) != 2 || r.UnmappedEvents[0].Event != "meeting.started" || r.UnmappedEvents[0].Pointer != "/features/event_subscription/events/0" || r.UnmappedEvents[0].Line != 14 {
		t.Errorf("events: %+v", r.UnmappedEvents)
	}
	if r.Verdict != "unverified" {
		t.Errorf("verdict %q, want unverified", r.Verdict)
	}

	// SARIF results carry the manifest's lines.
	path := filepath.Join("testdata", "manifests", "user-app-admin-scopes.json")
	out, _, code := runCLI(t, "", "audit", "--requested", path, "--call", "GET /users/{userId}", "--format", "sarif")
	if code != 5 || !strings.Contains(out, `"startLine": 7`) || !strings.Contains(out, "user-app-admin-scopes.json") {
		t.Errorf("SARIF (exit %d) lacks the line:\n%s", code, out)
	}
}
