package scan

import "strings"

// callFinder finds the call around a token (its callee, receiver and
// argument) and the HTTP methods written at it: in the callee, the
// arguments, an options object, a builder chain or a declarative entry.
// It is the third stage, on the file's tokens and functions; it does not
// decide what is a Zoom call (see evidence).
type callFinder struct {
	decls
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

// methodKey reports the keys options objects give the HTTP method under.
func methodKey(s string) bool {
	switch strings.ToLower(s) {
	case "method", "verb", "httpmethod", "http_method", "type":
		return true
	}
	return false
}

// enclosingCall finds the call whose argument list holds token i: the
// nearest unmatched "(" before it, passing through object and array
// literals that are themselves arguments, stopping at statement and
// block boundaries.
func (cf *callFinder) enclosingCall(i int) (callSite, bool) {
	depth, arg, literal := 0, 0, false
	for j, steps := i-1, 0; j >= 0 && steps < 400; j, steps = j-1, steps+1 {
		t := cf.toks[j]
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
				return cf.callAt(j, arg, literal), true
			}
			// An object or array literal passed as an argument.
			if cf.isPunct(j-1, "(", ",", "=>", ":") {
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
func (cf *callFinder) callAt(open, arg int, literal bool) callSite {
	cs := callSite{open: open, close: cf.matchClose(open), calleeIdx: -1, start: open, arg: arg}
	if literal {
		cs.arg = -1
	}
	unclosed := cs.close < 0
	if unclosed {
		cs.close = len(cf.toks)
	}
	callee := open - 1
	if cf.isPunct(callee, ">") {
		// Type arguments: this.http.get<User>(url).
		callee = cf.skipTypeArgs(callee)
	}
	if cf.isIdent(callee) {
		cs.calleeIdx = callee
		cs.callee = cf.toks[callee].text
		cs.start = cf.exprStart(callee)
		if cf.isMember(callee-1) && cf.isIdent(callee-2) {
			cs.recv = bare(cf.toks[callee-2].text)
		}
		if cf.tok(cs.start-1).text == "new" && cf.isIdent(cs.start-1) {
			cs.start--
		}
	}
	if unclosed {
		return cs // evidence ignores it; counting its arguments would cost O(n)
	}
	if cs.close > open+1 {
		cs.nargs = 1
	}
	for j := cf.nextComma(open+1, cs.close, false); j < cs.close; j = cf.nextComma(j+1, cs.close, false) {
		cs.nargs++
	}
	return cs
}

// constMethods collects method constants and method-name strings in
// tokens [a, b), outside [xa, xb): "POST", http.MethodPost,
// HttpMethod.DELETE, Net::HTTP::Post.
func (cf *callFinder) constMethods(a, b, xa, xb int, into map[string]bool) {
	for j := a; j < b && j < len(cf.toks); j++ {
		if j >= xa && j < xb {
			continue
		}
		t := cf.toks[j]
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
			if m == "" || !cf.isMember(j-1) {
				continue
			}
			if t.text == m && !cf.isPunct(j+1, "(") || methodReceiver(bare(cf.tok(j-2).text)) {
				into[m] = true
			}
		}
	}
}

// objectMethod reads the object literal directly around token i (not an
// argument of a call: enclosingCall handles those) for a method key
// among its own entries: {method: 'POST', url: …}, {"method": "POST"},
// ['method' => 'POST'].
func (cf *callFinder) objectMethod(i int) (string, bool) {
	depth := 0
	open := -1
	for j, steps := i-1, 0; j >= 0 && steps < 400; j, steps = j-1, steps+1 {
		t := cf.toks[j]
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
	if open < 0 || !cf.isPunct(open-1, "=", ":=", ",", ":", "=>") && cf.tok(open-1).text != "return" {
		return "", false
	}
	end := cf.matchClose(open)
	if end < 0 {
		return "", false
	}
	ms := map[string]bool{}
	depth = 0
	for j := open + 1; j < end; j++ {
		t := cf.toks[j]
		switch {
		case t.kind == tPunct && isOpen(t.text):
			depth++
		case t.kind == tPunct && isClose(t.text):
			depth--
		case depth == 0 && (t.kind == tIdent || t.kind == tString) && methodKey(bare(t.text)) &&
			cf.isPunct(j+1, ":", "=>", "=") && cf.tok(j+2).kind == tString:
			if m := methodWord(cf.tok(j + 2).text); m != "" {
				ms[m] = true
			}
		}
	}
	return one(ms)
}

// dslRoute reports Rails and Sinatra route DSL: a bare HTTP verb at the
// start of a line followed by the string ("get '/users' do").
func (cf *callFinder) dslRoute(a int) bool {
	k := a - 1
	if cf.isPunct(k, "(") {
		k--
	}
	t := cf.tok(k)
	return t.kind == tIdent && t.first && verbOf(t.text) != "" && t.text == strings.ToLower(t.text)
}

// hasHandler reports a function among a call's arguments (outside the
// string itself): app.get('/x', (req, res) => …), get('/x', function …),
// r.Get("/x", func(…)), Ruby's do blocks and lambdas.
func (cf *callFinder) hasHandler(a, b, xa, xb int) bool {
	for j := a; j < b && j < len(cf.toks); j++ {
		if j >= xa && j < xb {
			continue
		}
		if cf.l.isHandlerStart(cf.toks[j]) {
			return true
		}
	}
	return false
}

// chainMethods reads a builder chain around a call at depth 0:
// a.b(…).c(…) before and after it, for verb callees (.POST(, .delete()
// and method constants in their arguments.
func (cf *callFinder) chainMethods(cs callSite) map[string]bool {
	ms := map[string]bool{}
	seg := func(calleeIdx, open int) {
		if calleeIdx == cs.calleeIdx {
			return
		}
		t := cf.tok(calleeIdx)
		if t.kind == tIdent {
			if m := verbOf(t.text); m != "" && cf.isMember(calleeIdx-1) {
				ms[m] = true
			}
			if strings.EqualFold(t.text, "method") || strings.EqualFold(t.text, "setRequestMethod") {
				if c := cf.matchClose(open); c > open {
					cf.constMethods(open+1, c, -1, -1, ms)
				}
			}
		}
	}
	// Before: walk back over "x(…)." segments.
	k := cs.start
	for steps := 0; steps < 32; steps++ {
		if !cf.isIdent(k) || !cf.isPunct(k+1, "(") {
			break
		}
		seg(k, k+1)
		if !cf.isMember(k-1) || !cf.isPunct(k-2, ")") {
			break
		}
		m := cf.matchOpen(k - 2)
		if m < 1 || !cf.isIdent(m-1) {
			break
		}
		k = m - 1
	}
	// The call's own receiver chain (a.b().uri(…)).
	for j := cs.start; j < cs.open; j++ {
		if cf.isIdent(j) && cf.isPunct(j+1, "(") && j != cs.calleeIdx {
			seg(j, j+1)
		}
	}
	// After: ".x(…)" segments following the call.
	e := cs.close + 1
	for steps := 0; steps < 32; steps++ {
		if !cf.isMember(e) || !cf.isIdent(e+1) {
			break
		}
		if !cf.isPunct(e+2, "(") {
			e += 2
			continue
		}
		seg(e+1, e+2)
		c := cf.matchClose(e + 2)
		if c < 0 {
			break
		}
		e = c + 1
	}
	return ms
}

// fieldAssignment reports an assignment to a name not declared where it
// is assigned, in a language that declares locals (Java, C#, Kotlin,
// JavaScript/TypeScript, Go's "="): a field or an outer variable, used
// in other functions of the file.
func (cf *callFinder) fieldAssignment(k int) bool {
	if !cf.l.declaresLocals {
		return false
	}
	if !cf.isPunct(k+1, "=") || !cf.toks[k].first {
		return false
	}
	fd := cf.enclosingFunc(k)
	if fd == nil {
		return false
	}
	name := cf.toks[k].text
	for j := fd.bodyStart; j < k; j++ {
		if cf.toks[j].text == name && cf.isIdent(j-1) {
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

// entryMethod reads the method a declarative entry gives beside its URL
// key at k: a sibling entry under a method key, as a string, a Ruby
// symbol (method: :get) or a constant (Method: Get, method: HttpMethod.POST).
// ok is false when the key is not in an entry, or the entry has a
// handler or a component (a route the app serves).
func (cf *callFinder) entryMethod(k int) (m string, amb, ok bool) {
	open := cf.openBefore(k)
	if open < 0 {
		return "", false, false
	}
	end := cf.matchClose(open)
	if end < 0 || cf.hasHandler(open+1, end, k, k+1) {
		return "", false, false
	}
	ms := map[string]bool{}
	depth := 0
	for j := open + 1; j < end; j++ {
		t := cf.toks[j]
		switch {
		case t.kind == tPunct && isOpen(t.text):
			depth++
		case t.kind == tPunct && isClose(t.text):
			depth--
		case depth == 0 && (t.kind == tIdent || t.kind == tString) && cf.isPunct(j+1, ":", "=>", "="):
			key := strings.ToLower(bare(t.text))
			switch key {
			case "component", "element", "handler", "controller", "action", "redirect", "view", "template":
				return "", false, false // a route table of the app
			}
			if !methodKey(key) {
				continue
			}
			v := j + 2
			if cf.isPunct(v, ":") {
				v++ // method: :get
			}
			for ; v < end && !cf.isPunct(v, ",", ";"); v++ {
				vt := cf.toks[v]
				if vt.kind == tString && len(vt.pieces) <= 1 || vt.kind == tIdent {
					if w := methodWord(vt.text); w != "" {
						ms[w] = true
						break
					}
				}
				if vt.kind != tIdent && !cf.isMember(v) {
					break
				}
			}
		}
	}
	m, amb = one(ms)
	return m, amb, true
}

// keyedMethod reads the entry around the string at i when the string is
// the value of a URL key (url: '/users/:id') and a sibling entry names
// the method; ok is false otherwise.
func (cf *callFinder) keyedMethod(i int) (m string, amb, ok bool) {
	k := i - 2
	if !cf.isPunct(i-1, ":", "=>", "=") || !(cf.isIdent(k) || cf.tok(k).kind == tString) || !urlKey(bare(cf.tok(k).text)) {
		return "", false, false
	}
	m, amb, ok = cf.entryMethod(k)
	return m, amb, ok && (m != "" || amb)
}

// isCall reports whether identifier i (followed by "(") is called rather
// than declared.
func (cf *callFinder) isCall(i int) bool {
	if cf.isMember(i - 1) {
		return true
	}
	prev := cf.tok(i - 1)
	switch {
	case i == 0:
	case prev.kind == tIdent && !callKeyword(prev.text):
		return false // def x(, func x(, function x(, Type x(
	case cf.isPunct(i-1, ")", "@"):
		return false // Go method declaration, decorator
	}
	c := cf.matchClose(cf.callOpen(i))
	if c < 0 {
		return false
	}
	// A body opening on the same line, before anything that continues an
	// expression, makes a declaration: meetingCreate(x) {, or with a
	// return type, userSettings(id: string): string {.
	line := cf.toks[c].line
	for j := c + 1; j < len(cf.toks) && j < c+12 && cf.toks[j].line == line; j++ {
		t := cf.toks[j]
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

// methodSet reports whether fd's body passes its method parameter to a
// call named for a method (setRequestMethod(m), .method(m, body)).
func (cf *callFinder) methodSet(fd *funcDef, name string) bool {
	for k := fd.bodyStart; k < fd.bodyEnd; k++ {
		if !cf.isIdent(k) || bare(cf.toks[k].text) != name || !cf.wholeArg(k) {
			continue
		}
		if cs, ok := cf.enclosingCall(k); ok && cs.calleeIdx >= 0 && hasWord(cs.callee, "method") {
			return true
		}
	}
	return false
}

// wholeArg reports whether the identifier at j is a whole argument of
// its call: send(url), request(verb, url, opts).
func (cf *callFinder) wholeArg(j int) bool {
	cs, ok := cf.enclosingCall(j)
	if !ok || cs.close >= len(cf.toks) {
		return false
	}
	for _, a := range cf.splitArgs(cs.open, cs.close) {
		if a[0] <= j && j < a[1] {
			return cf.exprStart(j) == a[0] && cf.operandEnd(a[0]) == a[1]
		}
	}
	return false
}

// isArg reports whether token j is an argument of a call.
func (cf *callFinder) isArg(j int) bool {
	_, ok := cf.enclosingCall(j)
	return ok
}

// argFor returns the argument given for parameter i (named n).
func (cf *callFinder) argFor(args [][2]int, i int, n string) ([2]int, bool) {
	for _, a := range args {
		if cf.isIdent(a[0]) && cf.isPunct(a[0]+1, "=", ":") && bare(cf.toks[a[0]].text) == n && a[1] > a[0]+2 {
			return [2]int{a[0] + 2, a[1]}, true
		}
	}
	if i >= 0 && i < len(args) {
		a := args[i]
		if cf.isIdent(a[0]) && cf.isPunct(a[0]+1, "=", ":") && cf.l.namedArgs && a[1] > a[0]+2 {
			return [2]int{}, false // a named argument for another parameter
		}
		return a, true
	}
	return [2]int{}, false
}

// argMethods reads the HTTP method words written as literals among the
// arguments other than ra, at any depth ('patch', {verb: "POST"}).
func (cf *callFinder) argMethods(args [][2]int, ra [2]int) (string, bool) {
	ms := map[string]bool{}
	for _, a := range args {
		if a == ra {
			continue
		}
		for k := a[0]; k < a[1]; k++ {
			t := cf.toks[k]
			if t.kind == tString && len(t.pieces) <= 1 || cf.l.symbols && t.kind == tIdent && cf.isPunct(k-1, ":") && !cf.isIdent(k-2) && !cf.isPunct(k-2, ")", "]") {
				// 'patch', "GET", Ruby's :post
				if m := methodWord(t.text); m != "" {
					ms[m] = true
				}
			}
		}
		cf.constMethods(a[0], a[1], -1, -1, ms)
	}
	return one(ms)
}
