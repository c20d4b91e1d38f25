package scan

import (
	"fmt"
	"strings"
)

// project is what a scan learns about a whole code base before reading
// each file for calls: where Zoom's base URL is kept, which functions
// wrap a request to it, which clients are Zoom's, and the literal
// arguments each function is called with. Names are compared as bare
// identifiers (the last one of self.root, $this->root, config.ROOT).
type project struct {
	// bases: names assigned Zoom's base URL, with where ("file:line name").
	bases map[string]string
	// others: names assigned another host's URL somewhere.
	others map[string]bool
	// clients: names of HTTP or SDK clients set up for Zoom.
	clients map[string]string
	// wrappers: functions that send a request to Zoom, by name.
	wrappers map[string][]*wrapper
	// args: literal string arguments of calls, by callee name and
	// argument position (or parameter name, for named arguments).
	args map[string]map[string][]literal
	// fills: template placeholder names filled with a Zoom base.
	fills map[string]string
	// named: names under which a client with Zoom's base URL is
	// registered (AddHttpClient("ZoomApi", c => c.BaseAddress = …)).
	named map[string]string
	// baseArgs: where calls pass a base name, by callee and argument
	// position or parameter name (ApiClient(self.root)).
	baseArgs map[string]map[string]string
	// objDefaults: project functions taking a request object whose
	// method they default (req.method || "GET"), by name.
	objDefaults map[string]string
	// paths: names assigned one path literal in the project
	// (GetUserPath = "/users/%s"), "" when assigned several.
	paths map[string]literal
}

// literal is a string value and where it is written.
type literal struct {
	text, site string
}

// wrapper is a project function that sends a request to Zoom: to its
// base URL followed by one of its parameters (a path), or to one of its
// parameters (a whole URL).
type wrapper struct {
	name, site string
	param      int    // the parameter holding the path or URL
	paramName  string // its name, for named arguments
	full       bool   // the parameter is a whole URL, not a path
	prefix     string // literal path text before the parameter
	// methodParam is the parameter holding the HTTP method, -1 if none;
	// def its default; fixed the method the body always uses.
	methodParam     int
	methodParamName string
	def, fixed      string
	// via is the evidence behind it (the base URL's definition).
	via []string
}

func newProject() *project {
	return &project{
		bases: map[string]string{}, others: map[string]bool{}, clients: map[string]string{},
		wrappers: map[string][]*wrapper{}, args: map[string]map[string][]literal{}, fills: map[string]string{},
		paths: map[string]literal{}, named: map[string]string{}, objDefaults: map[string]string{}, baseArgs: map[string]map[string]string{},
	}
}

// site formats a source position for a via chain.
func (f *fileScan) site(k int, name string) string {
	return fmt.Sprintf("%s:%d %s", f.file, f.tok(k).line, name)
}

// buildProject runs the project pass over lexed files.
func buildProject(files []*fileScan) *project {
	p := newProject()
	for _, f := range files {
		f.proj = p
		f.funcs = f.findFuncs()
		f.collectBases()
		f.collectArgs()
		f.collectPaths()
		f.collectObjectDefaults()
	}
	// Propagate base names through assignments (x = ZOOM_BASE), a few rounds.
	for round := 0; round < 4; round++ {
		changed := false
		for _, f := range files {
			if f.propagateBases() {
				changed = true
			}
		}
		for _, f := range files {
			f.collectBaseArgs()
		}
		for _, f := range files {
			if f.propagateParams() {
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	for _, f := range files {
		f.collectClients()
		f.collectTypedClients()
		f.collectFills()
	}
	// Wrappers, then wrappers of wrappers.
	for round := 0; round < 4; round++ {
		n := 0
		for _, f := range files {
			n += f.collectWrappers()
		}
		if n == 0 {
			break
		}
	}
	return p
}

// ---- bases ----

// baseNameWords: an identifier with "zoom" and one of these words names
// Zoom's base URL (ZOOM_API_URL, zoomBase) even when its value is read
// from the environment.
func zoomBaseName(name string) bool {
	if !containsFold(name, "zoom") {
		return false
	}
	ws := words(name)
	zoom, base := false, false
	for _, w := range ws {
		switch w {
		case "zoom":
			zoom = true
		case "base", "url", "root", "host", "endpoint", "uri", "api":
			base = true
		case "webhook", "oauth", "token", "auth", "join", "redirect", "callback", "start", "web", "marketplace":
			return false
		}
	}
	return zoom && base
}

// apiBaseName reports names of an API's base URL without the word zoom:
// apiUrl, BASE_URL, apiRoot, restBase (not url, endpoint or host alone).
func apiBaseName(name string) bool {
	first, second := false, false
	for _, w := range words(name) {
		switch w {
		case "api", "base", "rest":
			first = true
		case "url", "uri", "root", "endpoint", "baseurl", "apiurl":
			second = true
		case "webhook", "oauth", "token", "auth", "join", "redirect", "callback", "web", "marketplace", "frontend", "app", "site", "public":
			return false
		}
	}
	return first && second || name == "baseUrl" || name == "baseURL" || name == "baseUri"
}

// assignTarget returns the name a value at token i is assigned to,
// through default operators (env || "…") and calls around it
// (os.getenv("X", "…")), and its token; -1 if none.
func (ex *exprs) assignTarget(i int) (string, int) {
	k := i
	for steps := 0; steps < 6; steps++ {
		if ex.l.varKeys && ex.isPunct(k-1, ":") && ex.isIdent(k-2) && ex.isPunct(ex.openBefore(k), "{") {
			// {API_V2: "https://…"}: a Python key that is a variable names
			// nothing; the table holding the value does.
			if o := ex.openBefore(k); ex.isPunct(o-1, "=") && ex.isIdent(o-2) {
				return bare(ex.toks[o-2].text), o - 2
			}
			return "", -1
		}
		if ex.isPunct(k-1, "=", ":=", ":", "=>", "?:") && (ex.isIdent(k-2) || ex.tok(k-2).kind == tString) && !ex.isPunct(k-1, "?:") {
			j := k - 2
			if ex.isPunct(k-1, "=") && ex.isIdent(j) && ex.isPunct(j-1, ":") && ex.isIdent(j-2) {
				j -= 2 // name: str = "…"
			}
			if ex.isPunct(k-1, "=") && ex.isIdent(j) && ex.isIdent(j-1) && ex.l.typeFollowsName && ex.tok(j-1).text != "const" && ex.tok(j-1).text != "var" {
				j-- // var base string = "…"
			}
			t := ex.toks[j]
			name := bare(t.text)
			if t.kind == tString {
				name = t.text
			}
			return name, j
		}
		switch {
		case ex.isPunct(k-1, "||", "??", "?:") || ex.tok(k-1).text == "or":
			s := ex.operandStart(k - 2)
			if s < 0 {
				return "", -1
			}
			k = s
			continue
		}
		cs, ok := ex.enclosingCall(k)
		if !ok || cs.calleeIdx < 0 {
			return "", -1
		}
		k = cs.start
	}
	return "", -1
}

// collectBases records the names the file assigns a base URL to, and
// the clients built with Zoom's.
func (f *fileScan) collectBases() {
	for i, t := range f.toks {
		if t.kind != tString || len(t.pieces) > 1 || f.isConcat(i-1) {
			continue
		}
		shape, _ := classify(t.text)
		if shape != shapeZoomBase && shape != shapeOther {
			continue
		}
		if f.isConcat(i+1) && !(shape == shapeZoomBase && f.tok(i+2).kind == tString && strings.Trim(f.tok(i+2).text, "/") == "v2") {
			continue
		}
		zoom := shape == shapeZoomBase
		if !zoom && f.l.varKeys && f.isPunct(i-1, ":") && f.isIdent(i-2) {
			continue // another host in a table of bases: the table may hold Zoom's too
		}
		if name, j := f.assignTarget(i); j >= 0 {
			if zoom {
				f.zoomBases[name] = true
				f.baseSites[name] = f.site(j, name)
				if f.proj != nil {
					if _, ok := f.proj.bases[name]; !ok {
						f.proj.bases[name] = f.baseSites[name]
					}
				}
			} else {
				f.otherBases[name] = true
				if f.proj != nil {
					f.proj.others[name] = true
				}
			}
		}
		if !zoom {
			continue
		}
		// A client registered under a name with the base URL:
		// AddHttpClient("ZoomApi", c => c.BaseAddress = new Uri(…)).
		k := i
		for level := 0; level < 3; level++ {
			cs, ok := f.enclosingCall(k)
			if !ok || cs.close >= len(f.toks) {
				break
			}
			if k > cs.open+2 && f.tok(cs.open+1).kind == tString && f.isPunct(cs.open+2, ",") && isIdentLike(f.tok(cs.open+1).text) {
				f.proj.named[f.tok(cs.open+1).text] = f.site(cs.open+1, f.tok(cs.open+1).text)
				break
			}
			k = cs.start
		}
		// A client built with the base URL: x = axios.create({baseURL: …}),
		// $client = new Client(['base_uri' => …]), conn = Faraday.new(url: …).
		if cs, ok := f.enclosingCall(i); ok && cs.calleeIdx >= 0 {
			if f.isPunct(cs.start-1, "=", ":=") && f.isIdent(cs.start-2) {
				name := bare(f.toks[cs.start-2].text)
				f.zoomClients[name] = true
				if f.proj != nil {
					f.proj.clients[name] = f.site(cs.start-2, name)
				}
			}
		}
	}
}

// propagateBases copies base names through plain assignments:
// self.root = ROOT, $this->base = config('zoom.base'), base := cfg.ZoomBase.
func (f *fileScan) propagateBases() bool {
	changed := false
	for i := 2; i < len(f.toks); i++ {
		if !f.isPunct(i-1, "=", ":=", ":", "=>") || !f.isIdent(i-2) && f.tok(i-2).kind != tString {
			continue
		}
		if f.isPunct(i-1, ":") && f.isPunct(i-3, "?") {
			continue
		}
		e := f.operandEnd(i)
		if e < 0 || e == i || f.toks[i].kind == tString {
			continue
		}
		if !(e >= len(f.toks) || f.tok(e).first || f.isPunct(e, ";", ",", ")", "}", "]", "||", "??") || f.tok(e).text == "or" ||
			f.isConcat(e) && f.tok(e+1).kind == tString && strings.Trim(f.tok(e+1).text, "/") == "v2") {
			continue
		}
		target := bare(f.toks[i-2].text)
		if f.toks[i-2].kind == tString {
			target = f.toks[i-2].text
		}
		if target == "" || f.zoomBases[target] || f.otherBases[target] {
			continue
		}
		src := f.operandName(i, e)
		// base = base or ROOTS[version]: the fallback counts too.
		if _, ok := f.baseOf(src); !ok && e < len(f.toks) && (f.isPunct(e, "||", "??") || f.tok(e).text == "or") {
			if e2 := f.operandEnd(e + 1); e2 > e+1 {
				if alt := f.operandName(e+1, e2); alt != target {
					if _, ok := f.baseOf(alt); ok && !f.isOther(alt) {
						src = alt
					}
				}
			}
		}
		if f.isOther(src) && src != target {
			f.otherBases[target] = true
			if !f.proj.others[target] {
				f.proj.others[target] = true
				changed = true
			}
			continue
		}
		if s, ok := f.baseOf(src); ok && src != target {
			f.zoomBases[target] = true
			f.baseSites[target] = f.site(i-2, target)
			if s != "" {
				f.baseSites[target] += " <- " + s
			}
			if _, ok := f.proj.bases[target]; !ok {
				f.proj.bases[target] = f.baseSites[target]
				changed = true
			}
		}
	}
	return changed
}

// operandName names the value of tokens [a, e): the key of a final
// index (config["zoom_base"]), the string argument of a lookup
// (config('zoom.base')) or the last identifier.
func (ex *exprs) operandName(a, e int) string {
	if e-a >= 4 && ex.isPunct(e-1, "]") && ex.isIdent(e-2) && ex.isPunct(e-3, "[") && ex.isIdent(e-4) {
		return bare(ex.toks[e-4].text) // ROOTS[version]: the table
	}
	var b strings.Builder
	for j := a; j < e; j++ {
		b.WriteString(ex.toks[j].text)
		b.WriteByte(' ')
	}
	return bare(lastIdent(b.String()))
}

// ---- clients ----

// zoomClientName reports identifiers that name a Zoom client by
// themselves: zoom, zoomClient, $zoom_api, ZoomService (not zoomLevel).
func zoomClientName(s string) bool {
	if !containsFold(s, "zoom") {
		return false
	}
	ws := words(s)
	if len(ws) == 0 || !hasWord(s, "zoom") {
		return false
	}
	switch ws[len(ws)-1] {
	case "zoom", "client", "api", "sdk", "service", "us", "http", "conn", "connection", "session", "gateway", "rest":
		return true
	}
	return false
}

// collectClients records names assigned a Zoom client: x = new
// ZoomClient(…), client = zoomus.ZoomClient(…), @zoom = Zoom.new.
func (f *fileScan) collectClients() {
	// x = factory.CreateClient("ZoomApi"): the client registered under
	// that name with Zoom's base URL.
	if len(f.proj.named) > 0 {
		for i, t := range f.toks {
			if t.kind != tString || f.proj.named[t.text] == "" || !f.isPunct(i-1, "(") || !f.isPunct(i+1, ")") {
				continue
			}
			cs, ok := f.enclosingCall(i)
			if !ok || cs.calleeIdx < 0 {
				continue
			}
			s := cs.start
			if f.tok(s-1).text == "await" {
				s--
			}
			if f.isPunct(s-1, "=", ":=") && f.isIdent(s-2) {
				name := bare(f.toks[s-2].text)
				f.zoomClients[name] = true
				if _, ok := f.proj.clients[name]; !ok {
					f.proj.clients[name] = f.proj.named[t.text]
				}
			}
		}
	}
	for i := 2; i < len(f.toks); i++ {
		if !f.isPunct(i-1, "=", ":=") || !f.isIdent(i-2) {
			continue
		}
		k := i
		if f.tok(k).text == "new" || f.tok(k).text == "await" {
			k++
		}
		e := f.operandEnd(k)
		if e < 0 || !f.isPunct(e-1, ")") {
			continue
		}
		zoom := false
		for j := k; j < e && j < k+8; j++ {
			if f.isIdent(j) && zoomClientName(f.toks[j].text) || f.isIdent(j) && bare(f.toks[j].text) == "Zoom" {
				zoom = true
			}
			if f.isPunct(j, "(") {
				break
			}
		}
		name := bare(f.toks[i-2].text)
		if zoom {
			f.zoomClients[name] = true
			if _, ok := f.proj.clients[name]; !ok {
				f.proj.clients[name] = f.site(i-2, name)
			}
		} else if f.isIdent(k) && f.tok(k).text[0] >= 'A' && f.tok(k).text[0] <= 'Z' || f.tok(i).text == "new" {
			f.notClients[name] = true
		}
	}
}

// collectTypedClients records names declared with a Zoom client type:
// sdk: ZoomClient, ZoomApi api, client *zoom.Client.
func (f *fileScan) collectTypedClients() {
	for i := 0; i+2 < len(f.toks); i++ {
		if !f.isIdent(i) {
			continue
		}
		name := ""
		switch {
		case f.isPunct(i+1, ":") && !f.isPunct(i-1, "?"):
			k := i + 2
			for f.isPunct(k, "*", "?", "&") {
				k++
			}
			if f.isIdent(k) && (zoomClientName(f.toks[k].text) || bare(f.toks[k].text) == "Zoom") {
				name = bare(f.toks[i].text)
			}
		case zoomClientName(f.toks[i].text) && f.isIdent(i+1) && f.isPunct(i+2, ",", ")", ";", "=") && !f.isMember(i-1):
			name = bare(f.toks[i+1].text)
		case f.l.typeFollowsName && f.isIdent(i+1) && f.tok(i+1).text != "func":
			k := i + 1
			for f.isPunct(k, "*") {
				k++
			}
			if k > i+1 || f.isIdent(k) {
				if f.isIdent(k) && zoomClientName(f.toks[k].text) && f.isPunct(k+1, ".") {
					name = bare(f.toks[i].text)
				}
			}
		}
		if name != "" && !zoomClientName(name) {
			f.zoomClients[name] = true
			if _, ok := f.proj.clients[name]; !ok {
				f.proj.clients[name] = f.site(i, name)
			}
		}
	}
}

// ---- call arguments and placeholders ----

// collectArgs records the literal string arguments of every call.
func (f *fileScan) collectArgs() {
	for i, t := range f.toks {
		if t.kind != tIdent || !f.isPunct(i+1, "(") {
			continue
		}
		c := f.matchClose(i + 1)
		if c < 0 {
			continue
		}
		for n, a := range f.splitArgs(i+1, c) {
			key, s := fmt.Sprint(n), a[0]
			if f.isIdent(s) && f.isPunct(s+1, "=", ":") && a[1] > s+2 {
				key, s = bare(f.toks[s].text), s+2
			}
			if a[1] == s+1 && f.toks[s].kind == tString && len(f.toks[s].pieces) <= 1 {
				m := f.proj.args[t.text]
				if m == nil {
					m = map[string][]literal{}
					f.proj.args[t.text] = m
				}
				m[key] = append(m[key], literal{text: f.toks[s].text, site: f.site(s, t.text)})
			}
		}
	}
}

// placeholder returns the name of a template placeholder at the start of
// a literal ("{root}/rooms", ":base/users", "${api}/x", "%s/x" gives "").
func placeholder(s string) (string, string, bool) {
	switch {
	case strings.HasPrefix(s, "%s/"):
		return "", s[2:], true
	case strings.HasPrefix(s, "{{"):
		if e := strings.Index(s, "}}"); e > 2 && strings.HasPrefix(s[e+2:], "/") {
			return strings.TrimSpace(s[2:e]), s[e+2:], true
		}
	case strings.HasPrefix(s, "${"), strings.HasPrefix(s, "%{"), strings.HasPrefix(s, "{"):
		o := strings.IndexByte(s, '{')
		if e := strings.IndexByte(s, '}'); e > o && strings.HasPrefix(s[e+1:], "/") {
			return s[o+1 : e], s[e+1:], true
		}
	case strings.HasPrefix(s, ":"):
		e := 1
		for e < len(s) && isIdentChar(s[e]) {
			e++
		}
		if e > 1 && strings.HasPrefix(s[e:], "/") {
			return s[1:e], s[e:], true
		}
	}
	return "", "", false
}

// collectFills records placeholder names a statement fills with a Zoom
// base: tpl.format(root=ROOT), str_replace('{root}', $this->root, …),
// .replace(":base", base).
func (f *fileScan) collectFills() {
	for i, t := range f.toks {
		if t.kind != tIdent {
			continue
		}
		site, ok := f.baseOf(t.text)
		if !ok || f.isPunct(i+1, "=", ":=") {
			continue
		}
		if site == "" {
			site = f.site(i, bare(t.text))
		}
		cs, ok := f.enclosingCall(i)
		if !ok {
			continue
		}
		for j := cs.open + 1; j < cs.close && j < len(f.toks); j++ {
			u := f.toks[j]
			if !(u.kind == tIdent && f.isPunct(j+1, "=", ":") || u.kind == tString && f.isPunct(j+1, "=>", ",", ":")) {
				continue
			}
			// name=BASE, '{root}' => $this->root, ":base", BASE
			if e := f.operandEnd(j + 2); e > i && j+2 <= i {
				if key := strings.Trim(u.text, "{}$:%"); key != "" {
					f.proj.fills[bare(key)] = site
				}
			}
		}
	}
}

// collectBaseArgs records the calls that pass a base name as a whole
// argument: ApiClient(self.api_endpoint), Client(root=ROOT).
func (f *fileScan) collectBaseArgs() {
	for i, t := range f.toks {
		if t.kind != tIdent || !f.isPunct(i+1, "(") || f.tok(i-1).text == "def" || f.tok(i-1).text == "function" {
			continue
		}
		c := f.matchClose(i + 1)
		if c < 0 {
			continue
		}
		for n, a := range f.splitArgs(i+1, c) {
			key, s := itoa(n), a[0]
			if f.isIdent(s) && f.isPunct(s+1, "=", ":") && a[1] > s+2 {
				key, s = bare(f.toks[s].text), s+2
			}
			if e := f.operandEnd(s); e != a[1] || f.isPunct(e-1, ")") {
				continue
			}
			name := f.operandName(s, a[1])
			site, ok := f.baseOf(name)
			if !ok || f.isOther(name) {
				continue
			}
			if site == "" {
				site = f.site(s, name)
			}
			m := f.proj.baseArgs[t.text]
			if m == nil {
				m = map[string]string{}
				f.proj.baseArgs[t.text] = m
			}
			if _, ok := m[key]; !ok {
				m[key] = site
			}
		}
	}
}

// propagateParams makes a base of each function parameter that callers
// pass a base for: def __init__(self, api_base_url) of class ApiClient
// called ApiClient(self.api_endpoint). A constructor is called by its
// class's name.
func (f *fileScan) propagateParams() bool {
	changed := false
	for fi := range f.funcs {
		fd := &f.funcs[fi]
		names := []string{fd.name}
		if c := f.ctorClass(fd); c != "" {
			names = append(names, c)
		}
		for _, callee := range names {
			m := f.proj.baseArgs[callee]
			if m == nil {
				continue
			}
			for pi, p := range fd.params {
				if p.name == "" {
					continue
				}
				site, ok := m[itoa(pi)]
				if !ok {
					site, ok = m[p.name]
				}
				if !ok || f.zoomBases[p.name] || f.otherBases[p.name] {
					continue
				}
				f.zoomBases[p.name] = true
				f.baseSites[p.name] = f.site(p.at, p.name) + " <- " + site
				if _, ok := f.proj.bases[p.name]; !ok {
					f.proj.bases[p.name] = f.baseSites[p.name]
					changed = true
				}
			}
		}
	}
	return changed
}
