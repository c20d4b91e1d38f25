package explain_test

import (
	"reflect"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/explain"
	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
	"github.com/scopeplan/scopeplan/planner"
)

func TestParse(t *testing.T) {
	tests := []struct {
		name, text string
		ok         bool
		code       int
		scopes     []string
	}{
		{"4711 classic and granular", `{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:admin, user:read:user:admin]."}`, true, 4711, []string{"user:read:admin", "user:read:user:admin"}},
		{"4711 in a log line", `2025-01-02 ERROR zoom: HTTP 400 {"code": 4711, "message": "Invalid access token, does not contain scopes:[contact:read:list_contacts, contact:read:list_contacts:admin]."} trace=abc`, true, 4711, []string{"contact:read:list_contacts", "contact:read:list_contacts:admin"}},
		{"4711 bare message", "Invalid access token, does not contain scopes:[meeting:read:meeting:admin]", true, 4711, []string{"meeting:read:meeting:admin"}},
		{"4711 code as string", `{"code":"4711","message":"Invalid access token, does not contain scopes:[a:read:b]"}`, true, 4711, []string{"a:read:b"}},
		{"4711 duplicates", `{"code":4711,"message":"does not contain scopes:[a:read:b, a:read:b]"}`, true, 4711, []string{"a:read:b"}},
		{"4700", `{"code":4700,"message":"Invalid access token, does not contain scopes."}`, true, 4700, []string{}},
		{"124", `{"code":124,"message":"Invalid access token."}`, true, 124, []string{}},
		{"124 bare", "Access token is expired.", true, 124, []string{}},
		{"event", `{"code":0,"message":"The event is not allowed for the app"}`, true, 0, []string{}},
		{"event bare", "The event is not allowed for the app.", true, 0, []string{}},
		{"not zoom", "hello world", false, 0, nil},
		{"other json", `{"name":"x"}`, false, 0, nil},
		{"empty", "  ", false, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ze, ok := explain.Parse(tc.text)
			if ok != tc.ok {
				t.Fatalf("ok = %v, want %v (%+v)", ok, tc.ok, ze)
			}
			if !ok {
				return
			}
			if ze.Code != tc.code || !reflect.DeepEqual(ze.Scopes, tc.scopes) {
				t.Errorf("got %+v, want code %d scopes %v", ze, tc.code, tc.scopes)
			}
		})
	}
}

func explainText(t *testing.T, text string, o explain.Options) *explain.Explanation {
	t.Helper()
	ze, ok := explain.Parse(text)
	if !ok {
		t.Fatalf("not parsed: %s", text)
	}
	x, err := explain.Explain(catalogtest.Embedded(t), ze, o)
	if err != nil {
		t.Fatal(err)
	}
	return x
}

func TestExplain4711(t *testing.T) {
	// Granular names of both levels: one exact endpoint, one scope per
	// app type unless --app says which.
	x := explainText(t, `{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:user, user:read:user:admin]."}`, explain.Options{})
	if x.Kind != explain.KindMissingScopes || len(x.Candidates) != 1 || x.Candidates[0].Match != explain.MatchExact || x.Candidates[0].Endpoint.Path != "/users/{userId}" {
		t.Fatalf("candidates %+v", x.Candidates)
	}
	if len(x.Add) != 2 || x.Add[0].Scope != "user:read:user" || x.Add[1].Scope != "user:read:user:admin" || x.App != "" {
		t.Errorf("add %+v app %q", x.Add, x.App)
	}
	x = explainText(t, `{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:user, user:read:user:admin]."}`, explain.Options{App: planner.AppUser})
	if len(x.Add) != 1 || x.Add[0].Scope != "user:read:user" || x.Add[0].Manifest != `{"scope": "user:read:user", "optional": false}` || x.AppInferred {
		t.Errorf("--app user: add %+v", x.Add)
	}

	// Classic and granular names, admin level only: the app type is
	// inferred, and the granular scope is the one to add.
	x = explainText(t, `{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:admin, user:read:user:admin]."}`, explain.Options{})
	if !x.AppInferred || x.App != planner.AppAdmin || len(x.Add) != 1 || x.Add[0].Scope != "user:read:user:admin" {
		t.Errorf("classic+granular: app %q inferred %v add %+v", x.App, x.AppInferred, x.Add)
	}
	if len(x.Candidates) == 0 || x.Candidates[0].Match != explain.MatchSuperset {
		t.Errorf("classic+granular candidates %+v", x.Candidates)
	}

	// A classic set many endpoints accept: every one is a candidate,
	// never collapsed into a guess; exact matches first.
	x = explainText(t, `{"code":4711,"message":"Invalid access token, does not contain scopes:[meeting:read:admin, meeting:read]."}`, explain.Options{App: planner.AppAdmin})
	if len(x.Candidates) < 10 {
		t.Fatalf("want many candidates, got %d", len(x.Candidates))
	}
	seenSuperset := false
	for _, c := range x.Candidates {
		if c.Match == explain.MatchSuperset {
			seenSuperset = true
		} else if seenSuperset {
			t.Fatal("an exact match after a superset one")
		}
	}
	if len(x.Add) != 1 || x.Add[0].Scope != "meeting:read:admin" || !strings.Contains(strings.Join(x.Notes, " "), "narrow") {
		t.Errorf("add %+v notes %v", x.Add, x.Notes)
	}
	// The app's calls narrow them.
	n := len(x.Candidates)
	x = explainText(t, `{"code":4711,"message":"Invalid access token, does not contain scopes:[meeting:read:admin, meeting:read]."}`,
		explain.Options{App: planner.AppAdmin, Calls: []planner.Call{{Spec: "meetingPolls"}, {Spec: "GET /users/{userId}"}}})
	if len(x.Candidates) != 1 || x.Candidates[0].Endpoint.OperationID != "meetingPolls" {
		t.Errorf("narrowed from %d to %+v", n, x.Candidates)
	}
}

func TestExplainTokenAndEventErrors(t *testing.T) {
	for text, kind := range map[string]string{
		`{"code":4700,"message":"Invalid access token, does not contain scopes."}`: explain.KindToken,
		`{"code":124,"message":"Access token is expired."}`:                        explain.KindToken,
		`{"code":104,"message":"Invalid access token."}`:                           explain.KindToken,
		`{"code":4711,"message":"Refresh token invalid"}`:                          "",
		`The event is not allowed for the app`:                                     explain.KindEvent,
	} {
		ze, _ := explain.Parse(text)
		x, err := explain.Explain(catalogtest.Embedded(t), ze, explain.Options{})
		if kind == "" {
			// 4711 without a scope list and without "scope": not explained.
			if err == nil && x.Kind != explain.KindToken {
				t.Errorf("%s: %+v", text, x)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", text, err)
		}
		if x.Kind != kind || x.Cause == "" || x.Fix == "" || len(x.Candidates) != 0 {
			t.Errorf("%s: %+v", text, x)
		}
	}
	ze, _ := explain.Parse(`{"code":300,"message":"Validation Failed."}`)
	if _, err := explain.Explain(catalogtest.Embedded(t), ze, explain.Options{}); err == nil {
		t.Error("code 300: want an error")
	}
}
