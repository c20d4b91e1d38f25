package audit_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/audit"
	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
	"github.com/scopeplan/scopeplan/planner"
)

func TestParseRequest(t *testing.T) {
	tests := []struct {
		name, file, data string
		want             []audit.Requested
		app              planner.AppType
		errHas           string
	}{
		{name: "zoom manifest json", file: "m.json",
			data: `{"oauth_information": {"usage": "ADMIN_MANAGEMENT", "scopes": [{"scope": "user:read:user:admin", "optional": false}, {"scope": "user:write:user:admin", "optional": true}]}}`,
			want: []audit.Requested{{Scope: "user:read:user:admin"}, {Scope: "user:write:user:admin", Optional: true}}, app: planner.AppAdmin},
		{name: "manifest yaml user", file: "m.yaml",
			data: "oauth_information:\n  usage: USER_OPERATION\n  scopes:\n    - scope: user:read:user\n",
			want: []audit.Requested{{Scope: "user:read:user"}}, app: planner.AppUser},
		{name: "scopes block", file: "s.yaml", data: "scopes:\n  - scope: a:read:b\n    optional: false\n  - c:read:d\n",
			want: []audit.Requested{{Scope: "a:read:b"}, {Scope: "c:read:d"}}},
		{name: "plain list", file: "s.txt", data: "# mine\na:read:b, c:read:d\ne:read:f\n",
			want: []audit.Requested{{Scope: "a:read:b"}, {Scope: "c:read:d"}, {Scope: "e:read:f"}}},
		{name: "empty", file: "s.txt", data: "\n", errHas: "empty"},
		{name: "bad usage", file: "m.json", data: `{"oauth_information": {"usage": "ROOT", "scopes": ["a"]}}`, errHas: "usage"},
		{name: "no scopes key", file: "m.json", data: `{"name": "x"}`, errHas: "no scopes"},
		{name: "bad optional", file: "m.yaml", data: "scopes:\n  - scope: a\n    optional: maybe\n", errHas: "optional"},
		{name: "truncated json", file: "m.json", data: `{"oauth_information": {`, errHas: "m.json: line 1"},
		{name: "bad yaml indent", file: "m.yaml", data: "oauth_information:\n  usage: ADMIN_MANAGEMENT\n scopes:\n    - scope: a\n", errHas: "m.yaml: line"},
		{name: "mapping whose first line has a value", file: "app.yaml", data: "name: My App\nscopes:\n  - a:read:b\n  - scope: c:read:d\n    optional: true\n",
			want: []audit.Requested{{Scope: "a:read:b"}, {Scope: "c:read:d", Optional: true}}},
		{name: "manifest whose first line has a value", file: "app", data: "# mine\ndisplay_name: My App\noauth_information:\n  usage: USER_OPERATION\n  scopes:\n    - scope: user:read:user\n",
			want: []audit.Requested{{Scope: "user:read:user"}}, app: planner.AppUser},
		{name: "mapping without scopes", file: "app.yaml", data: "name: My App\n", errHas: "no scopes"},
		{name: "broken mapping with a value first", file: "app.yaml", data: "name: My App\n scopes:\n  - a\n", errHas: "app.yaml: line"},
		{name: "scopes twice", file: "m.yaml", data: "scopes:\n  - a:read:b\nscopes:\n  - c:read:d\n", errHas: `m.yaml: line 3: mapping key "scopes" already defined at line 1`},
		{name: "yaml list", file: "s.yaml", data: "- a:read:b\n- c:read:d\n", want: []audit.Requested{{Scope: "a:read:b"}, {Scope: "c:read:d"}}},
		{name: "byte-order mark", file: "s.txt", data: "\ufeffa:read:b\n", want: []audit.Requested{{Scope: "a:read:b"}}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r, err := audit.ParseRequest(tc.file, []byte(tc.data))
			if tc.errHas != "" {
				if err == nil || !strings.Contains(err.Error(), tc.errHas) {
					t.Fatalf("err = %v, want %q", err, tc.errHas)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(r.Scopes, tc.want) || r.App != tc.app {
				t.Errorf("got %+v %q, want %+v %q", r.Scopes, r.App, tc.want, tc.app)
			}
		})
	}
}

func TestRun(t *testing.T) {
	c := catalogtest.Embedded(t)
	calls := []planner.Call{{Spec: "GET /users/{userId}"}, {Spec: "GET /users/me/settings"}}
	// Exactly the plan: a match.
	res, err := audit.Run(c, audit.ParseScopeList("user:read:user:admin,user:read:settings:admin"), calls, planner.AppAdmin)
	if err != nil {
		t.Fatal(err)
	}
	if res.Mismatch() || len(res.ToAdd)+len(res.ToRemove) != 0 {
		t.Fatalf("exact request: %+v", res)
	}
	// One extra scope, one missing, one misspelt, one at the wrong level.
	res, err = audit.Run(c, audit.ParseScopeList("user:read:user:admin,user:read:list_users:admin,user:raed:user:admin,user:read:user"), calls, planner.AppAdmin)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.OverPrivileged) != 1 || res.OverPrivileged[0].Scope != "user:read:list_users:admin" || len(res.OverPrivileged[0].Endpoints) == 0 {
		t.Errorf("over-privileged = %+v", res.OverPrivileged)
	}
	if len(res.Missing) != 1 || !reflect.DeepEqual(res.Missing[0].Would, []string{"user:read:settings:admin"}) {
		t.Errorf("missing = %+v", res.Missing)
	}
	if len(res.Unknown) != 1 || len(res.Unknown[0].Suggestions) == 0 || res.Unknown[0].Suggestions[0] != "user:read:user:admin" {
		t.Errorf("unknown = %+v", res.Unknown)
	}
	if len(res.Levels) != 1 || res.Levels[0].Scope != "user:read:user" {
		t.Errorf("levels = %+v", res.Levels)
	}
	// Mixed kinds.
	res, _ = audit.Run(c, audit.ParseScopeList("user:read:admin,user:read:user:admin"), nil, planner.AppAdmin)
	if res.Kind != audit.KindMixed || !res.Mismatch() {
		t.Errorf("mixed: kind %s", res.Kind)
	}
	// Without calls: the blast radius.
	if len(res.Radius) != 2 || res.Radius[0].Total == 0 || len(res.Radius[0].ByProduct) == 0 {
		t.Errorf("radius = %+v", res.Radius)
	}
}

func TestOptionalUnusedIsNotOverPrivilege(t *testing.T) {
	c := catalogtest.Embedded(t)
	req := audit.Request{Scopes: []audit.Requested{{Scope: "user:read:user:admin"}, {Scope: "user:read:list_users:admin", Optional: true}}}
	res, err := audit.Run(c, req, []planner.Call{{Spec: "GET /users/{userId}"}}, planner.AppAdmin)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.OverPrivileged) != 0 || len(res.OptionalUnused) != 1 || res.Mismatch() {
		t.Errorf("optional: over %+v, optional %+v", res.OverPrivileged, res.OptionalUnused)
	}
}

func TestInferApp(t *testing.T) {
	for in, want := range map[string]planner.AppType{
		"a:read:b":                       planner.AppUser,
		"a:read:b:admin":                 planner.AppAdmin,
		"a:read:b:admin,c:read:d:master": planner.AppMaster,
	} {
		if got, err := audit.InferApp(audit.ParseScopeList(in)); err != nil || got != want {
			t.Errorf("InferApp(%s) = %s, %v; want %s", in, got, err, want)
		}
	}
	if _, err := audit.InferApp(audit.ParseScopeList("a:read:b,a:read:b:admin")); err == nil {
		t.Error("mixed user and admin levels: want an error")
	}
}

func TestParseManifestWhole(t *testing.T) {
	data := `{
  "oauth_information": {"usage": "USER_OPERATION", "scopes": [
    {"scope": "meeting:read:meeting", "optional": false},
    {"scope": "zoomapp:inmeeting", "optional": true}
  ]},
  "features": {
    "in_client_feature": {"zoom_app_api": {"enable": true, "zoom_app_apis": ["getMeetingContext"]}},
    "event_subscription": {"enable": true, "events": [{"events": ["meeting.started"]}, {"event": "meeting.ended"}]}
  }
}`
	r, err := audit.ParseRequest("m.json", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if !r.Manifest || r.App != planner.AppUser || r.Where["zoomapp:inmeeting"] != (audit.Position{Pointer: "/oauth_information/scopes/1", Line: 4}) {
		t.Errorf("where: %+v", r.Where)
	}
	want := []audit.Event{
		{Name: "meeting.started", At: audit.Position{Pointer: "/features/event_subscription/events/0/events/0", Line: 8}},
		{Name: "meeting.ended", At: audit.Position{Pointer: "/features/event_subscription/events/1", Line: 8}},
	}
	if !reflect.DeepEqual(r.Events, want) {
		t.Errorf("events %+v", r.Events)
	}
	if !reflect.DeepEqual(r.ZoomAppAPIs, []string{"getMeetingContext"}) || r.ZoomAppAPIsAt.Line != 7 {
		t.Errorf("zoom app apis %+v at %+v", r.ZoomAppAPIs, r.ZoomAppAPIsAt)
	}
	for _, bad := range []string{
		`{"oauth_information": {"scopes": ["a:read:b"]}, "features": {"event_subscription": {"events": "meeting.started"}}}`,
		`{"oauth_information": {"scopes": ["a:read:b"]}, "features": {"event_subscription": {"events": [{}]}}}`,
		`{"oauth_information": {"scopes": ["a:read:b"]}, "features": {"in_client_feature": {"zoom_app_api": {"zoom_app_apis": "x"}}}}`,
	} {
		if _, err := audit.ParseRequest("m.json", []byte(bad)); err == nil || !strings.HasPrefix(err.Error(), "m.json:") {
			t.Errorf("%s: err = %v", bad, err)
		}
	}
}

func TestInClientScope(t *testing.T) {
	c := catalogtest.Embedded(t)
	req := audit.Request{Manifest: true, Scopes: []audit.Requested{{Scope: "user:read:user"}}, ZoomAppAPIs: []string{"getMeetingContext"}}
	res, err := audit.Run(c, req, []planner.Call{{Spec: "GET /users/{userId}"}}, planner.AppUser)
	if err != nil {
		t.Fatal(err)
	}
	if res.InClient == nil || !res.InClient.Missing || !res.Mismatch() {
		t.Errorf("APIs without zoomapp:inmeeting: %+v", res.InClient)
	}
	req = audit.Request{Manifest: true, Scopes: []audit.Requested{{Scope: "user:read:user"}, {Scope: "zoomapp:inmeeting"}}}
	res, _ = audit.Run(c, req, []planner.Call{{Spec: "GET /users/{userId}"}}, planner.AppUser)
	if res.InClient == nil || !res.InClient.Unused || len(res.Unknown) != 0 {
		t.Errorf("zoomapp:inmeeting without APIs: %+v, unknown %+v", res.InClient, res.Unknown)
	}
	req.ZoomAppAPIs = []string{"getMeetingContext"}
	res, _ = audit.Run(c, req, []planner.Call{{Spec: "GET /users/{userId}"}}, planner.AppUser)
	if res.Mismatch() {
		t.Errorf("a matching in-client request: %+v", res)
	}
}
