package audit_test

import (
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/audit"
)

// FuzzParseRequest: any requested-scopes file parses or fails with an
// error naming the file; positions point into the scopes list.
func FuzzParseRequest(f *testing.F) {
	f.Add([]byte(`{"oauth_information": {"usage": "USER_OPERATION", "scopes": [{"scope": "a:read:b"}]}, "features": {"event_subscription": {"events": ["meeting.started"]}, "in_client_feature": {"zoom_app_api": {"zoom_app_apis": ["x"]}}}}`))
	f.Add([]byte("scopes:\n  - scope: a:read:b\n    optional: true\n"))
	f.Add([]byte("a:read:b, c:read:d\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := audit.ParseRequest("f", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "f") {
				t.Errorf("error without the file name: %v", err)
			}
			return
		}
		for s, at := range r.Where {
			if !strings.HasPrefix(at.Pointer, "/") || at.Line < 1 {
				t.Errorf("%s at %+v", s, at)
			}
		}
	})
}
