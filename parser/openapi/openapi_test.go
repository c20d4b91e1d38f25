package openapi

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/parser/record"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the parser's output")

// fixtures are the hand-written specs under testdata with their golden
// documents.
func fixtures() []string {
	return []string{"full.json", "textonly.json", "spec.yaml", "structural.json", "webhooks.json", "webhooks-spec.yaml"}
}

func TestGolden(t *testing.T) {
	for _, name := range fixtures() {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join("testdata", name)
			data, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if webhooks := strings.HasPrefix(name, "webhooks"); Sniff(data) == webhooks || SniffWebhooks(data) != webhooks {
				t.Errorf("Sniff(%s) = %v, SniffWebhooks = %v", name, Sniff(data), SniffWebhooks(data))
			}
			doc, err := Parse(name, data)
			if err != nil {
				t.Fatal(err)
			}
			got, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(path, filepath.Ext(path)) + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("document differs from %s (run go test -update and review the diff):\n%s", golden, got)
			}
		})
	}
}

// op finds an operation by operationId.
func op(t *testing.T, doc *record.Document, id string) record.Operation {
	t.Helper()
	for _, o := range doc.Operations {
		if o.OperationID == id {
			return o
		}
	}
	t.Fatalf("operation %s not found", id)
	return record.Operation{}
}

// names lists the names of refs.
func names(refs []record.ScopeRef) []string {
	s := []string{}
	for _, r := range refs {
		s = append(s, r.Name)
	}
	return s
}

// list returns an operation's ScopeList of one origin.
func list(o record.Operation, origin record.ScopeOrigin) (record.ScopeList, bool) {
	for _, l := range o.Scopes {
		if l.Origin == origin {
			return l, true
		}
	}
	return record.ScopeList{}, false
}

func parseFixture(t *testing.T, name string) *record.Document {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse(name, data)
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

func TestFullFixture(t *testing.T) {
	doc := parseFixture(t, "full.json")
	if doc.Title != "Users" || doc.Kind != record.KindOpenAPI {
		t.Errorf("title %q kind %q", doc.Title, doc.Kind)
	}
	var ids []string
	for _, o := range doc.Operations {
		ids = append(ids, o.Method+" "+o.OperationID)
	}
	want := []string{"GET userSettings", "PATCH userSettingsUpdate", "DELETE userSSOTokenDelete", "GET inherited"}
	if !slices.Equal(ids, want) {
		t.Errorf("operations %v, want %v", ids, want)
	}

	get := op(t, doc, "userSettings")
	if get.Source.Line != 12 || get.Source.Column != 7 {
		t.Errorf("userSettings source %+v, want line 12 column 7", get.Source)
	}
	var origins []record.ScopeOrigin
	for _, l := range get.Scopes {
		origins = append(origins, l.Origin)
		if !slices.Equal(names(l.Classic), []string{"user:read", "user:read:admin"}) ||
			!slices.Equal(names(l.Granular), []string{"user:read:settings", "user:read:settings:admin"}) || !l.HasGranular {
			t.Errorf("userSettings %s: %+v", l.Origin, l)
		}
	}
	if !slices.Equal(origins, []record.ScopeOrigin{record.OriginExtensions, record.OriginSecurity, record.OriginText}) {
		t.Errorf("userSettings origins %v", origins)
	}
	if get.RateLimit != "MEDIUM" || get.Name != "Get user settings" || !slices.Equal(get.Tags, []string{"Users"}) {
		t.Errorf("userSettings rate %q name %q tags %v", get.RateLimit, get.Name, get.Tags)
	}
	// The x-extensions scopes are on their own lines.
	x, _ := list(get, record.OriginExtensions)
	if s := x.Classic[0].Source; s.Line != 22 || s.Column != 31 {
		t.Errorf("x-macro-scopes[0] at %+v, want 22:31", s)
	}

	// A classic 3-segment name the file states as classic stays classic in
	// security, although its shape is granular.
	patch := op(t, doc, "userSettingsUpdate")
	sec, ok := list(patch, record.OriginSecurity)
	if !ok || !slices.Equal(names(sec.Classic), []string{"user:write:admin", "chat_channel:read:member"}) ||
		!slices.Equal(names(sec.Granular), []string{"user:update:settings:admin"}) {
		t.Errorf("userSettingsUpdate security %+v", sec)
	}

	// Without a "security" of its own, an operation inherits the top-level
	// requirements.
	del := op(t, doc, "userSSOTokenDelete")
	if _, ok := list(del, record.OriginSecurity); !ok {
		t.Errorf("userSSOTokenDelete should inherit the top-level security")
	}
	if del.Name != "Revoke a user's SSO token" {
		t.Errorf("name %q not trimmed", del.Name)
	}
	text, _ := list(del, record.OriginText)
	if text.HasGranular || len(text.Granular) != 0 || !slices.Equal(names(text.Classic), []string{"user:write:admin"}) {
		t.Errorf("userSSOTokenDelete text %+v", text)
	}
	inh := op(t, doc, "inherited")
	sec, _ = list(inh, record.OriginSecurity)
	if !slices.Equal(names(sec.Classic), []string{"user:read"}) ||
		!slices.Equal(names(sec.Granular), []string{"phone:read:user", "user:read:inherited"}) {
		t.Errorf("inherited security %+v", sec)
	}
	x, _ = list(inh, record.OriginExtensions)
	if !x.HasGranular || !slices.Equal(names(x.Granular), []string{"user:read:inherited"}) {
		t.Errorf("inherited x-granular-scopes on the operation itself: %+v", x)
	}
	if len(doc.Problems) != 0 {
		t.Errorf("problems %+v", doc.Problems)
	}
}

// TestTextPositions checks that positions of text scopes survive escapes
// (\n, \u0060, surrogate pairs) in the JSON string.
func TestTextPositions(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "full.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Parse("full.json", data)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(string(data), "\n")
	for _, o := range doc.Operations {
		for _, l := range o.Scopes {
			for _, r := range append(slices.Clone(l.Classic), l.Granular...) {
				line := lines[r.Source.Line-1]
				if c := r.Source.Column - 1; c < 0 || !strings.HasPrefix(line[c:], r.Name) {
					t.Errorf("%s %s %q at %d:%d: line has %q", o.OperationID, l.Origin, r.Name, r.Source.Line, r.Source.Column, line[max(c, 0):])
				}
			}
		}
	}
}

func TestTextOnlyFixture(t *testing.T) {
	doc := parseFixture(t, "textonly.json")
	cases := []struct {
		id      string
		classic []string
		rate    string
	}{
		{"meetingCreate", []string{"meeting:write:admin", "meeting:write"}, "Medium"},
		{"meetings", []string{"meeting:read:admin", "meeting:read"}, "Medium"},
		{"accountOptionsGet", []string{"account:read:admin"}, "Light"},
		{"accountOptionsUpdate", []string{"account:write:admin", "account:write"}, ""},
		{"getClientVersions", []string{"dashboard:read:admin", "dashboard_home:read:admin"}, "Heavy"},
		{"imGroup", []string{"imgroup:read:admin", "imgroup:read:admin", "imgroup:write:admin"}, ""},
	}
	for _, c := range cases {
		o := op(t, doc, c.id)
		if len(o.Scopes) != 1 || o.Scopes[0].Origin != record.OriginText {
			t.Errorf("%s: scopes %+v, want one text list", c.id, o.Scopes)
			continue
		}
		l := o.Scopes[0]
		if !slices.Equal(names(l.Classic), c.classic) || l.HasGranular || len(l.Granular) > 0 {
			t.Errorf("%s: text %+v, want classic %v", c.id, l, c.classic)
		}
		if o.RateLimit != c.rate {
			t.Errorf("%s: rate limit %q, want %q", c.id, o.RateLimit, c.rate)
		}
		for _, r := range l.Classic {
			if r.Source.Line != 1 || r.Source.Column < 1 {
				t.Errorf("%s: %s at %+v", c.id, r.Name, r.Source)
			}
		}
	}
	if o := op(t, doc, "imGroupDelete"); len(o.Scopes) != 0 {
		t.Errorf("imGroupDelete: %+v, want no scope list", o.Scopes)
	}
}

func TestYAMLFixture(t *testing.T) {
	doc := parseFixture(t, "spec.yaml")
	if doc.Title != "Phone" || len(doc.Operations) != 3 {
		t.Fatalf("title %q, %d operations", doc.Title, len(doc.Operations))
	}
	o := op(t, doc, "listZoomPhoneAccountSettings")
	if o.Source.Line != 11 || o.Source.Column != 5 {
		t.Errorf("source %+v, want 11:5", o.Source)
	}
	if len(o.Scopes) != 3 {
		t.Fatalf("scopes %+v", o.Scopes)
	}
	for _, l := range o.Scopes {
		if !slices.Equal(names(l.Classic), []string{"phone:read:admin"}) ||
			!slices.Equal(names(l.Granular), []string{"phone:read:list_account_settings:admin"}) || !l.HasGranular {
			t.Errorf("%s: %+v", l.Origin, l)
		}
	}
	if text, _ := list(o, record.OriginText); text.Classic[0].Source.Line != 18 || text.Granular[0].Source.Line != 20 {
		t.Errorf("literal block lines: %+v", text)
	}
	u := op(t, doc, "phoneUser")
	x, _ := list(u, record.OriginExtensions)
	if !x.HasGranular || len(x.Granular) != 0 {
		t.Errorf("empty x-granular-scopes must be stated and empty: %+v", x)
	}
	// The HEAD operation is an alias of the GET one: same id, reported.
	if len(doc.Problems) != 1 || doc.Problems[0].Code != record.ProblemDuplicateID {
		t.Errorf("problems %+v", doc.Problems)
	}
}

func TestStructuralProblems(t *testing.T) {
	doc := parseFixture(t, "structural.json")
	if len(doc.Operations) != 5 {
		t.Errorf("%d operations, want 5", len(doc.Operations))
	}
	codes := map[string]int{}
	var subjects []string
	for _, p := range doc.Problems {
		codes[p.Code]++
		subjects = append(subjects, p.Subject)
		if p.Source.Line == 0 || p.Message == "" {
			t.Errorf("problem without source or message: %+v", p)
		}
	}
	if codes[record.ProblemDuplicateID] != 1 {
		t.Errorf("duplicate operationId problems: %d, want 1 (%v)", codes[record.ProblemDuplicateID], doc.Problems)
	}
	for _, want := range []string{"GET /a", "DELETE /b", "OPTIONS /b"} {
		if !slices.Contains(subjects, want) {
			t.Errorf("no problem about %s: %+v", want, doc.Problems)
		}
	}
	get := doc.Operations[0]
	x, _ := list(get, record.OriginExtensions)
	if !x.HasGranular || len(x.Granular) != 0 || !slices.Equal(names(x.Classic), []string{"a:read"}) {
		t.Errorf("GET /a x-extensions %+v", x)
	}
	sec, ok := list(doc.Operations[2], record.OriginSecurity)
	if !ok || !slices.Equal(names(sec.Classic), []string{"b:write:admin"}) {
		t.Errorf("PUT /b security (single string, undeclared scheme named oauth): %+v", sec)
	}
}

func TestSniff(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want bool
	}{
		{"json", `{"openapi": "3.0.0", "paths": {}}`, true},
		{"json bom", "\xef\xbb\xbf{\n  \"openapi\" : \"3.1.0\",\n  \"paths\": {}\n}", true},
		{"json no paths", `{"openapi": "3.0.0", "components": {}}`, false},
		{"swagger 2", `{"swagger": "2.0", "paths": {}}`, false},
		{"openapi 2 string", `{"openapi": "2.0", "paths": {}}`, false},
		{"json array", `[{"openapi": "3.0.0", "paths": {}}]`, false},
		{"yaml", "openapi: 3.0.3\ninfo:\n  title: x\npaths: {}\n", true},
		{"yaml quoted", "# comment\nopenapi: '3.1.0'\npaths:\n  /a: {}\n", true},
		{"yaml nested", "doc:\n  openapi: 3.0.0\n  paths: {}\n", false},
		{"yaml no paths", "openapi: 3.0.3\ninfo: {}\n", false},
		{"markdown", "# Granular scopes\n\nopenapi: see the paths: page\n", false},
		{"empty", "", false},
	}
	for _, c := range cases {
		if got := Sniff([]byte(c.in)); got != c.want {
			t.Errorf("%s: Sniff = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestParseBOM(t *testing.T) {
	for _, in := range []string{
		"\xef\xbb\xbf{\"openapi\": \"3.0.0\", \"paths\": {\"/a\": {\"get\": {\"operationId\": \"a\"}}}}",
		"\xef\xbb\xbfopenapi: 3.0.0\npaths:\n  /a:\n    get:\n      operationId: a\n",
	} {
		doc, err := Parse("bom", []byte(in))
		if err != nil || len(doc.Operations) != 1 || doc.Operations[0].OperationID != "a" {
			t.Errorf("%q: %v %+v", in, err, doc)
		}
	}
	_, err := Parse("bom", []byte("\xef\xbb\xbf{\n,}"))
	if err == nil || !strings.HasPrefix(err.Error(), "decode OpenAPI JSON: line 2, column 1:") {
		t.Errorf("error %v", err)
	}
}

func TestParseErrors(t *testing.T) {
	cases := []struct {
		name, in, want string
	}{
		{"syntax", "{\n  \"openapi\": \"3.0.0\",\n  \"paths\": {,}\n}", "decode OpenAPI JSON: line 3, column 13"},
		{"truncated", `{"openapi": "3.0.0", "paths": {"/a": {"get": {`, "decode OpenAPI JSON: line 1, column 46"},
		{"yaml syntax", "openapi: 3.0.0\npaths:\n  /a: [\n", "decode OpenAPI YAML: "},
		{"yaml scalar", "just text", "decode OpenAPI YAML: line 1: top-level value is not a mapping"},
		{"yaml empty", "# nothing\n", "decode OpenAPI YAML: document is empty"},
	}
	for _, c := range cases {
		_, err := Parse(c.name, []byte(c.in))
		if err == nil || !strings.HasPrefix(err.Error(), c.want) {
			t.Errorf("%s: error %v, want prefix %q", c.name, err, c.want)
		}
	}
}

func TestClassify(t *testing.T) {
	cases := []struct {
		name string
		want bool
	}{
		{"user:read:user:admin", true},
		{"user:read:settings", true},
		{"phone:read:list_x", true},
		{"phone:read:user", true},
		{"role:write:member", true},
		{"meeting_token:read:admin:local_recording", true},
		{"user:read:admin", false},
		{"group:write:master", false},
		{"division:wirte:admin", false},
		{" division:read:admin", false},
		{"phone:read:admin", false},
		{"phone:master", false},
		{"user:read", false},
		{"user_profile", false},
		{"", false},
	}
	for _, c := range cases {
		if got := classify(c.name, nil); got != c.want {
			t.Errorf("classify(%q) = %v, want %v", c.name, got, c.want)
		}
	}
	known := map[string]kind{"chat_channel:read:member": kindClassic, "odd:read:admin": kindGranular, "both:x:y": kindClassic | kindGranular}
	if classify("chat_channel:read:member", known) || !classify("odd:read:admin", known) || !classify("both:x:y", known) {
		t.Error("names the file states as one kind must follow the file; ambiguous ones the shape")
	}
}

func TestScanDescription(t *testing.T) {
	cases := []struct {
		desc              string
		classic, granular []string
		hasGranular       bool
		rate              string
	}{
		{"**[Scopes](u):** `a:read`,`a:read:admin`\n\n**[Granular Scopes](u):** `a:read:b`", []string{"a:read", "a:read:admin"}, []string{"a:read:b"}, true, ""},
		{"**Scopes:** `a`, `b` <br> **[Rate Limit Label](u):** `Light`", []string{"a", "b"}, nil, false, "Light"},
		{"**Scopes**: `a` `b`<br>", []string{"a", "b"}, nil, false, ""},
		{"**Scope:** a:read:admin", []string{"a:read:admin"}, nil, false, ""},
		{"Scopes: `x`", []string{"x"}, nil, false, ""},
		{"* item<br> **Scope:** `x`<br/>next", []string{"x"}, nil, false, ""},
		{"**Scope**: `x`.", []string{"x"}, nil, false, ""},
		{"**Scopes:** `a` or `b`</br>", []string{"a", "b"}, nil, false, ""},
		{"**Scope:** a or b.", []string{"a", "b"}, nil, false, ""},
		{"**Granular Scopes:** ", nil, nil, true, ""},
		{"**Note:** The `x` scope is only available.", nil, nil, false, ""},
		{"The scopes: are described elsewhere", nil, nil, false, ""},
		{"Scoped: `x`", nil, nil, false, ""},
		{"**Rate Limit Label:** Medium.", nil, nil, false, "Medium"},
		{"**Scopes:** ` spaced:read:admin`", []string{" spaced:read:admin"}, nil, false, ""},
		{"**Scopes:** `unterminated", []string{"unterminated"}, nil, false, ""},
		{"**Prerequisites:** Pro. **Scopes:** `a` **Granular Scopes:** `a:read:b`", []string{"a"}, []string{"a:read:b"}, true, ""},
	}
	for _, c := range cases {
		ts := scanDescription(c.desc)
		var cl, gr []string
		for _, tk := range ts.classic {
			cl = append(cl, tk.name)
			if !strings.HasPrefix(c.desc[tk.off:], tk.name) {
				t.Errorf("%q: token %q at %d", c.desc, tk.name, tk.off)
			}
		}
		for _, tk := range ts.granular {
			gr = append(gr, tk.name)
		}
		if !slices.Equal(cl, c.classic) || !slices.Equal(gr, c.granular) || ts.hasGranular != c.hasGranular || ts.rate.name != c.rate {
			t.Errorf("%q: classic %q granular %q (has %v) rate %q; want %q %q (%v) %q",
				c.desc, cl, gr, ts.hasGranular, ts.rate.name, c.classic, c.granular, c.hasGranular, c.rate)
		}
	}
}

func TestEscMapper(t *testing.T) {
	raw := `a\nb\u0060c\"d\ud83d\ude00e` + "\u00e9f"
	var dec string
	if err := json.Unmarshal([]byte(`"`+raw+`"`), &dec); err != nil {
		t.Fatal(err)
	}
	m := escMapper{raw: []byte(raw)}
	for _, ch := range []string{"b", "c", "d", "e", "f"} {
		d := strings.Index(dec, ch)
		r := m.rawAt(d)
		if raw[r:r+1] != ch {
			t.Errorf("%s: decoded %d -> raw %d (%q)", ch, d, r, raw[r:])
		}
	}
}

func TestLineCounter(t *testing.T) {
	data := []byte("ab\ncd\n\nef\nΩé x")
	lc := lineCounter{data: data, line: 1}
	// Columns count characters: "x" is the 4th character of the last
	// line, 5 bytes in.
	for _, c := range []struct{ off, line, col int }{{0, 1, 1}, {4, 2, 2}, {6, 3, 1}, {8, 4, 2}, {1, 1, 2}, {15, 5, 4}, {100, 5, 5}} {
		if l, col := lc.at(c.off); l != c.line || col != c.col {
			t.Errorf("at(%d) = %d:%d, want %d:%d", c.off, l, col, c.line, c.col)
		}
	}
}
