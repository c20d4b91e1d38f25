package catalog

import (
	"reflect"
	"testing"

	"github.com/scopeplan/scopeplan/parser/record"
)

func src(line int) record.Source { return record.Source{File: "t", Line: int32(line)} }

func refs(names ...string) []record.ScopeRef {
	var out []record.ScopeRef
	for _, n := range names {
		out = append(out, record.ScopeRef{Name: n, Source: src(1)})
	}
	return out
}

func row(product, name, segment, variant, id string, scopes ...string) record.GranularRow {
	dir := "methods"
	if variant == "ma" {
		dir = "ma"
	}
	return record.GranularRow{
		Product: product, Section: "S", Name: name,
		Link:   "/docs/api/rest/reference/" + segment + "/" + dir + "/#operation/" + id,
		Scopes: refs(scopes...), Source: src(10),
	}
}

func op(method, path, id, name string, classic, granular []string) record.Operation {
	l := record.ScopeList{Origin: record.OriginText, Classic: refs(classic...), Granular: refs(granular...), HasGranular: granular != nil}
	return record.Operation{Method: method, Path: path, OperationID: id, Name: name, Scopes: []record.ScopeList{l}, Source: src(20)}
}

func testCatalog(t *testing.T) *Catalog {
	t.Helper()
	page := &record.Document{Path: "granular.md", Kind: record.KindGranularMD, GranularRows: []record.GranularRow{
		row("Zoom User", "Get a user", "user", "methods", "user", "user:read:user", "user:read:user:admin"),
		row("Zoom User", "Get a user", "user", "ma", "user", "user:read:user:master"),
		row("Zoom User", "Get user settings", "user", "methods", "userSettings", "user:read:settings", "user:read:settings:admin"),
		row("Zoom User", "List users", "user", "methods", "users", "user:read:list_users:admin"),
		row("Zoom Meeting", "Get a meeting", "zoom-api", "methods", "meeting", "meeting:read:meeting"),
		// Two rows with one name: a name-only join must not pick one.
		row("Zoom Meeting", "Delete", "zoom-api", "methods", "meetingDelete", "meeting:delete:meeting"),
		row("Zoom Meeting", "Delete", "zoom-api", "methods", "webinarDelete", "meeting:delete:webinar"),
		{Product: "Zoom User", Section: "S", Name: "No link", Scopes: refs("user:read:x"), Source: src(30)},
	}}
	classic := &record.Document{Path: "classic.txt", Kind: record.KindClassic, ClassicScopes: []record.ClassicScope{
		{Group: "User", Name: "user:read:admin", Description: "View users", Source: src(1),
			APIs: []record.APIItem{{Name: "Get a user", Source: src(2)}, {Name: "Nowhere", Source: src(3)}}},
	}}
	ref := &record.Document{Path: "users.txt", Kind: record.KindOpenAPIText, Title: "Users", Operations: []record.Operation{
		op("GET", "/users/{userId}", "user", "Get a user", []string{"user:read:admin"}, []string{"user:read:user"}),
		op("GET", "/users/:userId/settings", "", "Get user settings", []string{"user:read"}, nil),
		op("GET", "/accounts/{accountId}/users/{userId}", "user", "Get a user", nil, nil),
		op("POST", "/users", "", "Create users", []string{"user:write:admin"}, []string{"user:write:user:admin"}),
	}}
	meet := &record.Document{Path: "meet.txt", Kind: record.KindPostman, Title: "Zoom Meeting API", Operations: []record.Operation{
		op("DELETE", "/things/{id}", "", "Delete", nil, nil),
	}}
	c, err := Build([]*record.Document{page, classic, ref, meet})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestBuildJoins(t *testing.T) {
	c := testCatalog(t)
	tests := []struct {
		spec     string
		wantName []string
		wantJoin []JoinKind
		wantPath []string
	}{
		{"GET /users/{userId}", []string{"Get a user"}, []JoinKind{JoinOperationID}, []string{"/users/{userId}"}},
		{"GET /users/me/settings", []string{"Get user settings"}, []JoinKind{JoinName}, []string{"/users/{userId}/settings"}},
		{"GET https://api.zoom.us/v2/accounts/abc/users/me?x=1", []string{"Get a user"}, []JoinKind{JoinOperationID}, []string{"/accounts/{accountId}/users/{userId}"}},
		{"POST /users", []string{"Create users"}, []JoinKind{JoinUnmatched}, []string{"/users"}},
		{"DELETE /things/1", []string{"Delete"}, []JoinKind{JoinAmbiguous}, []string{"/things/{id}"}},
		{"userSettings", []string{"Get user settings"}, []JoinKind{JoinName}, []string{"/users/{userId}/settings"}},
		{"https://developers.zoom.us/docs/api/rest/reference/user/ma/#operation/user", []string{"Get a user"}, []JoinKind{JoinOperationID}, []string{"/accounts/{accountId}/users/{userId}"}},
		{"get A USER", []string{"Get a user", "Get a user"}, []JoinKind{JoinOperationID, JoinOperationID}, []string{"/users/{userId}", "/accounts/{accountId}/users/{userId}"}},
	}
	for _, tc := range tests {
		t.Run(tc.spec, func(t *testing.T) {
			eps, _ := c.Resolve(tc.spec)
			var names, paths []string
			var joins []JoinKind
			for _, e := range eps {
				names = append(names, e.Name)
				joins = append(joins, e.Join)
				paths = append(paths, e.Path)
			}
			if !reflect.DeepEqual(names, tc.wantName) || !reflect.DeepEqual(joins, tc.wantJoin) || !reflect.DeepEqual(paths, tc.wantPath) {
				t.Errorf("Resolve(%q) = %v %v %v, want %v %v %v", tc.spec, names, joins, paths, tc.wantName, tc.wantJoin, tc.wantPath)
			}
		})
	}
}

func TestBuildScopesAndAssociations(t *testing.T) {
	c := testCatalog(t)
	eps, _ := c.Resolve("GET /users/{userId}")
	e := eps[0]
	// Page scopes are the authority; the reference's granular list does not add.
	if want := []string{"user:read:user", "user:read:user:admin"}; !reflect.DeepEqual(e.Granular, want) {
		t.Errorf("granular = %v, want %v", e.Granular, want)
	}
	if want := []string{"user:read:admin"}; !reflect.DeepEqual(e.Classic, want) {
		t.Errorf("classic = %v, want %v", e.Classic, want)
	}
	// A reference-only endpoint takes its granular scopes from the reference.
	eps, _ = c.Resolve("POST /users")
	if want := []string{"user:write:user:admin"}; !reflect.DeepEqual(eps[0].Granular, want) {
		t.Errorf("reference-only granular = %v, want %v", eps[0].Granular, want)
	}
	s, ok := c.GranularScope("user:write:user:admin")
	if !ok || s.Defined {
		t.Errorf("user:write:user:admin: found %v, defined %v; want found, undefined", ok, s != nil && s.Defined)
	}
	// "Get a user" names two endpoints (regular and master): an admin-level
	// classic scope goes to the regular one, and the match is recorded.
	var got Association
	for _, a := range c.Associations {
		if a.API == "Get a user" {
			got = a
		}
	}
	if len(got.Endpoints) != 1 || c.Endpoint(got.Endpoints[0]).Variant != record.VariantRegular || len(got.Matched) != 2 {
		t.Errorf("association = %+v, want the regular row of 2 matched", got)
	}
	if st := c.Stats(); st.ClassicAssociations != 2 || st.Products != 2 {
		t.Errorf("stats = %+v", st)
	}
	// The row without a link takes its heading's dominant product.
	nolink, _ := c.Resolve("No link")
	if len(nolink) != 1 || nolink[0].Product != "user" {
		t.Errorf("no-link row = %+v", nolink)
	}
}

func TestSuggest(t *testing.T) {
	c := testCatalog(t)
	if got := c.Suggest("Get a usr", 3); len(got) == 0 || got[0] != "Get a user" {
		t.Errorf("Suggest = %v", got)
	}
	if got := c.Suggest("GET /users/{userId}/setting", 3); len(got) == 0 || got[0] != "GET /users/{userId}/settings" {
		t.Errorf("Suggest path = %v", got)
	}
	if got := c.SuggestScope("user:raed:user", 2); len(got) == 0 || got[0] != "user:read:user" {
		t.Errorf("SuggestScope = %v", got)
	}
}

func TestParseScopeName(t *testing.T) {
	tests := []struct {
		raw       string
		kind      ScopeKind
		level     Level
		malformed bool
		action    string
	}{
		{"user:read:user:admin", KindGranular, LevelAdmin, false, "read"},
		{"user:read:user", KindGranular, LevelUser, false, "read"},
		{"crc:read:x:master", KindGranular, LevelMaster, false, "read"},
		{"user:read :user", KindGranular, LevelUser, true, "read"},
		{"user:read", KindGranular, LevelUser, true, "read"},
		{"a:b:c:d:admin", KindGranular, LevelAdmin, true, "b"},
		{"user:read:admin", KindClassic, LevelAdmin, false, "read"},
		{"user_profile", KindClassic, LevelUser, false, ""},
		{"user:Read:x", KindGranular, LevelUser, true, "Read"},
		{"app:deeplink:write:admin", KindClassic, LevelAdmin, false, "write"},
		{"app:deeplink:write:x", KindClassic, LevelUser, true, "deeplink"},
	}
	for _, tc := range tests {
		n := ParseScopeName(tc.raw, tc.kind)
		if n.Level != tc.level || n.Malformed != tc.malformed || n.Action != tc.action {
			t.Errorf("ParseScopeName(%q) = %+v", tc.raw, n)
		}
	}
}

func TestNormalizePath(t *testing.T) {
	for in, want := range map[string]string{
		"{{baseUrl}}/users/:userId?x=1":          "/users/{}",
		"https://api.zoom.us/v2/users/{userId}/": "/users/{}",
		"/users/me":                              "/users/me",
	} {
		if got := NormalizePath(in); got != want {
			t.Errorf("NormalizePath(%q) = %q, want %q", in, got, want)
		}
	}
	if !IsMasterPath("/accounts/{accountId}/users") || IsMasterPath("/accounts/settings") {
		t.Error("IsMasterPath")
	}
}

func TestNormName(t *testing.T) {
	for in, want := range map[string]string{
		"Get a User":            "get a user",
		"  Get\ta   user \n":    "get a user",
		"":                      "",
		"   ":                   "",
		"Liste ÉLÈVES":          "liste élèves",
		"Get user's  settings.": "get user's settings.",
	} {
		if got := normName(in); got != want {
			t.Errorf("normName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestClassicNameMatching: an API name shared by endpoints of several
// products goes to the product whose words the classic scope shares; when
// none does, every match is granted and marked as resting on the name.
func TestClassicNameMatching(t *testing.T) {
	page := &record.Document{Path: "granular.md", Kind: record.KindGranularMD, GranularRows: []record.GranularRow{
		row("Zoom User", "Get a user", "user", "methods", "user", "user:read:user"),
		row("SCIM", "Get a user", "scim-api", "methods", "scimUser", "scim2:read:user"),
		row("Zoom Meeting", "Get recordings", "zoom-api", "methods", "recordingGet", "cloud_recording:read:recording"),
		row("Zoom Phone", "Get recordings", "phone", "methods", "phoneRecordings", "phone:read:recording"),
	}}
	classic := &record.Document{Path: "classic.txt", Kind: record.KindClassic, ClassicScopes: []record.ClassicScope{
		{Group: "SCIM2", Name: "scim2", APIs: []record.APIItem{{Name: "Get a user"}}},
		{Group: "Archiving", Name: "archiving:read", APIs: []record.APIItem{{Name: "Get recordings"}}},
	}}
	c, err := Build([]*record.Document{page, classic})
	if err != nil {
		t.Fatal(err)
	}
	scim, _ := c.ClassicScope("scim2")
	if len(scim.Endpoints) != 1 || c.Endpoint(scim.Endpoints[0]).Product != "scim-api" {
		t.Errorf("scim2 grants %v, want only the SCIM row", scim.Endpoints)
	}
	arch, _ := c.ClassicScope("archiving:read")
	if len(arch.Endpoints) != 2 {
		t.Fatalf("archiving:read grants %v, want both rows", arch.Endpoints)
	}
	for _, id := range arch.Endpoints {
		if e := c.Endpoint(id); !reflect.DeepEqual(e.ClassicByName, []string{"archiving:read"}) {
			t.Errorf("%s: ClassicByName = %v", e.Label(), e.ClassicByName)
		}
	}
	if e := c.Endpoint(scim.Endpoints[0]); len(e.ClassicByName) != 0 {
		t.Errorf("a narrowed match is not weak: %v", e.ClassicByName)
	}
}
