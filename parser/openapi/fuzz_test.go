package openapi

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// trimmedReal returns a small but real OpenAPI file: zoom-users with its
// first three paths and no components, or nil when the shared files are
// absent.
func trimmedReal(tb testing.TB) []byte {
	data, err := os.ReadFile(sharedPath("zoom-users.openapi.json"))
	if err != nil {
		return nil
	}
	var spec struct {
		OpenAPI string                     `json:"openapi"`
		Info    json.RawMessage            `json:"info"`
		Paths   map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(data, &spec); err != nil {
		tb.Fatal(err)
	}
	keep := map[string]json.RawMessage{}
	for _, p := range []string{"/users", "/users/{userId}", "/users/{userId}/settings"} {
		keep[p] = spec.Paths[p]
	}
	spec.Paths = keep
	out, err := json.MarshalIndent(spec, "", "  ")
	if err != nil {
		tb.Fatal(err)
	}
	return out
}

func FuzzParse(f *testing.F) {
	for _, name := range fixtures() {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	if real := trimmedReal(f); real != nil {
		f.Add(real)
		f.Add(real[:len(real)/2])
	}
	f.Add([]byte(`{"openapi":"3.0.0","paths":{"/a":{"get":{"operationId":"a","description":"**Scopes:** ` + "`a`" + `\u0060b\u0060"}}}}`))
	f.Add([]byte("openapi: 3.0.0\npaths:\n  /a:\n    get: &x {operationId: a}\n    put: *x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Sniff(data)
		doc, err := Parse("fuzz", data)
		if err != nil {
			// The scanner must walk whatever encoding/json accepts.
			if errors.Is(err, errJSON) {
				t.Fatalf("scanner rejected valid JSON: %v", err)
			}
			if isJSON(data) && json.Valid(data) {
				t.Fatalf("valid JSON object rejected: %v", err)
			}
			return
		}
		if doc == nil {
			t.Fatal("nil document without error")
		}
		for _, o := range doc.Operations {
			if o.Method == "" || o.Source.Line < 1 {
				t.Fatalf("operation without method or line: %+v", o)
			}
			for _, l := range o.Scopes {
				for _, r := range slices.Concat(l.Classic, l.Granular) {
					if r.Source.Line < 1 {
						t.Fatalf("scope %q without line", r.Name)
					}
				}
			}
		}
	})
}
