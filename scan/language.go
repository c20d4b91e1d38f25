package scan

import (
	"path/filepath"
	"strings"
)

// Language describes one programming language the scanner reads: the file
// extensions that select it, its lexical rules (comments, string literals
// and their interpolation) and the syntax the later stages rely on
// (declarations, member access, formats, route DSLs, handler functions).
// Every rule the scanner applies per language is a field here, so adding
// a language is adding one value to Languages. Only Name and Extensions
// are exported; the rules are the scanner's own.
type Language struct {
	// Name names the language ("go", "js", "python", …).
	Name string
	// Extensions are the lower-case file extensions, with their dot, that
	// select the language in a directory walk.
	Extensions []string

	// ---- lexical rules (the lexer) ----

	// lineComments start a comment that runs to the end of the line.
	lineComments []string
	// blockComments: "/*" … "*/" comments.
	blockComments bool
	// beginEndComments: "=begin" … "=end" comments at a line's start (Ruby).
	beginEndComments bool
	// quotes lists the characters that open string literals.
	quotes string
	// rawBacktick: a ` literal is raw (Go); otherwise, when ` is one of
	// quotes, it is a template literal interpolating ${expr} (JS).
	rawBacktick bool
	// dquote is how a " literal interpolates.
	dquote interp
	// prefixedStrings: Python's string prefixes (r, b, u, and f, which
	// interpolates {expr}) and triple quotes of either kind.
	prefixedStrings bool
	// textBlocks: """ text blocks without interpolation (Java, Kotlin).
	textBlocks bool
	// dollarStrings: $"…{expr}…" interpolated strings (C#).
	dollarStrings bool
	// multiLineStrings: quoted literals may span lines (PHP, Ruby).
	multiLineStrings bool
	// atIdents: "@name" is one identifier (Ruby's instance variables).
	atIdents bool

	// ---- operators (chains and call sites) ----

	// concat is the string concatenation operator ("+", PHP ".").
	concat string
	// members are the member access operators.
	members []string

	// ---- declarations (finding functions and their parameters) ----

	// blocks is how a function's body is delimited.
	blocks blockStyle
	// bareMethods: "name(params) {" declares a method without a keyword
	// (Java, C#, Kotlin, JavaScript classes, PHP).
	bareMethods bool
	// selfDefs: "def self.name" declares a class method (Ruby).
	selfDefs bool
	// parenlessParams: a declaration's parameters may follow its name
	// without brackets, to the end of the line (Ruby).
	parenlessParams bool
	// typeArgs: "<…>" after a name are type arguments (name<T>(…)).
	typeArgs bool
	// typeFollowsName: a declaration names first, then the type without
	// a colon ("id string", "var base string = …": Go).
	typeFollowsName bool
	// implicitParams are first parameters no call site passes (Python's
	// self and cls).
	implicitParams []string
	// declaresLocals: locals are declared (var x, String x), so assigning
	// an undeclared name sets a field or an outer variable.
	declaresLocals bool

	// ---- expressions (values, formats, arguments) ----

	// namedArgs: "name = value" or "name: value" in a call's arguments is
	// a named argument.
	namedArgs bool
	// symbols: ":name" is a symbol literal (Ruby's :post).
	symbols bool
	// varKeys: an identifier key in a {…} literal is a variable, not a
	// name (Python's dicts).
	varKeys bool
	// percentFormat: "template" % args fills a format (Python, Ruby).
	percentFormat bool
	// formatReceiver, when set, is the only receiver on which a call
	// named "format" fills a template (Python's str.format; its builtin
	// format(value, spec) does not).
	formatReceiver string

	// ---- call sites (routes and handlers) ----

	// routeDSL: a bare lower-case HTTP verb at a line's start, followed by
	// a string, declares a route the app serves (Rails, Sinatra).
	routeDSL bool
	// handlerWords and handlerOps are the keywords and operators that
	// start a function passed as an argument (a route's handler).
	handlerWords, handlerOps []string
}

// interp is how a string literal interpolates expressions.
type interp byte

const (
	interpNone     interp = iota
	interpTemplate        // ${expr} (JavaScript template literals)
	interpRuby            // #{expr}
	interpPHP             // $var, $obj->prop, {$expr}, ${expr}
	interpKotlin          // $var, ${expr}
	interpBraces          // {expr}, "{{" for a brace (C# $"…", Python f"…")
)

// blockStyle is how a language delimits a function's body.
type blockStyle uint8

const (
	blockBraces blockStyle = iota // { … }
	blockIndent                   // by indentation (Python)
	blockEnd                      // by indentation, closed by "end" (Ruby)
)

// Languages lists the languages a directory walk reads, each with its
// extensions. A file of another extension named explicitly is read by
// C-like rules.
func Languages() []Language {
	cMembers := []string{".", "->", "::", "?."}
	jsHandler, jsOps := []string{"function"}, []string{"=>"}
	return []Language{
		{
			Name: "go", Extensions: []string{".go"},
			lineComments: []string{"//"}, blockComments: true, quotes: "\"'`", rawBacktick: true,
			concat: "+", members: cMembers,
			typeArgs: true, typeFollowsName: true, declaresLocals: true,
			handlerWords: []string{"func"},
		},
		{
			Name:       "js",
			Extensions: []string{".js", ".mjs", ".cjs", ".jsx", ".ts", ".tsx", ".mts", ".cts", ".vue", ".svelte"},
			// A ` literal is a template: ${expr}.
			lineComments: []string{"//"}, blockComments: true, quotes: "\"'`",
			concat: "+", members: cMembers,
			bareMethods: true, typeArgs: true, declaresLocals: true, namedArgs: true,
			handlerWords: jsHandler, handlerOps: jsOps,
		},
		{
			Name: "python", Extensions: []string{".py", ".pyw"},
			lineComments: []string{"#"}, quotes: "\"'", prefixedStrings: true,
			concat: "+", members: cMembers,
			blocks: blockIndent, implicitParams: []string{"self", "cls"},
			namedArgs: true, varKeys: true, percentFormat: true, formatReceiver: "str",
			handlerWords: []string{"lambda"},
		},
		{
			Name: "php", Extensions: []string{".php"},
			lineComments: []string{"//", "#"}, blockComments: true, quotes: "\"'", dquote: interpPHP, multiLineStrings: true,
			concat: ".", members: []string{"->", "::", "?."},
			bareMethods: true, namedArgs: true,
			handlerWords: []string{"function", "fn"},
		},
		{
			Name: "java", Extensions: []string{".java", ".scala", ".groovy"},
			lineComments: []string{"//"}, blockComments: true, quotes: "\"'", textBlocks: true,
			concat: "+", members: cMembers,
			bareMethods: true, typeArgs: true, declaresLocals: true, namedArgs: true,
			handlerOps: []string{"->"},
		},
		{
			Name: "kotlin", Extensions: []string{".kt", ".kts"},
			lineComments: []string{"//"}, blockComments: true, quotes: "\"'", dquote: interpKotlin, textBlocks: true,
			concat: "+", members: cMembers,
			bareMethods: true, typeArgs: true, declaresLocals: true, namedArgs: true,
			handlerOps: []string{"->"},
		},
		{
			Name: "csharp", Extensions: []string{".cs"},
			lineComments: []string{"//"}, blockComments: true, quotes: "\"'", dollarStrings: true,
			concat: "+", members: cMembers,
			bareMethods: true, typeArgs: true, declaresLocals: true, namedArgs: true,
			handlerWords: jsHandler, handlerOps: jsOps,
		},
		{
			Name: "ruby", Extensions: []string{".rb", ".rake"},
			lineComments: []string{"#"}, beginEndComments: true, quotes: "\"'", dquote: interpRuby, multiLineStrings: true, atIdents: true,
			concat: "+", members: cMembers,
			blocks: blockEnd, selfDefs: true, parenlessParams: true,
			namedArgs: true, symbols: true, percentFormat: true, routeDSL: true,
			handlerWords: []string{"lambda", "proc"}, handlerOps: []string{"->"},
		},
	}
}

// genericLanguage reads a file of unknown language: C-style and "#"
// comments, the three common quotes (` a template), "+" concatenation,
// brace-delimited bodies.
func genericLanguage() Language {
	return Language{
		Name:         "generic",
		lineComments: []string{"//", "#"}, blockComments: true, quotes: "\"'`",
		concat: "+", members: []string{".", "->", "::", "?."},
		bareMethods: true, typeArgs: true, namedArgs: true,
		handlerWords: []string{"function"}, handlerOps: []string{"=>"},
	}
}

// languageFor picks the language of a file from its extension in langs;
// ok is false (and the language nil) for a file no language claims.
func languageFor(langs []Language, name string) (*Language, bool) {
	ext := strings.ToLower(filepath.Ext(name))
	for i := range langs {
		for _, e := range langs[i].Extensions {
			if ext == e {
				return &langs[i], true
			}
		}
	}
	return nil, false
}

// isHandlerStart reports whether a token starts a function passed as an
// argument.
func (l *Language) isHandlerStart(t token) bool {
	switch t.kind {
	case tIdent:
		for _, w := range l.handlerWords {
			if t.text == w {
				return true
			}
		}
	case tPunct:
		for _, o := range l.handlerOps {
			if t.text == o {
				return true
			}
		}
	}
	return false
}
