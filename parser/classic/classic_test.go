package classic

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/parser/record"
)

var update = flag.Bool("update", false, "rewrite golden files")

// seedPath is the real classic scopes page, relative to the package dir.
const seedPath = "../../data/docs/classic-scopes.txt"

// Figures measured on the real page and checked by hand with grep/awk.
const (
	seedScopes       = 465  // "Associated API" lines, one per scope
	seedAssociations = 2846 // "- " item lines, repeats included
	seedGroups       = 59   // distinct "<Group> scopes" headings
	seedMissingDesc  = 1    // pac:master has no description line
	seedBadLinks     = 2    // hrefs ending in " [Deprecated]"
)

func readFile(tb testing.TB, path string) []byte {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	return data
}

func TestGolden(t *testing.T) {
	fixtures, err := filepath.Glob("testdata/*.txt")
	if err != nil {
		t.Fatal(err)
	}
	if len(fixtures) == 0 {
		t.Fatal("no fixtures in testdata")
	}
	for _, fx := range fixtures {
		name := strings.TrimSuffix(filepath.Base(fx), ".txt")
		t.Run(name, func(t *testing.T) {
			data := readFile(t, fx)
			if !Sniff(data) {
				t.Errorf("Sniff(%s) = false, want true", fx)
			}
			doc, err := Parse(filepath.Base(fx), data)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			var buf bytes.Buffer
			enc := json.NewEncoder(&buf)
			enc.SetEscapeHTML(false)
			enc.SetIndent("", "  ")
			if err := enc.Encode(doc); err != nil {
				t.Fatal(err)
			}
			got := buf.Bytes()
			golden := filepath.Join("testdata", name+".golden.json")
			if *update {
				if err := os.WriteFile(golden, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want := readFile(t, golden)
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from golden %s (run with -update to rewrite)\ngot:\n%s", fx, golden, got)
			}
		})
	}
}

func TestSeed(t *testing.T) {
	data := readFile(t, seedPath)
	if !Sniff(data) {
		t.Fatal("Sniff(seed) = false")
	}
	doc, err := Parse(seedPath, data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Kind != record.KindClassic || doc.Path != seedPath {
		t.Errorf("Kind, Path = %q, %q", doc.Kind, doc.Path)
	}
	if doc.Title != "Integrations - Classic scopes" {
		t.Errorf("Title = %q", doc.Title)
	}
	if got := len(doc.ClassicScopes); got != seedScopes {
		t.Errorf("scopes = %d, want %d", got, seedScopes)
	}
	lines := strings.Split(string(data), "\n")
	assoc := 0
	names := map[string]bool{}
	groups := map[string]bool{}
	var emptyDesc []string
	for _, s := range doc.ClassicScopes {
		assoc += len(s.APIs)
		groups[s.Group] = true
		if names[s.Name] {
			t.Errorf("scope %q listed twice", s.Name)
		}
		names[s.Name] = true
		if s.Group == "" {
			t.Errorf("scope %q has no group", s.Name)
		}
		if s.Description == "" {
			emptyDesc = append(emptyDesc, s.Name)
		}
		// Every source points at the line the record was read from.
		if s.Source.File != seedPath || s.Source.Line < 1 || lines[s.Source.Line-1] != s.Name {
			t.Errorf("scope %q: source %+v does not point at its name line", s.Name, s.Source)
		}
		for _, a := range s.APIs {
			if a.Source.Line <= s.Source.Line || !strings.Contains(lines[a.Source.Line-1], a.Name) {
				t.Errorf("scope %q item %q: bad source %+v", s.Name, a.Name, a.Source)
			}
			if a.Name == "" || strings.HasPrefix(a.Name, "- ") || strings.HasPrefix(a.Name, "[") {
				t.Errorf("scope %q: item name %q not cleaned", s.Name, a.Name)
			}
			if a.Link != "" && !strings.HasPrefix(a.Link, "/docs/api/rest/reference/") {
				t.Errorf("scope %q item %q: link %q", s.Name, a.Name, a.Link)
			}
		}
	}
	if assoc != seedAssociations {
		t.Errorf("associations = %d, want %d", assoc, seedAssociations)
	}
	if len(groups) != seedGroups {
		t.Errorf("groups = %d, want %d", len(groups), seedGroups)
	}
	// Both spellings of a group are kept as written.
	for _, g := range []string{"Contact Center", "ContactCenter", "Clips", "Zoom Clips"} {
		if !groups[g] {
			t.Errorf("group %q missing", g)
		}
	}
	// Single-segment scope names are found from the structure.
	for _, n := range []string{"scim2", "user_profile"} {
		if !names[n] {
			t.Errorf("scope %q missing", n)
		}
	}

	byCode := map[string][]record.Problem{}
	for _, p := range doc.Problems {
		byCode[p.Code] = append(byCode[p.Code], p)
	}
	missing := byCode[record.ProblemMissingField]
	if len(missing) != seedMissingDesc || len(emptyDesc) != seedMissingDesc {
		t.Errorf("MISSING_FIELD problems = %d, scopes without description = %v; want %d", len(missing), emptyDesc, seedMissingDesc)
	}
	for i, p := range missing {
		if i < len(emptyDesc) && p.Subject != emptyDesc[i] {
			t.Errorf("MISSING_FIELD subject %q, want %q", p.Subject, emptyDesc[i])
		}
	}
	if got := len(byCode[record.ProblemMalformedLink]); got != seedBadLinks {
		t.Errorf("MALFORMED_LINK problems = %d, want %d", got, seedBadLinks)
	}
	if got, want := len(doc.Problems), seedMissingDesc+seedBadLinks; got != want {
		t.Errorf("problems = %d, want %d: %+v", got, want, doc.Problems)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name string
		data string
		want bool
	}{
		{"classic", "Account scopes\naccount:read\nView\nAssociated API\n- Get\n", true},
		{"classic no description", "account:master\nAssociated API\n", true},
		{"classic single segment", "scim2\nCall SCIM2\nAssociated API\n", true},
		{"empty", "", false},
		{"blank", " \n\n", false},
		{"granular markdown", "# Granular OAuth Scopes\n\n## Users\n\n### User\n\n| API Endpoint | Granular Scopes |\n|---|---|\n| [Get a user](/docs/api/rest/reference/user/methods/#operation/user) | `user:read:user:admin` |\n", false},
		{"postman", "Number of APIs: 1\n1. users - List users\nGET {{baseUrl}}/users\nScopes: user:read:admin\nRate Limit Label: Medium\n", false},
		{"openapi text", "Users\nOperations\nList users\n- Method:\nGET - Path:\n/users - Tags: Users\nScopes: user:read:admin\nRate Limit Label: Medium\n", false},
		{"openapi json", `{"openapi":"3.1.0","info":{"title":"Associated API"},"paths":{}}`, false},
		{"openapi yaml", "openapi: 3.1.0\ninfo:\n  title: x\nscim2\nAssociated API\n", false},
		{"marker after prose only", "Some text\nMore text\nAssociated API\n", false},
		{"table with marker", "| a | b |\nuser:read\nAssociated API\n", false},
	}
	for _, tt := range tests {
		if got := Sniff([]byte(tt.data)); got != tt.want {
			t.Errorf("Sniff(%s) = %v, want %v", tt.name, got, tt.want)
		}
	}
	// The other seed documents must not be taken for the classic page.
	others, _ := filepath.Glob("../../data/docs/*")
	for _, f := range others {
		if filepath.Clean(f) == filepath.Clean(seedPath) {
			continue
		}
		if Sniff(readFile(t, f)) {
			t.Errorf("Sniff(%s) = true", f)
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, in := range []string{"", "\n\n", "just some prose\nand more", "- item\n- item"} {
		doc, err := Parse("in.txt", []byte(in))
		if err == nil {
			t.Errorf("Parse(%q) = %+v, want error", in, doc)
		} else if !strings.Contains(err.Error(), "in.txt") {
			t.Errorf("error %q lacks the path", err)
		}
	}
}

func TestParseItem(t *testing.T) {
	tests := []struct {
		in, name, link string
		isLink, bad    bool
	}{
		{"Get a user", "Get a user", "", false, false},
		{"[Get a user](/u#operation/user)", "Get a user", "/u#operation/user", true, false},
		{"[A [B]](/a/b#operation/x)", "A [B]", "/a/b#operation/x", true, false},
		{"[A](/a(b)#operation/x)", "A", "/a(b)#operation/x", true, false},
		{"[Deprecated] Get", "[Deprecated] Get", "", false, false},
		{"[A](/a#operation/x [Deprecated])", "A", "/a#operation/x [Deprecated]", true, true},
		{"[A](/a#op x)", "A", "/a#op x", true, true},
		{"[A](/x y/methods/#operation/z)", "A", "/x y/methods/#operation/z", true, false},
		{"[A](", "A", "", true, true},
		{"[A]()", "A", "", true, true},
		{"[A](/a) tail", "A", "/a", true, true},
		{"[", "[", "", false, false},
	}
	for _, tt := range tests {
		name, link, isLink, bad := parseItem(tt.in)
		if name != tt.name || link != tt.link || isLink != tt.isLink || (bad != "") != tt.bad {
			t.Errorf("parseItem(%q) = %q, %q, %v, %q; want %q, %q, %v, bad=%v",
				tt.in, name, link, isLink, bad, tt.name, tt.link, tt.isLink, tt.bad)
		}
	}
}

func FuzzParse(f *testing.F) {
	f.Add(readFile(f, seedPath))
	fixtures, _ := filepath.Glob("testdata/*.txt")
	for _, fx := range fixtures {
		f.Add(readFile(f, fx))
	}
	f.Add([]byte("a:b\n[\n- [x](\nAssociated API\n- [](\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		Sniff(data)
		doc, err := Parse("fuzz.txt", data)
		if err != nil {
			if doc != nil {
				t.Fatal("document returned with an error")
			}
			return
		}
		nlines := bytes.Count(data, []byte("\n")) + 1
		for _, s := range doc.ClassicScopes {
			if s.Name == "" || !isToken(s.Name) {
				t.Fatalf("scope name %q is not a token", s.Name)
			}
			if s.Source.Line < 1 || int(s.Source.Line) > nlines {
				t.Fatalf("scope %q: line %d out of 1..%d", s.Name, s.Source.Line, nlines)
			}
			for _, a := range s.APIs {
				if a.Source.Line <= s.Source.Line || int(a.Source.Line) > nlines {
					t.Fatalf("item %q: line %d out of %d..%d", a.Name, a.Source.Line, s.Source.Line, nlines)
				}
			}
		}
		for _, p := range doc.Problems {
			if p.Code == "" || p.Message == "" || p.Source.Line < 1 || int(p.Source.Line) > nlines {
				t.Fatalf("bad problem %+v", p)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	data := readFile(b, seedPath)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(seedPath, data); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkSniff(b *testing.B) {
	data := readFile(b, seedPath)
	b.ReportAllocs()
	for b.Loop() {
		if !Sniff(data) {
			b.Fatal("Sniff = false")
		}
	}
}
