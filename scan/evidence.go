package scan

import "strings"

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
	if f.l.routeDSL && f.rubyRoute(a) {
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
		if f.l.isHandlerStart(f.toks[j]) {
			return true
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
	if !f.l.declaresLocals {
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
