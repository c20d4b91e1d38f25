package scan

// tokens is a lexed source file (see lex) with its brackets paired: the
// first stage. Its methods find their way around the token stream
// (brackets, operands, statements, member accesses, argument lists) and
// know nothing of HTTP or Zoom.
type tokens struct {
	// l is the file's language.
	l    *Language
	toks []token
	// match pairs brackets (see matchBrackets).
	match []int32
}

// isOpen and isClose report opening and closing brackets.
func isOpen(s string) bool  { return s == "(" || s == "[" || s == "{" }
func isClose(s string) bool { return s == ")" || s == "]" || s == "}" }

// maxSpan is the longest bracketed span (in tokens) the scanner matches;
// a longer one counts as unmatched, which bounds the work per string on
// minified or adversarial input. No call around a URL is that long.
const maxSpan = 1 << 12

// matchBrackets pairs every bracket with its partner (any kind closes any
// kind, as in counting depth), -1 for unmatched ones.
func matchBrackets(toks []token) []int32 {
	m := make([]int32, len(toks))
	var stack []int32
	for i, t := range toks {
		m[i] = -1
		if t.kind != tPunct {
			continue
		}
		switch {
		case isOpen(t.text):
			stack = append(stack, int32(i))
		case isClose(t.text) && len(stack) > 0:
			o := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			m[o], m[i] = int32(i), o
		}
	}
	return m
}

// tok returns token i, or a blank punctuation token out of range.
func (ts *tokens) tok(i int) token {
	if i < 0 || i >= len(ts.toks) {
		return token{kind: tPunct}
	}
	return ts.toks[i]
}

// isPunct reports whether token i is one of the punctuation texts.
func (ts *tokens) isPunct(i int, texts ...string) bool {
	t := ts.tok(i)
	if t.kind != tPunct {
		return false
	}
	for _, s := range texts {
		if t.text == s {
			return true
		}
	}
	return false
}

// isIdent reports whether token i is an identifier.
func (ts *tokens) isIdent(i int) bool { return ts.tok(i).kind == tIdent }

// isConcat reports whether token i is the language's concatenation operator.
func (ts *tokens) isConcat(i int) bool { return ts.isPunct(i, ts.l.concat) }

// isMember reports whether token i is a member access operator.
func (ts *tokens) isMember(i int) bool { return ts.isPunct(i, ts.l.members...) }

// matchClose returns the index of the bracket closing the one at open, or -1.
func (ts *tokens) matchClose(open int) int {
	if open < 0 || open >= len(ts.match) {
		return -1
	}
	c := int(ts.match[open])
	if c < open || c-open > maxSpan {
		return -1
	}
	return c
}

// matchOpen returns the index of the bracket opening the one at close, or -1.
func (ts *tokens) matchOpen(close int) int {
	if close < 0 || close >= len(ts.match) {
		return -1
	}
	o := int(ts.match[close])
	if o < 0 || o > close || close-o > maxSpan {
		return -1
	}
	return o
}

// skipTypeArgs returns the token before the "<" matching the ">" at k,
// or k when there is none within a few tokens.
func (ts *tokens) skipTypeArgs(k int) int {
	depth := 0
	for j := k; j >= 0 && j > k-24; j-- {
		switch {
		case ts.isPunct(j, ">"):
			depth++
		case ts.isPunct(j, "<"):
			depth--
			if depth == 0 {
				return j - 1
			}
		case ts.isPunct(j, ";", "(", ")", "="):
			return k
		}
	}
	return k
}

// exprStart walks back from identifier k over member accesses and calls
// (a.b().c) to the start of the expression.
func (ts *tokens) exprStart(k int) int {
	for steps := 0; steps < 64; steps++ {
		if !ts.isMember(k - 1) {
			return k
		}
		j := k - 2
		switch {
		case ts.isIdent(j):
			k = j
		case ts.isPunct(j, ")", "]"):
			m := ts.matchOpen(j)
			if m < 0 {
				return k
			}
			if ts.isIdent(m - 1) {
				k = m - 1
			} else {
				return m
			}
		default:
			return k
		}
	}
	return k
}

// callOpen returns the "(" after the identifier at i, past type
// arguments (zoomApiGet<User>(, List<String>(): i+1 without them, -1
// when there is no "(".
func (ts *tokens) callOpen(i int) int {
	if ts.isPunct(i+1, "(") {
		return i + 1
	}
	if !ts.isPunct(i+1, "<") || !ts.l.typeArgs {
		return -1
	}
	depth := 0
	for j := i + 1; j < len(ts.toks) && j < i+24; j++ {
		switch {
		case ts.isPunct(j, "<"):
			depth++
		case ts.isPunct(j, ">"):
			depth--
			if depth == 0 {
				if ts.isPunct(j+1, "(") {
					return j + 1
				}
				return -1
			}
		case ts.isPunct(j, ";", "(", ")", "{", "}", "=", "&&", "||"):
			return -1
		}
	}
	return -1
}

// statementEnd returns the end of the statement starting at k: a ";" or
// a new line at depth 0 that does not continue an expression.
func (ts *tokens) statementEnd(k int) int {
	depth := 0
	for j := k; j < len(ts.toks); j++ {
		t := ts.toks[j]
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
		if j > k && depth == 0 && t.first && !ts.continues(j-1) && !(t.kind == tPunct && (t.text == "." || t.text == "+" || t.text == "?." || t.text == "->")) {
			return j
		}
	}
	return len(ts.toks)
}

// statementStart returns the first token of the statement holding k.
func (ts *tokens) statementStart(k int) int {
	depth := 0
	for j := k; j > 0; j-- {
		t := ts.toks[j]
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
				if t.text == "{" && !ts.isPunct(j-1, "(", ",", ":", "=", "[") {
					return j + 1
				}
			case t.text == ";" && depth == 0:
				return j + 1
			}
		}
		if depth == 0 && t.first && !ts.continues(j-1) && !(t.kind == tPunct && (t.text == "." || t.text == "+" || t.text == "?." || t.text == "->")) {
			return j
		}
	}
	return 0
}

// continues reports whether token k ends a line in the middle of an
// expression (an operator or an opening bracket).
func (ts *tokens) continues(k int) bool {
	t := ts.tok(k)
	if t.kind != tPunct {
		return false
	}
	switch t.text {
	case "+", ".", "=", ":=", "=>", ",", "(", "[", "{", "?", ":", "||", "&&", "??", "\\", "->", "?.":
		return true
	}
	return false
}

// nextComma returns the index of the first comma in tokens [j, end) outside
// the brackets opened there, or end. With angles, "<" ... ">" nests too
// (type arguments in a parameter list). Walking from just after one such
// comma to the next visits a bracketed list's top-level commas.
func (ts *tokens) nextComma(j, end int, angles bool) int {
	depth := 0
	for ; j < end; j++ {
		t := ts.toks[j]
		if t.kind != tPunct {
			continue
		}
		switch {
		case isOpen(t.text):
			depth++
		case isClose(t.text):
			depth--
		case t.text == "<" && angles:
			depth++
		case t.text == ">" && depth > 0 && angles:
			depth--
		case t.text == "," && depth == 0:
			return j
		}
	}
	return end
}

// splitArgs splits the argument list between brackets open and close
// into token ranges.
func (ts *tokens) splitArgs(open, close int) [][2]int {
	var out [][2]int
	for j := open + 1; j < close; {
		c := ts.nextComma(j, close, false)
		out = append(out, [2]int{j, c})
		j = c + 1
	}
	return out
}

// operandEnd returns the index after the operand starting at k, or -1.
// An operand is a string, or an identifier with member accesses, calls
// and indexes, or a parenthesised expression.
func (ts *tokens) operandEnd(k int) int {
	t := ts.tok(k)
	switch {
	case t.kind == tString || t.kind == tNumber:
		return k + 1
	case t.kind == tIdent:
		e := k + 1
		for e < len(ts.toks) {
			switch {
			case ts.isMember(e) && ts.isIdent(e+1):
				e += 2
			case ts.isPunct(e, "(", "["):
				c := ts.matchClose(e)
				if c < 0 {
					return -1
				}
				e = c + 1
			default:
				return e
			}
		}
		return e
	case ts.isPunct(k, "("):
		c := ts.matchClose(k)
		if c < 0 {
			return -1
		}
		return c + 1
	}
	return -1
}

// operandStart returns the start of the operand ending at k, or -1.
func (ts *tokens) operandStart(k int) int {
	for steps := 0; k >= 0 && steps < 64; steps++ {
		t := ts.tok(k)
		switch {
		case t.kind == tString || t.kind == tNumber:
			return k
		case ts.isPunct(k, ")", "]"):
			m := ts.matchOpen(k)
			if m < 0 {
				return -1
			}
			if ts.isIdent(m-1) || ts.isPunct(m-1, "]", ")") && ts.isPunct(m, "[") {
				k = m - 1
				continue
			}
			return m
		case t.kind == tIdent:
			if ts.isMember(k-1) && (ts.isIdent(k-2) || ts.isPunct(k-2, ")", "]")) {
				k -= 2
				continue
			}
			return k
		default:
			return -1
		}
	}
	return -1
}

// valueEnds reports whether an entry's value ends at token e.
func (ts *tokens) valueEnds(e int) bool {
	return e >= len(ts.toks) || ts.isPunct(e, ",", "}", ")", "]", ";") || ts.tok(e).first
}

// useEnd returns the end of the operand a variable's use at j starts
// (url.toString(), url.href), for the evidence around it.
func (ts *tokens) useEnd(j int) int {
	if ts.isIdent(j) {
		if e := ts.operandEnd(j); e > j && e-j <= 8 {
			return e
		}
	}
	return j + 1
}

// openBefore returns the unmatched bracket before token i, or -1.
func (ts *tokens) openBefore(i int) int {
	depth := 0
	for j := i - 1; j >= 0 && j > i-400; j-- {
		t := ts.toks[j]
		if t.kind != tPunct {
			continue
		}
		switch {
		case isClose(t.text):
			depth++
		case isOpen(t.text):
			if depth == 0 {
				return j
			}
			depth--
		}
	}
	return -1
}
