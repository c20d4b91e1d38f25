package audit

import (
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/planner"
)

func TestScopeLines(t *testing.T) {
	tests := []struct {
		name, data string
		want       map[string]int
	}{
		{"manifest json", `{
  "oauth_information": {
    "usage": "USER_OPERATION",
    "scopes": [
      {"scope": "user:read:user", "optional": false},
      {"scope": "user:read:user:admin"},
      {"scope": "meeting:write:meeting"}
    ]
  }
}`, map[string]int{"user:read:user": 5, "user:read:user:admin": 6, "meeting:write:meeting": 7}},
		{"scopes block with comments", `# user:read:user is needed for the profile page
scopes:
  - scope: user:read:user   # the profile
  - meeting:write:meeting
`, map[string]int{"user:read:user": 3, "meeting:write:meeting": 4}},
		{"plain list, one line", "user:read:user, meeting:write:meeting\n", map[string]int{"user:read:user": 1, "meeting:write:meeting": 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := ParseRequest(tt.name, []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			got := ScopeLines([]byte(tt.data), req)
			if len(got) != len(tt.want) {
				t.Errorf("got %v, want %v", got, tt.want)
			}
			for s, l := range tt.want {
				if got[s] != l {
					t.Errorf("%s: line %d, want %d", s, got[s], l)
				}
			}
		})
	}
}

func TestFailsMatchesMismatch(t *testing.T) {
	results := []Result{
		{},
		{Unknown: []Unknown{{Scope: "x"}}},
		{Kind: KindMixed},
		{OverPrivileged: []Unused{{Scope: "a"}}},
		{Redundant: []Unused{{Scope: "a"}}},
		{Missing: []Missing{{}}},
		{Unmapped: []planner.Unmapped{{}}},
	}
	for i, r := range results {
		if r.Fails(false, false) != r.Mismatch() {
			t.Errorf("result %d: Fails(false, false) = %v, Mismatch = %v", i, r.Fails(false, false), r.Mismatch())
		}
	}
	over := Result{OverPrivileged: []Unused{{Scope: "a"}}, Redundant: []Unused{{Scope: "b"}}}
	if !over.Fails(false, true) || over.Fails(true, false) {
		t.Error("--allow-unused does not decide over-privilege alone")
	}
	unverified := Result{Unmapped: []planner.Unmapped{{}}}
	if !unverified.Fails(true, false) || unverified.Fails(false, true) {
		t.Error("--allow-unverified does not decide unmapped calls alone")
	}
	if !(&Result{Missing: []Missing{{}}}).Fails(true, true) {
		t.Error("a missing scope passes with both allowances")
	}
}

// FuzzScopeLines: any requested-scopes file that parses gives each scope
// found a line inside the file, and never panics.
func FuzzScopeLines(f *testing.F) {
	f.Add([]byte("{\"oauth_information\": {\"scopes\": [{\"scope\": \"user:read:user\"}]}}"))
	f.Add([]byte("scopes:\n  - user:read:user # note\n"))
	f.Add([]byte("user:read:user, meeting:write:meeting\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		req, err := ParseRequest("fuzz", data)
		if err != nil {
			return
		}
		lines := 1 + strings.Count(string(data), "\n")
		for s, l := range ScopeLines(data, req) {
			if l < 1 || l > lines {
				t.Errorf("%s at line %d of %d", s, l, lines)
			}
		}
	})
}
