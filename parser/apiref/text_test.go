package apiref

import "testing"

func TestRequestLine(t *testing.T) {
	for _, tc := range []struct {
		line, method, path string
		ok                 bool
	}{
		{"GET {{baseUrl}}/users/:userId?a=1&b=<string>", "GET", "/users/:userId", true},
		{"delete https://api.zoom.us/v2/users/{userId}#x", "DELETE", "/users/{userId}", true},
		{"PUT http://example.com/v10", "PUT", "/", true},
		{"PUT https://example.com/vx/a", "PUT", "/vx/a", true},
		{"PUT https://example.com", "PUT", "/", true},
		{"  POST /things  ", "POST", "/things", true},
		{"GET {{baseUrl}}", "GET", "/", true},
		{"Get a user", "", "", false},
		{"GET {{baseUrl /x", "", "", false},
		{"GET - Path:", "", "", false},
		{"FETCH /x", "", "", false},
		{"GET /x extra", "", "", false},
		{"GET", "", "", false},
	} {
		m, target, ok := requestLine(tc.line)
		if ok != tc.ok || m != tc.method || (ok && pathOf(target) != tc.path) {
			t.Errorf("requestLine(%q) = %q %q %v, want %q %q %v", tc.line, m, pathOf(target), ok, tc.method, tc.path, tc.ok)
		}
	}
}

func TestAppendScopes(t *testing.T) {
	tx := newText("f", []byte("Scopes:  a:b ,c\u00a0, ,\td:e,"))
	refs, open := tx.appendScopes(nil, 0, len("Scopes:"))
	want := []struct {
		name string
		col  int
	}{{"a:b", 10}, {"c\u00a0", 15}, {"d:e", 21}}
	if !open || len(refs) != len(want) {
		t.Fatalf("got %+v open=%v", refs, open)
	}
	for i, w := range want {
		if refs[i].Name != w.name || int(refs[i].Source.Column) != w.col || refs[i].Source.Line != 1 {
			t.Errorf("ref %d = %+v, want %q at column %d", i, refs[i], w.name, w.col)
		}
	}
}

func TestProductOf(t *testing.T) {
	for path, want := range map[string]string{
		"/phone/users/:userId":   "Phone",
		"/contact_center/queues": "Contact Center",
		"/:id/x":                 "",
		"/{id}":                  "",
		"/":                      "",
		"/éte":                   "Éte",
	} {
		if got := productOf(path); got != want {
			t.Errorf("productOf(%q) = %q, want %q", path, got, want)
		}
	}
}
