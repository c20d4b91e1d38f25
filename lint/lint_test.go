package lint

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/testutil/catalogtest"
	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// loadDir parses every document of a fixture folder and builds its catalog.
func loadDir(t testing.TB, dir string) *catalog.Catalog {
	t.Helper()
	docs, err := parser.Load(dir)
	if err != nil {
		t.Fatalf("load %s: %v", dir, err)
	}
	c, err := catalog.Build(docs)
	if err != nil {
		t.Fatalf("build %s: %v", dir, err)
	}
	return c
}

func ruleByID(t *testing.T, id string) Rule {
	t.Helper()
	rs, err := Select([]string{id})
	if err != nil || len(rs) != 1 {
		t.Fatalf("Select(%s): %v", id, err)
	}
	return rs[0]
}

// TestFixtures runs each rule over its testdata folder: the documents in
// trigger/ must give exactly the findings in trigger.golden.json, the
// documents in clean/ none.
func TestFixtures(t *testing.T) {
	dirs, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, d := range dirs {
		if !d.IsDir() {
			continue
		}
		id := d.Name()
		seen[id] = true
		t.Run(id, func(t *testing.T) {
			r := ruleByID(t, id)
			got := Run(loadDir(t, filepath.Join("testdata", id, "trigger")), []Rule{r})
			if len(got) == 0 {
				t.Errorf("%s: trigger fixture gives no finding", id)
			}
			for _, f := range got {
				if f.Rule != id || f.Severity != r.Severity {
					t.Errorf("finding %+v: want rule %s severity %s", f, id, r.Severity)
				}
			}
			checkGolden(t, filepath.Join("testdata", id, "trigger.golden.json"), got)
			if clean := Run(loadDir(t, filepath.Join("testdata", id, "clean")), []Rule{r}); len(clean) != 0 {
				t.Errorf("%s: clean fixture gives %d findings, first %+v", id, len(clean), clean[0])
			}
		})
	}
	for _, r := range Rules() {
		if !seen[r.ID] && r.ID != RuleParseProblem {
			t.Errorf("rule %s has no testdata folder", r.ID)
		}
	}
}

func checkGolden(t *testing.T, path string, got []Finding) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(got); err != nil {
		t.Fatal(err)
	}
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./lint/ -update)", err)
	}
	if !bytes.Equal(bytes.TrimSpace(want), bytes.TrimSpace(buf.Bytes())) {
		t.Errorf("%s differs (run go test ./lint/ -update to accept):\n%s", path, buf.String())
	}
}

// embeddedCounts pins the findings per rule on the embedded documents, so
// a parser or catalog regression shows up as a count change. Each count
// was measured, then a sample checked against the documents by hand.
func embeddedCounts() map[string]int {
	return map[string]int{
		RuleMalformedScope:         12,
		RuleUnknownAction:          10,
		RuleUnknownLevel:           8,
		RuleSuspiciousResource:     1,
		RuleMissingMasterRow:       69,
		RuleOrphanMasterRow:        38,
		RulePairLevelMismatch:      23,
		RulePairStemMismatch:       0,
		RuleScopeConflict:          19,
		RuleUndefinedScope:         0,
		RuleUnmatchedAPIName:       149,
		RuleEndpointNotOnPage:      20,
		RuleOperationIDReused:      32,
		RuleMalformedLink:          49,
		RuleMissingHeader:          4,
		RuleMissingField:           3,
		RuleSplitScopeList:         28,
		RuleTruncatedEntry:         1,
		RuleRowWithoutLink:         0,
		RuleCountMismatch:          0,
		RuleParseProblem:           0,
		RuleClassicScopeWithoutAPI: 266,
		RuleGroupNameSpelling:      7,
		RuleRateLimitSpelling:      37,
		RuleUndefinedEventScope:    0,
		RuleEventWithoutScopes:     0,
	}
}

func TestEmbeddedCounts(t *testing.T) {
	got := Summarize(Run(catalogtest.Embedded(t), Rules()))
	want := embeddedCounts()
	for _, r := range Rules() {
		if got.ByRule[r.ID] != want[r.ID] {
			t.Errorf("%s: %d findings on the embedded documents, want %d", r.ID, got.ByRule[r.ID], want[r.ID])
		}
	}
	if len(want) != len(Rules()) {
		t.Errorf("embeddedCounts has %d rules, Rules() %d", len(want), len(Rules()))
	}
}

// TestEmbeddedSamples checks findings verified by hand against the
// documents.
func TestEmbeddedSamples(t *testing.T) {
	fs := Run(catalogtest.Embedded(t), Rules())
	type sample struct {
		rule, file string
		line       int
		subject    string
		suggestion string
	}
	for _, s := range []sample{
		{RuleUnknownAction, "data/docs/granular-scopes.md", 326, "contact_center:udpate:region:admin", "update"},
		{RuleMalformedScope, "data/docs/granular-scopes.md", 280, "contact_center:write:queue disposition:admin", "contact_center:write:queue_disposition:admin"},
		{RuleUnknownAction, "data/docs/classic-scopes.txt", 4206, "division:wirte:admin", "write"},
		{RuleSuspiciousResource, "data/docs/granular-scopes.md", 2950, "zra:write:team_manages:admin", "zra:write:team_managers:admin"},
		{RuleUnknownLevel, "data/docs/classic-scopes.txt", 1524, "meeting:write:admin:sip_dialing", "meeting:write:sip_dialing:admin"},
		{RuleGroupNameSpelling, "data/docs/classic-scopes.txt", 498, "Contact Center", "ContactCenter"},
		{RuleTruncatedEntry, "data/docs/users-api-openapi.txt", 6459, "DELETE /users/{userId}/token", ""},
	} {
		found := false
		for _, f := range fs {
			if f.Rule == s.rule && f.File == s.file && f.Line == s.line && f.Subject == s.subject {
				found = true
				if f.Suggestion != s.suggestion {
					t.Errorf("%s at %s:%d: suggestion %q, want %q", s.rule, s.file, s.line, f.Suggestion, s.suggestion)
				}
			}
		}
		if !found {
			t.Errorf("no %s finding at %s:%d about %q", s.rule, s.file, s.line, s.subject)
		}
	}
}

func TestRunSortedAndUnique(t *testing.T) {
	fs := Run(catalogtest.Embedded(t), Rules())
	if !sort.SliceIsSorted(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Rule < b.Rule
	}) {
		t.Error("findings are not sorted by file, line, rule")
	}
	type key struct {
		rule, file, subject string
		line, col           int
	}
	seen := map[key]bool{}
	for _, f := range fs {
		k := key{f.Rule, f.File, f.Subject, f.Line, f.Column}
		if seen[k] {
			t.Errorf("duplicate finding %+v", f)
		}
		seen[k] = true
		if f.File == "" || f.Line == 0 || f.Message == "" || f.Subject == "" {
			t.Errorf("incomplete finding %+v", f)
		}
	}
}

func TestRulesWellFormed(t *testing.T) {
	ids := map[string]bool{}
	for _, r := range Rules() {
		if ids[r.ID] {
			t.Errorf("duplicate rule %s", r.ID)
		}
		ids[r.ID] = true
		if strings.ToUpper(r.ID) != r.ID || strings.ContainsAny(r.ID, " -") {
			t.Errorf("rule ID %q is not SCREAMING_SNAKE_CASE", r.ID)
		}
		if r.Title == "" || strings.Contains(r.Title, "\n") || (r.Run == nil) != r.Deprecated {
			t.Errorf("rule %s lacks a one-line Title or Run (or a deprecated rule has one)", r.ID)
		}
		if r.Deprecated && (len(r.ReplacedBy) == 0 || r.Default) {
			t.Errorf("deprecated rule %s must name its replacements and not be a default", r.ID)
		}
		for _, id := range r.ReplacedBy {
			if _, ok := Lookup(id); !ok {
				t.Errorf("rule %s: replacement %s is no rule", r.ID, id)
			}
		}
		known := false
		for _, c := range Categories() {
			known = known || c.Name == r.Category
		}
		if !known {
			t.Errorf("rule %s: category %q is not one of Categories()", r.ID, r.Category)
		}
		if _, err := ParseSeverity(string(r.Severity)); err != nil {
			t.Errorf("rule %s: %v", r.ID, err)
		}
	}
}

func TestSelect(t *testing.T) {
	tests := []struct {
		ids     []string
		want    int
		wantErr bool
	}{
		{nil, len(Rules()), false},
		{[]string{"UNKNOWN_ACTION"}, 1, false},
		{[]string{"unknown_action,MALFORMED_SCOPE"}, 2, false},
		{[]string{"NOPE"}, 0, true},
		{[]string{"names"}, 4, false},
		{[]string{"Pairs", "UNKNOWN_ACTION"}, 5, false},
		{[]string{"pairs,structure,cross-document,events,names"}, len(Rules()), false},
		{[]string{"name"}, 0, true},
	}
	for _, tt := range tests {
		got, err := Select(tt.ids)
		if (err != nil) != tt.wantErr || len(got) != tt.want {
			t.Errorf("Select(%v) = %d rules, %v; want %d, error %v", tt.ids, len(got), err, tt.want, tt.wantErr)
		}
	}
}

// TestSelectMetadata: with no names the default rules run; a deprecated
// rule stands for its replacements (followed to the end) and never runs
// itself; a category never selects a deprecated rule.
func TestSelectMetadata(t *testing.T) {
	run := func(*Pass) {}
	all := []Rule{
		{ID: "A", Category: CategoryNames, Default: true, Run: run},
		{ID: "B", Category: CategoryNames, Run: run},
		{ID: "OLD", Category: CategoryNames, Deprecated: true, ReplacedBy: []string{"MID"}},
		{ID: "MID", Category: CategoryPairs, Deprecated: true, ReplacedBy: []string{"A", "C"}},
		{ID: "C", Category: CategoryPairs, Default: true, Run: run},
	}
	ids := func(rs []Rule) string {
		var out []string
		for _, r := range rs {
			out = append(out, r.ID)
		}
		return strings.Join(out, ",")
	}
	for _, tt := range []struct {
		names []string
		want  string
	}{
		{nil, "A,C"},
		{[]string{"b"}, "B"},
		{[]string{"old"}, "A,C"},
		{[]string{"names"}, "A,B"},
		{[]string{"pairs"}, "C"},
	} {
		got, err := selectFrom(all, tt.names)
		if err != nil || ids(got) != tt.want {
			t.Errorf("select %v = %s, %v; want %s", tt.names, ids(got), err, tt.want)
		}
	}
	_, err := selectFrom(all, []string{"pair"})
	if err == nil || !strings.Contains(err.Error(), `unknown rule "pair" (did you mean pairs?)`) || strings.Contains(err.Error(), "\n") {
		t.Errorf("unknown name: %v", err)
	}
	// A baseline written when OLD existed accepts the findings of the rules
	// that replaced it, up to its count.
	b := Baseline{Version: BaselineVersion, Entries: []BaselineEntry{{Rule: "OLD", Subject: "x", Count: 2}, {Rule: "C", Subject: "y", Count: 1}}}
	fs := []Finding{{Rule: "A", Subject: "x"}, {Rule: "C", Subject: "x"}, {Rule: "C", Subject: "x"}, {Rule: "C", Subject: "y"}, {Rule: "B", Subject: "x"}}
	fresh, accepted := b.apply(fs, all)
	if len(accepted) != 3 || len(fresh) != 2 || fresh[0].Rule != "C" || fresh[1].Rule != "B" {
		t.Errorf("apply: fresh %+v, accepted %+v", fresh, accepted)
	}
}

func TestSeverity(t *testing.T) {
	tests := []struct {
		s, min Severity
		want   bool
	}{
		{SeverityError, SeverityError, true},
		{SeverityWarning, SeverityError, false},
		{SeverityError, SeverityInfo, true},
		{SeverityInfo, SeverityWarning, false},
		{SeverityInfo, Severity(""), false},
	}
	for _, tt := range tests {
		if got := tt.s.AtLeast(tt.min); got != tt.want {
			t.Errorf("%s.AtLeast(%s) = %v", tt.s, tt.min, got)
		}
	}
	if _, err := ParseSeverity("fatal"); err == nil {
		t.Error("ParseSeverity(fatal) succeeded")
	}
}

func TestParseProblemRule(t *testing.T) {
	doc := &record.Document{Path: "x.txt", Kind: record.KindPostman, Problems: []record.Problem{
		{Code: "ODD_THING", Subject: "GET /x", Message: "something odd", Source: record.Source{File: "x.txt", Line: 3}},
		{Code: record.ProblemMissingField, Subject: "GET /y", Message: "no description", Source: record.Source{File: "x.txt", Line: 5}},
		{Code: record.ProblemMissingField, Subject: "GET /y", Message: "no \"Scopes:\" line", Source: record.Source{File: "x.txt", Line: 5}},
	}}
	c, err := catalog.Build([]*record.Document{doc})
	if err != nil {
		t.Fatal(err)
	}
	fs := Run(c, Rules())
	if len(fs) != 2 {
		t.Fatalf("got %d findings, want 2: %+v", len(fs), fs)
	}
	if fs[0].Rule != RuleParseProblem || !strings.Contains(fs[0].Message, "ODD_THING") {
		t.Errorf("first finding %+v", fs[0])
	}
	if fs[1].Rule != RuleMissingField || !strings.Contains(fs[1].Message, "; ") {
		t.Errorf("one entry's missing fields should be one finding: %+v", fs[1])
	}
}

// TestNoPanics feeds rules odd, half-empty documents.
func TestNoPanics(t *testing.T) {
	docs := []*record.Document{
		{Path: "g.md", Kind: record.KindGranularMD, GranularRows: []record.GranularRow{
			{}, {Link: "/docs/api/rest/reference//ma/", Scopes: []record.ScopeRef{{Name: ""}, {Name: ":::"}, {Name: "a:b"}}},
			{Link: "/docs/api/rest/reference/P/%zz#operation/x", Scopes: []record.ScopeRef{{Name: "a:read:b:admin"}}},
		}},
		{Path: "c.txt", Kind: record.KindClassic, ClassicScopes: []record.ClassicScope{{}, {Name: "x", APIs: []record.APIItem{{}}}}},
		{Path: "p.txt", Kind: record.KindPostman, Operations: []record.Operation{{}, {Scopes: []record.ScopeList{{}, {Classic: []record.ScopeRef{{Name: " "}}}}}}},
	}
	c, err := catalog.Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range Run(c, Rules()) {
		if f.Rule == "INTERNAL_ERROR" {
			t.Errorf("rule panicked: %s", f.Message)
		}
	}
	if fs := Run(nil, Rules()); len(fs) != 0 {
		t.Errorf("Run(nil) = %v", fs)
	}
}

func TestBaseline(t *testing.T) {
	fs := []Finding{
		{Rule: "A", Subject: "x", File: "f", Line: 1},
		{Rule: "A", Subject: "x", File: "f", Line: 9},
		{Rule: "B", Subject: "y", File: "f", Line: 2},
	}
	var buf bytes.Buffer
	if err := WriteBaseline(&buf, fs[:2]); err != nil {
		t.Fatal(err)
	}
	b, err := ReadBaseline(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// Lines moved: still accepted, matched by rule + subject.
	moved := []Finding{
		{Rule: "A", Subject: "x", File: "f", Line: 100},
		{Rule: "A", Subject: "x", File: "f", Line: 200},
		{Rule: "A", Subject: "x", File: "f", Line: 300}, // a third occurrence is new
		{Rule: "B", Subject: "y", File: "f", Line: 2},
	}
	fresh, accepted := b.Apply(moved)
	if len(accepted) != 2 || len(fresh) != 2 || fresh[0].Line != 300 || fresh[1].Rule != "B" {
		t.Errorf("Apply: fresh %+v accepted %+v", fresh, accepted)
	}
	for _, bad := range []string{"", "{", `{"version": 9, "entries": []}`, `{"version": 1, "entries": [{"subject": "x"}]}`} {
		if _, err := ReadBaseline(strings.NewReader(bad)); err == nil {
			t.Errorf("ReadBaseline(%q) succeeded", bad)
		}
	}
}

func TestTouching(t *testing.T) {
	c := catalogtest.Embedded(t)
	fs := Run(c, Rules())
	eps, _ := c.Resolve("/docs/api/rest/reference/contact-center/methods/#operation/updateRegion")
	if len(eps) == 0 {
		eps, _ = c.Resolve("Update a region")
	}
	a := Attribute(c, fs)
	var hit bool
	for _, e := range eps {
		for _, f := range a.Endpoint(e) {
			if f.Subject == "contact_center:udpate:region:admin" {
				hit = true
			}
		}
	}
	if !hit {
		t.Errorf("Touching found no finding about contact_center:udpate:region:admin on %d endpoints", len(eps))
	}
	if got := a.Endpoint(nil); len(got) != 0 {
		t.Errorf("Endpoint(nil) = %d findings", len(got))
	}
	if got := a.Scope("zra:write:team_manages:admin"); len(got) != 1 {
		t.Errorf("Scope = %d findings, want 1", len(got))
	}
}

func BenchmarkRun(b *testing.B) {
	c := catalogtest.Embedded(b)
	rules := Rules()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		Run(c, rules)
	}
}

// TestAttributionOnSharedLines: in a minified OpenAPI file every operation
// is on line 1, so a finding there touches only the operation at its
// column (or named by its subject), never all of them.
func TestAttributionOnSharedLines(t *testing.T) {
	src := func(col int) record.Source { return record.Source{File: "min.json", Line: 1, Column: int32(col)} }
	c := &catalog.Catalog{Endpoints: []*catalog.Endpoint{
		{ID: 0, Method: "GET", Path: "/a", Sources: []record.Source{src(10)}},
		{ID: 1, Method: "GET", Path: "/b", Sources: []record.Source{src(90)}},
		{ID: 2, Method: "GET", Path: "/c", Sources: []record.Source{{File: "page.md", Line: 7, Column: 1}}},
	}, Events: []*catalog.Event{
		{ID: 0, Name: "w.updated", Sources: []record.Source{src(140)}},
		{ID: 1, Name: "w.created", Sources: []record.Source{{File: "hooks.json", Line: 9, Column: 7}}},
	}}
	fs := []Finding{
		{Rule: "R1", File: "min.json", Line: 1, Column: 10, Subject: "x"},
		{Rule: "R2", File: "min.json", Line: 1, Column: 55, Subject: "GET /b"},
		{Rule: "R3", File: "min.json", Line: 1, Subject: "y"},
		{Rule: "R4", File: "page.md", Line: 7, Column: 30, Subject: "z"},
		{Rule: "R5", File: "min.json", Line: 1, Column: 140, Subject: "q"},
		{Rule: "R6", File: "hooks.json", Line: 3, Subject: "w.created"},
	}
	a := Attribute(c, fs)
	rules := func(e *catalog.Endpoint) string {
		var out []string
		for _, f := range a.Endpoint(e) {
			out = append(out, f.Rule)
		}
		return strings.Join(out, ",")
	}
	for i, want := range []string{"R1", "R2", "R4"} {
		if got := rules(c.Endpoints[i]); got != want {
			t.Errorf("endpoint %d: findings %q, want %q", i, got, want)
		}
	}
}
