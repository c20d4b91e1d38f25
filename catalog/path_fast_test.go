package catalog

import "testing"

// TestTrimPathFastPath: the clean-path shortcut gives what the full
// trimming gives.
func TestTrimPathFastPath(t *testing.T) {
	for _, p := range []string{
		"/users/{userId}", "/users/me/settings", "/", "", "/v2", "/v2/users", "/v2x/users", "/users/",
		"/users/:userId", "/a%2Fb/c", "/a%20b", "/users?x=1", "/users#frag", " /users", "/users\t",
		"https://api.zoom.us/v2/users", "{{baseUrl}}/users", "users/{id}", "/ümlaut/x", "/users/{userId}/meetings",
		"/accounts/{accountId}/users", "/a//b", "/im/chat/{sessionId}",
	} {
		if got, want := TrimPath(p), trimPath(p); got != want {
			t.Errorf("TrimPath(%q) = %q, full trimming gives %q", p, got, want)
		}
	}
}
