package scan

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

// evidence reads the calls around tokens [a, b): whether they serve a
// route, and which HTTP method they perform.
func (f *fileScan) evidence(a, b int) evidence {
	var ev evidence
	if f.l.routeDSL && f.dslRoute(a) {
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
