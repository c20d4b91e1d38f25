package scan

import "strings"

// tokKind is the kind of a source token.
type tokKind uint8

const (
	tIdent  tokKind = iota // identifier or keyword (PHP "$x" and Ruby "@x" included)
	tString                // string literal, with its interpolations split out
	tPunct                 // operator or bracket
	tNumber                // numeric literal
)

// piece is one part of a string literal: literal text, or an
// interpolated expression (param set, text holding the expression).
type piece struct {
	text  string
	param bool
	// alts are the literal values a parameter takes (the branches of a
	// conditional), when known.
	alts []string
}

// token is one lexical token. Comments are dropped by the lexer.
type token struct {
	kind   tokKind
	text   string  // identifier, punctuation, number; for strings the literal text with interpolations as "{}"
	pieces []piece // strings only
	line   int     // 1-based line of the token's first character
	first  bool    // first token on its line
	indent int32   // indentation (bytes) of the line the token starts on
}

// lexer turns source text into tokens. It never fails: malformed input
// (an unterminated string or comment) ends the token stream early.
type lexer struct {
	src    string
	i      int
	line   int
	first  bool
	indent int32
	l      *Language
	toks   []token
}

// lex tokenises src by the rules of l.
func lex(src string, l *Language) []token {
	lx := &lexer{src: src, line: 1, first: true, l: l, toks: make([]token, 0, len(src)/6+16)}
	lx.run()
	return lx.toks
}

func isIdentStart(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isIdentChar(c byte) bool { return isIdentStart(c) || c >= '0' && c <= '9' }

// twoCharPunct reports the two-character operators the scanner keeps
// whole ("->", "::", "=>", ":=", …).
func twoCharPunct(s string) bool {
	switch s {
	case "->", "::", "=>", ":=", "==", "!=", "+=", "?.", "<=", ">=", "&&", "||", "??", "?:":
		return true
	}
	return false
}

func (lx *lexer) emit(t token) {
	t.first = lx.first
	t.indent = lx.indent
	lx.first = false
	lx.toks = append(lx.toks, t)
}

func (lx *lexer) newline() {
	lx.line++
	lx.first = true
}

func (lx *lexer) run() {
	s := lx.src
	for lx.i < len(s) {
		c := s[lx.i]
		if lx.first && c != '\n' && c != ' ' && c != '\t' && c != '\r' {
			lx.setIndent()
		}
		switch {
		case c == '\n':
			lx.newline()
			lx.i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v':
			lx.i++
		case lx.comment():
		case lx.l.prefixedStrings && lx.pyStringStart():
			lx.pyString()
		case lx.l.dollarStrings && c == '$' && lx.i+1 < len(s) && s[lx.i+1] == '"':
			lx.i++
			lx.quoted('"', interpBraces)
		case lx.l.textBlocks && strings.HasPrefix(s[lx.i:], `"""`):
			lx.triple(`"""`, false)
		case strings.IndexByte(lx.l.quotes, c) >= 0:
			lx.quote(c)
		case isIdentStart(c) || (c == '$' || c == '@' && lx.l.atIdents) && lx.i+1 < len(s) && isIdentStart(s[lx.i+1]):
			start := lx.i
			lx.i++
			for lx.i < len(s) && isIdentChar(s[lx.i]) {
				lx.i++
			}
			lx.emit(token{kind: tIdent, text: s[start:lx.i], line: lx.line})
		case c >= '0' && c <= '9':
			start := lx.i
			for lx.i < len(s) && (isIdentChar(s[lx.i]) || s[lx.i] == '.') {
				lx.i++
			}
			lx.emit(token{kind: tNumber, text: s[start:lx.i], line: lx.line})
		default:
			p := s[lx.i : lx.i+1]
			if lx.i+2 <= len(s) && twoCharPunct(s[lx.i:lx.i+2]) {
				p = s[lx.i : lx.i+2]
			}
			lx.i += len(p)
			lx.emit(token{kind: tPunct, text: p, line: lx.line})
		}
	}
}

// comment skips a comment at the cursor and reports whether there was one.
func (lx *lexer) comment() bool {
	s := lx.src[lx.i:]
	for _, lc := range lx.l.lineComments {
		if strings.HasPrefix(s, lc) {
			// "#{" outside a string is not a comment start in any language
			// the scanner reads, but "#" always is in Ruby and Python.
			end := strings.IndexByte(s, '\n')
			if end < 0 {
				lx.i = len(lx.src)
			} else {
				lx.i += end
			}
			return true
		}
	}
	if lx.l.blockComments && strings.HasPrefix(s, "/*") {
		end := strings.Index(s[2:], "*/")
		body := s
		if end < 0 {
			lx.i = len(lx.src)
		} else {
			body = s[:end+4]
			lx.i += end + 4
		}
		lx.countLines(body)
		return true
	}
	if lx.l.beginEndComments && lx.first && strings.HasPrefix(s, "=begin") && (lx.i == 0 || lx.src[lx.i-1] == '\n') {
		end := strings.Index(s, "\n=end")
		if end < 0 {
			lx.countLines(s)
			lx.i = len(lx.src)
			return true
		}
		lx.countLines(s[:end+5])
		lx.i += end + 5
		return true
	}
	return false
}

func (lx *lexer) countLines(s string) {
	if n := strings.Count(s, "\n"); n > 0 {
		lx.line += n
		lx.first = true
	}
}

// quote reads a literal opened by c according to the language.
func (lx *lexer) quote(c byte) {
	switch {
	case c == '`' && lx.l.rawBacktick:
		lx.raw('`')
	case c == '`':
		lx.quoted('`', interpTemplate)
	case c == '"' && lx.l.dquote != interpNone:
		lx.quoted('"', lx.l.dquote)
	default:
		lx.quoted(c, interpNone)
	}
}

// raw reads a literal without escapes or interpolation (Go `...`).
func (lx *lexer) raw(q byte) {
	line, first := lx.line, lx.first
	lx.i++
	end := strings.IndexByte(lx.src[lx.i:], q)
	if end < 0 {
		end = len(lx.src) - lx.i
	}
	body := lx.src[lx.i : lx.i+end]
	lx.i += end + 1
	if lx.i > len(lx.src) {
		lx.i = len(lx.src)
	}
	lx.countLines(body)
	lx.emitString(line, first, []piece{{text: body}})
}

// triple reads a triple-quoted literal; interp enables Python f-string {}.
func (lx *lexer) triple(q string, interp bool) {
	line, first := lx.line, lx.first
	lx.i += len(q)
	end := strings.Index(lx.src[lx.i:], q)
	if end < 0 {
		end = len(lx.src) - lx.i
	}
	body := lx.src[lx.i : lx.i+end]
	lx.i += end + len(q)
	if lx.i > len(lx.src) {
		lx.i = len(lx.src)
	}
	var ps []piece
	if interp {
		ps = splitBraces(body)
	} else {
		ps = []piece{{text: body}}
	}
	lx.countLines(body)
	lx.emitString(line, first, ps)
}

// quoted reads a one-line-style literal with backslash escapes,
// interpolating expressions as mode says.
func (lx *lexer) quoted(q byte, mode interp) {
	line, first := lx.line, lx.first
	s := lx.src
	lx.i++ // opening quote
	var ps []piece
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			ps = append(ps, piece{text: cur.String()})
			cur.Reset()
		}
	}
	for lx.i < len(s) {
		c := s[lx.i]
		switch {
		case c == q:
			lx.i++
			flush()
			lx.emitString(line, first, ps)
			return
		case c == '\\' && lx.i+1 < len(s):
			if s[lx.i+1] == '\n' {
				lx.newline()
			}
			cur.WriteByte(s[lx.i+1])
			lx.i += 2
		case c == '\n' && q != '`' && !lx.l.multiLineStrings:
			// A literal that never closed on its line (or a Go/Java
			// character literal): stop at the line's end.
			flush()
			lx.emitString(line, first, ps)
			return
		case c == '\n':
			lx.newline()
			cur.WriteByte(c)
			lx.i++
		case mode == interpTemplate && c == '$' && lx.i+1 < len(s) && s[lx.i+1] == '{',
			mode == interpRuby && c == '#' && lx.i+1 < len(s) && s[lx.i+1] == '{',
			mode == interpKotlin && c == '$' && lx.i+1 < len(s) && s[lx.i+1] == '{',
			mode == interpPHP && c == '$' && lx.i+1 < len(s) && s[lx.i+1] == '{':
			flush()
			lx.i += 2
			ps = append(ps, piece{text: lx.braceExpr(), param: true})
		case mode == interpPHP && c == '{' && lx.i+1 < len(s) && s[lx.i+1] == '$',
			mode == interpBraces && c == '{' && !(lx.i+1 < len(s) && s[lx.i+1] == '{'):
			flush()
			lx.i++
			ps = append(ps, piece{text: lx.braceExpr(), param: true})
		case mode == interpBraces && c == '{':
			cur.WriteByte('{')
			lx.i += 2
		case (mode == interpPHP || mode == interpKotlin) && c == '$' && lx.i+1 < len(s) && isIdentStart(s[lx.i+1]):
			flush()
			start := lx.i
			lx.i++
			for lx.i < len(s) && isIdentChar(s[lx.i]) {
				lx.i++
			}
			// PHP "$obj->prop" is one expression.
			for mode == interpPHP && strings.HasPrefix(s[lx.i:], "->") && lx.i+2 < len(s) && isIdentStart(s[lx.i+2]) {
				lx.i += 2
				for lx.i < len(s) && isIdentChar(s[lx.i]) {
					lx.i++
				}
			}
			ps = append(ps, piece{text: s[start:lx.i], param: true})
		default:
			cur.WriteByte(c)
			lx.i++
		}
	}
	flush()
	lx.emitString(line, first, ps)
}

// braceExpr reads an interpolated expression up to its closing brace
// (the opening one already consumed), skipping nested braces and quoted
// text, and returns it.
func (lx *lexer) braceExpr() string {
	s := lx.src
	start := lx.i
	depth := 1
	for lx.i < len(s) {
		c := s[lx.i]
		switch c {
		case '{':
			depth++
		case '}':
			depth--
			if depth == 0 {
				e := s[start:lx.i]
				lx.i++
				return e
			}
		case '\n':
			lx.newline()
		case '"', '\'', '`':
			// Skip a nested literal crudely: to the same quote on this line.
			if end := strings.IndexByte(s[lx.i+1:], c); end >= 0 && !strings.Contains(s[lx.i+1:lx.i+1+end], "\n") {
				lx.i += end + 1
			}
		}
		lx.i++
	}
	return s[start:]
}

// pyStringStart reports whether a Python string literal (with optional
// prefix) starts at the cursor.
func (lx *lexer) pyStringStart() bool {
	s := lx.src[lx.i:]
	n := 0
	for n < len(s) && n < 2 && strings.IndexByte("rRbBuUfF", s[n]) >= 0 {
		n++
	}
	if n >= len(s) || (s[n] != '"' && s[n] != '\'') {
		return false
	}
	// A prefix must not be the tail of an identifier ("elif'x'" is not).
	return n == 0 || lx.i == 0 || !isIdentChar(lx.src[lx.i-1])
}

// pyString reads a Python literal with its prefix; f-strings interpolate.
func (lx *lexer) pyString() {
	s := lx.src
	fstr := false
	for s[lx.i] != '"' && s[lx.i] != '\'' {
		if s[lx.i] == 'f' || s[lx.i] == 'F' {
			fstr = true
		}
		lx.i++
	}
	q := s[lx.i]
	if strings.HasPrefix(s[lx.i:], strings.Repeat(string(q), 3)) {
		lx.triple(strings.Repeat(string(q), 3), fstr)
		return
	}
	mode := interpNone
	if fstr {
		mode = interpBraces
	}
	lx.quoted(q, mode)
}

// splitBraces splits an f-string body into text and {expr} pieces.
func splitBraces(body string) []piece {
	var ps []piece
	var cur strings.Builder
	for i := 0; i < len(body); i++ {
		c := body[i]
		if c == '{' && i+1 < len(body) && body[i+1] == '{' {
			cur.WriteByte('{')
			i++
			continue
		}
		if c == '{' {
			end := strings.IndexByte(body[i:], '}')
			if end < 0 {
				cur.WriteString(body[i:])
				break
			}
			if cur.Len() > 0 {
				ps = append(ps, piece{text: cur.String()})
				cur.Reset()
			}
			ps = append(ps, piece{text: body[i+1 : i+end], param: true})
			i += end
			continue
		}
		cur.WriteByte(c)
	}
	if cur.Len() > 0 {
		ps = append(ps, piece{text: cur.String()})
	}
	return ps
}

func (lx *lexer) emitString(line int, first bool, ps []piece) {
	var b strings.Builder
	for _, p := range ps {
		if p.param {
			b.WriteString("{}")
		} else {
			b.WriteString(p.text)
		}
	}
	lx.toks = append(lx.toks, token{kind: tString, text: b.String(), pieces: ps, line: line, first: first, indent: lx.indent})
	lx.first = false
}

// setIndent records the indentation of the line at the cursor, before
// its first token.
func (lx *lexer) setIndent() {
	start := strings.LastIndexByte(lx.src[:lx.i], '\n') + 1
	lx.indent = int32(lx.i - start)
}
