package audit

import (
	"reflect"
	"sort"
	"testing"
)

func TestCallWords(t *testing.T) {
	for spec, want := range map[string][]string{
		"POST /users/{userId}/meetings":                     {"meeting", "user"},
		"GET https://api.zoom.us/v2/users/jdoe@example.com": {"user"},
		"GET /phone/call_logs/8nKaDUq3QbmQ7qAzQ8d3Cw":       {"call", "log", "phone"},
		"meetingCreate": {"meeting"},
		"/docs/api/rest/reference/user/methods/#operation/userSettings": {"setting", "user"},
		"List policies": {"policy"},
	} {
		got := []string{}
		for w := range callWords(spec) {
			got = append(got, w)
		}
		sort.Strings(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("callWords(%q) = %v, want %v", spec, got, want)
		}
	}
	for scope, want := range map[string][]string{
		"meeting:read:list_meetings:admin": {"meeting"},
		"team_chat:read:channel":           {"channel", "chat", "team"},
		"user:read:admin":                  {"user"},
	} {
		got := []string{}
		for w := range scopeWords(scope) {
			got = append(got, w)
		}
		sort.Strings(got)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("scopeWords(%q) = %v, want %v", scope, got, want)
		}
	}
}
