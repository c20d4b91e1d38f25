package update

import (
	"fmt"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/parser"
	"github.com/scopeplan/scopeplan/parser/record"
)

func TestHTMLText(t *testing.T) {
	for _, tc := range []struct {
		name, in, want string
	}{
		{"paragraphs and headings",
			"<h2>Account scopes</h2><p>Some   text\n  over lines</p>",
			"Account scopes\nSome text over lines\n"},
		{"main only",
			"<body><p>outside</p><main><p>inside</p></main></body>",
			"inside\n"},
		{"article when no main",
			"<body><p>outside</p><article><p>inside</p></article></body>",
			"inside\n"},
		{"chrome dropped",
			"<body><header>h</header><nav>n</nav><script>s()</script><style>p{}</style><aside>a</aside><p>kept</p><footer>f</footer></body>",
			"kept\n"},
		{"heading anchors dropped",
			`<h2 id="a">Account scopes<a class="anchor" href="#a">#</a></h2><h3>Other <a href="#o">¶</a></h3><h3><a href="#x" aria-hidden="true"><svg></svg></a>Third</h3>`,
			"Account scopes\nOther\nThird\n"},
		{"fragment link with text kept",
			`<p>See <a href="#below">below</a>.</p>`,
			"See below.\n"},
		{"list items",
			"<ul><li>One</li><li> Two\n words </li><li></li></ul>",
			"- One\n- Two words\n"},
		{"list item that is one link",
			`<ul><li><a href="/docs/x/methods/#operation/a">Get a</a></li><li><strong><a href="/b">Get b</a></strong></li></ul>`,
			"- [Get a](/docs/x/methods/#operation/a)\n- [Get b](/b)\n"},
		{"list item with a link and text",
			`<ul><li><a href="/a">Get a</a> (deprecated)</li><li><a href="/a">A</a> <a href="/b">B</a></li></ul>`,
			"- Get a (deprecated)\n- A B\n"},
		{"nested lists",
			"<ul><li>Parent<ul><li>Child</li></ul></li><li>Next</li></ul>",
			"- Parent\n- Child\n- Next\n"},
		{"inline elements join",
			"<p><code>account:read:admin</code></p><p>View <em>account</em> info</p><div><strong>Associated API</strong></div>",
			"account:read:admin\nView account info\nAssociated API\n"},
		{"line breaks",
			"<p>one<br>two</p>",
			"one\ntwo\n"},
		{"table rows",
			"<table><tr><th>Scope</th><th>Description</th></tr><tr><td>a:b</td><td>Read</td></tr></table>",
			"Scope Description\na:b Read\n"},
		{"entities",
			"<p>Get an API Connector&#39;s key &amp; more</p>",
			"Get an API Connector's key & more\n"},
		{"empty", "", ""},
		{"text only", "just text", "just text\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := HTMLText([]byte(tc.in))
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tc.want {
				t.Errorf("HTMLText(%q) =\n%q\nwant\n%q", tc.in, got, tc.want)
			}
		})
	}
}

// TestClassicHTMLParses checks that the classic page's HTML, turned into
// text, reads as the same scopes as the text page.
func TestClassicHTMLParses(t *testing.T) {
	text, err := HTMLText(readFixture(t, "classic.html"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := parser.Parse("classic.txt", text, record.KindClassic)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Problems) != 0 {
		t.Errorf("problems: %+v", doc.Problems)
	}
	var got []string
	for _, s := range doc.ClassicScopes {
		var apis []string
		for _, a := range s.APIs {
			apis = append(apis, a.Name+"|"+a.Link)
		}
		got = append(got, fmt.Sprintf("%s/%s/%s: %s", s.Group, s.Name, s.Description, strings.Join(apis, ", ")))
	}
	want := []string{
		"Account/account:read:admin/View account info: Get account settings|, Get locked settings|/docs/api/rest/reference/account/methods/#operation/accountSettings",
		"Account/account:write:admin/View and manage account info: Update account settings|",
		"User/user:read:admin/View all user information: Get a user|/docs/api/rest/reference/user/methods/#operation/user, List users|",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("scopes:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if k, err := parser.Detect(text); err != nil || k != record.KindClassic {
		t.Errorf("converted text detected as %q, %v", k, err)
	}
}

func TestLooksHTML(t *testing.T) {
	for in, want := range map[string]bool{
		"<!DOCTYPE html>": true, "\ufeff \n<html>": true, "{\"openapi\"": false, "Account scopes": false, "": false,
	} {
		if got := looksHTML([]byte(in)); got != want {
			t.Errorf("looksHTML(%q) = %v", in, got)
		}
	}
}
