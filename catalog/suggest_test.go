package catalog_test

import (
	"testing"

	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
)

// TestSuggestByShape: suggestions for an unknown "METHOD /path" are the
// templates nearest in shape (segments, parameters, method), on the
// embedded catalog.
func TestSuggestByShape(t *testing.T) {
	c := catalogtest.Embedded(t)
	tests := []struct {
		call, first string
	}{
		{"DELETE /users/{userId}/asistants", "DELETE /users/{userId}/assistants"},         // a typo in a literal
		{"GET /users/42/assistants/x", "DELETE /users/{userId}/assistants/{assistantId}"}, // the same path under another method first
		{"GET /users/42/asistants/x", "GET /users/{userId}/assistants"},                   // a typo and a segment too many
		{"PATCH /users/{id}/setting", "PATCH /users/{userId}/settings"},                   // typo, method kept
	}
	for _, tc := range tests {
		got := c.Suggest(tc.call, 5)
		if len(got) == 0 || got[0] != tc.first {
			t.Errorf("Suggest(%q) = %v, want %q first", tc.call, got, tc.first)
		}
	}
	if n := c.PathsUnder("/meetings/{meetingId}"); n != 0 {
		t.Errorf("PathsUnder(/meetings) = %d on the embedded data, want 0", n)
	}
	if n := c.PathsUnder("/users/me"); n < 30 {
		t.Errorf("PathsUnder(/users) = %d, want the Users API's paths", n)
	}
}
