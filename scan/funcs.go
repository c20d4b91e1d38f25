package scan

import (
	"slices"
	"sort"
	"strings"
)

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

// findFuncs lists the functions declared in a file, outermost first. It
// knows declarations by keyword (def, function, func, fun), by a body
// opening right after the parameter list (Java, C#, class methods), and
// arrow functions assigned to a name.
func (f *fileScan) findFuncs() []funcDef {
	var out []funcDef
	for i := 0; i < len(f.toks); i++ {
		t := f.toks[i]
		if t.kind != tIdent {
			continue
		}
		if fd, ok := f.funcAt(i); ok {
			out = append(out, fd)
		}
	}
	return out
}

// funcAt reads a declaration whose name is the identifier at i.
func (f *fileScan) funcAt(i int) (funcDef, bool) {
	t := f.toks[i]
	prev := f.tok(i - 1)
	open := i + 1
	if o := f.callOpen(i); o > i+1 {
		open = o // generic: name<T>(
	}
	switch {
	case prev.kind == tIdent && defKeyword(prev.text),
		// Go methods: func (c *Client) name(
		f.isPunct(i-1, ")") && f.goMethod(i-1),
		// Ruby def self.name
		f.l.selfDefs && f.isPunct(i-1, ".") && f.tok(i-2).text == "self" && f.tok(i-3).text == "def":
		if f.l.parenlessParams && !f.isPunct(open, "(") {
			// def name arg, arg: parameters to the end of the line.
			end := open
			for end < len(f.toks) && f.toks[end].line == t.line {
				end++
			}
			fd := funcDef{name: t.text, nameAt: i, params: f.params(open, end)}
			fd.bodyStart, fd.bodyEnd = end, f.indentEnd(end, t.indent)
			return fd, true
		}
		if !f.isPunct(open, "(") {
			return funcDef{}, false
		}
		c := f.matchClose(open)
		if c < 0 {
			return funcDef{}, false
		}
		fd := funcDef{name: t.text, nameAt: i, params: f.params(open+1, c)}
		if f.l.blocks != blockBraces {
			fd.bodyStart = c + 1
			fd.bodyEnd = f.indentEnd(c+1, t.indent)
			return fd, true
		}
		b := f.bodyOpen(c + 1)
		if b < 0 {
			return funcDef{}, false
		}
		fd.bodyStart, fd.bodyEnd = b+1, f.matchClose(b)
		return fd, fd.bodyEnd > 0
	case f.isPunct(i+1, "=", ":") && (f.isPunct(i+2, "(") || f.isIdent(i+2) && (f.tok(i+2).text == "async" || f.tok(i+2).text == "function") && f.isPunct(i+3, "(")):
		// name = (a, b) => …, name: async (a) => …, name = function (a) {…}
		open = i + 2
		if !f.isPunct(open, "(") {
			open = i + 3
		}
		c := f.matchClose(open)
		if c < 0 {
			return funcDef{}, false
		}
		fd := funcDef{name: t.text, nameAt: i, params: f.params(open+1, c)}
		k := c + 1
		if f.isPunct(k, ":") { // TypeScript return type
			for k < len(f.toks) && k < c+16 && !f.isPunct(k, "=>", "{") {
				k++
			}
		}
		if f.isPunct(k, "=>") {
			k++
		}
		if f.isPunct(k, "{") {
			fd.bodyStart, fd.bodyEnd = k+1, f.matchClose(k)
			return fd, fd.bodyEnd > 0
		}
		if !f.isPunct(c+1, "=>") && f.tok(open-1).text != "function" {
			return funcDef{}, false
		}
		// An expression body: to the end of the statement.
		fd.bodyStart, fd.bodyEnd = k, f.statementEnd(k)
		return fd, true
	case f.isPunct(open, "(") && f.l.bareMethods:
		// Java, C#, Kotlin-less keyword forms and class methods:
		// name(params) [: type] [throws X] {
		if prev.kind == tIdent && callKeyword(prev.text) && prev.text != "new" && prev.text != "async" {
			return funcDef{}, false
		}
		if f.isMember(i-1) || f.isPunct(i-1, ".") {
			return funcDef{}, false
		}
		c := f.matchClose(open)
		if c < 0 {
			return funcDef{}, false
		}
		b := f.bodyOpen(c + 1)
		if b < 0 || f.toks[b].line > f.toks[c].line+1 {
			return funcDef{}, false
		}
		switch t.text {
		case "if", "for", "while", "switch", "catch", "foreach", "using", "lock", "synchronized", "when", "elseif", "else":
			return funcDef{}, false
		}
		fd := funcDef{name: t.text, nameAt: i, params: f.params(open+1, c)}
		fd.bodyStart, fd.bodyEnd = b+1, f.matchClose(b)
		return fd, fd.bodyEnd > 0
	}
	return funcDef{}, false
}

// callOpen returns the "(" after the identifier at i, past type
// arguments (zoomApiGet<User>(, List<String>(): i+1 without them, -1
// when there is no "(".
func (f *fileScan) callOpen(i int) int {
	if f.isPunct(i+1, "(") {
		return i + 1
	}
	if !f.isPunct(i+1, "<") || !f.l.typeArgs {
		return -1
	}
	depth := 0
	for j := i + 1; j < len(f.toks) && j < i+24; j++ {
		switch {
		case f.isPunct(j, "<"):
			depth++
		case f.isPunct(j, ">"):
			depth--
			if depth == 0 {
				if f.isPunct(j+1, "(") {
					return j + 1
				}
				return -1
			}
		case f.isPunct(j, ";", "(", ")", "{", "}", "=", "&&", "||"):
			return -1
		}
	}
	return -1
}

// goMethod reports whether the ")" at k closes a Go method receiver.
func (f *fileScan) goMethod(k int) bool {
	o := f.matchOpen(k)
	return o > 0 && f.tok(o-1).text == "func"
}

// bodyOpen finds the "{" opening a body after a parameter list's close,
// past a return type, throws clause or base call, within a few tokens;
// -1 when a statement ends first.
func (f *fileScan) bodyOpen(k int) int {
	for j := k; j < len(f.toks) && j < k+24; j++ {
		t := f.toks[j]
		if t.kind != tPunct {
			continue
		}
		switch t.text {
		case "{":
			return j
		case ";", "=", "=>", ",", ")", "}", "]", ".", "+", "?.", "->":
			return -1
		case "(":
			c := f.matchClose(j)
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
func (f *fileScan) indentEnd(k int, indent int32) int {
	for j := k; j < len(f.toks); j++ {
		t := f.toks[j]
		if t.first && t.indent <= indent && t.line > f.toks[k-1].line {
			return j
		}
	}
	return len(f.toks)
}

// statementEnd returns the end of the statement starting at k: a ";" or
// a new line at depth 0 that does not continue an expression.
func (f *fileScan) statementEnd(k int) int {
	depth := 0
	for j := k; j < len(f.toks); j++ {
		t := f.toks[j]
		if t.kind == tPunct {
			switch {
			case isOpen(t.text):
				depth++
			case isClose(t.text):
				if depth == 0 {
					return j
				}
				depth--
			case t.text == ";" && depth == 0:
				return j
			case t.text == "," && depth == 0:
				return j
			}
		}
		if j > k && depth == 0 && t.first && !f.continues(j-1) && !(t.kind == tPunct && (t.text == "." || t.text == "+" || t.text == "?." || t.text == "->")) {
			return j
		}
	}
	return len(f.toks)
}

// statementStart returns the first token of the statement holding k.
func (f *fileScan) statementStart(k int) int {
	depth := 0
	for j := k; j > 0; j-- {
		t := f.toks[j]
		if t.kind == tPunct {
			switch {
			case isClose(t.text) && j != k:
				depth++
			case isOpen(t.text):
				if depth > 0 {
					depth--
					break
				}
				// Out of a call's arguments or an object literal argument;
				// a block's brace ends the statement.
				if t.text == "{" && !f.isPunct(j-1, "(", ",", ":", "=", "[") {
					return j + 1
				}
			case t.text == ";" && depth == 0:
				return j + 1
			}
		}
		if depth == 0 && t.first && !f.continues(j-1) && !(t.kind == tPunct && (t.text == "." || t.text == "+" || t.text == "?." || t.text == "->")) {
			return j
		}
	}
	return 0
}

// continues reports whether token k ends a line in the middle of an
// expression (an operator or an opening bracket).
func (f *fileScan) continues(k int) bool {
	t := f.tok(k)
	if t.kind != tPunct {
		return false
	}
	switch t.text {
	case "+", ".", "=", ":=", "=>", ",", "(", "[", "{", "?", ":", "||", "&&", "??", "\\", "->", "?.":
		return true
	}
	return false
}

// params reads a parameter list in tokens [a, b).
func (f *fileScan) params(a, b int) []param {
	var out []param
	depth := 0
	start := a
	flush := func(end int) {
		if end <= start {
			return
		}
		if p, ok := f.paramOf(start, end); ok {
			out = append(out, p)
		}
	}
	for j := a; j < b; j++ {
		t := f.toks[j]
		if t.kind != tPunct {
			continue
		}
		switch {
		case isOpen(t.text):
			depth++
		case isClose(t.text):
			depth--
		case t.text == "<" && f.l.typeArgs:
			depth++
		case t.text == ">" && depth > 0 && f.l.typeArgs:
			depth--
		case t.text == "," && depth == 0:
			flush(j)
			start = j + 1
		}
	}
	flush(b)
	// Python's self and cls are not passed at call sites.
	if len(out) > 0 && slices.Contains(f.l.implicitParams, out[0].name) {
		out = out[1:]
	}
	return out
}

// paramOf reads one parameter's tokens [a, b).
func (f *fileScan) paramOf(a, b int) (param, bool) {
	p := param{at: -1}
	cut := b
	for j := a; j < b; j++ {
		t := f.toks[j]
		if t.kind == tIdent && strings.HasPrefix(t.text, "$") {
			p.name, p.at = bare(t.text), j
		}
		if cut == b && f.isPunct(j, "=", ":") {
			cut = j
		}
		if t.kind == tString {
			if m := methodWord(t.text); m != "" {
				p.def = m
			}
		}
	}
	if p.at < 0 {
		if f.l.typeFollowsName {
			for j := a; j < b; j++ {
				if f.isIdent(j) {
					p.name, p.at = f.toks[j].text, j
					break
				}
			}
		} else {
			for j := a; j < cut; j++ {
				if f.isIdent(j) {
					p.name, p.at = bare(f.toks[j].text), j
				}
			}
			if f.isPunct(a, "{") { // a destructured options object
				p.name = ""
			}
		}
	}
	return p, p.at >= 0 || p.def != ""
}

// enclosingFunc returns the innermost function whose body holds token k.
func (f *fileScan) enclosingFunc(k int) *funcDef {
	// funcs are in order of their names, so of their bodies' starts: the
	// innermost function holding k is the last starting before it that
	// ends after it. Nesting is shallow; the walk back is bounded.
	i := sort.Search(len(f.funcs), func(i int) bool { return f.funcs[i].bodyStart > k })
	for j, steps := i-1, 0; j >= 0 && steps < 256; j, steps = j-1, steps+1 {
		if fd := &f.funcs[j]; k < fd.bodyEnd {
			return fd
		}
	}
	return nil
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
