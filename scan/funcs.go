package scan

import (
	"slices"
	"sort"
	"strings"
)

// decls finds the functions a file declares, their parameters and
// bodies (the second stage, on the tokens): findFuncs fills funcs once,
// in the project pass, and enclosingFunc looks a token's function up.
type decls struct {
	tokens
	funcs []funcDef
}

// funcDef is a function or method declared in a source file: its name,
// parameters and body, as token ranges.
type funcDef struct {
	name   string
	nameAt int // token of the name
	params []param
	// body is the token range [bodyStart, bodyEnd) of the function's body.
	bodyStart, bodyEnd int
}

// param is one declared parameter.
type param struct {
	name string
	// def is the HTTP method word among the parameter's tokens (its
	// default value, "GET" in how = 'GET' or {verb = "GET"} = {}), or "".
	def string
	at  int // token of the name
}

// defKeyword reports keywords that introduce a function declaration.
func defKeyword(s string) bool {
	switch s {
	case "def", "function", "func", "fun", "fn":
		return true
	}
	return false
}

// words splits an identifier into lower-case words: zoomApiBase, ZOOM_API_BASE,
// zoom-api-base all give zoom, api, base.
func words(s string) []string {
	var out []string
	var cur []byte
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'A' && c <= 'Z':
			if i > 0 && (s[i-1] >= 'a' && s[i-1] <= 'z' || i+1 < len(s) && s[i+1] >= 'a' && s[i+1] <= 'z' && s[i-1] >= 'A' && s[i-1] <= 'Z') {
				flush()
			}
			cur = append(cur, c)
		case c >= 'a' && c <= 'z' || c >= '0' && c <= '9':
			cur = append(cur, c)
		default:
			flush()
		}
	}
	flush()
	return out
}

// hasWord reports whether identifier s has one of the words.
func hasWord(s string, ws ...string) bool {
	for _, w := range words(s) {
		for _, x := range ws {
			if w == x {
				return true
			}
		}
	}
	return false
}

// methodParamName reports parameter names that carry an HTTP method.
func methodParamName(s string) bool {
	return hasWord(s, "method", "verb", "how", "httpmethod")
}

// findFuncs lists the functions declared in a file, outermost first. It
// knows declarations by keyword (def, function, func, fun), by a body
// opening right after the parameter list (Java, C#, class methods), and
// arrow functions assigned to a name.
func (ds *decls) findFuncs() []funcDef {
	var out []funcDef
	for i := 0; i < len(ds.toks); i++ {
		t := ds.toks[i]
		if t.kind != tIdent {
			continue
		}
		if fd, ok := ds.funcAt(i); ok {
			out = append(out, fd)
		}
	}
	return out
}

// funcAt reads a declaration whose name is the identifier at i.
func (ds *decls) funcAt(i int) (funcDef, bool) {
	t := ds.toks[i]
	prev := ds.tok(i - 1)
	open := i + 1
	if o := ds.callOpen(i); o > i+1 {
		open = o // generic: name<T>(
	}
	switch {
	case prev.kind == tIdent && defKeyword(prev.text),
		// Go methods: func (c *Client) name(
		ds.isPunct(i-1, ")") && ds.goMethod(i-1),
		// Ruby def self.name
		ds.l.selfDefs && ds.isPunct(i-1, ".") && ds.tok(i-2).text == "self" && ds.tok(i-3).text == "def":
		if ds.l.parenlessParams && !ds.isPunct(open, "(") {
			// def name arg, arg: parameters to the end of the line.
			end := open
			for end < len(ds.toks) && ds.toks[end].line == t.line {
				end++
			}
			fd := funcDef{name: t.text, nameAt: i, params: ds.params(open, end)}
			fd.bodyStart, fd.bodyEnd = end, ds.indentEnd(end, t.indent)
			return fd, true
		}
		if !ds.isPunct(open, "(") {
			return funcDef{}, false
		}
		c := ds.matchClose(open)
		if c < 0 {
			return funcDef{}, false
		}
		fd := funcDef{name: t.text, nameAt: i, params: ds.params(open+1, c)}
		if ds.l.blocks != blockBraces {
			fd.bodyStart = c + 1
			fd.bodyEnd = ds.indentEnd(c+1, t.indent)
			return fd, true
		}
		b := ds.bodyOpen(c + 1)
		if b < 0 {
			return funcDef{}, false
		}
		fd.bodyStart, fd.bodyEnd = b+1, ds.matchClose(b)
		return fd, fd.bodyEnd > 0
	case ds.isPunct(i+1, "=", ":") && (ds.isPunct(i+2, "(") || ds.isIdent(i+2) && (ds.tok(i+2).text == "async" || ds.tok(i+2).text == "function") && ds.isPunct(i+3, "(")):
		// name = (a, b) => …, name: async (a) => …, name = function (a) {…}
		open = i + 2
		if !ds.isPunct(open, "(") {
			open = i + 3
		}
		c := ds.matchClose(open)
		if c < 0 {
			return funcDef{}, false
		}
		fd := funcDef{name: t.text, nameAt: i, params: ds.params(open+1, c)}
		k := c + 1
		if ds.isPunct(k, ":") { // TypeScript return type
			for k < len(ds.toks) && k < c+16 && !ds.isPunct(k, "=>", "{") {
				k++
			}
		}
		if ds.isPunct(k, "=>") {
			k++
		}
		if ds.isPunct(k, "{") {
			fd.bodyStart, fd.bodyEnd = k+1, ds.matchClose(k)
			return fd, fd.bodyEnd > 0
		}
		if !ds.isPunct(c+1, "=>") && ds.tok(open-1).text != "function" {
			return funcDef{}, false
		}
		// An expression body: to the end of the statement.
		fd.bodyStart, fd.bodyEnd = k, ds.statementEnd(k)
		return fd, true
	case ds.isPunct(open, "(") && ds.l.bareMethods:
		// Java, C#, Kotlin-less keyword forms and class methods:
		// name(params) [: type] [throws X] {
		if prev.kind == tIdent && callKeyword(prev.text) && prev.text != "new" && prev.text != "async" {
			return funcDef{}, false
		}
		if ds.isMember(i-1) || ds.isPunct(i-1, ".") {
			return funcDef{}, false
		}
		c := ds.matchClose(open)
		if c < 0 {
			return funcDef{}, false
		}
		b := ds.bodyOpen(c + 1)
		if b < 0 || ds.toks[b].line > ds.toks[c].line+1 {
			return funcDef{}, false
		}
		switch t.text {
		case "if", "for", "while", "switch", "catch", "foreach", "using", "lock", "synchronized", "when", "elseif", "else":
			return funcDef{}, false
		}
		fd := funcDef{name: t.text, nameAt: i, params: ds.params(open+1, c)}
		fd.bodyStart, fd.bodyEnd = b+1, ds.matchClose(b)
		return fd, fd.bodyEnd > 0
	}
	return funcDef{}, false
}

// goMethod reports whether the ")" at k closes a Go method receiver.
func (ds *decls) goMethod(k int) bool {
	o := ds.matchOpen(k)
	return o > 0 && ds.tok(o-1).text == "func"
}

// bodyOpen finds the "{" opening a body after a parameter list's close,
// past a return type, throws clause or base call, within a few tokens;
// -1 when a statement ends first.
func (ds *decls) bodyOpen(k int) int {
	for j := k; j < len(ds.toks) && j < k+24; j++ {
		t := ds.toks[j]
		if t.kind != tPunct {
			continue
		}
		switch t.text {
		case "{":
			return j
		case ";", "=", "=>", ",", ")", "}", "]", ".", "+", "?.", "->":
			return -1
		case "(":
			c := ds.matchClose(j)
			if c < 0 {
				return -1
			}
			j = c
		}
	}
	return -1
}

// indentEnd returns the first token at or after k that starts a line
// indented no deeper than indent (the end of a Python or Ruby body; for
// Ruby, the "end" itself).
func (ds *decls) indentEnd(k int, indent int32) int {
	for j := k; j < len(ds.toks); j++ {
		t := ds.toks[j]
		if t.first && t.indent <= indent && t.line > ds.toks[k-1].line {
			return j
		}
	}
	return len(ds.toks)
}

// params reads a parameter list in tokens [a, b).
func (ds *decls) params(a, b int) []param {
	var out []param
	for j := a; j < b; {
		c := ds.nextComma(j, b, ds.l.typeArgs)
		if j < c {
			if p, ok := ds.paramOf(j, c); ok {
				out = append(out, p)
			}
		}
		j = c + 1
	}
	// Python's self and cls are not passed at call sites.
	if len(out) > 0 && slices.Contains(ds.l.implicitParams, out[0].name) {
		out = out[1:]
	}
	return out
}

// paramOf reads one parameter's tokens [a, b).
func (ds *decls) paramOf(a, b int) (param, bool) {
	p := param{at: -1}
	cut := b
	for j := a; j < b; j++ {
		t := ds.toks[j]
		if t.kind == tIdent && strings.HasPrefix(t.text, "$") {
			p.name, p.at = bare(t.text), j
		}
		if cut == b && ds.isPunct(j, "=", ":") {
			cut = j
		}
		if t.kind == tString {
			if m := methodWord(t.text); m != "" {
				p.def = m
			}
		}
	}
	if p.at < 0 {
		if ds.l.typeFollowsName {
			for j := a; j < b; j++ {
				if ds.isIdent(j) {
					p.name, p.at = ds.toks[j].text, j
					break
				}
			}
		} else {
			for j := a; j < cut; j++ {
				if ds.isIdent(j) {
					p.name, p.at = bare(ds.toks[j].text), j
				}
			}
			if ds.isPunct(a, "{") { // a destructured options object
				p.name = ""
			}
		}
	}
	return p, p.at >= 0 || p.def != ""
}

// enclosingFunc returns the innermost function whose body holds token k.
func (ds *decls) enclosingFunc(k int) *funcDef {
	// funcs are in order of their names, so of their bodies' starts: the
	// innermost function holding k is the last starting before it that
	// ends after it. Nesting is shallow; the walk back is bounded.
	i := sort.Search(len(ds.funcs), func(i int) bool { return ds.funcs[i].bodyStart > k })
	for j, steps := i-1, 0; j >= 0 && steps < 256; j, steps = j-1, steps+1 {
		if fd := &ds.funcs[j]; k < fd.bodyEnd {
			return fd
		}
	}
	return nil
}

// ctorClass returns the class a constructor builds (__init__,
// constructor, initialize, or a method named for its class), or "".
func (ds *decls) ctorClass(fd *funcDef) string {
	switch fd.name {
	case "__init__", "constructor", "initialize", "__construct":
	default:
		return ""
	}
	ind := ds.toks[fd.nameAt].indent
	for j := fd.nameAt - 1; j >= 0 && j > fd.nameAt-20000; j-- {
		t := ds.toks[j]
		if t.kind == tIdent && t.text == "class" && ds.isIdent(j+1) && (t.indent < ind || ds.l.blocks != blockIndent) {
			return bare(ds.toks[j+1].text)
		}
	}
	return ""
}
