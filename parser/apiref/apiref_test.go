package apiref_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/parser/apiref"
	"github.com/scopeplan/scopeplan/parser/record"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the parsers' output")

// The real vendor documents, as committed in data/docs.
const (
	realPostman  = "../../data/docs/users-api-postman.txt"
	realOpenAPI  = "../../data/docs/users-api-openapi.txt"
	realEndpoint = "../../data/docs/phone-endpoint-page.txt"
	realClassic  = "../../data/docs/classic-scopes.txt"
	realGranular = "../../data/docs/granular-scopes.md"
)

// parseFunc is the signature shared by the three parsers.
type parseFunc func(path string, data []byte) (*record.Document, error)

// kindParser couples a kind with its sniffer and parser.
type kindParser struct {
	kind  record.Kind
	sniff func([]byte) bool
	parse parseFunc
}

// kinds lists the three kinds of the package.
func kinds() []kindParser {
	return []kindParser{
		{record.KindPostman, apiref.SniffPostman, apiref.ParsePostman},
		{record.KindOpenAPIText, apiref.SniffOpenAPIText, apiref.ParseOpenAPIText},
		{record.KindEndpointPage, apiref.SniffEndpointPage, apiref.ParseEndpointPage},
	}
}

func read(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return data
}

func parse(t testing.TB, p parseFunc, path string) *record.Document {
	t.Helper()
	doc, err := p(path, read(t, path))
	if err != nil {
		t.Fatalf("parse %s: %v", path, err)
	}
	checkInvariants(t, doc, read(t, path))
	return doc
}

func TestGolden(t *testing.T) {
	for _, tc := range []struct {
		file  string
		parse parseFunc
	}{
		{"postman.txt", apiref.ParsePostman},
		{"openapi.txt", apiref.ParseOpenAPIText},
		{"endpoint.txt", apiref.ParseEndpointPage},
		{"endpoint_split.txt", apiref.ParseEndpointPage},
	} {
		t.Run(tc.file, func(t *testing.T) {
			path := filepath.Join("testdata", tc.file)
			doc := parse(t, tc.parse, path)
			got, err := json.MarshalIndent(doc, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := strings.TrimSuffix(path, ".txt") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want := read(t, golden)
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from %s; run go test -run TestGolden -update and review the diff\ngot:\n%s", path, golden, got)
			}
		})
	}
}

// TestCRLF checks that "\r\n" line ends give the same records as "\n".
func TestCRLF(t *testing.T) {
	for _, k := range kinds() {
		for _, f := range []string{"postman.txt", "openapi.txt", "endpoint.txt", "endpoint_split.txt"} {
			data := read(t, filepath.Join("testdata", f))
			lf, errLF := k.parse(f, data)
			crlf, errCRLF := k.parse(f, bytes.ReplaceAll(data, []byte("\n"), []byte("\r\n")))
			if (errLF == nil) != (errCRLF == nil) {
				t.Fatalf("%s as %s: LF error %v, CRLF error %v", f, k.kind, errLF, errCRLF)
			}
			if errLF != nil {
				continue
			}
			a, _ := json.Marshal(lf)
			b, _ := json.Marshal(crlf)
			if !bytes.Equal(a, b) {
				t.Errorf("%s as %s: CRLF line ends change the result", f, k.kind)
			}
		}
	}
}

func TestSniff(t *testing.T) {
	docs := map[string][]byte{
		"real postman":      read(t, realPostman),
		"real openapi-text": read(t, realOpenAPI),
		"real endpoint":     read(t, realEndpoint),
		"real classic":      read(t, realClassic),
		"real granular":     read(t, realGranular),
		"fixture postman":   read(t, "testdata/postman.txt"),
		"fixture openapi":   read(t, "testdata/openapi.txt"),
		"fixture endpoint":  read(t, "testdata/endpoint.txt"),
		"fixture endpoint2": read(t, "testdata/endpoint_split.txt"),
		"openapi json": []byte(`{"openapi":"3.0.0","info":{"title":"Users"},"paths":{"/users":{"get":{` +
			`"description":"List users.\n\nScopes: user:read:admin\n\nGET {{baseUrl}}/users\n- Method:\nGET - Path:\n/users"}}}}`),
		"openapi yaml": []byte("openapi: 3.0.0\ninfo:\n  title: Users\npaths:\n  /users:\n    get:\n      description: |\n" +
			"        List users.\nScopes: user:read:admin\nGET {{baseUrl}}/users\n"),
		"empty": nil,
	}
	want := map[string]record.Kind{
		"real postman":      record.KindPostman,
		"real openapi-text": record.KindOpenAPIText,
		"real endpoint":     record.KindEndpointPage,
		"fixture postman":   record.KindPostman,
		"fixture openapi":   record.KindOpenAPIText,
		"fixture endpoint":  record.KindEndpointPage,
		"fixture endpoint2": record.KindEndpointPage,
	}
	for name, data := range docs {
		for _, k := range kinds() {
			if got := k.sniff(data); got != (want[name] == k.kind) {
				t.Errorf("sniff %s as %s = %v, want %v", name, k.kind, got, !got)
			}
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, k := range kinds() {
		for _, f := range []string{realClassic, realGranular} {
			if _, err := k.parse(f, read(t, f)); err == nil {
				t.Errorf("parse %s as %s: want an error", f, k.kind)
			}
		}
		if _, err := k.parse("empty", nil); err == nil {
			t.Errorf("parse empty document as %s: want an error", k.kind)
		}
	}
}

// problems returns the lines of doc's problems of code, by subject order.
func problems(doc *record.Document, code string) []int {
	var lines []int
	for _, p := range doc.Problems {
		if p.Code == code {
			lines = append(lines, int(p.Source.Line))
		}
	}
	return lines
}

func names(refs []record.ScopeRef) []string {
	var s []string
	for _, r := range refs {
		s = append(s, r.Name)
	}
	return s
}

func find(t *testing.T, doc *record.Document, method, path string) record.Operation {
	t.Helper()
	for _, op := range doc.Operations {
		if op.Method == method && op.Path == path {
			return op
		}
	}
	t.Fatalf("no operation %s %s", method, path)
	return record.Operation{}
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestRealPostman(t *testing.T) {
	doc := parse(t, apiref.ParsePostman, realPostman)
	if got := len(doc.Operations); got != 61 {
		t.Fatalf("operations = %d, want 61", got)
	}
	first := doc.Operations[0]
	if first.Method != "GET" || first.Path != "/contacts/groups/:groupId/members" ||
		first.Name != "List contact group members" || !equal(first.Tags, []string{"contacts-groups-{groupId}-members"}) ||
		first.RateLimit != "Medium" || first.Source.Line != 2 {
		t.Errorf("first operation = %+v", first)
	}
	if c := first.Classic(); len(c) != 1 || c[0].Name != "contact_group:read:admin" ||
		c[0].Source != (record.Source{File: realPostman, Line: 6, Column: 9}) {
		t.Errorf("first operation scopes = %+v", c)
	}
	if first.RateLimitSource != (record.Source{File: realPostman, Line: 7, Column: 19}) {
		t.Errorf("rate limit source = %+v", first.RateLimitSource)
	}

	// Get a user: the classic list runs over three lines.
	op := find(t, doc, "GET", "/users/:userId")
	c := op.Classic()
	if !equal(names(c), []string{"user_info:read", "user:read", "user:read:admin"}) {
		t.Errorf("GET /users/:userId scopes = %v", names(c))
	}
	if len(c) == 3 && (c[1].Source.Line != 435 || c[1].Source.Column != 2 || c[2].Source.Line != 436) {
		t.Errorf("continued scopes sources = %+v, %+v", c[1].Source, c[2].Source)
	}
	if op.Scopes[0].HasGranular || op.Scopes[0].Origin != record.OriginText {
		t.Errorf("GET /users/:userId scope list = %+v", op.Scopes[0])
	}

	// Entries 27, 28, 60 and 61 have no numbered header.
	if got, want := problems(doc, record.ProblemMissingHeader), []int{164, 169, 458, 459}; !equal(got, want) {
		t.Errorf("MISSING_HEADER lines = %v, want %v", got, want)
	}
	if op := find(t, doc, "GET", "/groups"); op.Name != "" || op.Source.Line != 164 || names(op.Classic())[0] != "group:read:admin" {
		t.Errorf("headerless GET /groups = %+v", op)
	}
	split := problems(doc, record.ProblemSplitList)
	if len(split) != 28 || split[0] != 179 || split[len(split)-1] != 455 {
		t.Errorf("SPLIT_SCOPE_LIST lines = %v, want 28 from 179 to 455", split)
	}
	// Entry 30 (POST /users/features) and entry 60 (GET /users) stop after
	// their request line: no description, scopes or rate limit.
	if got, want := problems(doc, record.ProblemMissingField), []int{182, 182, 182, 458, 458, 458}; !equal(got, want) {
		t.Errorf("MISSING_FIELD lines = %v, want %v", got, want)
	}
	if n := len(problems(doc, record.ProblemCountMismatch)) + len(problems(doc, record.ProblemTruncated)); n != 0 {
		t.Errorf("unexpected COUNT_MISMATCH/TRUNCATED_ENTRY problems: %+v", doc.Problems)
	}
	if doc.Kind != record.KindPostman || doc.Path != realPostman || doc.Title != "" {
		t.Errorf("document = %q %q %q", doc.Kind, doc.Path, doc.Title)
	}
}

func TestRealOpenAPIText(t *testing.T) {
	doc := parse(t, apiref.ParseOpenAPIText, realOpenAPI)
	if got := len(doc.Operations); got != 71 {
		t.Fatalf("operations = %d, want 71", got)
	}
	if doc.Title != "Users" {
		t.Errorf("title = %q, want Users", doc.Title)
	}
	// The vendor misspells division:write:admin; the name must survive.
	op := find(t, doc, "POST", "/divisions")
	if op.Name != "Create a division" || !equal(op.Tags, []string{"Divisions"}) ||
		!equal(names(op.Classic()), []string{"division:wirte:admin"}) ||
		!equal(names(op.Granular()), []string{"division:write:division:admin"}) ||
		op.RateLimit != "LIGHT" || op.Source.Line != 291 {
		t.Errorf("POST /divisions = %+v", op)
	}
	if g := op.Granular(); len(g) == 1 && g[0].Source != (record.Source{File: realOpenAPI, Line: 297, Column: 18}) {
		t.Errorf("granular source = %+v", g[0].Source)
	}
	// Ten operations state no granular scopes.
	without := 0
	for _, op := range doc.Operations {
		if len(op.Scopes) != 1 {
			t.Fatalf("%s %s: %d scope lists", op.Method, op.Path, len(op.Scopes))
		}
		if !op.Scopes[0].HasGranular {
			without++
		}
	}
	if without != 10 {
		t.Errorf("operations without Granular Scopes = %d, want 10", without)
	}
	last := doc.Operations[70]
	if last.Method != "DELETE" || last.Path != "/users/{userId}/token" || last.RateLimit != "LIGHT" {
		t.Errorf("last operation = %+v", last)
	}
	if len(doc.Problems) != 1 || doc.Problems[0].Code != record.ProblemTruncated || doc.Problems[0].Source.Line != 6459 {
		t.Errorf("problems = %+v, want one TRUNCATED_ENTRY at line 6459", doc.Problems)
	}
}

func TestRealEndpointPage(t *testing.T) {
	doc := parse(t, apiref.ParseEndpointPage, realEndpoint)
	if len(doc.Operations) != 1 {
		t.Fatalf("operations = %d, want 1", len(doc.Operations))
	}
	op := doc.Operations[0]
	if op.Method != "POST" || op.Path != "/phone/users/:userId/settings/:settingType" ||
		op.Name != "Add a user's shared access setting" || op.Source.Line != 4 ||
		op.RateLimit != "Light" || op.RateLimitSource.Line != 20 {
		t.Errorf("operation = %+v", op)
	}
	if !equal(names(op.Classic()), []string{"phone:write:admin", "phone:write"}) ||
		!equal(names(op.Granular()), []string{"phone:write:shared_setting", "phone:write:shared_setting:admin"}) ||
		!op.Scopes[0].HasGranular {
		t.Errorf("scopes = %+v", op.Scopes)
	}
	if doc.Title != "Phone" || len(doc.Problems) != 0 {
		t.Errorf("title %q, problems %+v", doc.Title, doc.Problems)
	}
}

// checkInvariants holds for every document a parser returns, whatever
// the input.
func checkInvariants(t testing.TB, doc *record.Document, data []byte) {
	t.Helper()
	lines := bytes.Count(data, []byte("\n")) + 1
	inRange := func(what string, s record.Source) {
		if s.Line < 1 || int(s.Line) > lines {
			t.Fatalf("%s: line %d outside 1..%d", what, s.Line, lines)
		}
	}
	for _, op := range doc.Operations {
		if op.Method == "" || op.Method != strings.ToUpper(op.Method) || op.Path == "" {
			t.Fatalf("operation without upper-case method or path: %+v", op)
		}
		if strings.ContainsAny(op.Path, "?") {
			t.Fatalf("path keeps its query: %q", op.Path)
		}
		inRange("operation", op.Source)
		for _, l := range op.Scopes {
			if l.Origin != record.OriginText {
				t.Fatalf("scope list origin %q", l.Origin)
			}
			for _, r := range append(append([]record.ScopeRef(nil), l.Classic...), l.Granular...) {
				if r.Name == "" || strings.Trim(r.Name, " \t") != r.Name || strings.Contains(r.Name, ",") {
					t.Fatalf("scope name %q not trimmed or split", r.Name)
				}
				inRange("scope "+r.Name, r.Source)
				if r.Source.Column < 1 {
					t.Fatalf("scope %q without column", r.Name)
				}
			}
		}
	}
	for _, p := range doc.Problems {
		inRange("problem "+p.Code, p.Source)
		if p.Code == "" || p.Message == "" {
			t.Fatalf("problem without code or message: %+v", p)
		}
	}
}

func fuzzSeeds(f *testing.F) {
	for _, p := range []string{realPostman, realOpenAPI, realEndpoint,
		"testdata/postman.txt", "testdata/openapi.txt", "testdata/endpoint.txt", "testdata/endpoint_split.txt"} {
		f.Add(read(f, p))
	}
	f.Add([]byte("1. a - b\nGET {{x}}\nScopes: ,\n,\n,a,\nb\n- Method:"))
}

func fuzzParser(f *testing.F, sniff func([]byte) bool, p parseFunc) {
	fuzzSeeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		sniff(data)
		doc, err := p("fuzz.txt", data)
		if err != nil {
			if doc != nil {
				t.Fatalf("document and error both returned")
			}
			return
		}
		checkInvariants(t, doc, data)
	})
}

func FuzzParsePostman(f *testing.F) {
	fuzzParser(f, apiref.SniffPostman, apiref.ParsePostman)
}

func FuzzParseOpenAPIText(f *testing.F) {
	fuzzParser(f, apiref.SniffOpenAPIText, apiref.ParseOpenAPIText)
}

func FuzzParseEndpointPage(f *testing.F) {
	fuzzParser(f, apiref.SniffEndpointPage, apiref.ParseEndpointPage)
}

func benchmark(b *testing.B, p parseFunc, path string) {
	data := read(b, path)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := p(path, data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkParsePostman(b *testing.B)      { benchmark(b, apiref.ParsePostman, realPostman) }
func BenchmarkParseOpenAPIText(b *testing.B)  { benchmark(b, apiref.ParseOpenAPIText, realOpenAPI) }
func BenchmarkParseEndpointPage(b *testing.B) { benchmark(b, apiref.ParseEndpointPage, realEndpoint) }

func BenchmarkSniff(b *testing.B) {
	data := read(b, realOpenAPI)
	b.ReportAllocs()
	for b.Loop() {
		for _, k := range kinds() {
			k.sniff(data)
		}
	}
}
