package scan

import (
	"path/filepath"
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/parser/record"
)

// fileScan is the state of scanning one source file.
type fileScan struct {
	s    *Scanner
	name string
	l    *lang
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

func newFileScan(s *Scanner, name, src string, l *lang) *fileScan {
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
func (f *fileScan) isMember(i int) bool {
	if f.l.concat == "." {
		return f.isPunct(i, "->", "::", "?.")
	}
	return f.isPunct(i, ".", "->", "::", "?.")
}

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
		return
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

func (f *fileScan) report(spec string, line int, conf Confidence, kind Kind) {
	via := append([]string{}, f.via...)
	f.calls = append(f.calls, Call{Call: spec, File: f.name, Line: line, Confidence: conf, Kind: kind, Via: via})
}

func (f *fileScan) skip(line int, text, reason string, cands []string) {
	f.skipped = append(f.skipped, Skipped{File: f.name, Line: line, Text: text, Reason: reason, Candidates: cands})
}

// ---- method evidence ----

// evidence is what the code around a URL or path says about it.
type evidence struct {
	method     string // the HTTP method, "" when unknown
	ambiguous  bool   // several methods were found
	route      bool   // the string is a route the app serves
	firstArg   bool   // the string is the first argument of its call
	zoomClient bool   // the call's receiver is a client with Zoom's base URL
	via        string // the project function the URL is passed to, if any
}

// callSite is a call around a token: its brackets and callee.
type callSite struct {
	open, close int
	calleeIdx   int    // index of the callee identifier, -1 if none
	callee      string // callee name
	recv        string // receiver's last identifier ("" if none)
	start       int    // first token of the callee expression
	arg         int    // argument index of the token inside
	nargs       int
}

// enclosingCall finds the call whose argument list holds token i: the
// nearest unmatched "(" before it, passing through object and array
// literals that are themselves arguments, stopping at statement and
// block boundaries.
func (f *fileScan) enclosingCall(i int) (callSite, bool) {
	depth, arg, literal := 0, 0, false
	for j, steps := i-1, 0; j >= 0 && steps < 400; j, steps = j-1, steps+1 {
		t := f.toks[j]
		if t.kind != tPunct {
			continue
		}
		switch {
		case isClose(t.text):
			depth++
		case isOpen(t.text):
			if depth > 0 {
				depth--
				continue
			}
			if t.text == "(" {
				return f.callAt(j, arg, literal), true
			}
			// An object or array literal passed as an argument.
			if f.isPunct(j-1, "(", ",", "=>", ":") {
				literal = true
				continue
			}
			return callSite{}, false
		case t.text == ";" && depth == 0:
			return callSite{}, false
		case t.text == "," && depth == 0 && !literal:
			arg++
		}
	}
	return callSite{}, false
}

// callAt describes the call whose "(" is at open.
func (f *fileScan) callAt(open, arg int, literal bool) callSite {
	cs := callSite{open: open, close: f.matchClose(open), calleeIdx: -1, start: open, arg: arg}
	if literal {
		cs.arg = -1
	}
	unclosed := cs.close < 0
	if unclosed {
		cs.close = len(f.toks)
	}
	callee := open - 1
	if f.isPunct(callee, ">") {
		// Type arguments: this.http.get<User>(url).
		callee = f.skipTypeArgs(callee)
	}
	if f.isIdent(callee) {
		cs.calleeIdx = callee
		cs.callee = f.toks[callee].text
		cs.start = f.exprStart(callee)
		if f.isMember(callee-1) && f.isIdent(callee-2) {
			cs.recv = bare(f.toks[callee-2].text)
		}
		if f.tok(cs.start-1).text == "new" && f.isIdent(cs.start-1) {
			cs.start--
		}
	}
	if unclosed {
		return cs // evidence ignores it; counting its arguments would cost O(n)
	}
	depth := 0
	if cs.close > open+1 {
		cs.nargs = 1
	}
	for j := open + 1; j < cs.close; j++ {
		t := f.toks[j]
		if t.kind != tPunct {
			continue
		}
		switch {
		case isOpen(t.text):
			depth++
		case isClose(t.text):
			depth--
		case t.text == "," && depth == 0:
			cs.nargs++
		}
	}
	return cs
}

// skipTypeArgs returns the token before the "<" matching the ">" at k,
// or k when there is none within a few tokens.
func (f *fileScan) skipTypeArgs(k int) int {
	depth := 0
	for j := k; j >= 0 && j > k-24; j-- {
		switch {
		case f.isPunct(j, ">"):
			depth++
		case f.isPunct(j, "<"):
			depth--
			if depth == 0 {
				return j - 1
			}
		case f.isPunct(j, ";", "(", ")", "="):
			return k
		}
	}
	return k
}

// exprStart walks back from identifier k over member accesses and calls
// (a.b().c) to the start of the expression.
func (f *fileScan) exprStart(k int) int {
	for steps := 0; steps < 64; steps++ {
		if !f.isMember(k - 1) {
			return k
		}
		j := k - 2
		switch {
		case f.isIdent(j):
			k = j
		case f.isPunct(j, ")", "]"):
			m := f.matchOpen(j)
			if m < 0 {
				return k
			}
			if f.isIdent(m - 1) {
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

// wrapperCallee reports callees that only build a URL (URI(…),
// URI.create(…), fmt.Sprintf(…), new URL(…), "…".format(…)): the method
// is in the call around them. Lower-case uri( and url( are builder steps
// (HttpRequest.newBuilder().uri(…), Request.Builder().url(…)), not wrappers.
func wrapperCallee(name string) bool {
	switch name {
	case "URI", "URL", "Uri", "Url":
		return true
	}
	switch strings.ToLower(name) {
	case "create", "parse", "sprintf", "format", "encodeuri", "urljoin", "join",
		"string", "str", "of", "resolve", "tostring", "build_url", "buildurl", "expand":
		return true
	}
	return false
}

// routeCallee reports callees that register a route the app serves.
func routeCallee(name string) bool {
	switch strings.ToLower(name) {
	case "handlefunc", "handle", "handler", "handlerfunc", "route", "add_url_rule", "add_api_route",
		"add_route", "addroute", "path", "re_path", "api_view", "match", "resources", "resource", "namespace",
		"getmapping", "postmapping", "putmapping", "patchmapping", "deletemapping", "requestmapping":
		return true
	}
	return false
}

// routeReceiver reports receivers that are web frameworks' routers.
func routeReceiver(name string) bool {
	switch strings.ToLower(name) {
	case "app", "router", "r", "mux", "e", "g", "server", "srv", "fastify", "route", "routes", "engine",
		"group", "bp", "blueprint", "api_router", "apirouter", "subrouter", "v1", "v2", "hono", "koa", "express":
		return true
	}
	return false
}

// verbOf maps a callee name to the HTTP method it performs: get, post,
// Post, PostForm, getForObject (RestTemplate), postForEntity.
func verbOf(name string) string {
	n := strings.ToLower(name)
	for _, m := range []string{"get", "post", "put", "patch", "delete"} {
		switch n {
		case m, m + "forobject", m + "forentity", m + "forlocation", m + "async", m + "_json", m + "json":
			return strings.ToUpper(m)
		}
	}
	switch n {
	case "postform":
		return "POST"
	case "del":
		return "DELETE"
	}
	return ""
}

// methodWord returns s upper-cased when it is an HTTP method name.
func methodWord(s string) string {
	u := strings.ToUpper(strings.TrimSpace(s))
	switch u {
	case "GET", "POST", "PUT", "PATCH", "DELETE":
		return u
	}
	return ""
}

// methodReceivers are the qualifiers of method constants
// (HttpMethod.POST, Net::HTTP::Post, RequestMethod.GET).
func methodReceiver(name string) bool {
	switch strings.ToLower(name) {
	case "httpmethod", "http", "method", "methods", "requestmethod", "httpmethods", "verb":
		return true
	}
	return false
}

// constMethods collects method constants and method-name strings in
// tokens [a, b), outside [xa, xb): "POST", http.MethodPost,
// HttpMethod.DELETE, Net::HTTP::Post.
func (f *fileScan) constMethods(a, b, xa, xb int, into map[string]bool) {
	for j := a; j < b && j < len(f.toks); j++ {
		if j >= xa && j < xb {
			continue
		}
		t := f.toks[j]
		switch t.kind {
		case tString:
			if len(t.pieces) <= 1 {
				if m := methodWord(t.text); m != "" {
					into[m] = true
				}
			}
		case tIdent:
			switch t.text {
			case "CURLOPT_POST":
				into["POST"] = true // PHP curl: CURLOPT_POST => true
				continue
			case "CURLOPT_HTTPGET":
				into["GET"] = true
				continue
			}
			if strings.HasPrefix(t.text, "Method") {
				if m := methodWord(t.text[6:]); m != "" && strings.ToUpper(t.text[6:]) != t.text[6:] {
					into[m] = true // Go http.MethodPost
				}
				continue
			}
			m := methodWord(t.text)
			if m == "" || !f.isMember(j-1) {
				continue
			}
			if t.text == m && !f.isPunct(j+1, "(") || methodReceiver(bare(f.tok(j-2).text)) {
				into[m] = true
			}
		}
	}
}

// one returns the single method of a set; ambiguous when there are more.
func one(ms map[string]bool) (string, bool) {
	if len(ms) != 1 {
		return "", len(ms) > 1
	}
	for m := range ms {
		return m, false
	}
	return "", false
}

// defaultGET callees perform a GET when given only the URL.
func defaultGET(name string) bool {
	switch strings.ToLower(name) {
	case "fetch", "$fetch", "ofetch", "urlopen", "file_get_contents", "got", "ky", "httpget", "open_uri":
		return true
	}
	return false
}

// evidence reads the calls around tokens [a, b): whether they serve a
// route, and which HTTP method they perform.
func (f *fileScan) evidence(a, b int) evidence {
	var ev evidence
	if f.l.ruby && f.rubyRoute(a) {
		ev.route = true
		return ev
	}
	inner := a
	for level := 0; level < 4; level++ {
		cs, ok := f.enclosingCall(inner)
		if !ok {
			// An options object: {method: "POST", uri: "https://…"}.
			ev.method, ev.ambiguous = f.objectMethod(inner)
			return ev
		}
		if cs.close >= len(f.toks) {
			return ev // a call that never closes (truncated code)
		}
		if cs.calleeIdx >= 0 && wrapperCallee(cs.callee) && cs.arg == 0 {
			ms := map[string]bool{}
			f.constMethods(cs.open+1, cs.close, a, b, ms)
			if m, amb := one(ms); m != "" || amb {
				ev.method, ev.ambiguous = m, amb
				return ev
			}
			inner = cs.start
			continue
		}
		ev.firstArg = cs.arg == 0
		ev.zoomClient = cs.recv != "" && f.zoomClients[cs.recv]
		// A project function that sends its argument: self._send(url, "POST").
		if w := f.sender(cs); w != nil {
			ev.via = w.site
			args := f.splitArgs(cs.open, cs.close)
			if ra, ok := f.argFor(args, w.param, w.paramName); ok && ra[0] <= a && b <= ra[1] {
				m, amb := f.argMethods(args, ra)
				if m == "" && !amb {
					m = w.fixed
					if m == "" {
						m = w.def
					}
				}
				ev.method, ev.ambiguous = m, amb
				return ev
			}
		}
		verb := verbOf(cs.callee)
		if f.isPunct(cs.start-1, "@") || routeCallee(cs.callee) ||
			verb != "" && (routeReceiver(cs.recv) && !ev.zoomClient || f.hasHandler(cs.open+1, cs.close, a, b)) {
			ev.route = true
			return ev
		}
		// 1. The callee itself: requests.post(, axios.get(, http.Post(.
		if verb != "" {
			ev.method = verb
			return ev
		}
		// 2. Method names and constants in the callee expression and the
		// arguments: Net::HTTP::Post.new(uri), request('GET', url),
		// NewRequest(http.MethodPost, …), fetch(url, {method: 'PATCH'}).
		ms := map[string]bool{}
		f.constMethods(cs.start, cs.open, -1, -1, ms)
		f.constMethods(cs.open+1, cs.close, a, b, ms)
		if m, amb := one(ms); m != "" || amb {
			ev.method, ev.ambiguous = m, amb
			return ev
		}
		// 3. The builder chain the call is part of: .uri(…).POST(…),
		// .url(url).delete(), .method("PATCH", body).
		ms = f.chainMethods(cs)
		if m, amb := one(ms); m != "" || amb {
			ev.method, ev.ambiguous = m, amb
			return ev
		}
		// 4. Clients whose default is GET: fetch(url), urlopen(url), and
		// fetch(url, {headers}) whose options name no method.
		if defaultGET(cs.callee) && cs.arg == 0 && (cs.nargs == 1 || cs.nargs == 2 && f.isPunct(b, ",") && f.isPunct(b+1, "{")) {
			ev.method = "GET"
		}
		return ev
	}
	return ev
}

// methodKey reports the keys options objects give the HTTP method under.
func methodKey(s string) bool {
	switch strings.ToLower(s) {
	case "method", "verb", "httpmethod", "http_method", "type":
		return true
	}
	return false
}

// objectMethod reads the object literal directly around token i (not an
// argument of a call: enclosingCall handles those) for a method key
// among its own entries: {method: 'POST', url: …}, {"method": "POST"},
// ['method' => 'POST'].
func (f *fileScan) objectMethod(i int) (string, bool) {
	depth := 0
	open := -1
	for j, steps := i-1, 0; j >= 0 && steps < 400; j, steps = j-1, steps+1 {
		t := f.toks[j]
		if t.kind != tPunct {
			continue
		}
		if isClose(t.text) {
			depth++
		} else if isOpen(t.text) {
			if depth > 0 {
				depth--
				continue
			}
			if t.text == "(" {
				return "", false
			}
			open = j
			break
		} else if t.text == ";" && depth == 0 {
			return "", false
		}
	}
	if open < 0 || !f.isPunct(open-1, "=", ":=", ",", ":", "=>") && f.tok(open-1).text != "return" {
		return "", false
	}
	end := f.matchClose(open)
	if end < 0 {
		return "", false
	}
	ms := map[string]bool{}
	depth = 0
	for j := open + 1; j < end; j++ {
		t := f.toks[j]
		switch {
		case t.kind == tPunct && isOpen(t.text):
			depth++
		case t.kind == tPunct && isClose(t.text):
			depth--
		case depth == 0 && (t.kind == tIdent || t.kind == tString) && methodKey(bare(t.text)) &&
			f.isPunct(j+1, ":", "=>", "=") && f.tok(j+2).kind == tString:
			if m := methodWord(f.tok(j + 2).text); m != "" {
				ms[m] = true
			}
		}
	}
	return one(ms)
}

// rubyRoute reports Rails and Sinatra route DSL: a bare HTTP verb at the
// start of a line followed by the string ("get '/users' do").
func (f *fileScan) rubyRoute(a int) bool {
	k := a - 1
	if f.isPunct(k, "(") {
		k--
	}
	t := f.tok(k)
	return t.kind == tIdent && t.first && verbOf(t.text) != "" && t.text == strings.ToLower(t.text)
}

// hasHandler reports a function among a call's arguments (outside the
// string itself): app.get('/x', (req, res) => …), get('/x', function …),
// r.Get("/x", func(…)), Ruby's do blocks and lambdas.
func (f *fileScan) hasHandler(a, b, xa, xb int) bool {
	for j := a; j < b && j < len(f.toks); j++ {
		if j >= xa && j < xb {
			continue
		}
		t := f.toks[j]
		switch f.l.name {
		case "php":
			if t.kind == tIdent && (t.text == "function" || t.text == "fn") {
				return true
			}
		case "python":
			if t.kind == tIdent && t.text == "lambda" {
				return true
			}
		case "ruby":
			if t.kind == tIdent && (t.text == "lambda" || t.text == "proc") || t.kind == tPunct && t.text == "->" {
				return true
			}
		case "go":
			if t.kind == tIdent && t.text == "func" {
				return true
			}
		case "java", "kotlin":
			if t.kind == tPunct && t.text == "->" {
				return true
			}
		default:
			if t.kind == tIdent && t.text == "function" || t.kind == tPunct && t.text == "=>" {
				return true
			}
		}
	}
	return false
}

// chainMethods reads a builder chain around a call at depth 0:
// a.b(…).c(…) before and after it, for verb callees (.POST(, .delete()
// and method constants in their arguments.
func (f *fileScan) chainMethods(cs callSite) map[string]bool {
	ms := map[string]bool{}
	seg := func(calleeIdx, open int) {
		if calleeIdx == cs.calleeIdx {
			return
		}
		t := f.tok(calleeIdx)
		if t.kind == tIdent {
			if m := verbOf(t.text); m != "" && f.isMember(calleeIdx-1) {
				ms[m] = true
			}
			if strings.EqualFold(t.text, "method") || strings.EqualFold(t.text, "setRequestMethod") {
				if c := f.matchClose(open); c > open {
					f.constMethods(open+1, c, -1, -1, ms)
				}
			}
		}
	}
	// Before: walk back over "x(…)." segments.
	k := cs.start
	for steps := 0; steps < 32; steps++ {
		if !f.isIdent(k) || !f.isPunct(k+1, "(") {
			break
		}
		seg(k, k+1)
		if !f.isMember(k-1) || !f.isPunct(k-2, ")") {
			break
		}
		m := f.matchOpen(k - 2)
		if m < 1 || !f.isIdent(m-1) {
			break
		}
		k = m - 1
	}
	// The call's own receiver chain (a.b().uri(…)).
	for j := cs.start; j < cs.open; j++ {
		if f.isIdent(j) && f.isPunct(j+1, "(") && j != cs.calleeIdx {
			seg(j, j+1)
		}
	}
	// After: ".x(…)" segments following the call.
	e := cs.close + 1
	for steps := 0; steps < 32; steps++ {
		if !f.isMember(e) || !f.isIdent(e+1) {
			break
		}
		if !f.isPunct(e+2, "(") {
			e += 2
			continue
		}
		seg(e+1, e+2)
		c := f.matchClose(e + 2)
		if c < 0 {
			break
		}
		e = c + 1
	}
	return ms
}

// viaVariable follows a chain assigned to a variable (url = "…",
// uri = URI("…")) to its uses in the next lines, and reads the evidence
// of the first use that has a method or is a route.
func (f *fileScan) viaVariable(c chain) (evidence, bool) {
	k := c.start
	for steps := 0; steps < 4; steps++ {
		cs, ok := f.enclosingCall(k)
		if !ok || cs.calleeIdx < 0 || !wrapperCallee(cs.callee) || cs.arg != 0 {
			break
		}
		k = cs.start
	}
	if !f.isPunct(k-1, "=", ":=") || !f.isIdent(k-2) {
		return evidence{}, false
	}
	name := f.toks[k-2].text
	// Uses in the rest of the enclosing function (a field such as
	// self.url or $this->url: in the whole file), up to 8 of them; the
	// token bound keeps a minified line linear.
	from, to := c.end, len(f.toks)
	if f.isMember(k-3) || f.fieldAssignment(k-2) {
		from = 0
	} else if fd := f.enclosingFunc(c.start); fd != nil {
		to = fd.bodyEnd
	} else {
		to = min(to, c.end+400)
	}
	to = min(to, from+20000)
	uses := 0
	for j := from; j < to && uses < 8; j++ {
		t := f.toks[j]
		if t.kind != tIdent || t.text != name || f.isPunct(j+1, "=", ":=") || j >= c.start && j < c.end || j == k-2 {
			continue
		}
		if f.isMember(k-3) != f.isMember(j-1) {
			continue
		}
		uses++
		ev := f.evidence(j, f.useEnd(j))
		if ev.route || ev.method != "" || ev.ambiguous {
			if ev.via != "" {
				ev.via = f.site(k-2, bare(name)) + " <- " + ev.via
			} else {
				ev.via = f.site(k-2, bare(name))
			}
			return ev, true
		}
	}
	return evidence{}, false
}

// fieldAssignment reports an assignment to a name not declared where it
// is assigned, in a language that declares locals (Java, C#, Kotlin,
// JavaScript/TypeScript, Go's "="): a field or an outer variable, used
// in other functions of the file.
func (f *fileScan) fieldAssignment(k int) bool {
	switch f.l.name {
	case "java", "csharp", "kotlin", "js", "go":
	default:
		return false
	}
	if !f.isPunct(k+1, "=") || !f.toks[k].first {
		return false
	}
	fd := f.enclosingFunc(k)
	if fd == nil {
		return false
	}
	name := f.toks[k].text
	for j := fd.bodyStart; j < k; j++ {
		if f.toks[j].text == name && f.isIdent(j-1) {
			return false // declared in the function: var name, String name
		}
	}
	for _, p := range fd.params {
		if p.name == bare(name) {
			return false
		}
	}
	return true
}

// sender returns the project function a call is, when it sends its
// argument as a whole URL.
func (f *fileScan) sender(cs callSite) *wrapper {
	if f.proj == nil || cs.calleeIdx < 0 || cs.close >= len(f.toks) {
		return nil
	}
	w := f.pickWrapper(cs.callee)
	if w == nil || !w.full {
		return nil
	}
	return w
}

// ---- SDK methods ----

// callKeywords may precede a call (as opposed to a declaration's type).
func callKeyword(s string) bool {
	switch s {
	case "return", "await", "yield", "go", "defer", "throw", "new", "not", "and", "or", "in", "of",
		"else", "then", "do", "puts", "print", "echo", "p", "pp", "raise", "assert", "val", "var", "let", "const":
		return true
	}
	return false
}

// sdkCalls reports identifiers named like an operationId that are called.
func (f *fileScan) sdkCalls() {
	for i, t := range f.toks {
		if t.kind != tIdent || !f.isPunct(i+1, "(") {
			continue
		}
		op, ok := f.s.ops[normIdent(bare(t.text))]
		if !ok || !f.isCall(i) || !f.isMember(i-1) {
			continue
		}
		// Only on a Zoom client: another platform's SDK may share the name.
		site, zoom := "", false
		for j := f.exprStart(i); j < i-1 && !zoom; j++ {
			if f.isIdent(j) {
				site, zoom = f.isZoomClient(f.toks[j].text)
			}
		}
		if !zoom {
			continue
		}
		f.via = nil
		if site != "" {
			f.via = []string{site}
		}
		if spec, ok := f.s.resolveOp(op); ok {
			f.report(spec, t.line, Low, KindSDK)
		}
	}
}

// isCall reports whether identifier i (followed by "(") is called rather
// than declared.
func (f *fileScan) isCall(i int) bool {
	if f.isMember(i - 1) {
		return true
	}
	prev := f.tok(i - 1)
	switch {
	case i == 0:
	case prev.kind == tIdent && !callKeyword(prev.text):
		return false // def x(, func x(, function x(, Type x(
	case f.isPunct(i-1, ")", "@"):
		return false // Go method declaration, decorator
	}
	c := f.matchClose(f.callOpen(i))
	if c < 0 {
		return false
	}
	// A body opening on the same line, before anything that continues an
	// expression, makes a declaration: meetingCreate(x) {, or with a
	// return type, userSettings(id: string): string {.
	line := f.toks[c].line
	for j := c + 1; j < len(f.toks) && j < c+12 && f.toks[j].line == line; j++ {
		t := f.toks[j]
		if t.kind != tPunct {
			continue
		}
		switch t.text {
		case "{":
			return false
		case "(", ")", ";", ",", ".", "=", "?.", "->":
			return true
		}
	}
	return true
}

// ---- catalog resolution ----

// resolve finds the catalog's template for a method and a path (template
// or concrete), preferring the regular variant.
func (s *Scanner) resolve(method, path string) (string, bool) {
	if strings.ContainsAny(path, " \t\r\n") {
		return "", false
	}
	eps, _ := s.cat.Resolve(method + " " + path)
	best := ""
	for _, e := range eps {
		if e.Path == "" {
			continue
		}
		spec := e.Method + " " + e.Path
		if best == "" || e.Variant == record.VariantRegular {
			best = spec
			if e.Variant == record.VariantRegular {
				break
			}
		}
	}
	return best, best != ""
}

// candidates lists the catalog calls at a path, any method, sorted.
func (s *Scanner) candidates(path string) []string {
	if strings.ContainsAny(path, " \t\r\n") || !strings.HasPrefix(path, "/") {
		return nil
	}
	eps, _ := s.cat.Resolve(path)
	seen := map[string]bool{}
	var out []string
	for _, e := range eps {
		if e.Path == "" {
			continue
		}
		spec := e.Method + " " + e.Path
		if !seen[spec] {
			seen[spec] = true
			out = append(out, spec)
		}
	}
	sort.Strings(out)
	return out
}

// resolveOp turns an operationId into a call spec: the regular variant's
// "METHOD /path" when all its endpoints agree on one, else the
// operationId itself (which the planner resolves).
func (s *Scanner) resolveOp(op string) (string, bool) {
	eps, _ := s.cat.Resolve(op)
	if len(eps) == 0 {
		return "", false
	}
	spec := ""
	for _, e := range eps {
		if e.Variant != record.VariantRegular {
			continue
		}
		if e.Path == "" {
			return op, true
		}
		p := e.Method + " " + e.Path
		if spec != "" && spec != p {
			return op, true
		}
		spec = p
	}
	if spec == "" {
		return op, true
	}
	return spec, true
}
