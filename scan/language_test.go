package scan

import (
	"strings"
	"testing"
)

// TestLanguagesWellFormed: every language value (and the generic one) has
// a name, lexical rules that can read a file, and the operators the later
// stages need; names are unique; and every extension maps to exactly one
// language, which languageFor returns for it in any case.
func TestLanguagesWellFormed(t *testing.T) {
	langs := Languages()
	if len(langs) == 0 {
		t.Fatal("no languages")
	}
	names := map[string]bool{}
	owner := map[string]string{}
	for _, l := range append(langs, genericLanguage()) {
		if l.Name == "" || names[l.Name] {
			t.Errorf("language %q: empty or repeated name", l.Name)
		}
		names[l.Name] = true
		if len(l.lineComments) == 0 && !l.blockComments {
			t.Errorf("%s: no comment syntax", l.Name)
		}
		for _, c := range l.lineComments {
			if c == "" {
				t.Errorf("%s: an empty line comment marker", l.Name)
			}
		}
		if !strings.Contains(l.quotes, `"`) {
			t.Errorf("%s: quotes %q lack the double quote", l.Name, l.quotes)
		}
		if l.rawBacktick && !strings.Contains(l.quotes, "`") {
			t.Errorf("%s: a raw backtick rule without ` among its quotes", l.Name)
		}
		if l.concat == "" || len(l.members) == 0 {
			t.Errorf("%s: concat %q, members %q", l.Name, l.concat, l.members)
		}
		for _, m := range l.members {
			if m == l.concat {
				t.Errorf("%s: %q is both concatenation and member access", l.Name, m)
			}
		}
		if len(l.handlerWords)+len(l.handlerOps) == 0 {
			t.Errorf("%s: no way to tell a handler function", l.Name)
		}
		if l.parenlessParams && l.blocks == blockBraces {
			// Parameters without brackets end their line; the body is
			// then found by indentation.
			t.Errorf("%s: bracketless parameters with brace-delimited bodies", l.Name)
		}
		if l.Name == "generic" {
			if len(l.Extensions) != 0 {
				t.Errorf("generic claims extensions %q", l.Extensions)
			}
			continue
		}
		if len(l.Extensions) == 0 {
			t.Errorf("%s: no extensions", l.Name)
		}
		for _, e := range l.Extensions {
			if !strings.HasPrefix(e, ".") || len(e) < 2 || strings.ToLower(e) != e || strings.ContainsAny(e, "/\\ ") {
				t.Errorf("%s: malformed extension %q", l.Name, e)
			}
			if o, ok := owner[e]; ok {
				t.Errorf("extension %s maps to %s and %s", e, o, l.Name)
			}
			owner[e] = l.Name
		}
	}
	for e, name := range owner {
		for _, file := range []string{"a" + e, "dir/b" + strings.ToUpper(e)} {
			l, ok := languageFor(langs, file)
			if !ok || l.Name != name {
				t.Errorf("%s: got %v %v, want %s", file, l, ok, name)
			}
			if !wanted(file) {
				t.Errorf("%s is not read by a directory walk", file)
			}
		}
	}
	for _, file := range []string{"README.md", "a.txt", "Makefile", "x.go.orig"} {
		if _, ok := languageFor(langs, file); ok {
			t.Errorf("%s claimed by a language", file)
		}
	}
}

// TestLanguageLexicalRules: in every language, text after each of its
// comment markers is not read, and each of its quotes opens a string.
func TestLanguageLexicalRules(t *testing.T) {
	for _, l := range append(Languages(), genericLanguage()) {
		strs := func(src string) []string {
			var out []string
			for _, tk := range lex(src, &l) {
				if tk.kind == tString {
					out = append(out, tk.text)
				}
			}
			return out
		}
		var comments []string
		for _, lc := range l.lineComments {
			comments = append(comments, lc+` "hidden"`+"\n")
		}
		if l.blockComments {
			comments = append(comments, `/* "hidden" */ `)
		}
		if l.beginEndComments {
			comments = append(comments, "=begin\n\"hidden\"\n=end\n")
		}
		for _, c := range comments {
			if got := strs(c + `"shown"`); len(got) != 1 || got[0] != "shown" {
				t.Errorf("%s: %q read as strings %q", l.Name, c, got)
			}
		}
		for _, q := range l.quotes {
			src := "x = " + string(q) + "shown" + string(q)
			if got := strs(src); len(got) != 1 || got[0] != "shown" {
				t.Errorf("%s: %s read as strings %q", l.Name, src, got)
			}
		}
	}
}

// wanted reports whether a directory walk with the default languages
// reads a file.
func wanted(path string) bool { return walkReads(Languages(), path) }
