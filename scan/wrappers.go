package scan

import (
	"path"
	"strings"
)

// ---- finding wrappers (project pass) ----

// collectWrappers finds the file's functions that send a request to
// Zoom with one of their parameters as the path (after Zoom's base URL,
// or passed on to another wrapper) or as the whole URL. It returns how
// many new ones it found.
func (f *fileScan) collectWrappers() int {
	n := 0
	for fi := range f.funcs {
		fd := &f.funcs[fi]
		if f.known[fd.nameAt] {
			continue
		}
		// Parameters named like an HTTP method are tried last: some
		// projects call the path a "method" (get($method, $fields)), and
		// what the body does with it decides.
		for pass := 0; pass < 2 && !f.known[fd.nameAt]; pass++ {
			for pi, p := range fd.params {
				if p.name == "" || methodParamName(p.name) != (pass == 1) || p.def != "" {
					continue
				}
				if _, ok := f.proj.bases[p.name]; ok {
					continue // the base itself (def __init__(self, base_uri)), not a path
				}
				if w := f.wrapperFor(fd, pi); w != nil {
					f.known[fd.nameAt] = true
					f.proj.wrappers[fd.name] = append(f.proj.wrappers[fd.name], w)
					n++
					break
				}
			}
		}
	}
	return n
}

// refersTo reports whether token j mentions one of names: as an
// identifier, or inside a string's interpolation.
func (ex *exprs) refersTo(j int, names map[string]bool) bool {
	t := ex.toks[j]
	switch t.kind {
	case tIdent:
		return names[bare(t.text)] && !ex.isMember(j-1) && !ex.isPunct(j+1, "=", ":=")
	case tString:
		for _, p := range t.pieces {
			if p.param {
				for _, w := range identsIn(p.text) {
					if names[bare(w)] {
						return true
					}
				}
			}
		}
	}
	return false
}

// identsIn lists the identifiers in an expression's text.
func identsIn(expr string) []string {
	var out []string
	for i := 0; i < len(expr); {
		if isIdentStart(expr[i]) || expr[i] == '$' {
			j := i + 1
			for j < len(expr) && isIdentChar(expr[j]) {
				j++
			}
			out = append(out, expr[i:j])
			i = j
			continue
		}
		i++
	}
	return out
}

// wrapperFor decides whether parameter pi of fd is the path or URL the
// function sends to Zoom.
func (f *fileScan) wrapperFor(fd *funcDef, pi int) *wrapper {
	p := fd.params[pi]
	names := map[string]bool{p.name: true}
	w := &wrapper{name: fd.name, site: f.site(fd.nameAt, fd.name), param: pi, paramName: p.name, methodParam: -1}
	for i, q := range fd.params {
		if i != pi && q.name != "" && (methodParamName(q.name) || q.def != "") {
			w.methodParam, w.methodParamName, w.def = i, q.name, q.def
			break
		}
		if i != pi && q.def != "" && w.def == "" {
			w.def = q.def
		}
	}
	found := false
	for j := fd.bodyStart; j < fd.bodyEnd; j++ {
		if !f.refersTo(j, names) {
			continue
		}
		s := f.statementStart(j)
		// An alias: url = BASE + route; path = route.lstrip("/").
		if a, ok := f.assigned(s, j); ok {
			names[a] = true
		}
		if !found {
			if via, prefix, ok := f.baseBefore(s, j, names); ok {
				found = true
				w.via = via
				w.prefix = prefix
				if w.methodParam >= 0 {
					return w
				}
				if m := f.sendMethod(fd, j, w); m != "" {
					w.fixed = m
					return w
				}
				continue
			}
			if inner, prefix, ok := f.innerWrapper(fd, j, w); ok {
				w.via = append([]string{inner.site}, inner.via...)
				w.prefix = path.Join("/", inner.prefix, prefix)
				if w.prefix == "/" {
					w.prefix = ""
				}
				return w
			}
			continue
		}
		if m := f.sendMethod(fd, j, w); m != "" {
			w.fixed = m
			return w
		}
	}
	if found {
		return w // the method is not in the body: it comes from the call site
	}
	// A whole URL sent with a method: a sender.
	for j := fd.bodyStart; j < fd.bodyEnd; j++ {
		if !f.refersTo(j, map[string]bool{p.name: true}) || f.toks[j].kind != tIdent {
			continue
		}
		if !f.wholeArg(j) || !f.urlPosition(j, w) {
			continue // part of a URL built here, or not where a URL goes
		}
		ev := f.evidence(j, j+1)
		if ev.route {
			return nil
		}
		w.full = true
		if ev.method != "" {
			w.fixed = ev.method
			return w
		}
		if w.methodParam >= 0 && f.isArg(j) {
			// The method parameter in the same statement: request(method, url),
			// newBuilder(URI.create(url)).method(method, body).
			for k, e := f.statementStart(j), f.statementEnd(j); k < e; k++ {
				if f.isIdent(k) && bare(f.toks[k].text) == w.methodParamName {
					return w
				}
			}
			// Or set on the connection the URL opens:
			// conn = new URL(url).openConnection(); conn.setRequestMethod(method).
			if f.methodSet(fd, w.methodParamName) {
				return w
			}
		}
		w.full = false
	}
	return nil
}

// urlPosition reports whether the argument at j is where an HTTP call
// takes its URL: first, or right after the method (request(verb, url),
// NewRequest(ctx, method, url)); and not an argument of a project
// wrapper, which takes a path at its own position.
func (f *fileScan) urlPosition(j int, w *wrapper) bool {
	cs, ok := f.enclosingCall(j)
	if !ok || cs.close >= len(f.toks) {
		return false
	}
	if cs.calleeIdx >= 0 {
		if inner := f.pickWrapper(cs.callee); inner != nil && !inner.full {
			return false
		}
	}
	args := f.splitArgs(cs.open, cs.close)
	for n, a := range args {
		if a[0] > j || j >= a[1] {
			continue
		}
		if n == 0 {
			return true
		}
		p := args[n-1]
		ms := map[string]bool{}
		f.constMethods(p[0], p[1], -1, -1, ms)
		if len(ms) > 0 {
			return true
		}
		for k := p[0]; k < p[1]; k++ {
			if f.isIdent(k) && w.methodParamName != "" && bare(f.toks[k].text) == w.methodParamName {
				return true
			}
		}
		return false
	}
	return false
}

// assigned returns the variable a statement starting at s assigns,
// when token j is in its value.
func (ex *exprs) assigned(s, j int) (string, bool) {
	k := s
	for k < j && ex.isIdent(k) && (ex.tok(k).text == "const" || ex.tok(k).text == "let" || ex.tok(k).text == "var" || ex.tok(k).text == "val" || ex.tok(k).text == "final" || ex.tok(k).text == "String" || ex.tok(k).text == "string") {
		k++
	}
	if ex.isIdent(k) && ex.isPunct(k+1, "=", ":=") && k+1 < j {
		return bare(ex.toks[k].text), true
	}
	return "", false
}

// baseBefore looks in statement tokens [s, j] for Zoom's base URL
// before the reference at j: a base name, a Zoom URL literal, or an
// interpolated base in the same string. It returns the evidence and the
// literal path text between the base and the reference.
func (f *fileScan) baseBefore(s, j int, names map[string]bool) ([]string, string, bool) {
	// Inside one string: f"{self.root}/{route}", `${root}${route}`.
	if t := f.toks[j]; t.kind == tString {
		prefix := ""
		for pi, p := range t.pieces {
			if !p.param {
				if pi == 0 {
					if sh, rest := classify(p.text); sh == shapeZoomAPI || sh == shapeZoomBase {
						return nil, rest, f.pieceRefers(t.pieces[pi+1:], names)
					}
				}
				prefix += p.text
				continue
			}
			name := bare(lastIdent(p.text))
			if site, ok := f.baseOf(name); ok && pi == 0 {
				if site == "" {
					site = f.site(j, name)
				}
				rest := t.pieces[1:]
				lit := ""
				for _, r := range rest {
					if r.param {
						break
					}
					lit += r.text
				}
				return []string{site}, lit, f.pieceRefers(rest, names)
			}
			break
		}
	}
	// A URL builder given the path first: new URL(route, ROOT),
	// URI.join(ROOT, route), urljoin(ROOT, route).
	if cs, ok := f.enclosingCall(j); ok && cs.calleeIdx >= 0 && wrapperCallee(cs.callee) && cs.close < len(f.toks) {
		for k := cs.open + 1; k < cs.close; k++ {
			if f.isIdent(k) && !f.isPunct(k+1, "(") {
				if site, ok := f.baseOf(f.toks[k].text); ok && !f.isOther(f.toks[k].text) {
					if site == "" {
						site = f.site(k, bare(f.toks[k].text))
					}
					return []string{site}, "", true
				}
			}
		}
	}
	prefix := ""
	depth := 0
	// Another argument or entry is not part of the URL: a base there
	// (request("GET", BASE + route, {"query": fields})) does not make
	// fields the path. Commas of a formatting call (Sprintf(f, BASE,
	// route), join(BASE, route), "%s/%s" % (BASE, route)) still count.
	open := f.openBefore(j)
	formatting := open < 0 || f.isPunct(open, "(") && (!f.isIdent(open-1) || wrapperCallee(bare(f.toks[open-1].text)))
	for k := j - 1; k >= s; k-- {
		t := f.toks[k]
		if t.kind == tPunct {
			switch {
			case isClose(t.text):
				depth++
			case isOpen(t.text):
				depth--
				if depth < 0 && t.text == "[" && k > s && (f.isIdent(k-1) || f.isPunct(k-1, ")", "]")) {
					return nil, "", false // ROOTS[version]: an index, not a path
				}
			case t.text == "," || t.text == "=>":
				if depth < 0 || depth == 0 && !formatting {
					return nil, "", false
				}
			}
		}
		switch {
		case t.kind == tString && len(t.pieces) <= 1:
			if sh, rest := classify(t.text); sh == shapeZoomAPI || sh == shapeZoomBase {
				return nil, rest + prefix, true
			}
			prefix = t.text + prefix
		case t.kind == tIdent:
			if site, ok := f.baseOf(t.text); ok && !f.isOther(t.text) && !f.isPunct(k+1, "(") {
				if site == "" {
					site = f.site(k, bare(t.text))
				}
				return []string{site}, prefix, true
			}
		case t.kind == tString:
			if len(t.pieces) > 0 && t.pieces[0].param {
				if site, ok := f.baseOf(bare(lastIdent(t.pieces[0].text))); ok {
					if site == "" {
						site = f.site(k, "base")
					}
					return []string{site}, prefix, true
				}
			}
		}
		if t.kind != tString && !f.isConcat(k) {
			prefix = ""
		}
	}
	return nil, "", false
}

// pieceRefers reports whether pieces interpolate one of names.
func (ex *exprs) pieceRefers(ps []piece, names map[string]bool) bool {
	for _, p := range ps {
		if !p.param {
			continue
		}
		for _, w := range identsIn(p.text) {
			if names[bare(w)] {
				return true
			}
		}
	}
	return false
}

// innerWrapper reports a call to a known path wrapper whose path
// argument holds the reference at j: a wrapper of a wrapper
// (def get(route): return self.api("GET", route)). It fills w's method.
func (f *fileScan) innerWrapper(fd *funcDef, j int, w *wrapper) (*wrapper, string, bool) {
	cs, ok := f.enclosingCall(j)
	if !ok || cs.calleeIdx < 0 || cs.close >= len(f.toks) {
		return nil, "", false
	}
	inner := f.pickWrapper(cs.callee)
	if inner == nil || inner.full {
		return nil, "", false
	}
	args := f.splitArgs(cs.open, cs.close)
	ra, ok := f.argFor(args, inner.param, inner.paramName)
	if !ok || j < ra[0] || j >= ra[1] {
		return nil, "", false
	}
	// The parameter must end the path: a wrapper of a wrapper adds a
	// prefix ("/phone" + route), not a suffix.
	if t := f.toks[j]; t.kind == tIdent && f.operandEnd(j) != ra[1] && f.operandEnd(f.exprStart(j)) != ra[1] ||
		t.kind == tString && (j != ra[1]-1 || len(t.pieces) == 0 || !t.pieces[len(t.pieces)-1].param) {
		return nil, "", false
	}
	prefix := ""
	for k := ra[0]; k < j; k++ {
		if f.toks[k].kind == tString {
			prefix += f.toks[k].text
		}
	}
	if m, _ := f.argMethods(args, ra); m != "" {
		w.fixed = m
	} else if inner.methodParam >= 0 {
		if ma, ok := f.argFor(args, inner.methodParam, inner.methodParamName); ok && f.isIdent(ma[0]) && bare(f.toks[ma[0]].text) == w.methodParamName {
			// passed on: the outer wrapper's own method parameter
		} else if w.methodParam < 0 {
			w.def = inner.def
		}
	} else if w.methodParam < 0 {
		w.fixed, w.def = inner.fixed, inner.def
	}
	if w.fixed == "" && w.def == "" && w.methodParam < 0 && inner.fixed == "" && inner.def == "" && inner.methodParam < 0 {
		// The inner function only builds the URL (url_for(route)); the
		// call around it sends it: requests.get(self.url_for(route)).
		w.fixed = f.sendMethod(fd, cs.start, w)
	}
	return inner, prefix, true
}

// sendMethod finds the method a wrapper's body sends the URL at j with:
// the call around it, or around a use of the variable it is assigned to.
func (f *fileScan) sendMethod(fd *funcDef, j int, w *wrapper) string {
	ev := f.evidence(j, f.useEnd(j))
	if ev.method != "" {
		return ev.method
	}
	if cs, ok := f.enclosingCall(j); ok && cs.calleeIdx >= 0 {
		if inner := f.pickWrapper(cs.callee); inner != nil && inner.full && cs.close < len(f.toks) {
			args := f.splitArgs(cs.open, cs.close)
			if ra, ok := f.argFor(args, inner.param, inner.paramName); ok {
				if m, _ := f.argMethods(args, ra); m != "" {
					return m
				}
			}
			if inner.fixed != "" {
				return inner.fixed
			}
			return inner.def
		}
	}
	return ""
}

// pickWrapper returns the wrapper a callee name denotes: the file's own
// first, else the project's when there is one.
func (f *fileScan) pickWrapper(name string) *wrapper {
	ws := f.proj.wrappers[name]
	if len(ws) == 0 {
		return nil
	}
	for _, w := range ws {
		if strings.HasPrefix(w.site, f.file+":") {
			return w
		}
	}
	for _, fd := range f.funcs {
		if fd.name == name {
			return nil // the file's own function of that name
		}
	}
	return ws[0]
}

// ---- calls to wrappers (file pass) ----

// wrapperCalls reports the calls to the project's path wrappers whose
// path argument has literal text.
func (f *fileScan) wrapperCalls() {
	if len(f.proj.wrappers) == 0 {
		return
	}
	for i, t := range f.toks {
		if t.kind != tIdent {
			continue
		}
		open := f.callOpen(i)
		if open < 0 {
			continue
		}
		w := f.pickWrapper(t.text)
		if w == nil || w.full || f.known[i] || !f.isCall(i) {
			continue
		}
		c := f.matchClose(open)
		if c < 0 {
			continue
		}
		args := f.splitArgs(open, c)
		ra, ok := f.argFor(args, w.param, w.paramName)
		if !ok {
			continue
		}
		ps, ok := f.evalRange(ra[0], ra[1])
		var argVia []string
		if !ok && ra[1] == ra[0]+1 && f.isIdent(ra[0]) {
			// A variable holding the path: path = (c ? "a/" : "b/") + id.
			ps, argVia, ok = f.localValue(ra[0])
		}
		if !ok {
			continue
		}
		m, amb := f.argMethods(args, ra)
		conf := High
		if m == "" && !amb {
			switch {
			case w.fixed != "":
				m = w.fixed
			case w.methodParam >= 0:
				if a, ok := f.argFor(args, w.methodParam, w.methodParamName); ok && a[1] > a[0] {
					break // a method given as a variable: unknown
				}
				m = w.def
			default:
				m = w.def
			}
		}
		if m == "" && !amb {
			ev := f.evidence(i, c+1)
			m, amb = ev.method, ev.ambiguous
		}
		if m == "" && !amb {
			// A URL builder's result, sent by a sender around it
			// (get(endpoint("/users/" + id))) or later through the
			// variable it is assigned to (url = endpoint(…); get(url)).
			m = f.builtURLMethod(i, c, w)
		}
		for k := ra[0]; k < ra[1]; k++ {
			f.used[k] = true
		}
		if w.prefix != "" {
			ps = append([]piece{{text: strings.TrimRight(w.prefix, "/") + "/"}}, ps...)
		}
		ps = joinSlashes(ps)
		for _, a := range f.expand(ps, i) {
			f.via = append(append(append([]string{w.site}, w.via...), argVia...), a.via...)
			pt := composePath(a.pieces)
			if !pt.ok || pt.literals == 0 {
				continue
			}
			f.resolveCall(m, amb, conf, pt, t.line, KindWrapper)
		}
		f.via = nil
	}
}

// builtURLMethod finds the method a URL built by the call to w at
// [i, c] is sent with: by the call around it, or around a later use of
// the variable it is assigned to, in the same function.
func (f *fileScan) builtURLMethod(i, c int, w *wrapper) string {
	start := f.exprStart(i)
	if m := f.sendMethod(nil, start, w); m != "" {
		return m
	}
	s := f.statementStart(i)
	name, ok := f.assigned(s, i)
	if !ok {
		return ""
	}
	end := min(len(f.toks), c+maxLookBack)
	if fd := f.enclosingFunc(i); fd != nil {
		end = min(end, fd.bodyEnd)
	}
	for k := c + 1; k < end; k++ {
		if !f.isIdent(k) || bare(f.toks[k].text) != name || f.isMember(k-1) {
			continue
		}
		if f.isPunct(k+1, "=", ":=") {
			return "" // reassigned
		}
		if m := f.sendMethod(nil, k, w); m != "" {
			return m
		}
	}
	return ""
}

// localValue evaluates the last assignment of the variable at token k
// before it, in the same function: its pieces and where it is assigned.
func (f *fileScan) localValue(k int) ([]piece, []string, bool) {
	name := bare(f.toks[k].text)
	a := max(0, k-maxLookBack)
	if fd := f.enclosingFunc(k); fd != nil {
		a = max(a, fd.bodyStart)
	}
	for j := k - 1; j >= a; j-- {
		if f.isIdent(j) && bare(f.toks[j].text) == name && f.isPunct(j+1, "=", ":=") && !f.isMember(j-1) {
			e := f.statementEnd(j + 2)
			ps, ok := f.evalRange(j+2, e)
			if !ok {
				return nil, nil, false
			}
			for x := j + 2; x < e; x++ {
				f.used[x] = true
			}
			return ps, []string{f.site(j, name)}, true
		}
	}
	return nil, nil, false
}

// joinSlashes removes the doubled slash of a prefix ending in "/" and a
// path starting with one.
func joinSlashes(ps []piece) []piece {
	out := make([]piece, 0, len(ps))
	for _, p := range ps {
		if n := len(out); n > 0 && !p.param && !out[n-1].param && strings.HasSuffix(out[n-1].text, "/") && strings.HasPrefix(p.text, "/") {
			p.text = p.text[1:]
		}
		out = append(out, p)
	}
	return out
}

// evalRange reads tokens [a, b) as a concatenation of strings and
// operands; ok when it has literal text.
func (f *fileScan) evalRange(a, b int) ([]piece, bool) {
	var ps []piece
	lit := false
	k := a
	for steps := 0; steps < 64 && k < b; steps++ {
		e := f.operandEnd(k)
		if e < 0 || e > b {
			return nil, false
		}
		if t := f.toks[k]; t.kind == tString && len(t.pieces) == 1 && !t.pieces[0].param && anyPlaceholder(t.text) != 0 {
			// "/users/{}".format(uid), "/rooms/%s" % rid: a path template
			// filled in place.
			if args, end, ok := f.formatSite(k); ok && end > k+1 && end <= b {
				ps = append(ps, f.fillFormat(t.text, anyPlaceholder(t.text), args)...)
				lit = true
				e = end
			} else {
				ps = append(ps, t.pieces...)
				lit = true
			}
		} else if t.kind == tString && e == k+1 {
			ps = append(ps, t.pieces...)
			if len(t.pieces) > 0 {
				lit = true
			}
		} else {
			p := f.operandPiece(k, e)
			lit = lit || len(p.alts) > 0
			ps = append(ps, p)
		}
		if e == b {
			return ps, lit
		}
		if !f.isConcat(e) {
			return nil, false
		}
		k = e + 1
	}
	return nil, false
}

// resolveCall reports a path with its method (or none): resolved, the
// catalog's only method with medium confidence, or skipped with the
// candidates.
func (f *fileScan) resolveCall(m string, amb bool, conf Confidence, pt pathText, line int, kind Kind) {
	cands := f.s.candidates(pt.path)
	if m == "" {
		switch {
		case len(cands) == 1:
			f.report(cands[0], line, Medium, kind)
		case len(cands) == 0:
			f.skip(line, pt.path, "Zoom API URL not in the catalog (add the product's API reference with --add-docs)", nil)
		default:
			reason := "HTTP method not found for the call and the catalog has several for its path; give the one the code uses with --call"
			if amb {
				reason = "several HTTP methods near the call; give the one the code uses with --call"
			}
			f.skip(line, pt.path, reason, cands)
		}
		return
	}
	if spec, ok := f.s.resolve(m, pt.path); ok {
		f.report(spec, line, conf, kind)
		return
	}
	if len(cands) == 0 {
		f.skip(line, m+" "+pt.path, "Zoom API URL not in the catalog (add the product's API reference with --add-docs)", nil)
		return
	}
	f.skip(line, m+" "+pt.path, "the catalog has no "+m+" for this path", cands)
}

// ---- URL template tables ----

// tables reports URL templates kept in tables ({"devices":
// "{root}/rooms/{room}/devices"}) whose base placeholder the project
// fills with Zoom's base URL.
func (f *fileScan) tables() {
	for i, t := range f.toks {
		if t.kind != tString || len(t.pieces) > 1 || f.used[i] || !f.isPunct(i-1, ":", "=>", ",", "[", "(", "{") {
			continue
		}
		name, rest, ok := placeholder(t.text)
		if !ok || f.isPunct(i+1, ".", "%") {
			continue // formatted right here: the chain rules read it
		}
		if o := f.openBefore(i); !f.isPunct(i-1, ":", "=>") && (o < 0 || f.isPunct(o, "(") && f.isIdent(o-1)) {
			continue // an argument, not a table entry
		}
		site, ok := f.proj.fills[name]
		if !ok {
			continue
		}
		key := name
		if f.isPunct(i-1, ":", "=>") && (f.tok(i-2).kind == tString || f.isIdent(i-2)) {
			key = bare(f.tok(i - 2).text)
		}
		f.via = []string{f.site(i, key), site}
		ps := []piece{{text: rest}}
		pt := composePath(ps)
		if !pt.ok || pt.literals == 0 {
			continue
		}
		// A method beside the template in its own entry: ("POST",
		// "{root}/rooms"), {method: "POST", url: "{root}/rooms"}.
		m, amb := "", false
		if o := f.openBefore(i); o >= 0 {
			if c := f.matchClose(o); c > i && f.onlyTemplate(o, c, i) {
				ms := map[string]bool{}
				for k := o + 1; k < c; k++ {
					if u := f.toks[k]; k != i && u.kind == tString {
						if w := methodWord(u.text); w != "" {
							ms[w] = true
						}
					}
				}
				m, amb = one(ms)
			}
		}
		f.resolveCall(m, amb, High, pt, t.line, KindTemplate)
	}
	f.via = nil
}

// onlyTemplate reports whether the template at i is the only one in
// brackets [o, c]: an entry of a table rather than the table.
func (ex *exprs) onlyTemplate(o, c, i int) bool {
	for k := o + 1; k < c; k++ {
		if t := ex.toks[k]; k != i && t.kind == tString {
			if _, _, ok := placeholder(t.text); ok {
				return false
			}
		}
	}
	return true
}
