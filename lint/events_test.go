package lint

import (
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/parser/record"
)

// at is a source in the test file f.json.
func at(line, col int) record.Source {
	return record.Source{File: "f.json", Line: int32(line), Column: int32(col)}
}

func refs(name string, srcs ...record.Source) []record.ScopeRef {
	var out []record.ScopeRef
	for _, s := range srcs {
		out = append(out, record.ScopeRef{Name: name, Source: s})
	}
	return out
}

func build(t *testing.T, docs ...*record.Document) *catalog.Catalog {
	t.Helper()
	c, err := catalog.Build(docs)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// TestStatedTwiceIsOneFinding: a scope an operation (or event) states in
// several statements is one finding, at the statement that comes first in
// the file, naming the others; distinct owners, names and page rows keep
// their own findings.
func TestStatedTwiceIsOneFinding(t *testing.T) {
	const bad = "user:raed:user:admin" // UNKNOWN_ACTION wherever it is written
	op := func(line int, lists ...record.ScopeList) record.Operation {
		return record.Operation{Method: "GET", Path: "/users/{id}", Name: "Get a user", Source: at(line, 1), Scopes: lists}
	}
	text := func(rs ...record.ScopeRef) record.ScopeList {
		return record.ScopeList{Origin: record.OriginText, Granular: rs, HasGranular: true}
	}
	ext := func(rs ...record.ScopeRef) record.ScopeList {
		return record.ScopeList{Origin: record.OriginExtensions, Granular: rs, HasGranular: true}
	}
	sec := func(rs ...record.ScopeRef) record.ScopeList {
		return record.ScopeList{Origin: record.OriginSecurity, Granular: rs}
	}
	type want struct {
		line, col int
		mentions  string // a part of the message, "" for none
	}
	tests := []struct {
		name string
		doc  *record.Document
		want []want
	}{
		{"x-extensions, security and description: one finding at the description",
			&record.Document{Path: "f.json", Kind: record.KindOpenAPI, Operations: []record.Operation{
				op(1, ext(refs(bad, at(20, 9))...), sec(refs(bad, at(15, 9))...), text(refs(bad, at(3, 40))...)),
			}},
			[]want{{3, 40, "GET /users/{id} also states it at line 15 (security), line 20 (x-extensions)"}}},
		{"minified file: one finding at the first column, naming the other column",
			&record.Document{Path: "f.json", Kind: record.KindOpenAPI, Operations: []record.Operation{
				op(1, ext(refs(bad, at(1, 900))...), text(refs(bad, at(1, 120))...)),
			}},
			[]want{{1, 120, "also states it at line 1 column 900 (x-extensions)"}}},
		{"one list naming the scope twice: one finding",
			&record.Document{Path: "f.json", Kind: record.KindOpenAPI, Operations: []record.Operation{
				op(1, text(refs(bad, at(3, 10), at(3, 40))...)),
			}},
			[]want{{3, 10, "line 3 column 40 (text)"}}},
		{"stated once: no note",
			&record.Document{Path: "f.json", Kind: record.KindOpenAPI, Operations: []record.Operation{
				op(1, text(refs(bad, at(3, 10))...)),
			}},
			[]want{{3, 10, ""}}},
		{"two operations stating it: two findings",
			&record.Document{Path: "f.json", Kind: record.KindOpenAPI, Operations: []record.Operation{
				op(1, text(refs(bad, at(3, 10))...), ext(refs(bad, at(8, 10))...)),
				{Method: "GET", Path: "/users", Name: "List users", Source: at(30, 1), Scopes: []record.ScopeList{text(refs(bad, at(33, 10))...)}},
			}},
			[]want{{3, 10, "line 8 (x-extensions)"}, {33, 10, ""}}},
		{"two different misspellings in two statements: two findings",
			&record.Document{Path: "f.json", Kind: record.KindOpenAPI, Operations: []record.Operation{
				op(1, text(refs(bad, at(3, 10))...), ext(refs("user:raed:users:admin", at(8, 10))...)),
			}},
			[]want{{3, 10, ""}, {8, 10, ""}}},
		{"two page rows: two findings",
			&record.Document{Path: "f.json", Kind: record.KindGranularMD, GranularRows: []record.GranularRow{
				{Product: "Users", Name: "Get a user", Scopes: refs(bad, at(5, 30)), Source: at(5, 1)},
				{Product: "Users", Name: "List users", Scopes: refs(bad, at(6, 30)), Source: at(6, 1)},
			}},
			[]want{{5, 30, ""}, {6, 30, ""}}},
		{"an event's description and x-extensions: one finding",
			&record.Document{Path: "f.json", Kind: record.KindWebhooks, Events: []record.Event{
				{Name: "user.updated", Source: at(2, 1), Scopes: []record.ScopeList{ext(refs(bad, at(9, 5))...), text(refs(bad, at(4, 50))...)}},
			}},
			[]want{{4, 50, "event user.updated also states it at line 9 (x-extensions)"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Run(build(t, tt.doc), []Rule{ruleByID(t, RuleUnknownAction)})
			if len(got) != len(tt.want) {
				t.Fatalf("%d findings, want %d: %+v", len(got), len(tt.want), got)
			}
			for i, w := range tt.want {
				f := got[i]
				if f.Line != w.line || f.Column != w.col {
					t.Errorf("finding %d at %d:%d, want %d:%d", i, f.Line, f.Column, w.line, w.col)
				}
				if w.mentions == "" && strings.Contains(f.Message, "also states") {
					t.Errorf("finding %d mentions another statement: %s", i, f.Message)
				}
				if !strings.Contains(f.Message, w.mentions) {
					t.Errorf("finding %d: message %q lacks %q", i, f.Message, w.mentions)
				}
			}
		})
	}
}

// TestUndefinedScopeStatedTwice: UNDEFINED_SCOPE and UNDEFINED_EVENT_SCOPE
// report a name stated in several statements once per owner, and each
// rule keeps to its own owners (operations vs events).
func TestUndefinedScopeStatedTwice(t *testing.T) {
	page := &record.Document{Path: "page.md", Kind: record.KindGranularMD, GranularRows: []record.GranularRow{
		{Product: "Users", Name: "Get a user", Scopes: refs("user:read:user:admin", record.Source{File: "page.md", Line: 5}), Source: record.Source{File: "page.md", Line: 5}},
	}}
	const undefined = "user:read:user_profile:admin"
	twice := []record.ScopeList{
		{Origin: record.OriginExtensions, Granular: refs(undefined, at(20, 9))},
		{Origin: record.OriginText, Granular: refs(undefined, at(3, 40))},
	}
	ref := &record.Document{Path: "f.json", Kind: record.KindOpenAPI, Operations: []record.Operation{
		{Method: "GET", Path: "/users/{id}", Name: "Get a user", Source: at(1, 1), Scopes: twice},
	}}
	hooks := &record.Document{Path: "h.json", Kind: record.KindWebhooks, Events: []record.Event{
		{Name: "user.updated", Source: record.Source{File: "h.json", Line: 2}, Scopes: []record.ScopeList{
			{Origin: record.OriginText, Granular: refs(undefined, record.Source{File: "h.json", Line: 4, Column: 7})},
		}},
	}}
	c := build(t, page, ref, hooks)
	for _, tt := range []struct {
		rule, file string
		line       int
	}{
		{RuleUndefinedScope, "f.json", 3},
		{RuleUndefinedEventScope, "h.json", 4},
	} {
		got := Run(c, []Rule{ruleByID(t, tt.rule)})
		if len(got) != 1 || got[0].File != tt.file || got[0].Line != tt.line || got[0].Subject != undefined {
			t.Errorf("%s: %+v, want one finding at %s:%d", tt.rule, got, tt.file, tt.line)
		}
	}
	// Without a granular page nothing is judged undefined.
	if got := Run(build(t, ref, hooks), []Rule{ruleByID(t, RuleUndefinedEventScope)}); len(got) != 0 {
		t.Errorf("no page loaded: %+v", got)
	}
}

func TestEventWithoutScopes(t *testing.T) {
	src := func(f string, line int) record.Source { return record.Source{File: f, Line: int32(line), Column: 7} }
	scoped := []record.ScopeList{{Origin: record.OriginText, Granular: refs("user:read:user:admin", src("a.json", 9))}}
	tests := []struct {
		name   string
		docs   []*record.Document
		want   []string // subjects
		others string   // a part of the first finding's message
	}{
		{"one scopeless event among scoped ones",
			[]*record.Document{{Path: "a.json", Kind: record.KindWebhooks, Title: "Users", Events: []record.Event{
				{Name: "user.updated", Source: src("a.json", 2), Scopes: scoped},
				{Name: "app.deauthorized", Source: src("a.json", 20)},
			}}},
			[]string{"app.deauthorized"}, "app.deauthorized (Users)"},
		{"scopeless in one document, scoped in another: not reported",
			[]*record.Document{
				{Path: "a.json", Kind: record.KindWebhooks, Events: []record.Event{{Name: "user.updated", Source: src("a.json", 2)}}},
				{Path: "b.json", Kind: record.KindWebhooks, Events: []record.Event{{Name: "user.updated", Source: src("b.json", 2), Scopes: scoped}}},
			},
			nil, ""},
		{"scopeless in two documents: one finding naming the other",
			[]*record.Document{
				{Path: "a.json", Kind: record.KindWebhooks, Events: []record.Event{{Name: "user.updated", Source: src("a.json", 2)}}},
				{Path: "b.json", Kind: record.KindWebhooks, Events: []record.Event{{Name: "user.updated", Source: src("b.json", 5)}}},
			},
			[]string{"user.updated"}, "b.json:5"},
		{"an empty statement is no scope",
			[]*record.Document{{Path: "a.json", Kind: record.KindWebhooks, Events: []record.Event{
				{Name: "user.updated", Source: src("a.json", 2), Scopes: []record.ScopeList{{Origin: record.OriginText, HasGranular: true}}},
			}}},
			[]string{"user.updated"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Run(build(t, tt.docs...), []Rule{ruleByID(t, RuleEventWithoutScopes)})
			var subjects []string
			for _, f := range got {
				subjects = append(subjects, f.Subject)
				if f.Severity != SeverityInfo {
					t.Errorf("severity %s, want info", f.Severity)
				}
			}
			if strings.Join(subjects, ",") != strings.Join(tt.want, ",") {
				t.Fatalf("subjects %v, want %v", subjects, tt.want)
			}
			if len(got) > 0 && !strings.Contains(got[0].Message, tt.others) {
				t.Errorf("message %q lacks %q", got[0].Message, tt.others)
			}
		})
	}
}
