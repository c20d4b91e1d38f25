package scan

import (
	"path/filepath"
	"strings"
)

// fileScan is the state of scanning one source file, read in stages,
// each a type with one job:
//
//   - lex (lex.go) turns the text into tokens by the rules of the
//     file's Language (language.go);
//   - tokens (tokens.go) finds its way around them: brackets, operands,
//     statements, argument lists;
//   - decls (funcs.go) finds the functions the file declares;
//   - callFinder (callsite.go) finds the call around a token and the
//     HTTP methods written at it;
//   - exprs (values.go, format.go) reads operands, formats and the
//     literal values a name or conditional takes;
//   - bindings (bindings.go) holds what the project pass learnt a name
//     holds (Zoom's base URL, another host's, a Zoom client);
//   - findings (findings.go) collects the calls and skips reported.
//
// fileScan's own methods are the two passes over those: the project pass
// (project.go, wrappers.go, keyed.go: bases, clients, wrappers, tables)
// and the file pass (this file, evidence.go, paths.go, sdk.go), which
// decides what is a Zoom call.
type fileScan struct {
	exprs
	bindings
	findings
	s *Scanner
	// cue: the file mentions Zoom (path or text); path strings and SDK
	// methods are read only in such files.
	cue bool
	// known marks the names of functions declared as wrappers.
	known map[int]bool
	// used marks string tokens already read as part of a chain.
	used []bool
}

func newFileScan(s *Scanner, name, src string, l *Language) *fileScan {
	toks := lex(src, l)
	return &fileScan{
		exprs:    exprs{callFinder{decls{tokens: tokens{l: l, toks: toks, match: matchBrackets(toks)}}}},
		findings: findings{file: name},
		bindings: bindings{
			zoomBases: map[string]bool{}, otherBases: map[string]bool{}, zoomClients: map[string]bool{},
			baseSites: map[string]string{}, notClients: map[string]bool{},
		},
		s: s, cue: zoomCue(name, toks),
		known: map[int]bool{}, used: make([]bool, len(toks)),
	}
}

// zoomCue reports whether a file is about Zoom's API, so that its path
// strings and SDK-like method names may be Zoom calls: its name says
// "zoom", or its text names Zoom's API host or a Zoom SDK package. The
// bare word "zoom" is not enough ("setZoom(12)", "pinch to zoom").
func zoomCue(name string, toks []token) bool {
	if hasWord(filepath.Base(name), "zoom") || strings.Contains(strings.ToLower(filepath.ToSlash(name)), "/zoom") {
		return true
	}
	for _, t := range toks {
		switch t.kind {
		case tIdent:
			switch normIdent(bare(t.text)) {
			case "zoomus", "zoomapi", "zoomclient", "zoomsdk", "zoom":
				return true
			}
		case tString:
			if containsFold(t.text, "api.zoom.us") || containsFold(t.text, "zoom.us/v2") {
				return true
			}
			for _, part := range strings.FieldsFunc(strings.ToLower(t.text), func(r rune) bool { return r == '/' || r == '@' || r == '\\' }) {
				switch normIdent(strings.ReplaceAll(part, "-", "")) {
				case "zoomus", "zoomapi", "zoomsdk", "zoom":
					return true
				}
			}
		}
	}
	return false
}

// containsFold reports whether s contains the lower-case ASCII word sub
// in any case, without allocating a lowered copy of s.
func containsFold(s, sub string) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		if s[i]|0x20 == sub[0] && strings.EqualFold(s[i:i+n], sub) {
			return true
		}
	}
	return false
}

func (f *fileScan) run() {
	f.wrapperCalls()
	f.tables()
	f.keyedEntries()
	for i, t := range f.toks {
		if t.kind == tString && !f.used[i] {
			f.via = nil
			f.chainAt(i)
		}
	}
	f.via = nil
	if f.cue && len(f.s.ops) > 0 {
		f.sdkCalls()
	}
}

// bare strips sigils and returns an identifier's comparable name.
func bare(s string) string { return strings.TrimLeft(s, "$@") }

// lastIdent returns the last identifier in an expression's text.
func lastIdent(expr string) string {
	last := ""
	for i := 0; i < len(expr); {
		if isIdentStart(expr[i]) {
			j := i
			for j < len(expr) && isIdentChar(expr[j]) {
				j++
			}
			last = expr[i:j]
			i = j
			continue
		}
		i++
	}
	return last
}

// ---- operands and chains ----

// chain is a concatenation of operands with at least one string.
type chain struct {
	start, end int // token range [start, end)
	pieces     []piece
	// format: the pieces are a format template's, filled in from its
	// arguments (see formatChain), the first of them the base URL.
	format bool
}

// chainAt builds the concatenation chain containing string token i and
// analyses it.
func (f *fileScan) chainAt(i int) {
	if !f.isConcat(i - 1) {
		if c, ok := f.formatChain(i); ok {
			f.used[i] = true
			f.analyze(c)
			return
		}
	}
	start := i
	for steps := 0; steps < 32 && f.isConcat(start-1); steps++ {
		k := f.operandStart(start - 2)
		if k < 0 {
			break
		}
		start = k
	}
	c := chain{start: start}
	k := start
	for steps := 0; steps < 64; steps++ {
		e := f.operandEnd(k)
		if e < 0 {
			break
		}
		t := f.toks[k]
		switch {
		case t.kind == tString && e == k+1:
			c.pieces = append(c.pieces, t.pieces...)
			f.used[k] = true
		default:
			c.pieces = append(c.pieces, f.operandPiece(k, e))
		}
		c.end = e
		if !f.isConcat(e) {
			break
		}
		k = e + 1
	}
	if c.end <= c.start {
		return
	}
	f.analyze(c)
}

// ---- analysis ----

// analyze decides whether a chain is a Zoom call and reports it.
func (f *fileScan) analyze(c chain) {
	if len(c.pieces) == 0 {
		return
	}
	ps := c.pieces
	kind := KindPath
	shape := shapeNone
	base := "" // the unknown base a path hangs on
	if !ps[0].param {
		var rest string
		shape, rest = classify(ps[0].text)
		switch shape {
		case shapeZoomAPI:
			kind = KindURL
			ps = append([]piece{{text: rest}}, ps[1:]...)
		case shapeZoomBase:
			if len(ps) == 1 {
				return
			}
			kind = KindURL
			ps = ps[1:]
		case shapePath, shapeRelative:
		default:
			return
		}
	} else {
		name := bare(lastIdent(ps[0].text))
		site, isBase := f.baseOf(name)
		if ps[0].text == zoomLiteral {
			isBase, site = true, ""
		}
		switch {
		case isBase && !f.isOther(name):
			kind = KindURL
			ps = ps[1:]
			if site == "" {
				site = f.site(c.start, name)
			}
			f.via = append(f.via, site)
		case f.isOther(name):
			return
		default:
			if len(ps) >= 2 && !ps[1].param && !strings.HasPrefix(ps[1].text, "/") && ps[1].text != "" && apiBaseName(bare(lastIdent(ps[0].text))) {
				// config.apiUrl + "users/": a base named for an API ends in "/".
				ps = append([]piece{ps[0], {text: "/" + ps[1].text}}, ps[2:]...)
			}
			if len(ps) < 2 || ps[1].param || !strings.HasPrefix(ps[1].text, "/") {
				return
			}
			base = paramName(ps[0].text)
			ps = ps[1:]
			shape = shapePath
		}
		if kind == KindURL && len(ps) > 0 && !ps[0].param {
			// A host-only base: the rest starts with /v2.
			t := ps[0].text
			if strings.HasPrefix(t, "/v2/") || t == "/v2" {
				ps = append([]piece{{text: t[3:]}}, ps[1:]...)
			}
		}
	}
	if len(ps) == 0 {
		return
	}
	via := f.via
	for _, alt := range f.expand(ps, c.start) {
		f.via = append(append([]string(nil), via...), alt.via...)
		f.analyzePath(c, alt.pieces, kind, shape, base)
	}
	f.via = via
}

// analyzePath reports the path of a chain, its base (if any) removed.
func (f *fileScan) analyzePath(c chain, ps []piece, kind Kind, shape urlShape, base string) {
	pt := composePath(ps)
	line := f.toks[c.start].line
	if !pt.ok || pt.literals == 0 {
		if c.format && kind == KindURL && pt.ok && (ps[0].param || strings.HasPrefix(ps[0].text, "/")) {
			// A format on Zoom's base URL whose path is all placeholders
			// ("%s%s" % (ZOOM, path)): a Zoom call, of no known endpoint.
			f.skip(line, pt.path, "Zoom API URL whose path is built at run time; give the call the code makes with --call", nil)
		}
		return
	}
	if kind == KindURL {
		f.urlCall(c, pt, line)
		return
	}
	if pt.route {
		// A :param path is a route the app serves, unless it is the URL
		// of a declarative entry that names its method (url: '/users/:id',
		// method: :get) in a file about Zoom.
		if _, _, ok := f.keyedMethod(c.start); !ok || !f.cue || c.end != c.start+1 {
			return
		}
	}
	if !f.pathCall(c, pt, line, shape == shapeRelative) && c.format && base != "" {
		f.unknownBase(c, pt, line, base)
	}
}

// unknownBase warns of a format on a base URL the file does not assign
// (fmt.Sprintf("%s/users/%s", c.baseURL, id)) whose path the catalog
// knows, in an HTTP call with a method, in a file about Zoom, when the
// path rule did not report it (the URL is not the call's first argument,
// or the catalog lacks the method): it may well be a Zoom call.
func (f *fileScan) unknownBase(c chain, pt pathText, line int, base string) {
	if !f.cue {
		return
	}
	ev := f.evidence(c.start, c.end)
	if ev.route {
		return
	}
	if ev.method == "" && !ev.ambiguous {
		v, ok := f.viaVariable(c)
		if !ok || v.route {
			return
		}
		ev = v
	}
	if ev.method == "" && !ev.ambiguous {
		return
	}
	cands := f.s.candidates(pt.path)
	if len(cands) == 0 {
		return
	}
	text := "{" + base + "}" + pt.path
	if ev.method != "" {
		text = ev.method + " " + text
	}
	f.skip(line, text, "URL formatted on "+base+", which the file does not assign Zoom's base URL to; if it is Zoom's, give the call with --call", cands)
}

// urlCall reports a Zoom URL: resolved with its method, or with the only
// method the catalog has for the path, or skipped.
func (f *fileScan) urlCall(c chain, pt pathText, line int) {
	ev := f.evidence(c.start, c.end)
	if ev.route {
		return
	}
	conf := High
	if ev.method == "" {
		if v, ok := f.viaVariable(c); ok {
			if v.route {
				return
			}
			ev, conf = v, Medium
		}
	}
	if ev.via != "" {
		f.via = append(f.via, ev.via)
	}
	cands := f.s.candidates(pt.path)
	if ev.method == "" {
		switch {
		case len(cands) == 1:
			f.report(cands[0], line, Medium, KindURL)
		case len(cands) == 0:
			f.skip(line, pt.path, "Zoom API URL not in the catalog (add the product's API reference with --add-docs)", nil)
		default:
			reason := "HTTP method not found near the URL and the catalog has several for its path; give the one the code uses with --call"
			if ev.ambiguous {
				reason = "several HTTP methods near the URL; give the one the code uses with --call"
			}
			f.skip(line, pt.path, reason, cands)
		}
		return
	}
	if spec, ok := f.s.resolve(ev.method, pt.path); ok {
		f.report(spec, line, conf, KindURL)
		return
	}
	if len(cands) == 0 {
		f.skip(line, ev.method+" "+pt.path, "Zoom API URL not in the catalog (add the product's API reference with --add-docs)", nil)
		return
	}
	f.skip(line, ev.method+" "+pt.path, "the catalog has no "+ev.method+" for this path", cands)
}

// pathCall reports a path string that matches a catalog template with an
// HTTP method in its call. relative paths count only on Zoom clients.
// It reports whether the path was settled: reported, or a route.
func (f *fileScan) pathCall(c chain, pt pathText, line int, relative bool) bool {
	ev := f.evidence(c.start, c.end)
	if ev.route {
		return true
	}
	// A declarative entry in a file about Zoom: define(name: 'x',
	// method: :get, url: '/users/:id'), {method: 'POST', path: '/rooms'}.
	if f.cue || ev.zoomClient {
		if m, amb, ok := f.keyedMethod(c.start); ok && f.valueEnds(c.end) {
			if amb {
				f.skip(line, pt.path, "several methods in the entry", f.s.candidates(pt.path))
				return true
			}
			if spec, ok := f.s.resolve(m, pt.path); ok {
				f.report(spec, line, Medium, KindPath)
				return true
			}
		}
		// An options object without a method, sent by a request function
		// whose default is GET (rp({uri: base + "users/"})), or given one
		// later (opts.method = "PATCH").
		if k := c.start - 2; f.isPunct(c.start-1, ":", "=>") && urlKey(bare(f.tok(k).text)) && f.valueEnds(c.end) {
			if m := f.optionsMethod(k); m != "" {
				if spec, ok := f.s.resolve(m, pt.path); ok {
					f.report(spec, line, Medium, KindPath)
					return true
				}
			}
		}
	}
	conf := Medium
	if ev.zoomClient {
		conf = High
	}
	if ev.method == "" || !ev.firstArg {
		v, ok := f.viaVariable(c)
		if ok && v.route {
			return true
		}
		if !ok || !v.firstArg || v.method == "" {
			return false
		}
		ev, conf = v, Low
		if v.zoomClient {
			conf = Medium
		}
	}
	if !ev.zoomClient && (relative || !f.cue) {
		return false
	}
	if ev.via != "" {
		f.via = append(f.via, ev.via)
	}
	if spec, ok := f.s.resolve(ev.method, pt.path); ok {
		f.report(spec, line, conf, KindPath)
		return true
	}
	return false
}
