package explain_test

import (
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/explain"
)

// FuzzParse: any text parses without panicking, and a parsed error's
// scopes are non-empty names without separators.
func FuzzParse(f *testing.F) {
	for _, s := range []string{
		`{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:admin, user:read:user:admin]."}`,
		`{"code":124,"message":"Invalid access token."}`,
		`The event is not allowed for the app`,
		`{"error":{"code":"4700","message":"x"}}`,
		`{{{"code":`,
		"does not contain scopes:[a:b, c",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ze, ok := explain.Parse(text)
		if !ok {
			return
		}
		for _, s := range ze.Scopes {
			if s == "" || strings.ContainsAny(s, ", []") {
				t.Errorf("bad scope %q from %q", s, text)
			}
		}
	})
}
