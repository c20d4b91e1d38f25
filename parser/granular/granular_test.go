package granular

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"

	"github.com/scopeplan/scopeplan/parser/record"
)

var update = flag.Bool("update", false, "rewrite the testdata/*.golden.json files")

// TestGolden parses every testdata fixture and compares the Document, as
// JSON, with its golden file.
func TestGolden(t *testing.T) {
	for _, pat := range []string{"testdata/*.md", "testdata/*.html"} {
		files, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		for _, file := range files {
			t.Run(filepath.Base(file), func(t *testing.T) {
				data, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				parse, sniff := ParseMarkdown, SniffMarkdown
				if strings.HasSuffix(file, ".html") {
					parse, sniff = ParseHTML, SniffHTML
				}
				if !sniff(data) {
					t.Errorf("sniffer rejects %s", file)
				}
				doc, err := parse(filepath.Base(file), data)
				if err != nil {
					t.Fatal(err)
				}
				got, err := json.MarshalIndent(doc, "", "  ")
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, '\n')
				golden := file + ".golden.json"
				if *update {
					if err := os.WriteFile(golden, got, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(golden)
				if err != nil {
					t.Fatalf("%v (run with -update to create it)", err)
				}
				if !bytes.Equal(got, want) {
					t.Errorf("%s differs from %s (run with -update to accept):\n%s", file, golden, got)
				}
			})
		}
	}
}

// TestFixtureHTMLMatchesMarkdown checks the hand-written HTML fixture, with
// its chrome, gives the records of the Markdown fixture.
func TestFixtureHTMLMatchesMarkdown(t *testing.T) {
	mdData, err := os.ReadFile("testdata/basic.md")
	if err != nil {
		t.Fatal(err)
	}
	htmlData, err := os.ReadFile("testdata/basic.html")
	if err != nil {
		t.Fatal(err)
	}
	md, err := ParseMarkdown("basic.md", mdData)
	if err != nil {
		t.Fatal(err)
	}
	h, err := ParseHTML("basic.html", htmlData)
	if err != nil {
		t.Fatal(err)
	}
	compareIgnoringSource(t, md, h)
	// And the rendering of the Markdown fixture too.
	h2, err := ParseHTML("basic.rendered.html", wrapChrome(renderHTML(t, mdData)))
	if err != nil {
		t.Fatal(err)
	}
	compareIgnoringSource(t, md, h2)
}

// TestFixtureDetails spells out what the golden files hold for the cases
// the package must get right.
func TestFixtureDetails(t *testing.T) {
	data, err := os.ReadFile("testdata/basic.md")
	if err != nil {
		t.Fatal(err)
	}
	doc, err := ParseMarkdown("basic.md", data)
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]record.GranularRow{}
	for _, r := range doc.GranularRows {
		rows[r.Name+"|"+string(r.Variant())] = r
	}
	check := func(key string, f func(r record.GranularRow) bool) {
		t.Helper()
		r, ok := rows[key]
		if !ok {
			t.Errorf("no row %q", key)
			return
		}
		if !f(r) {
			t.Errorf("row %q: %+v", key, r)
		}
	}
	check("Get a meeting|master", func(r record.GranularRow) bool {
		return r.Product == "Zoom Meeting" && r.Section == "Meetings" && r.LinkProduct() == "zoom-api" &&
			r.OperationID() == "meeting" && len(r.Scopes) == 1 && r.Scopes[0].Name == "meeting:read:meeting:master"
	})
	check("Get indicators settings [Deprecated]|regular", func(r record.GranularRow) bool {
		return r.OperationID() == "accountSettingsIndicators" && r.LinkProduct() == "zoom-api"
	})
	check("List meeting summaries|", func(r record.GranularRow) bool {
		return r.Link == "" && len(r.Scopes) == 1
	})
	check("Get an API Connector's private key|regular", func(r record.GranularRow) bool {
		return r.OperationID() == "GetanAPIConnector'sprivatekey" && r.LinkProduct() == "Crc"
	})
	check("Set Free/Busy|regular", func(r record.GranularRow) bool {
		return r.OperationID() == "SetCalendarFree/BusyEvent."
	})
	check("Assign queue dispositions|regular", func(r record.GranularRow) bool {
		return len(r.Scopes) == 2 && r.Scopes[0].Name == "contact_center:write:queue disposition:admin" &&
			r.Scopes[1].Name == "plain:read:text:admin"
	})
	check("Update channel|regular", func(r record.GranularRow) bool {
		return r.LinkProduct() == "" && r.OperationID() == "UpdateVideoChannel" && len(r.Scopes) == 1 &&
			r.Scopes[0].Name == "video_mgmt:update:channel video_mgmt:update:channel:admin"
	})
	codes := map[string][]string{}
	for _, p := range doc.Problems {
		codes[p.Code] = append(codes[p.Code], p.Subject)
	}
	want := map[string]int{
		record.ProblemRowWithoutLink: 1, // List meeting summaries
		record.ProblemMalformedLink:  3, // https:/ inside the path, a non-API link, an unknown variant
		record.ProblemMissingField:   1, // Legacy: no scopes
	}
	for code, n := range want {
		if len(codes[code]) != n {
			t.Errorf("%s: %d problems %q, want %d", code, len(codes[code]), codes[code], n)
		}
	}
	// The scope position points at the scope's first character.
	r := rows["Get a meeting|regular"]
	lines := strings.Split(string(data), "\n")
	if s := r.Scopes[1]; !strings.HasPrefix(string([]rune(lines[s.Source.Line-1])[s.Source.Column-1:]), s.Name+"`") {
		t.Errorf("scope %q at %d:%d", s.Name, s.Source.Line, s.Source.Column)
	}
}

func TestSplitScopes(t *testing.T) {
	for _, tc := range []struct {
		frags []frag
		want  []string
	}{
		{[]frag{{text: "a:b", code: true}, {text: ", "}, {text: "c:d", code: true}}, []string{"a:b", "c:d"}},
		{[]frag{{text: " a:b , c:d ,, "}}, []string{"a:b", "c:d"}},
		{[]frag{{text: "a:b", code: true}, {text: " "}, {text: "c:d", code: true}}, []string{"a:b c:d"}},
		{[]frag{{text: " a, b ", code: true}}, []string{" a, b "}},
		{[]frag{{text: "a:b", code: true}, {text: "x, "}}, []string{"a:bx"}},
		{[]frag{{text: "", code: true}}, nil},
		{nil, nil},
	} {
		var got []string
		for _, p := range splitScopes(tc.frags, nil) {
			got = append(got, p.name)
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") || len(got) != len(tc.want) {
			t.Errorf("splitScopes(%+v) = %q, want %q", tc.frags, got, tc.want)
		}
	}
}

func TestSniff(t *testing.T) {
	seed := readSeed(t)
	page := wrapChrome(renderHTML(t, seed))
	if !SniffMarkdown(seed) {
		t.Error("SniffMarkdown rejects the seed")
	}
	if SniffHTML(seed) {
		t.Error("SniffHTML accepts the Markdown seed")
	}
	if !SniffHTML(page) || SniffMarkdown(page) {
		t.Error("the HTML page is not sniffed as HTML only")
	}
	others, _ := filepath.Glob("../../data/docs/*")
	for _, f := range others {
		if filepath.Base(f) == filepath.Base(seedPath) {
			continue
		}
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if SniffMarkdown(data) || SniffHTML(data) {
			t.Errorf("%s sniffed as a granular page", f)
		}
	}
	for _, s := range []string{
		"",
		`{"openapi": "3.0.0", "paths": {"/x": {"description": "| [a](/docs/api/rest/reference/x/methods/#operation/a) | ` + "`a:b:c`" + ` |"}}}`,
		"openapi: 3.0.0\npaths: {}\n",
		"Account scopes\naccount:read:admin\n- [Get a](/docs/api/rest/reference/accounts/methods/#operation/a)\n",
		"<html><body><p><a href=\"/docs/api/rest/reference/x/methods/#operation/a\">a</a> <code>a:b:c</code></p></body></html>",
	} {
		if SniffMarkdown([]byte(s)) || SniffHTML([]byte(s)) {
			t.Errorf("sniffed as a granular page: %q", s)
		}
	}
}

func TestNoTables(t *testing.T) {
	if _, err := ParseMarkdown("x.md", []byte("# Title\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")); err == nil {
		t.Error("ParseMarkdown: no error for a page without scope tables")
	}
	if _, err := ParseHTML("x.html", []byte("<p>nothing</p>")); err == nil {
		t.Error("ParseHTML: no error for a page without scope tables")
	}
}

// TestHTMLLinesMalformed checks implied rows get lines and that rows the
// parser moves around do not crash the line matcher.
func TestHTMLLinesMalformed(t *testing.T) {
	page := "<table>\n<td><a href=\"/docs/api/rest/reference/a/methods/#operation/x\">X</a><td><code>a:read:x</code>\n" +
		"<tr><td><a href=\"/docs/api/rest/reference/a/ma/#operation/x\">X</a><td><code>a:read:x:master</code>\n</table>"
	doc, err := ParseHTML("m.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.GranularRows) != 2 || doc.GranularRows[0].Source.Line != 2 || doc.GranularRows[1].Source.Line != 3 {
		t.Errorf("rows: %+v", doc.GranularRows)
	}
}

func FuzzParseMarkdown(f *testing.F) {
	f.Add(readSeed(f))
	if data, err := os.ReadFile("testdata/basic.md"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("## P\n### S\n| a | b |\n|---|---|\n| [x](/docs/api/rest/reference/p/ma/#operation/y) | `a:b`, c |\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ParseMarkdown("fuzz.md", data)
		if err == nil && doc == nil {
			t.Fatal("nil document without error")
		}
		SniffMarkdown(data)
	})
}

func FuzzParseHTML(f *testing.F) {
	seed := readSeed(f)
	f.Add(wrapChrome(renderHTML(f, seed)))
	if data, err := os.ReadFile("testdata/basic.html"); err == nil {
		f.Add(data)
	}
	f.Add([]byte("<table><tr><td><a href=\"/docs/api/rest/reference/p/ma/#operation/y\">x</a><td><code>a:b</code>, c</table>"))
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := ParseHTML("fuzz.html", data)
		if err == nil && doc == nil {
			t.Fatal("nil document without error")
		}
		SniffHTML(data)
	})
}

func BenchmarkParseMarkdown(b *testing.B) {
	data := readSeed(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseMarkdown("granular-scopes.md", data); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkGoldmarkParseOnly is goldmark parsing the seed into an AST with
// the table extension, nothing else: the floor ParseMarkdown builds on.
func BenchmarkGoldmarkParseOnly(b *testing.B) {
	data := readSeed(b)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		root := goldmark.New(goldmark.WithExtensions(extension.Table)).Parser().Parse(text.NewReader(data))
		if root == nil {
			b.Fatal("nil AST")
		}
	}
}

func BenchmarkParseHTML(b *testing.B) {
	data := wrapChrome(renderHTML(b, readSeed(b)))
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ParseHTML("granular-scopes.html", data); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHTMLHeadingInsideHeader: a product heading inside a section's
// <header> is content, while a page-level <header> is chrome.
func TestHTMLHeadingInsideHeader(t *testing.T) {
	page := `<html><body><header><a href="/">Zoom Developers</a><h1>Granular OAuth Scopes</h1></header>
<section><header><h2>Zoom Phone</h2></header><h3>Alerts</h3>
<table><tr><th>API Endpoint</th><th>Granular Scopes</th></tr>
<tr><td><a href="/docs/api/rest/reference/phone/methods/#operation/listAlerts">List alerts</a></td><td><code>phone:read:list_alerts:admin</code></td></tr>
</table></section></body></html>`
	doc, err := ParseHTML("page.html", []byte(page))
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.GranularRows) != 1 || doc.GranularRows[0].Product != "Zoom Phone" || doc.GranularRows[0].Section != "Alerts" {
		t.Fatalf("rows = %+v", doc.GranularRows)
	}
}

// TestOtherTablesLeaveNothing: rows of a table that is not a scope table
// (read into the document as they come, then taken back) leave no row and
// no problem, before, between and after scope tables, long or short, in
// Markdown and in HTML.
func TestOtherTablesLeaveNothing(t *testing.T) {
	type row struct{ name, link, scope string }
	table := func(html bool, rows []row) string {
		var b strings.Builder
		if html {
			b.WriteString("<table><tr><th>API Endpoint</th><th>Granular Scopes</th></tr>\n")
		} else {
			b.WriteString("| API Endpoint | Granular Scopes |\n|---|---|\n")
		}
		for _, r := range rows {
			name, scope := r.name, r.scope
			switch {
			case html && r.link != "":
				name = fmt.Sprintf(`<a href="%s">%s</a>`, r.link, r.name)
			case r.link != "":
				name = fmt.Sprintf("[%s](%s)", r.name, r.link)
			}
			switch {
			case html && scope != "":
				scope = "<code>" + scope + "</code>"
			case scope != "":
				scope = "`" + scope + "`"
			default:
				scope = "plain text, no scope"
			}
			if html {
				fmt.Fprintf(&b, "<tr><td>%s</td><td>%s</td></tr>\n", name, scope)
			} else {
				fmt.Fprintf(&b, "| %s | %s |\n", name, scope)
			}
		}
		if html {
			return b.String() + "</table>\n"
		}
		return b.String() + "\n"
	}
	other := func(html bool, n int) string {
		var rows []row
		for i := range n {
			rows = append(rows, row{name: fmt.Sprintf("thing %d", i)})
		}
		return table(html, rows)
	}
	scopes := func(html bool, from, n int) string {
		var rows []row
		for i := from; i < from+n; i++ {
			rows = append(rows, row{fmt.Sprintf("Get thing %d", i), fmt.Sprintf("/docs/api/rest/reference/phone/methods/#operation/getThing%d", i), fmt.Sprintf("phone:read:thing%d", i)})
		}
		return table(html, rows)
	}
	for _, html := range []bool{false, true} {
		for _, n := range []int{1, 3000} {
			head, parse := "## Zoom Phone\n\n### Things\n\n", ParseMarkdown
			if html {
				head, parse = "<html><body><h2>Zoom Phone</h2><h3>Things</h3>\n", ParseHTML
			}
			page := head + other(html, n) + scopes(html, 0, n) + other(html, n) + scopes(html, n, 2) + other(html, n)
			doc, err := parse("p", []byte(page))
			if err != nil {
				t.Fatal(err)
			}
			if len(doc.GranularRows) != n+2 || len(doc.Problems) != 0 {
				t.Errorf("html %v, %d-row tables: %d rows and %d problems (%+v), want %d rows and none", html, n, len(doc.GranularRows), len(doc.Problems), doc.Problems[:min(3, len(doc.Problems))], n+2)
			}
			for i, r := range doc.GranularRows {
				if want := fmt.Sprintf("Get thing %d", i); r.Name != want {
					t.Fatalf("html %v, %d-row tables: row %d is %q, want %q", html, n, i, r.Name, want)
				}
			}
		}
	}
}
