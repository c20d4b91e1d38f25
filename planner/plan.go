// Package planner computes the least-privileged scope set for the API calls
// an app intends to make: it resolves each call to a catalog endpoint,
// keeps the scopes the app type may request, and asks the exact optimiser
// (package solve) for the set that grants the fewest endpoints beyond the
// requested ones, then the fewest scopes. It explains every choice and
// reports every call it cannot map, with suggestions, never guessing.
package planner

import (
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/parser/record"
	"github.com/scopeplan/scopeplan/planner/solve"
)

// AppType is a Zoom app type, which decides the scope levels it may request.
type AppType string

// App types, as Zoom defines them.
const (
	// AppUser is a user-managed app: user-level scopes only.
	AppUser AppType = "user"
	// AppAdmin is an admin-managed app (including server-to-server):
	// :admin scopes only.
	AppAdmin AppType = "admin"
	// AppMaster is an account-level app of a master account: :admin and
	// :master scopes.
	AppMaster AppType = "master"
)

// ParseAppType checks an app type name.
func ParseAppType(s string) (AppType, error) {
	switch AppType(s) {
	case AppUser, AppAdmin, AppMaster:
		return AppType(s), nil
	}
	return "", fmt.Errorf("unknown app type %q (want user, admin or master)", s)
}

// Allows reports whether the app type may request a scope of that level.
func (a AppType) Allows(l catalog.Level) bool {
	switch a {
	case AppUser:
		return l == catalog.LevelUser
	case AppAdmin:
		return l == catalog.LevelAdmin
	case AppMaster:
		return l == catalog.LevelAdmin || l == catalog.LevelMaster
	}
	return false
}

// article names the app type with its article: "a user app", "an admin app".
func (a AppType) article() string {
	if a == AppAdmin {
		return "an admin app"
	}
	return "a " + string(a) + " app"
}

// allowedText names the levels an app type may request.
func (a AppType) allowedText() string {
	switch a {
	case AppUser:
		return "a user app may request only user-level scopes"
	case AppAdmin:
		return "an admin app may request only admin-level scopes"
	}
	return "a master app may request only admin- and master-level scopes"
}

// Options tune a plan.
type Options struct {
	App AppType
	// NodeLimit bounds the optimiser's search per component; <= 0 uses
	// the optimiser's default.
	NodeLimit int
	// Concerns, when set, returns notes (lint findings) about an endpoint;
	// a call whose endpoint has any is planned with low confidence.
	Concerns func(e *catalog.Endpoint) []string
}

// SetAside is a scope that could cover a call but was not chosen.
type SetAside struct {
	Scope  string `json:"scope" yaml:"scope"`
	Reason string `json:"reason" yaml:"reason"`
}

// CallPlan explains how one call is covered.
type CallPlan struct {
	Call     Call
	Endpoint *catalog.Endpoint
	// Granular and Classic are the chosen scopes that cover the call.
	Granular []string
	Classic  []string
	SetAside []SetAside
	// Confidence is high, or low with Notes saying why.
	Confidence Confidence
	Notes      []string
}

// Unmapped is a call the plan could not cover.
type Unmapped struct {
	Call        Call
	Reason      string
	Suggestions []string
}

// TradeOff is a broader scope that would replace several chosen ones.
type TradeOff struct {
	Scope     string   `json:"scope" yaml:"scope"`
	Replaces  []string `json:"replaces" yaml:"replaces"`
	Saves     int      `json:"saves_scopes" yaml:"saves_scopes"`
	AddsGrant int      `json:"adds_endpoints" yaml:"adds_endpoints"`
}

// Plan is the least-privileged scope set for a set of calls.
type Plan struct {
	App      AppType
	Granular []string // sorted
	Classic  []string // sorted
	// Optional lists chosen granular scopes that only optional calls need.
	Optional []string
	// OverGrant counts endpoints the granular scopes grant beyond the
	// requested ones; ClassicOverGrant the same for the classic scopes.
	OverGrant        int
	ClassicOverGrant int
	// Optimal is true only when the optimiser proved both optima; Gap
	// bounds how far OverGrant may be from the optimum otherwise.
	Optimal bool
	Gap     int
	Calls   []CallPlan
	// Events are the subscribed events and the scopes that allow them.
	Events []EventPlan
	// Unmapped lists the calls and events the plan could not cover.
	Unmapped  []Unmapped
	TradeOffs []TradeOff
	// Granted lists every endpoint the granular scopes grant (IDs, sorted).
	Granted []int
	// GrantedEvents lists every event the granular scopes allow (IDs,
	// sorted); OverGrantEvents counts those not subscribed.
	GrantedEvents   []int
	OverGrantEvents int
}

// Make plans the calls against the catalog.
func Make(c *catalog.Catalog, calls []Call, o Options) (*Plan, error) {
	p, err := newPlan(o.App)
	if err != nil {
		return nil, err
	}
	var mapped []CallPlan
	var events []EventPlan
	for _, call := range calls {
		if call.Event {
			ep, um := resolveEvent(c, call, o)
			if um != nil {
				p.Unmapped = append(p.Unmapped, *um)
				continue
			}
			events = append(events, ep)
			continue
		}
		cp, um := resolveCall(c, call, o)
		if um != nil && catalog.LooksLikeEvent(call.Spec) {
			if _, ok := c.Event(call.Spec); ok {
				// An event name given as a call: exactly one event has it.
				call.Event = true
				ep, eum := resolveEvent(c, call, o)
				if eum != nil {
					p.Unmapped = append(p.Unmapped, *eum)
					continue
				}
				ep.Notes = append(ep.Notes, "given as a call; planned as the event of that name")
				events = append(events, ep)
				continue
			}
		}
		if um != nil {
			p.Unmapped = append(p.Unmapped, *um)
			continue
		}
		mapped = append(mapped, cp)
	}
	return solvePlan(c, p, mapped, events, o), nil
}

// ForEndpoints plans calls to endpoints already resolved (for example
// every endpoint of a product, for documentation); each call's spec is the
// endpoint's label.
func ForEndpoints(c *catalog.Catalog, eps []*catalog.Endpoint, o Options) (*Plan, error) {
	return ForItems(c, eps, nil, o)
}

// solvePlan runs the optimiser over the mapped calls and events and
// explains the result. Calls and events share one objective: an event is
// an item like an endpoint (numbered after the endpoints), so a scope that
// allows events nobody subscribed to grants more than one that does not.
func solvePlan(c *catalog.Catalog, p *Plan, mapped []CallPlan, events []EventPlan, o Options) *Plan {
	requested := map[int]bool{}
	for _, cp := range mapped {
		requested[cp.Endpoint.ID] = true
	}
	for _, ep := range events {
		requested[len(c.Endpoints)+ep.Event.ID] = true
	}
	g := optimise(c, mapped, events, requested, o, catalog.KindGranular)
	cl := optimise(c, mapped, events, requested, o, catalog.KindClassic)
	p.Granular, p.Granted, p.GrantedEvents = g.chosen, g.granted, g.grantedEvents
	p.OverGrant, p.OverGrantEvents = g.extra(requested)
	p.Classic = cl.chosen
	p.ClassicOverGrant, _ = cl.extra(requested)
	p.Optimal = g.sol.Optimal && cl.sol.Optimal
	p.Gap = g.sol.Gap
	chosenG, chosenC := set(p.Granular), set(p.Classic)
	needed := map[string]bool{} // chosen granular scopes some required call or event uses
	for i := range mapped {
		cp := &mapped[i]
		explain(c, cp, chosenG, chosenC, g, o)
		if !cp.Call.Optional {
			for _, s := range cp.Granular {
				needed[s] = true
			}
		}
	}
	for i := range events {
		ep := &events[i]
		explainEvent(c, ep, chosenG, chosenC, o)
		if !ep.Sub.Optional {
			for _, s := range ep.Granular {
				needed[s] = true
			}
		}
	}
	p.Events = events
	for _, s := range p.Granular {
		if !needed[s] {
			p.Optional = append(p.Optional, s)
		}
	}
	p.Calls = mapped
	p.TradeOffs = tradeOffs(c, g, requested)
	return p
}

// resolveCall resolves one call to exactly one endpoint with at least one
// scope the app may request, or says why it cannot.
func resolveCall(c *catalog.Catalog, call Call, o Options) (CallPlan, *Unmapped) {
	eps, kind := c.Resolve(call.Spec)
	var dropped int
	if len(eps) > 1 {
		// Endpoints the app type cannot call at all (no scope of an allowed
		// level) are not candidates: dropping them is not a guess.
		var usable []*catalog.Endpoint
		for _, e := range eps {
			if hasAllowed(e, o.App) {
				usable = append(usable, e)
			}
		}
		if len(usable) > 0 {
			dropped = len(eps) - len(usable)
			eps = usable
		}
	}
	var variantNote string
	if len(eps) == 2 && (kind == catalog.SpecOperationID || kind == catalog.SpecName) {
		// The regular operation and its master-account (sub-account)
		// variant share an operationId and a name: a bare name means the
		// regular one; the variant's path or doc link selects it.
		if reg, ma, ok := regularAndMaster(eps); ok {
			eps = []*catalog.Endpoint{reg}
			variantNote = fmt.Sprintf("the name also names the master-account (sub-account) variant; call %s to plan that one instead", uniqueSpec(c, ma))
		}
	}
	switch {
	case len(eps) == 0:
		reason := "no endpoint matches this call"
		if kind == catalog.SpecPath {
			reason = fmt.Sprintf("no endpoint with a known path matches this call (the loaded documents give paths for %d of %d endpoints; name the others by operationId or doc link, or add the product's OpenAPI file with --add-docs)",
				c.PathsKnown(), len(c.Endpoints))
			p := callPath(call.Spec)
			if n := c.PathsUnder(p); n < 2 {
				first := strings.Split(strings.TrimPrefix(catalog.TrimPath(p), "/"), "/")[0]
				reason = fmt.Sprintf("no endpoint with a known path matches this call: the loaded documents give %d path(s) under /%s, so the API reference of this call's product is not loaded; run scopeplan update (every product's files), or add the product's OpenAPI file with --add-docs, or name the call by operationId or doc link",
					n, first)
			}
		}
		return CallPlan{}, &Unmapped{Call: call, Reason: reason, Suggestions: c.Suggest(call.Spec, 5)}
	case len(eps) > 1:
		var sug []string
		for _, e := range eps {
			sug = append(sug, uniqueSpec(c, e))
		}
		return CallPlan{}, &Unmapped{Call: call, Reason: fmt.Sprintf("ambiguous: matches %d endpoints; name one of them", len(eps)), Suggestions: sug}
	}
	cp, um := checkEndpoint(eps[0], call, o, dropped)
	if um == nil && variantNote != "" {
		cp.Notes = append(cp.Notes, variantNote)
	}
	return cp, um
}

// regularAndMaster splits two endpoints into the regular operation and its
// master-account variant, when they are exactly that pair.
func regularAndMaster(eps []*catalog.Endpoint) (reg, ma *catalog.Endpoint, ok bool) {
	a, b := eps[0], eps[1]
	if a.Variant == b.Variant {
		return nil, nil, false
	}
	if a.Variant == record.VariantMaster {
		a, b = b, a
	}
	return a, b, a.Variant == record.VariantRegular
}

// checkEndpoint plans a call already resolved to one endpoint, or says why
// the app type cannot cover it.
func checkEndpoint(e *catalog.Endpoint, call Call, o Options, dropped int) (CallPlan, *Unmapped) {
	if len(e.Granular) == 0 {
		return CallPlan{}, &Unmapped{Call: call, Reason: "no granular scope is documented for this endpoint"}
	}
	allowed := 0
	levels := map[catalog.Level]bool{}
	for _, s := range e.Granular {
		l := catalog.LevelOf(s)
		levels[l] = true
		if o.App.Allows(l) {
			allowed++
		}
	}
	if allowed == 0 {
		var ls []string
		for _, l := range []catalog.Level{catalog.LevelUser, catalog.LevelAdmin, catalog.LevelMaster} {
			if levels[l] {
				ls = append(ls, string(l))
			}
		}
		return CallPlan{}, &Unmapped{Call: call, Reason: fmt.Sprintf("only %s-level scopes exist for this endpoint; %s", strings.Join(ls, "/"), o.App.allowedText())}
	}
	cp := CallPlan{Call: call, Endpoint: e, Confidence: ConfidenceHigh}
	var doubts []string
	if e.Join.Weak() {
		doubts = append(doubts, fmt.Sprintf("endpoint joined by %s only", e.Join))
	}
	if o.Concerns != nil {
		doubts = append(doubts, o.Concerns(e)...)
	}
	if len(doubts) > 0 {
		cp.Confidence = ConfidenceLow
		cp.Notes = append(cp.Notes, doubts...)
	}
	if dropped > 0 {
		cp.Notes = append(cp.Notes, fmt.Sprintf("the call also names %d endpoint(s) with no scope %s may request (set aside)", dropped, o.App.article()))
	}
	return cp, nil
}

// hasAllowed reports whether an endpoint has a granular scope the app type
// may request.
func hasAllowed(e *catalog.Endpoint, app AppType) bool {
	for _, s := range e.Granular {
		if app.Allows(catalog.LevelOf(s)) {
			return true
		}
	}
	return false
}

// uniqueSpec returns a spec that names only this endpoint: its doc link,
// else METHOD path.
func uniqueSpec(c *catalog.Catalog, e *catalog.Endpoint) string {
	if e.Link != "" {
		if eps, _ := c.Resolve(e.Link); len(eps) == 1 {
			return e.Link
		}
	}
	if e.Path != "" {
		return e.Method + " " + e.Path
	}
	return e.Name
}

// optimisation is one run of the optimiser over one kind of scope.
type optimisation struct {
	kind    catalog.ScopeKind
	cands   []solve.Candidate
	index   map[string]int // scope name -> candidate index
	sol     solve.Solution
	chosen  []string
	granted []int
	// grantedEvents are the event IDs the chosen scopes allow; in the
	// optimiser an event is item endpoints+ID.
	grantedEvents []int
	endpoints     int
}

// extra counts the granted endpoints and events that were not requested.
func (op *optimisation) extra(requested map[int]bool) (endpoints, events int) {
	for _, id := range op.granted {
		if !requested[id] {
			endpoints++
		}
	}
	for _, id := range op.grantedEvents {
		if !requested[op.endpoints+id] {
			events++
		}
	}
	return endpoints, events
}

// candidate returns the index of a scope's candidate, adding it with its
// grants (endpoints, then events numbered after them) on first use.
func (op *optimisation) candidate(c *catalog.Catalog, s string) int {
	if i, ok := op.index[s]; ok {
		return i
	}
	var grants []int
	if sc, _ := scopeOf(c, s, op.kind); sc != nil {
		grants = sc.Endpoints
		if len(sc.Events) > 0 {
			grants = slices.Clip(grants)
			for _, id := range sc.Events {
				grants = append(grants, op.endpoints+id)
			}
		}
	}
	i := len(op.cands)
	op.index[s] = i
	op.cands = append(op.cands, solve.Candidate{Name: s, Grants: grants})
	return i
}

// optimise builds and solves the covering problem for one scope kind.
func optimise(c *catalog.Catalog, mapped []CallPlan, events []EventPlan, requested map[int]bool, o Options, kind catalog.ScopeKind) *optimisation {
	op := &optimisation{kind: kind, index: map[string]int{}, endpoints: len(c.Endpoints)}
	var needs [][]int
	for _, cp := range mapped {
		var need []int
		alts := alternatives(cp.Endpoint, kind)
		sound := hasSound(c, alts, kind, o.App)
		for _, s := range alts {
			if !o.App.Allows(catalog.LevelOf(s)) {
				continue
			}
			if sound && !isSound(c, s, kind) {
				// A malformed name (" division:read:admin") or one no scope
				// page defines is no alternative when a sound one exists.
				continue
			}
			if kind == catalog.KindClassic && slices.Contains(cp.Endpoint.ClassicByName, s) && hasFirm(cp.Endpoint, alts, o.App) {
				// A classic scope that reaches this endpoint only through
				// an API name shared by several endpoints is no
				// alternative when better-documented ones exist.
				continue
			}
			need = append(need, op.candidate(c, s))
		}
		if len(need) > 0 {
			needs = append(needs, need)
		}
	}
	for _, ep := range events {
		alts := ep.Event.Granular
		if kind == catalog.KindClassic {
			alts = ep.Event.Classic
		}
		// Many event scopes are defined on no scope page (the pages lag
		// the files): such a name is set aside only for a sound one.
		sound := hasSound(c, alts, kind, o.App)
		var need []int
		for _, s := range alts {
			if !o.App.Allows(catalog.LevelOf(s)) || (sound && !isSound(c, s, kind)) {
				continue
			}
			need = append(need, op.candidate(c, s))
		}
		if len(need) > 0 {
			needs = append(needs, need)
		}
	}
	var req []int
	for id := range requested {
		req = append(req, id)
	}
	sort.Ints(req)
	op.sol = solve.Solve(solve.Problem{Candidates: op.cands, Needs: needs, Requested: req, NodeLimit: o.NodeLimit})
	op.chosen = []string{}
	granted := map[int]bool{}
	for _, i := range op.sol.Chosen {
		op.chosen = append(op.chosen, op.cands[i].Name)
		for _, id := range op.cands[i].Grants {
			granted[id] = true
		}
	}
	sort.Strings(op.chosen)
	for id := range granted {
		if id < op.endpoints {
			op.granted = append(op.granted, id)
		} else {
			op.grantedEvents = append(op.grantedEvents, id-op.endpoints)
		}
	}
	sort.Ints(op.granted)
	sort.Ints(op.grantedEvents)
	return op
}

func alternatives(e *catalog.Endpoint, kind catalog.ScopeKind) []string {
	if kind == catalog.KindClassic {
		return e.Classic
	}
	return e.Granular
}

func scopeOf(c *catalog.Catalog, name string, kind catalog.ScopeKind) (*catalog.Scope, bool) {
	if kind == catalog.KindClassic {
		return c.ClassicScope(name)
	}
	return c.GranularScope(name)
}

// explain fills a call's covering scopes and the alternatives set aside.
func explain(c *catalog.Catalog, cp *CallPlan, chosenG, chosenC map[string]bool, g *optimisation, o Options) {
	cp.Granular, cp.Classic, cp.SetAside = []string{}, []string{}, []SetAside{}
	for _, s := range cp.Endpoint.Granular {
		if chosenG[s] {
			cp.Granular = append(cp.Granular, s)
		}
	}
	for _, s := range cp.Endpoint.Classic {
		if chosenC[s] {
			cp.Classic = append(cp.Classic, s)
		}
	}
	if len(cp.Classic) == 0 {
		cp.Notes = append(cp.Notes, "no classic scope the app type may request covers this endpoint")
	}
	for _, s := range cp.Classic {
		if slices.Contains(cp.Endpoint.ClassicByName, s) {
			cp.Notes = append(cp.Notes, fmt.Sprintf("classic %s covers this endpoint only through an API name the classic page lists, which several endpoints share", s))
		}
	}
	cover := strings.Join(cp.Granular, ", ")
	coverGrants := 0
	for _, s := range cp.Granular {
		if sc, ok := c.GranularScope(s); ok {
			coverGrants += len(sc.Endpoints)
		}
	}
	for _, s := range cp.Endpoint.Granular {
		if chosenG[s] {
			continue
		}
		l := catalog.LevelOf(s)
		if !o.App.Allows(l) {
			cp.SetAside = append(cp.SetAside, SetAside{Scope: s, Reason: fmt.Sprintf("level not allowed: %s-level scope; %s", l, o.App.allowedText())})
			continue
		}
		if !isSound(c, s, catalog.KindGranular) && hasSound(c, cp.Endpoint.Granular, catalog.KindGranular, o.App) {
			cp.SetAside = append(cp.SetAside, SetAside{Scope: s, Reason: "malformed, or defined on no scope page; a well-formed, documented alternative exists"})
			continue
		}
		n := 0
		if sc, ok := c.GranularScope(s); ok {
			n = len(sc.Endpoints)
		}
		var reason string
		switch {
		case n > coverGrants:
			reason = fmt.Sprintf("grants more: %d endpoint(s), where the chosen %s grants %d", n, cover, coverGrants)
		case n == coverGrants:
			reason = fmt.Sprintf("not needed: the chosen %s grants as many endpoints (%d) and ties go to fewer scopes, then to the first name", cover, n)
		default:
			reason = fmt.Sprintf("not needed: the chosen %s, which other calls need too, already covers this call (this scope alone grants %d endpoint(s))", cover, n)
		}
		cp.SetAside = append(cp.SetAside, SetAside{Scope: s, Reason: reason})
	}
}

// tradeOffs finds allowed candidates that alone would replace two or more
// chosen scopes, with the scopes saved and endpoints added.
func tradeOffs(c *catalog.Catalog, g *optimisation, requested map[int]bool) []TradeOff {
	if len(g.chosen) < 2 {
		return nil
	}
	// Which requested endpoints does each chosen scope cover?
	grants := func(i int) map[int]bool {
		m := map[int]bool{}
		for _, id := range g.cands[i].Grants {
			if id < g.endpoints {
				m[id] = true
			}
		}
		return m
	}
	chosen := set(g.chosen)
	base := map[int]bool{}
	for _, name := range g.chosen {
		for id := range grants(g.index[name]) {
			base[id] = true
		}
	}
	var out []TradeOff
	for i, cand := range g.cands {
		if chosen[cand.Name] {
			continue
		}
		gi := grants(i)
		var replaces []string
		for _, name := range g.chosen {
			covered := true
			for id := range grants(g.index[name]) {
				if requested[id] && !gi[id] {
					covered = false
					break
				}
			}
			if covered {
				replaces = append(replaces, name)
			}
		}
		if len(replaces) < 2 {
			continue
		}
		// Union after the swap versus before.
		after := map[int]bool{}
		rep := set(replaces)
		for _, name := range g.chosen {
			if !rep[name] {
				for id := range grants(g.index[name]) {
					after[id] = true
				}
			}
		}
		for id := range gi {
			after[id] = true
		}
		added := extraCount(after, requested) - extraCount(base, requested)
		out = append(out, TradeOff{Scope: cand.Name, Replaces: replaces, Saves: len(replaces) - 1, AddsGrant: added})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Saves != out[j].Saves {
			return out[i].Saves > out[j].Saves
		}
		if out[i].AddsGrant != out[j].AddsGrant {
			return out[i].AddsGrant < out[j].AddsGrant
		}
		return out[i].Scope < out[j].Scope
	})
	if len(out) > 5 {
		out = out[:5]
	}
	return out
}

func extraCount(m map[int]bool, requested map[int]bool) int {
	n := 0
	for id := range m {
		if !requested[id] {
			n++
		}
	}
	return n
}

func set(s []string) map[string]bool {
	m := make(map[string]bool, len(s))
	for _, x := range s {
		m[x] = true
	}
	return m
}

// hasFirm reports whether an endpoint has a classic alternative of an
// allowed level that does not rest on a shared API name alone.
func hasFirm(e *catalog.Endpoint, alts []string, app AppType) bool {
	for _, s := range alts {
		if app.Allows(catalog.LevelOf(s)) && !slices.Contains(e.ClassicByName, s) {
			return true
		}
	}
	return false
}

// isSound reports whether a scope name is well formed and defined on a
// scope page.
func isSound(c *catalog.Catalog, name string, kind catalog.ScopeKind) bool {
	sc, ok := scopeOf(c, name, kind)
	return ok && sc.Defined && !sc.Parsed().Malformed
}

// hasSound reports whether any alternative of an allowed level is sound.
func hasSound(c *catalog.Catalog, alts []string, kind catalog.ScopeKind, app AppType) bool {
	for _, s := range alts {
		if app.Allows(catalog.LevelOf(s)) && isSound(c, s, kind) {
			return true
		}
	}
	return false
}

// callPath is the path of a "METHOD /path" spec, or the spec itself.
func callPath(spec string) string {
	if f := strings.Fields(spec); len(f) == 2 {
		return f[1]
	}
	return spec
}
