package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// hubDir is the shared copy of Zoom's API hub files beside the repository.
func hubDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "zoom-api-hub")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("shared API hub files absent: %v", err)
		}
		t.Skipf("shared API hub files absent: %v", err)
	}
	return dir
}

// TestHubStatsAndPlan is issue 9's acceptance: the hub folder loads as
// one --add-docs (every kind, recursively), its events are counted, and
// an admin app's recording app plans its call and its event together.
func TestHubStatsAndPlan(t *testing.T) {
	dir := hubDir(t)
	out, stderr, code := runCLI(t, "", "catalog", "stats", "--add-docs", dir, "--format", "json")
	if code != 0 {
		t.Fatalf("stats: exit %d: %s", code, stderr)
	}
	var st struct {
		Events             int `json:"events"`
		EventsWithScopes   int `json:"events_with_scopes"`
		EventsWithGranular int `json:"events_with_granular_scopes"`
		Documents          []struct {
			Kind string `json:"kind"`
		} `json:"documents"`
	}
	if err := json.Unmarshal([]byte(out), &st); err != nil {
		t.Fatal(err)
	}
	kinds := map[string]int{}
	for _, d := range st.Documents {
		kinds[d.Kind]++
	}
	if st.Events != 423 || st.EventsWithGranular != 370 || st.EventsWithScopes < st.EventsWithGranular {
		t.Errorf("events %d, with scopes %d, with granular scopes %d; want 423, >= 370, 370", st.Events, st.EventsWithScopes, st.EventsWithGranular)
	}
	if kinds["webhooks"] != 12 || kinds["openapi"] != 15+10 {
		t.Errorf("document kinds %v, want 12 webhooks and 25 openapi files", kinds)
	}

	out, stderr, code = runCLI(t, "", "plan", "--app", "admin", "--event", "recording.completed",
		"--call", "GET /users/{userId}/recordings", "--add-docs", dir, "--format", "json")
	if code != 0 {
		t.Fatalf("plan: exit %d: %s\n%s", code, stderr, out)
	}
	var plan struct {
		Granular []string `json:"granular"`
		Events   []struct {
			Event    string   `json:"event"`
			Granular []string `json:"granular"`
		} `json:"events"`
		Unmapped []any `json:"unmapped"`
	}
	if err := json.Unmarshal([]byte(out), &plan); err != nil {
		t.Fatal(err)
	}
	want := []string{"cloud_recording:read:list_user_recordings:admin", "cloud_recording:read:recording:admin"}
	if !reflect.DeepEqual(plan.Granular, want) || len(plan.Events) != 1 || plan.Events[0].Event != "recording.completed" || len(plan.Unmapped) != 0 {
		t.Errorf("plan: %s", out)
	}

	// The manifest lists the event where Zoom's app manifest does.
	out, _, code = runCLI(t, "", "plan", "--app", "admin", "--event", "recording.completed", "--add-docs", dir, "--format", "manifest")
	if code != 0 || !strings.Contains(out, "event_subscription:\n    events:\n      - recording.completed") {
		t.Errorf("manifest (exit %d):\n%s", code, out)
	}

	// An unknown event exits 3 and is listed as an unmapped event.
	out, _, code = runCLI(t, "", "plan", "--app", "admin", "--event", "recording.complete", "--add-docs", dir, "--format", "json")
	if code != 3 || !strings.Contains(out, `"kind": "event"`) || !strings.Contains(out, `"recording.completed"`) {
		t.Errorf("unknown event: exit %d\n%s", code, out)
	}
}

// TestHubMigrateAndAuditEvents: migrate and audit take --event like plan.
func TestHubMigrateAndAuditEvents(t *testing.T) {
	dir := filepath.Join(hubDir(t), "meetings")
	out, stderr, code := runCLI(t, "", "migrate", "recording:read:admin", "--event", "recording.completed", "--add-docs", dir, "--format", "json")
	if code != 0 || !strings.Contains(out, `"event": "recording.completed"`) {
		t.Errorf("migrate --event: exit %d: %s\n%s", code, stderr, out)
	}
	_, _, code = runCLI(t, "", "audit", "--app", "admin", "--scopes", "cloud_recording:read:recording:admin", "--event", "recording.completed", "--add-docs", dir)
	if code != 0 {
		t.Errorf("audit of exactly the event's scope: exit %d, want 0", code)
	}
	_, _, code = runCLI(t, "", "audit", "--app", "admin", "--scopes", "meeting:read:meeting:admin", "--event", "recording.completed", "--add-docs", dir)
	if code != 5 {
		t.Errorf("audit without the event's scope: exit %d, want 5", code)
	}
}
