package scan

import "strings"

// ---- declarative request entries ----

// collectPaths records the names assigned a path literal
// (const GetUserPath = "/users/%s", USERS = '/users'), for entries that
// name a path by its constant. A name assigned different paths in the
// project is dropped.
func (f *fileScan) collectPaths() {
	for i, t := range f.toks {
		if t.kind != tString || len(t.pieces) != 1 || t.pieces[0].param || !pathConst(t.text) {
			continue
		}
		if !f.isPunct(i-1, "=", ":=") || !f.isIdent(i-2) || f.isMember(i-3) || f.isConcat(i+1) || f.isPunct(i+1, ".") {
			continue
		}
		name := bare(f.toks[i-2].text)
		if old, ok := f.proj.paths[name]; ok && old.text != t.text {
			f.proj.paths[name] = literal{}
			continue
		}
		f.proj.paths[name] = literal{text: t.text, site: f.site(i-2, name)}
	}
}

// pathConst reports literals that look like an API path: a leading
// slash, no spaces, no scheme.
func pathConst(s string) bool {
	return len(s) > 1 && len(s) < 200 && s[0] == '/' && s[1] != '/' && !strings.ContainsAny(s, " \t\n<>") && !strings.Contains(s, "://")
}

// urlKey reports the keys a declarative entry gives its URL or path under.
func urlKey(s string) bool {
	switch strings.ToLower(s) {
	case "url", "uri", "path", "endpoint", "route", "href":
		return true
	}
	return false
}

// keyedEntries reports requests described by an entry passed to a call,
// in a file about Zoom, whose path is not a plain string beside a
// method (those are chains): requestV2(opts{Method: Get, Path:
// fmt.Sprintf(GetUserPath, id)}), makeRequest({url: `users/${id}`}).
func (f *fileScan) keyedEntries() {
	if !f.cue {
		return
	}
	for k, t := range f.toks {
		if t.kind != tIdent && t.kind != tString || !urlKey(bare(t.text)) || !f.isPunct(k+1, ":", "=>", "=") {
			continue
		}
		open := f.openBefore(k)
		if open < 0 || !f.isPunct(open, "{", "(", "[") {
			continue
		}
		// The entry is given to a call: f({…}), f(T{…}), f(key=…).
		call := f.isPunct(open, "(") && f.isIdent(open-1)
		if !call {
			if o2 := f.openBefore(open); o2 >= 0 && f.isPunct(o2, "(") && (o2 == open-1 || o2 == open-2 && f.isIdent(open-1)) {
				call = true
			}
		}
		if !call {
			continue
		}
		v := k + 2
		end := f.matchClose(open)
		if end < 0 {
			continue
		}
		ve := v
		for depth := 0; ve < end; ve++ {
			if f.isPunct(ve, "(", "[", "{") {
				depth++
			} else if f.isPunct(ve, ")", "]", "}") {
				depth--
			} else if depth == 0 && f.isPunct(ve, ",", ";") {
				break
			}
		}
		if ve <= v || ve-v > 64 {
			continue
		}
		m, amb, ok := f.entryMethod(k)
		if !ok {
			continue
		}
		vt := f.toks[v]
		if vt.kind == tString && ve == v+1 && (m != "" || amb) {
			continue // a chain: read with the method beside it
		}
		ps, via, ok := f.entryValue(v, ve)
		if !ok {
			continue
		}
		if m == "" && !amb {
			// Given to a project function that defaults the method of
			// the request object it takes: makeRequest({url: "users"}).
			if cs, ok := f.enclosingCall(k); ok && cs.calleeIdx >= 0 {
				m = f.proj.objDefaults[cs.callee]
			}
		}
		for x := v; x < ve; x++ {
			f.used[x] = true
		}
		pt := composePath(joinSlashes(ps))
		if !pt.ok || pt.literals == 0 {
			continue
		}
		if !strings.HasPrefix(pt.path, "/") {
			pt.path = "/" + pt.path
		}
		f.via = via
		if amb {
			f.skip(vt.line, pt.path, "several methods in the entry", f.s.candidates(pt.path))
		} else {
			f.resolveCall(m, false, Medium, pt, vt.line, KindPath)
		}
		f.via = nil
	}
}

// entryValue evaluates an entry's path value in tokens [v, ve): a
// string, a path constant, or a format of one (fmt.Sprintf(GetUserPath,
// id), "/users/{}".format(id)).
func (f *fileScan) entryValue(v, ve int) ([]piece, []string, bool) {
	t := f.toks[v]
	constant := func(k int) (literal, bool) {
		name := bare(f.toks[k].text)
		if ls := f.valuesOf(name, k); len(ls) == 1 {
			return ls[0], true
		}
		l, ok := f.proj.paths[name]
		return l, ok && l.text != ""
	}
	switch {
	case t.kind == tString && ve == v+1:
		if len(t.pieces) == 0 || t.pieces[0].param {
			return nil, nil, false
		}
		if sh, _ := classify(t.pieces[0].text); sh != shapePath && sh != shapeRelative {
			return nil, nil, false
		}
		return t.pieces, nil, true
	case t.kind == tString:
		if args, end, ok := f.formatSite(v); ok && end == ve && anyPlaceholder(t.text) != 0 {
			return f.fillFormat(t.text, anyPlaceholder(t.text), args), nil, true
		}
	case t.kind == tIdent && ve == v+1:
		if l, ok := constant(v); ok {
			return []piece{{text: l.text}}, []string{l.site}, true
		}
	case t.kind == tIdent:
		// pkg.Sprintf(CONST, args…), String.format(CONST, args…)
		c := v
		for c+2 < ve && f.isMember(c+1) && f.isIdent(c+2) {
			c += 2
		}
		if !f.isPunct(c+1, "(") || !f.formatCallee(c) || !f.isIdent(c+2) {
			break
		}
		close := f.matchClose(c + 1)
		if close != ve-1 || !f.isPunct(c+3, ",", ")") {
			break
		}
		l, ok := constant(c + 2)
		if !ok || anyPlaceholder(l.text) == 0 {
			break
		}
		var args []fmtArg
		if f.isPunct(c+3, ",") {
			args = f.formatArgs(c+4, close, false)
		}
		return f.fillFormat(l.text, anyPlaceholder(l.text), args), []string{l.site}, true
	}
	return nil, nil, false
}

// optionsGET reports request functions that take an options object
// and send GET when it names no method: request({uri}), rp(opts),
// axios({url}), got(opts), $.ajax({url}).
func optionsGET(name string) bool {
	switch strings.ToLower(name) {
	case "rp", "request", "requestpromise", "axios", "got", "ky", "needle", "ajax", "superagent", "fetch":
		return true
	}
	return false
}

// optionsMethod returns the method an options object sends the URL
// value of its entry at key k with, when the object names no method: GET
// when given to a request function whose default is GET (rp({uri: …}),
// or opts = {uri: …} sent later in the function as rp(opts)), or the
// method set on it before (opts.method = "PATCH"); "" if unknown.
func (f *fileScan) optionsMethod(k int) string {
	m, ok := f.optionsSend(k)
	if !ok {
		return ""
	}
	return m
}

func (f *fileScan) optionsSend(k int) (string, bool) {
	m, amb, ok := f.entryMethod(k)
	if !ok || m != "" || amb {
		return "", false
	}
	open := f.openBefore(k)
	if !f.isPunct(open, "{") {
		return "", false
	}
	if f.isPunct(open-1, "(") && f.isIdent(open-2) && optionsGET(bare(f.toks[open-2].text)) {
		return "GET", true
	}
	if !f.isPunct(open-1, "=") || !f.isIdent(open-2) {
		return "", false
	}
	name := bare(f.toks[open-2].text)
	end := f.matchClose(open)
	limit := min(len(f.toks), end+maxLookBack)
	if fd := f.enclosingFunc(open); fd != nil {
		limit = min(limit, fd.bodyEnd)
	}
	set := ""
	for j := end + 1; j < limit; j++ {
		if !f.isIdent(j) || bare(f.toks[j].text) != name {
			continue
		}
		if f.isPunct(j+1, "=") && !f.isPunct(j+2, "=") {
			return "", false // reassigned before any send
		}
		// opts.method = "PATCH", opts["method"] = "PATCH"
		if f.isMember(j+1) && methodKey(bare(f.tok(j+2).text)) && f.isPunct(j+3, "=") ||
			f.isPunct(j+1, "[") && methodKey(f.tok(j+2).text) && f.isPunct(j+3, "]") && f.isPunct(j+4, "=") {
			v := j + 4
			if f.isPunct(j+1, "[") {
				v = j + 5
			}
			if w := methodWord(f.tok(v).text); w != "" && f.tok(v).kind == tString {
				set = w
				continue
			}
			return "", false
		}
		cs, ok := f.enclosingCall(j)
		if ok && cs.calleeIdx >= 0 && cs.arg == 0 && optionsGET(cs.callee) && f.wholeArg(j) {
			if set != "" {
				return set, true
			}
			return "GET", true
		}
	}
	return "", false
}

// collectObjectDefaults records the project functions that take a
// request object and default its method: options.method = req.method ||
// HttpMethod.GET, req.method ?? "GET", req.get("method", "GET").
func (f *fileScan) collectObjectDefaults() {
	for fi := range f.funcs {
		fd := &f.funcs[fi]
		for _, p := range fd.params {
			if p.name == "" {
				continue
			}
			for j := fd.bodyStart; j+4 < fd.bodyEnd; j++ {
				if !f.isIdent(j) || bare(f.toks[j].text) != p.name || f.isMember(j-1) {
					continue
				}
				v := -1
				switch {
				case f.isMember(j+1) && methodKey(f.tok(j+2).text) && (f.isPunct(j+3, "||", "??") || f.tok(j+3).text == "or"):
					v = j + 4
				case f.isMember(j+1) && f.tok(j+2).text == "get" && f.isPunct(j+3, "(") && methodKey(f.tok(j+4).text) && f.isPunct(j+5, ","):
					v = j + 6
				}
				if v < 0 {
					continue
				}
				for k := v; k < v+4 && k < fd.bodyEnd; k++ {
					if t := f.toks[k]; t.kind == tString || t.kind == tIdent {
						if m := methodWord(t.text); m != "" {
							f.proj.objDefaults[fd.name] = m
							break
						}
					}
					if !f.isIdent(k) && !f.isMember(k) && f.toks[k].kind != tString {
						break
					}
				}
			}
		}
	}
}
