package scan

import (
	"path/filepath"
	"strings"
)

// fileScan is the state of scanning one source file.
type fileScan struct {
	s    *Scanner
	name string
	l    *Language
	toks []token
	// cue: the file mentions Zoom (path or text); path strings and SDK
	// methods are read only in such files.
	cue bool
	// zoomBases are identifiers the file assigns Zoom's base URL to;
	// otherBases those it assigns another host's URL to.
	zoomBases, otherBases map[string]bool
	// zoomClients are identifiers holding an HTTP client built with
	// Zoom's base URL (axios.create({baseURL: …}), new Client([…])).
	zoomClients map[string]bool
	// baseSites: where each of zoomBases is assigned ("file:line name").
	baseSites map[string]string
	// notClients are names the file assigns something other than a Zoom client.
	notClients map[string]bool
	// proj is what the project pass learnt; funcs the file's functions.
	proj  *project
	funcs []funcDef
	// known marks the names of functions declared as wrappers.
	known map[int]bool
	// used marks string tokens already read as part of a chain.
	used []bool
	// match pairs brackets (see matchBrackets).
	match   []int32
	calls   []Call
	skipped []Skipped
	// via is the evidence chain of the call being analysed.
	via []string
}

func newFileScan(s *Scanner, name, src string, l *Language) *fileScan {
	toks := lex(src, l)
	return &fileScan{
		s: s, name: name, l: l, toks: toks,
		cue:       zoomCue(name, toks),
		zoomBases: map[string]bool{}, otherBases: map[string]bool{}, zoomClients: map[string]bool{},
		baseSites: map[string]string{}, notClients: map[string]bool{}, known: map[int]bool{},
		used: make([]bool, len(toks)), match: matchBrackets(toks),
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

// ---- token helpers ----

func (f *fileScan) tok(i int) token {
	if i < 0 || i >= len(f.toks) {
		return token{kind: tPunct}
	}
	return f.toks[i]
}

func (f *fileScan) isPunct(i int, texts ...string) bool {
	t := f.tok(i)
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

func (f *fileScan) isIdent(i int) bool { return f.tok(i).kind == tIdent }

// isConcat reports whether token i is the language's concatenation operator.
func (f *fileScan) isConcat(i int) bool { return f.isPunct(i, f.l.concat) }

// isMember reports whether token i is a member access operator.
func (f *fileScan) isMember(i int) bool { return f.isPunct(i, f.l.members...) }

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

// matchClose returns the index of the bracket closing the one at open, or -1.
func (f *fileScan) matchClose(open int) int {
	if open < 0 || open >= len(f.match) {
		return -1
	}
	c := int(f.match[open])
	if c < open || c-open > maxSpan {
		return -1
	}
	return c
}

// matchOpen returns the index of the bracket opening the one at close, or -1.
func (f *fileScan) matchOpen(close int) int {
	if close < 0 || close >= len(f.match) {
		return -1
	}
	o := int(f.match[close])
	if o < 0 || o > close || close-o > maxSpan {
		return -1
	}
	return o
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

// operandEnd returns the index after the operand starting at k, or -1.
// An operand is a string, or an identifier with member accesses, calls
// and indexes, or a parenthesised expression.
func (f *fileScan) operandEnd(k int) int {
	t := f.tok(k)
	switch {
	case t.kind == tString || t.kind == tNumber:
		return k + 1
	case t.kind == tIdent:
		e := k + 1
		for e < len(f.toks) {
			switch {
			case f.isMember(e) && f.isIdent(e+1):
				e += 2
			case f.isPunct(e, "(", "["):
				c := f.matchClose(e)
				if c < 0 {
					return -1
				}
				e = c + 1
			default:
				return e
			}
		}
		return e
	case f.isPunct(k, "("):
		c := f.matchClose(k)
		if c < 0 {
			return -1
		}
		return c + 1
	}
	return -1
}

// operandStart returns the start of the operand ending at k, or -1.
func (f *fileScan) operandStart(k int) int {
	for steps := 0; k >= 0 && steps < 64; steps++ {
		t := f.tok(k)
		switch {
		case t.kind == tString || t.kind == tNumber:
			return k
		case f.isPunct(k, ")", "]"):
			m := f.matchOpen(k)
			if m < 0 {
				return -1
			}
			if f.isIdent(m-1) || f.isPunct(m-1, "]", ")") && f.isPunct(m, "[") {
				k = m - 1
				continue
			}
			return m
		case t.kind == tIdent:
			if f.isMember(k-1) && (f.isIdent(k-2) || f.isPunct(k-2, ")", "]")) {
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

// ---- URL and path classification ----

// zoomHosts are the ways Zoom's API host is written at a URL's start.
func zoomHosts() []string {
	return []string{"https://api.zoom.us", "http://api.zoom.us", "//api.zoom.us", "api.zoom.us"}
}

// urlShape classifies a literal's start.
type urlShape int

const (
	shapeNone     urlShape = iota // prose, another host, a relative name
	shapeZoomBase                 // Zoom's base URL and nothing more
	shapeZoomAPI                  // a Zoom API URL; rest is its path
	shapeOther                    // another host's URL
	shapePath                     // an absolute path
	shapeRelative                 // a relative path ("users/me")
)

// classify reads the start of a literal: what it is and, for Zoom URLs,
// the path after /v2.
func classify(s string) (urlShape, string) {
	t := strings.TrimLeft(s, " \t\r\n")
	lower := strings.ToLower(t[:min(len(t), 32)]) // enough for every prefix below
	for _, h := range zoomHosts() {
		if !strings.HasPrefix(lower, h) {
			continue
		}
		rest := t[len(h):]
		rest = strings.TrimPrefix(rest, ":443")
		switch {
		case rest == "" || rest == "/":
			return shapeZoomBase, ""
		case rest == "/v2" || rest == "/v2/":
			return shapeZoomBase, ""
		case strings.HasPrefix(rest, "/v2/") || strings.HasPrefix(rest, "/v2?"):
			return shapeZoomAPI, rest[3:]
		case rest[0] == '/' || rest[0] == '?':
			return shapeNone, "" // /oauth/token, /v1: not the v2 REST API
		}
		return shapeOther, "" // api.zoom.us.example.com
	}
	switch {
	case strings.Contains(t, "://") || strings.HasPrefix(t, "//"):
		return shapeOther, ""
	case strings.HasPrefix(t, "/"):
		return shapePath, t
	}
	if i := strings.IndexByte(t, '/'); i > 0 && strings.Contains(t[:i], ".") {
		return shapeOther, "" // example.com/users
	}
	return shapeRelative, t
}

// pathText is a reconstructed path: template text ("/users/{id}") and
// what it looks like.
type pathText struct {
	path     string
	literals int  // literal segments
	route    bool // written in a web framework's route syntax (:id, <id>)
	ok       bool // looks like a URL path at all
}

// composePath turns pieces into a path template: each interpolation a
// {name} segment (a segment mixing text and interpolation is one
// parameter), %s-style verbs parameters, query and fragment removed.
func composePath(ps []piece) pathText {
	var b strings.Builder
loop:
	for _, p := range ps {
		if p.param {
			b.WriteString("\x00" + paramName(p.text) + "\x01")
			continue
		}
		txt := p.text
		if i := strings.IndexAny(txt, "?#"); i >= 0 {
			b.WriteString(txt[:i])
			break loop
		}
		b.WriteString(txt)
	}
	raw := strings.TrimRight(b.String(), " \t\r\n")
	if raw == "" || raw[0] != '/' {
		raw = "/" + raw
	}
	segs := strings.Split(raw, "/")
	pt := pathText{ok: true}
	for i, seg := range segs {
		if i == 0 {
			continue
		}
		if seg == "" {
			if i != len(segs)-1 {
				pt.ok = false
			}
			continue
		}
		if j := strings.IndexByte(seg, 0); j >= 0 {
			name := seg[j+1:]
			if k := strings.IndexByte(name, 1); k >= 0 {
				name = name[:k]
			}
			segs[i] = "{" + name + "}"
			continue
		}
		switch {
		case strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}"):
			if seg == "{}" {
				segs[i] = "{param}"
			}
			continue
		case hasFormatVerb(seg):
			segs[i] = "{param}"
			continue
		case seg[0] == ':' && len(seg) > 1, seg[0] == '<' && seg[len(seg)-1] == '>':
			pt.route = true
			continue
		}
		if !plainSegment(seg) {
			pt.ok = false
			continue
		}
		pt.literals++
	}
	pt.path = strings.TrimRight(strings.Join(segs, "/"), "/")
	if pt.path == "" {
		pt.path = "/"
	}
	return pt
}

// paramName turns an interpolated expression into a parameter name.
func paramName(expr string) string {
	n := bare(lastIdent(expr))
	if n == "" {
		return "param"
	}
	return n
}

// hasFormatVerb reports a printf verb (%s, %d, %v) in a segment.
func hasFormatVerb(seg string) bool {
	for i := 0; i+1 < len(seg); i++ {
		if seg[i] == '%' && strings.IndexByte("sdvqxiu", seg[i+1]) >= 0 {
			return true
		}
	}
	return false
}

// plainSegment reports whether a literal segment looks like a URL path
// segment (no spaces, quotes, markup or glob stars: test fakes write
// 'api.zoom.us/v2/meetings/*/recordings').
func plainSegment(seg string) bool {
	for i := 0; i < len(seg); i++ {
		c := seg[i]
		if !(isIdentChar(c) || strings.IndexByte("-.~%@+=,;!'$", c) >= 0) {
			return false
		}
	}
	return true
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

// valueEnds reports whether an entry's value ends at token e.
func (f *fileScan) valueEnds(e int) bool {
	return e >= len(f.toks) || f.isPunct(e, ",", "}", ")", "]", ";") || f.tok(e).first
}

func (f *fileScan) report(spec string, line int, conf Confidence, kind Kind) {
	via := append([]string{}, f.via...)
	f.calls = append(f.calls, Call{Call: spec, File: f.name, Line: line, Confidence: conf, Kind: kind, Via: via})
}

func (f *fileScan) skip(line int, text, reason string, cands []string) {
	f.skipped = append(f.skipped, Skipped{File: f.name, Line: line, Text: text, Reason: reason, Candidates: cands})
}
