package scan

import "strings"

// Format strings whose first placeholder is the base URL:
//
//	fmt.Sprintf("%s/users/%s", baseURL, id)       Go, PHP sprintf, Java/Kotlin String.format, Ruby format
//	"%s/users/%s" % (ZOOM, uid)                   Python, Ruby (% [a, b])
//	"{}/users/{}".format(ZOOM, uid)               Python (also {0}, {base} with base=ZOOM), Kotlin "%s".format
//	string.Format("{0}/users/{1}", Base, id)      C#
//
// Read as a plain string, "%s/users/%s" is the relative path
// "/{param}/users/{param}", which matches nothing. formatChain fills the
// placeholders in from the arguments instead: a string argument with its
// text, any other argument as a parameter named by it. The first one then
// decides what the URL is, as the first operand of a concatenation does:
// a known Zoom base makes a Zoom URL, another host's base no call, and an
// unknown one a path (reported with a method in a Zoom file, else
// skipped when it is in an HTTP call).

// maxFormatArgs and maxFormatSteps bound the reading of a format's
// arguments (top-level tokens walked), so that the work per string stays
// constant on adversarial input.
const (
	maxFormatArgs  = 32
	maxFormatSteps = 512
	// maxFieldLen bounds the search for a placeholder's closing ")" or "}".
	maxFieldLen = 64
)

// fmtArg is one argument of a format: its token range, its keyword (a
// Python keyword argument or dict key; "" for a positional one), its last
// top-level identifier, and the string token it is when it is one alone.
type fmtArg struct {
	a, b  int
	key   string
	ident string
	str   int // index of a lone string token, else -1
}

// leadingPlaceholder returns the style of the placeholder a format
// string starts with: 'p' for a printf verb (%s, %v, %(name)s), 'b' for
// a brace field ({}, {0}, {base}), 0 when it starts with text.
func leadingPlaceholder(text string) byte {
	if len(text) < 2 {
		return 0
	}
	switch text[0] {
	case '%':
		if text[1] == '%' {
			return 0
		}
		if _, _, _, n := printfVerb(text, 0); n > 0 {
			return 'p'
		}
	case '{':
		if text[1] == '{' {
			return 0
		}
		if _, _, n := braceField(text, 0); n > 0 {
			return 'b'
		}
	}
	return 0
}

// anyPlaceholder returns the style of the first format placeholder in
// text, anywhere in it: 'p' printf, 'b' brace; 0 if none.
func anyPlaceholder(text string) byte {
	for i := 0; i+1 < len(text); i++ {
		switch text[i] {
		case '%':
			if text[i+1] == '%' {
				i++
				continue
			}
			if _, _, _, n := printfVerb(text, i); n > 0 {
				return 'p'
			}
		case '{':
			if text[i+1] == '{' {
				i++
				continue
			}
			if _, _, n := braceField(text, i); n > 0 {
				return 'b'
			}
		}
	}
	return 0
}

// printfVerb reads the printf verb at text[i] (a '%'): its name for
// %(name)s, its explicit 0-based index for Go's %[n]s (-1 if none), the
// arguments a '*' width or precision consumes, and its length (0 when it
// is not a verb).
func printfVerb(text string, i int) (name string, index, stars, n int) {
	index = -1
	j := i + 1
	if j < len(text) && text[j] == '(' {
		lim := min(len(text), j+maxFieldLen)
		end := strings.IndexByte(text[j:lim], ')')
		if end < 0 {
			return "", -1, 0, 0
		}
		name = text[j+1 : j+end]
		j += end + 1
	}
	for j < len(text) && strings.IndexByte("-+ #0", text[j]) >= 0 {
		j++
	}
	for j < len(text) && (text[j] >= '0' && text[j] <= '9' || text[j] == '*' || text[j] == '.' || text[j] == '[') {
		switch text[j] {
		case '*':
			stars++
		case '[':
			lim := min(len(text), j+maxFieldLen)
			end := strings.IndexByte(text[j:lim], ']')
			if end < 0 {
				return "", -1, 0, 0
			}
			if k, ok := atoi(text[j+1 : j+end]); ok && k > 0 {
				index = k - 1
			}
			j += end
		}
		j++
	}
	if j >= len(text) || !(text[j] >= 'a' && text[j] <= 'z' || text[j] >= 'A' && text[j] <= 'Z') {
		return "", -1, 0, 0
	}
	return name, index, stars, j + 1 - i
}

// braceField reads the brace field at text[i] (a '{'): its key (the field
// name before any attribute, conversion or format spec: "" for {}, "0"
// for {0}, "base" for {base.url!r:>8}) and its length (0 when it is not
// a field).
func braceField(text string, i int) (key string, ok bool, n int) {
	lim := min(len(text), i+1+maxFieldLen)
	end := strings.IndexByte(text[i+1:lim], '}')
	if end < 0 {
		return "", false, 0
	}
	field := text[i+1 : i+1+end]
	if k := strings.IndexAny(field, "!:,.["); k >= 0 {
		field = field[:k]
	}
	for j := 0; j < len(field); j++ {
		if !isIdentChar(field[j]) {
			return "", false, 0
		}
	}
	return field, true, end + 2
}

// atoi reads a small non-negative decimal number.
func atoi(s string) (int, bool) {
	if s == "" || len(s) > 4 {
		return 0, false
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}

// formatCallee reports the functions that fill a format string given as
// their first argument: sprintf (Go, PHP, Ruby), String.format (Java,
// Kotlin), string.Format (C#), util.format (Node), format (Ruby). In
// Python the builtin format(value, spec) is not one; str.format is.
func (ex *exprs) formatCallee(callee int) bool {
	switch strings.ToLower(ex.tok(callee).text) {
	case "sprintf":
		return true
	case "format":
		if ex.l.formatReceiver != "" {
			return ex.isMember(callee-1) && ex.tok(callee-2).text == ex.l.formatReceiver
		}
		return true
	}
	return false
}

// formatSite finds what fills in the format string at token i: the
// arguments, and the end of the format expression (the token after it).
// ok is false when the string is not a format's template.
func (ex *exprs) formatSite(i int) (args []fmtArg, end int, ok bool) {
	// "…" % args (Python, Ruby).
	if ex.l.percentFormat && ex.isPunct(i+1, "%") {
		k := i + 2
		if ex.isPunct(k, "(", "[", "{") {
			c := ex.matchClose(k)
			if c < 0 {
				return nil, 0, false
			}
			return ex.formatArgs(k+1, c, ex.isPunct(k, "{")), c + 1, true
		}
		a, ok := ex.loneOperand(k)
		if !ok {
			return nil, k, true // "%s/users" % <something unreadable>
		}
		return []fmtArg{a}, a.b, true
	}
	// "…".format(…) (Python, Kotlin), "…".formatted(…) (Java).
	if ex.isMember(i+1) && ex.isPunct(i+3, "(") && (ex.tok(i+2).text == "format" || ex.tok(i+2).text == "formatted") {
		c := ex.matchClose(i + 3)
		if c < 0 {
			return nil, 0, false
		}
		return ex.formatArgs(i+4, c, false), c + 1, true
	}
	// sprintf("…", …) and the like, the string its first argument.
	if ex.isPunct(i-1, "(") && ex.isIdent(i-2) && ex.formatCallee(i-2) {
		c := ex.matchClose(i - 1)
		switch {
		case c < 0:
			return nil, 0, false
		case c == i+1:
			return nil, i + 1, true
		case ex.isPunct(i+1, ","):
			return ex.formatArgs(i+2, c, false), i + 1, true
		}
	}
	return nil, 0, false
}

// loneOperand reads the single operand after a "%": a string, or an
// identifier with member accesses, calls and indexes.
func (ex *exprs) loneOperand(k int) (fmtArg, bool) {
	t := ex.tok(k)
	switch t.kind {
	case tString:
		return fmtArg{a: k, b: k + 1, str: k}, true
	case tIdent:
	default:
		return fmtArg{}, false
	}
	arg := fmtArg{a: k, ident: t.text, str: -1}
	e := k + 1
	for steps := 0; steps < 64; steps++ {
		switch {
		case ex.isMember(e) && ex.isIdent(e+1):
			arg.ident = ex.toks[e+1].text
			e += 2
			continue
		case ex.isPunct(e, "(", "["):
			if c := ex.matchClose(e); c > e {
				e = c + 1
				continue
			}
		}
		break
	}
	arg.b = e
	return arg, true
}

// formatArgs splits the argument list in tokens [a, close) at its
// top-level commas. dict reads "key": value entries (Python's
// "%(base)s" % {"base": …}); otherwise "name=value" is a keyword
// argument. The walk skips bracketed spans whole and is bounded.
func (ex *exprs) formatArgs(a, close int, dict bool) []fmtArg {
	var out []fmtArg
	cur := fmtArg{a: a, str: -1}
	top := 0 // top-level tokens of the current argument
	for j, steps := a, 0; steps < maxFormatSteps; steps++ {
		if j >= close || ex.isPunct(j, ",") {
			cur.b = min(j, close)
			if cur.b > cur.a {
				if top == 1 && ex.tok(cur.a).kind == tString {
					cur.str = cur.a
				}
				out = append(out, cur)
			}
			if j >= close || len(out) >= maxFormatArgs {
				return out
			}
			j++
			cur, top = fmtArg{a: j, str: -1}, 0
			continue
		}
		if j == cur.a {
			switch {
			case dict && (ex.isIdent(j) || ex.tok(j).kind == tString) && ex.isPunct(j+1, ":", "=>"):
				cur.key = bare(ex.tok(j).text)
				j += 2
				cur.a = j
				continue
			case !dict && ex.isIdent(j) && ex.isPunct(j+1, "="):
				cur.key = bare(ex.tok(j).text)
				j += 2
				cur.a = j
				continue
			}
		}
		top++
		if ex.isIdent(j) {
			cur.ident = ex.toks[j].text
		}
		if ex.isPunct(j, "(", "[", "{") {
			c := ex.matchClose(j)
			if c < 0 || c > close {
				return out
			}
			j = c + 1
			continue
		}
		j++
	}
	return out
}

// formatChain reads string token i as a format template starting with a
// placeholder, filled in by the call or operator around it, and returns
// the chain of its pieces with the placeholders substituted.
func (f *fileScan) formatChain(i int) (chain, bool) {
	t := f.toks[i]
	if len(t.pieces) != 1 || t.pieces[0].param {
		return chain{}, false
	}
	style := leadingPlaceholder(t.text)
	if style == 0 {
		return chain{}, false
	}
	args, end, ok := f.formatSite(i)
	if !ok {
		return chain{}, false
	}
	c := chain{start: i, end: max(end, i+1), format: true}
	c.pieces = f.fillFormat(t.text, style, args)
	return c, true
}

// fillFormat substitutes a format's placeholders: a lone string argument
// by its text (and the token is marked used: it is part of this URL), any
// other argument by a parameter named by its last identifier, and a
// placeholder without a readable argument by a parameter without a name.
// Adjacent text pieces are merged.
func (f *fileScan) fillFormat(text string, style byte, args []fmtArg) []piece {
	var positional []fmtArg
	for _, a := range args {
		if a.key == "" {
			positional = append(positional, a)
		}
	}
	byKey := func(k string) (fmtArg, bool) {
		for _, a := range args {
			if a.key == k {
				return a, true
			}
		}
		return fmtArg{}, false
	}
	var ps []piece
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			ps = append(ps, piece{text: lit.String()})
			lit.Reset()
		}
	}
	put := func(a fmtArg, ok bool) {
		switch {
		case !ok:
			flush()
			ps = append(ps, piece{param: true})
		case a.str >= 0:
			f.used[a.str] = true
			for _, p := range f.toks[a.str].pieces {
				if p.param {
					flush()
					ps = append(ps, p)
				} else {
					lit.WriteString(p.text)
				}
			}
		default:
			flush()
			ps = append(ps, piece{text: a.ident, param: true})
		}
	}
	pos := 0
	nth := func(n int) (fmtArg, bool) {
		if n >= 0 && n < len(positional) {
			return positional[n], true
		}
		return fmtArg{}, false
	}
	for i := 0; i < len(text); {
		c := text[i]
		switch {
		case style == 'p' && c == '%' && i+1 < len(text) && text[i+1] == '%',
			style == 'b' && (c == '{' || c == '}') && i+1 < len(text) && text[i+1] == c:
			lit.WriteByte(c)
			i += 2
		case style == 'p' && c == '%':
			name, index, stars, n := printfVerb(text, i)
			if n == 0 {
				lit.WriteByte(c)
				i++
				continue
			}
			pos += stars
			switch {
			case name != "":
				put(byKey(name))
			case index >= 0:
				put(nth(index))
				pos = index + 1
			default:
				put(nth(pos))
				pos++
			}
			i += n
		case style == 'b' && c == '{':
			key, ok, n := braceField(text, i)
			if !ok {
				lit.WriteByte(c)
				i++
				continue
			}
			if k, num := atoi(key); num {
				put(nth(k))
			} else if key == "" {
				put(nth(pos))
				pos++
			} else {
				put(byKey(key))
			}
			i += n
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
	return ps
}
