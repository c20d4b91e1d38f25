package scan

import "strings"

// zoomLiteral names an operand that holds a Zoom base URL literal, such
// as getenv("ZOOM_BASE", "https://api.zoom.us/v2").
const zoomLiteral = "\x00zoom"

// operandPiece turns a non-string operand of a chain, tokens [k, e), into
// a piece: a parameter named after it, the alternatives of a
// conditional ((isRoom ? "rooms" : "devices")), or a Zoom base literal.
func (ex *exprs) operandPiece(k, e int) piece {
	for j := k; j < e; j++ {
		if t := ex.toks[j]; t.kind == tString && len(t.pieces) <= 1 {
			if sh, _ := classify(t.text); sh == shapeZoomBase {
				return piece{text: zoomLiteral, param: true}
			}
		}
	}
	if ex.isPunct(k, "(") && e == ex.matchClose(k)+1 {
		if alts := ex.alternatives(k+1, e-1); len(alts) > 0 {
			return piece{text: ex.operandName(k, e), param: true, alts: alts}
		}
	}
	return piece{text: ex.operandName(k, e), param: true}
}

// alternatives reads a conditional expression in tokens [a, b) whose
// branches are string literals: c ? "a" : "b", "a" if c else "b",
// if (c) "a" else "b". It returns the branch strings, or nil.
func (ex *exprs) alternatives(a, b int) []string {
	var out []string
	cond := false
	depth := 0
	for j := a; j < b; j++ {
		t := ex.toks[j]
		if t.kind == tPunct && isOpen(t.text) {
			depth++
		}
		if t.kind == tPunct && isClose(t.text) {
			depth--
		}
		if depth != 0 {
			continue
		}
		switch {
		case ex.isPunct(j, "?") || t.kind == tIdent && (t.text == "if" || t.text == "else"):
			cond = true
		case t.kind == tString && len(t.pieces) <= 1 && ex.branch(j):
			out = append(out, t.text)
		}
	}
	if !cond || len(out) < 2 || len(out) > 6 {
		return nil
	}
	for _, s := range out {
		if !pathLike(s) {
			return nil
		}
	}
	return out
}

// branch reports whether the string at j is a conditional's branch.
func (ex *exprs) branch(j int) bool {
	if ex.isPunct(j-1, "?", ":") || ex.tok(j-1).text == "else" || ex.tok(j+1).text == "if" {
		return true
	}
	return ex.isPunct(j-1, ")") && ex.tok(ex.matchOpen(j-1)-1).text == "if"
}

// pathLike reports a literal that can stand in a path: segments of
// plain characters, no spaces.
func pathLike(s string) bool {
	if s == "" {
		return false
	}
	for _, seg := range strings.Split(strings.Trim(s, "/"), "/") {
		if seg == "" || !plainSegment(seg) {
			return false
		}
	}
	return true
}

// exprs reads expressions (the fourth stage, on the call sites): the
// operands of a chain, format templates and their arguments, the
// literal values a conditional or assignment gives, and what a name is
// assigned to.
type exprs struct {
	callFinder
}

// alt is one alternative of a path: its pieces and the evidence for the
// literals chosen.
type alt struct {
	pieces []piece
	via    []string
}

// maxLookBack bounds, in tokens, how far back a variable's assignments
// are looked for.
const maxLookBack = 4000

// maxAlts bounds the alternatives one path expands to.
const maxAlts = 8

// expand replaces parameters whose values are known (the branches of a
// conditional, the literals a local variable is assigned or a function
// parameter is called with) by those values: each combination is an
// alternative path.
func (f *fileScan) expand(ps []piece, at int) []alt {
	out := []alt{{}}
	for _, p := range ps {
		var vals []literal
		if p.param {
			if len(p.alts) > 0 {
				for _, a := range p.alts {
					vals = append(vals, literal{text: a})
				}
			} else if name := bare(p.text); isIdentLike(name) {
				vals = f.valuesOf(name, at)
			}
		}
		if len(vals) == 0 || len(out)*len(vals) > maxAlts {
			for i := range out {
				out[i].pieces = append(out[i].pieces, p)
			}
			continue
		}
		var next []alt
		for _, o := range out {
			for _, v := range vals {
				n := alt{pieces: append(append([]piece(nil), o.pieces...), piece{text: v.text}), via: o.via}
				if v.site != "" {
					n.via = append(append([]string(nil), o.via...), v.site)
				}
				next = append(next, n)
			}
		}
		out = next
	}
	return out
}

// isIdentLike reports a plain identifier.
func isIdentLike(s string) bool {
	if s == "" || !isIdentStart(s[0]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !isIdentChar(s[i]) {
			return false
		}
	}
	return true
}

// valuesOf returns the literal values a name takes where token at is:
// assignments in the enclosing function (or file), and, for a
// parameter, its default and the literal arguments of its callers. Nil
// unless every assignment found is a path-like literal.
func (f *fileScan) valuesOf(name string, at int) []literal {
	fd := f.enclosingFunc(at)
	// Outside any function: the statements just before (a bound that keeps
	// a file of top-level code linear).
	a, b := max(0, at-maxLookBack), len(f.toks)
	if fd != nil {
		a, b = max(fd.bodyStart, at-maxLookBack), fd.bodyEnd
	}
	var out []literal
	seen := map[string]bool{}
	add := func(l literal) bool {
		if seen[l.text] {
			return true
		}
		if !pathLike(l.text) || len(out) >= maxAlts {
			return false
		}
		if !seen[l.text] {
			seen[l.text] = true
			out = append(out, l)
		}
		return true
	}
	for j := a; j < b && j < at; j++ {
		t := f.toks[j]
		if t.kind != tIdent || !strings.HasSuffix(t.text, name) || bare(t.text) != name || !f.isPunct(j+1, "=", ":=") || f.isMember(j-1) {
			continue
		}
		e := f.statementEnd(j + 2)
		if e == j+3 && f.toks[j+2].kind == tString {
			if !add(literal{text: f.toks[j+2].text, site: f.site(j+2, name)}) {
				return nil
			}
			continue
		}
		alts := f.alternatives(j+2, e)
		if len(alts) == 0 {
			return nil // assigned something else: not a known set
		}
		for _, s := range alts {
			add(literal{text: s, site: f.site(j+2, name)})
		}
	}
	// A parameter: the literals its callers pass (not for a wrapper's
	// path, whose calls are read as calls).
	if fd != nil && len(out) == 0 && !f.known[fd.nameAt] {
		for i, p := range fd.params {
			if p.name != name {
				continue
			}
			for _, key := range []string{itoa(i), p.name} {
				ls := f.proj.args[fd.name][key]
				if len(ls) > 64 {
					return nil // called from everywhere: not a few known values
				}
				for _, l := range ls {
					if !add(l) {
						return nil
					}
				}
			}
		}
	}
	return out
}

func itoa(i int) string {
	if i < 10 {
		return string(rune('0' + i))
	}
	return itoa(i/10) + itoa(i%10)
}
