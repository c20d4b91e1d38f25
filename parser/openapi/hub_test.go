package openapi

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// hubDir is the shared copy of Zoom's API hub files (<slug>/methods,
// ma, events), laid out like the site.
func hubDir(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "..", "shared", "zoom-api-hub")
	if _, err := os.Stat(dir); err != nil {
		if os.Getenv("CI") != "" {
			tb.Fatalf("shared API hub files absent: %v", err)
		}
		tb.Skipf("shared API hub files absent: %v", err)
	}
	return dir
}

// TestHubFiles parses every real hub file and checks the figures the
// shared folder's README states: 1225 REST operations, 685
// master-account operations, 423 events, 370 of them with granular
// scopes. Every webhooks file is detected as such, every other as OpenAPI.
func TestHubFiles(t *testing.T) {
	dir := hubDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "*", "*", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no hub files under %s: %v", dir, err)
	}
	var rest, master, events, granular, classic, scopeless, perms int
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		isEvents := strings.HasSuffix(f, "webhooks.json")
		if SniffWebhooks(data) != isEvents || Sniff(data) == isEvents {
			t.Errorf("%s: SniffWebhooks = %v, Sniff = %v", f, SniffWebhooks(data), Sniff(data))
		}
		doc, err := Parse(f, data)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		switch filepath.Base(filepath.Dir(f)) {
		case "methods":
			rest += len(doc.Operations)
		case "ma":
			master += len(doc.Operations)
		}
		for _, op := range doc.Operations {
			if len(op.Permissions) > 0 {
				perms++
			}
		}
		for _, ev := range doc.Events {
			events++
			if ev.Name == "" || ev.Source.Line == 0 {
				t.Errorf("%s: event without name or line: %+v", f, ev)
			}
			switch {
			case len(ev.Granular()) > 0:
				granular++
			case len(ev.Classic()) > 0:
				classic++
			default:
				scopeless++
			}
			for _, l := range ev.Scopes {
				for _, s := range slices.Concat(l.Classic, l.Granular) {
					if s.Source.Line <= ev.Source.Line {
						t.Errorf("%s: %s: scope %s at line %d, before its event", f, ev.Name, s.Name, s.Source.Line)
					}
				}
			}
		}
	}
	if rest != 1225 || master != 685 || events != 423 || granular != 370 {
		t.Errorf("REST %d, master %d, events %d (%d with granular scopes); want 1225, 685, 423 (370)", rest, master, events, granular)
	}
	if perms == 0 {
		t.Error("no operation kept its x-permissions")
	}
	t.Logf("events: %d with granular scopes, %d classic only, %d without scopes; %d operations with role permissions", granular, classic, scopeless, perms)
}
