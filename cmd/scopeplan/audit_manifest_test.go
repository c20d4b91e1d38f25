package main

import (
	"encoding/json"
	"os"
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

// sharedMeetingsWebhooks is Zoom's real Meetings webhooks file beside the
// checkout; tests that need it skip when it is absent.
func sharedMeetingsWebhooks(t *testing.T) string {
	t.Helper()
	p := filepath.Join("..", "..", "..", "shared", "zoom-api-hub", "meetings", "events", "webhooks.json")
	if _, err := os.Stat(p); err != nil {
		t.Skipf("real webhooks files not present: %v", err)
	}
	return p
}

// TestAuditManifestEvents: with the events documented, subscriptions
// without their scopes are missing, at their JSON pointer and line; with
// them, the manifest matches.
func TestAuditManifestEvents(t *testing.T) {
	hooks := sharedMeetingsWebhooks(t)
	path := filepath.Join("testdata", "manifests", "events-without-scopes.json")
	out, errOut, code := runCLI(t, "", "audit", "--requested", path, "--call", "GET /users/{userId}", "--add-docs", hooks, "--format", "json")
	if code != 5 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r struct {
		Verdict string `json:"verdict"`
		Missing []struct {
			Event   string   `json:"event"`
			Would   []string `json:"would"`
			Pointer string   `json:"pointer"`
			Line    int      `json:"line"`
		} `json:"missing"`
		UnmappedEvents []json.RawMessage `json:"unmapped_events"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.Verdict != "under-privileged" || len(r.UnmappedEvents) != 0 || len(r.Missing) != 2 ||
		r.Missing[0].Event != "meeting.started" || r.Missing[0].Pointer != "/features/event_subscription/events/0" || r.Missing[0].Line != 14 || len(r.Missing[0].Would) != 1 {
		t.Errorf("events: %+v", r)
	}
	// Requesting the scopes the audit named (and zoomapp:inmeeting): a match.
	fixed := writeFile(t, "fixed.json", `{"oauth_information": {"usage": "ADMIN_MANAGEMENT", "scopes": [
	  {"scope": "user:read:user:admin"}, {"scope": "zoomapp:inmeeting"},
	  {"scope": "`+r.Missing[0].Would[0]+`"}, {"scope": "`+r.Missing[1].Would[0]+`"}]},
	  "features": {"in_client_feature": {"zoom_app_api": {"zoom_app_apis": ["getMeetingContext"]}},
	  "event_subscription": {"events": ["meeting.started", "meeting.participant_joined"]}}}`)
	if out, errOut, code := runCLI(t, "", "audit", "--requested", fixed, "--call", "GET /users/{userId}", "--add-docs", hooks); code != 0 {
		t.Errorf("fixed manifest: exit %d\n%s%s", code, out, errOut)
	}
	// explain names the event's scope.
	out, _, code = runCLI(t, "", "explain", "The event is not allowed for the app", "--event", "meeting.started", "--app", "admin", "--add-docs", hooks, "--format", "json")
	var x struct {
		Add []struct{ Scope string } `json:"add"`
	}
	if err := json.Unmarshal([]byte(out), &x); err != nil || code != 0 || len(x.Add) != 1 || x.Add[0].Scope != r.Missing[0].Would[0] {
		t.Errorf("explain --event: exit %d, %+v", code, x)
	}
}
