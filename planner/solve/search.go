package solve

import "slices"

// component is one independent sub-problem with local numbering. Candidate
// local ids are ranks in key order, so "smaller id" means "sorts first".
type component struct {
	global     []int32   // local candidate id -> global candidate index
	candNeeds  [][]int32 // local candidate -> local needs
	candExtra  [][]int32 // local candidate -> local extra endpoints (sorted)
	needCands  [][]int32 // local need -> local candidates (sorted)
	nEndpoints int
}

// compResult is the outcome of solving one component.
type compResult struct {
	chosen  []int32 // local candidate ids
	og, k   int
	optimal bool
	lb      int // proven lower bound on the component's optimal over-grant
}

const (
	undecided int8 = iota
	in
	out
)

// searcher is the mutable branch-and-bound state for one component.
type searcher struct {
	*component
	state []int8  // per candidate
	cover []int32 // per need: chosen candidates meeting it
	avail []int32 // per need: candidates not excluded
	paid  []int32 // per endpoint: chosen candidates granting it
	og    int     // extra endpoints granted so far
	k     int     // candidates chosen so far
	unmet int     // needs not yet met
	trail []int32 // c for an include, ^c for an exclude

	bud     *budget
	aborted bool

	// Scratch space for bounds and branching.
	newCost  []int32 // per candidate: new extra endpoints if chosen
	candMark []uint32
	epMark   []uint32
	stamp    uint32
	needBuf  []int32
	pairBuf  []needMin
	childBuf []int32
	subID    []int32 // per candidate: id in the residual problem, or -1
	epOwner  []int32 // per endpoint: scratch, valid where epMark is current
	backBuf  []int32
	ufBuf    []int32
}

// needMin is an unmet need and the cheapest new extra of its candidates.
type needMin struct{ n, m int32 }

// budget is a node budget shared by every search that draws on it.
type budget struct{ used, limit int }

// spend counts one node and reports whether the budget allows it.
func (b *budget) spend() bool {
	b.used++
	return b.used <= b.limit
}

func newSearcher(c *component, b *budget) *searcher {
	s := &searcher{
		component: c,
		state:     make([]int8, len(c.global)),
		cover:     make([]int32, len(c.needCands)),
		avail:     make([]int32, len(c.needCands)),
		paid:      make([]int32, c.nEndpoints),
		unmet:     len(c.needCands),
		bud:       b,
		newCost:   make([]int32, len(c.global)),
		candMark:  make([]uint32, len(c.global)),
		epMark:    make([]uint32, c.nEndpoints),
		subID:     make([]int32, len(c.global)),
		epOwner:   make([]int32, c.nEndpoints),
	}
	for n, cs := range c.needCands {
		s.avail[n] = int32(len(cs))
	}
	return s
}

func (s *searcher) include(c int32) {
	s.state[c] = in
	s.trail = append(s.trail, c)
	s.k++
	for _, n := range s.candNeeds[c] {
		s.cover[n]++
		if s.cover[n] == 1 {
			s.unmet--
		}
	}
	for _, e := range s.candExtra[c] {
		s.paid[e]++
		if s.paid[e] == 1 {
			s.og++
		}
	}
}

func (s *searcher) exclude(c int32) {
	s.state[c] = out
	s.trail = append(s.trail, ^c)
	for _, n := range s.candNeeds[c] {
		s.avail[n]--
	}
}

// undo reverts every decision made after the trail had length mark.
func (s *searcher) undo(mark int) {
	for len(s.trail) > mark {
		c := s.trail[len(s.trail)-1]
		s.trail = s.trail[:len(s.trail)-1]
		if c < 0 {
			c = ^c
			for _, n := range s.candNeeds[c] {
				s.avail[n]++
			}
		} else {
			s.k--
			for _, n := range s.candNeeds[c] {
				s.cover[n]--
				if s.cover[n] == 0 {
					s.unmet++
				}
			}
			for _, e := range s.candExtra[c] {
				s.paid[e]--
				if s.paid[e] == 0 {
					s.og--
				}
			}
		}
		s.state[c] = undecided
	}
}

// propagate includes the only remaining candidate of every unmet need; it
// reports false when some unmet need has no candidate left.
func (s *searcher) propagate() bool {
	for changed := true; changed; {
		changed = false
		for n, cs := range s.needCands {
			if s.cover[n] > 0 || s.avail[n] > 1 {
				continue
			}
			if s.avail[n] == 0 {
				return false
			}
			for _, c := range cs {
				if s.state[c] == undecided {
					s.include(c)
					changed = true
					break
				}
			}
		}
	}
	return true
}

// settle alternates propagate with bound fixing: an undecided candidate is
// excluded when choosing it alone would already make the node's value no
// better than (limOG, limK) (strictly worse when inclusive). It reports false
// when the node is infeasible. It leaves newCost up to date.
func (s *searcher) settle(limOG, limK int, inclusive bool) bool {
	for {
		if !s.propagate() {
			return false
		}
		s.computeNewCost()
		fixed := false
		for c := range s.state {
			if s.state[c] != undecided {
				continue
			}
			og, k := s.og+int(s.newCost[c]), s.k+1
			if lexLess(limOG, limK, og, k) || (!inclusive && og == limOG && k == limK) {
				s.exclude(int32(c))
				fixed = true
			}
		}
		if !fixed {
			return true
		}
	}
}

// useful reports whether candidate c would meet some unmet need.
func (s *searcher) useful(c int32) bool {
	for _, n := range s.candNeeds[c] {
		if s.cover[n] == 0 {
			return true
		}
	}
	return false
}

func (s *searcher) nextStamp() uint32 {
	s.stamp++
	if s.stamp == 0 { // wrapped: reset marks
		clear(s.candMark)
		clear(s.epMark)
		s.stamp = 1
	}
	return s.stamp
}

// computeNewCost fills newCost for every undecided candidate of an unmet need.
func (s *searcher) computeNewCost() {
	for c := range s.state {
		if s.state[c] != undecided {
			continue
		}
		var nc int32
		for _, e := range s.candExtra[c] {
			if s.paid[e] == 0 {
				nc++
			}
		}
		s.newCost[c] = nc
	}
}

// bound returns lower bounds on the over-grant and the count of every
// completion of the current node. computeNewCost must have been called.
func (s *searcher) bound() (lbOG, lbK int) {
	// Over-grant: pack unmet needs whose undecided candidates share neither a
	// candidate nor an unpaid extra endpoint; their cheapest new extras add up.
	pairs := s.pairBuf[:0]
	for n, cs := range s.needCands {
		if s.cover[n] > 0 {
			continue
		}
		m := int32(-1)
		for _, c := range cs {
			if s.state[c] == undecided && (m < 0 || s.newCost[c] < m) {
				m = s.newCost[c]
			}
		}
		if m > 0 {
			pairs = append(pairs, needMin{int32(n), m})
		}
	}
	// Largest minimum first, then need id.
	slices.SortFunc(pairs, func(a, b needMin) int {
		if a.m != b.m {
			return int(b.m - a.m)
		}
		return int(a.n - b.n)
	})
	st := s.nextStamp()
	lbOG = s.og
	for _, p := range pairs {
		if s.packConflict(p.n, st, true) {
			continue
		}
		s.packMark(p.n, st, true)
		lbOG += int(p.m)
	}
	s.pairBuf = pairs

	// Count: pack unmet needs with pairwise disjoint undecided candidates,
	// fewest candidates first.
	needs := s.needBuf[:0]
	for n := range s.needCands {
		if s.cover[n] == 0 {
			needs = append(needs, int32(n))
		}
	}
	slices.SortFunc(needs, func(a, b int32) int {
		if s.avail[a] != s.avail[b] {
			return int(s.avail[a] - s.avail[b])
		}
		return int(a - b)
	})
	st = s.nextStamp()
	lbK = s.k
	for _, n := range needs {
		if s.packConflict(n, st, false) {
			continue
		}
		s.packMark(n, st, false)
		lbK++
	}
	s.needBuf = needs
	return lbOG, lbK
}

func (s *searcher) packConflict(n int32, st uint32, eps bool) bool {
	for _, c := range s.needCands[n] {
		if s.state[c] != undecided {
			continue
		}
		if s.candMark[c] == st {
			return true
		}
		if eps {
			for _, e := range s.candExtra[c] {
				if s.paid[e] == 0 && s.epMark[e] == st {
					return true
				}
			}
		}
	}
	return false
}

func (s *searcher) packMark(n int32, st uint32, eps bool) {
	for _, c := range s.needCands[n] {
		if s.state[c] != undecided {
			continue
		}
		s.candMark[c] = st
		if eps {
			for _, e := range s.candExtra[c] {
				if s.paid[e] == 0 {
					s.epMark[e] = st
				}
			}
		}
	}
}

// lexLess reports whether (a1, a2) < (b1, b2) lexicographically.
func lexLess(a1, a2, b1, b2 int) bool {
	return a1 < b1 || (a1 == b1 && a2 < b2)
}

// phase1 finds the optimal (over-grant, count) of the component.
type phase1 struct {
	*searcher
	best           []int32
	bestOG, bestK  int
	openLB         int // min lower bound over nodes left open by an abort
	haveOpenBounds bool
}

// chosenSet returns the currently included candidates in id order.
func (s *searcher) chosenSet() []int32 {
	var out []int32
	for c, st := range s.state {
		if st == in {
			out = append(out, int32(c))
		}
	}
	return out
}

// orderChildren returns the undecided candidates of unmet need n in the order
// in which to try them: cheapest new extra first, then most unmet needs met,
// then key order. They are appended to s.childBuf; the caller truncates it.
func (s *searcher) orderChildren(n int32) []int32 {
	start := len(s.childBuf)
	for _, c := range s.needCands[n] {
		if s.state[c] == undecided {
			s.childBuf = append(s.childBuf, c)
		}
	}
	kids := s.childBuf[start:]
	gain := func(c int32) int {
		g := 0
		for _, m := range s.candNeeds[c] {
			if s.cover[m] == 0 {
				g++
			}
		}
		return g
	}
	slices.SortFunc(kids, func(a, b int32) int {
		if s.newCost[a] != s.newCost[b] {
			return int(s.newCost[a] - s.newCost[b])
		}
		if ga, gb := gain(a), gain(b); ga != gb {
			return gb - ga
		}
		return int(a - b)
	})
	return kids
}

// hubMin is the number of unmet needs from which a candidate counts as a hub.
const hubMin = 4

// hub returns the undecided candidate meeting the most unmet needs (the
// first in key order on ties) when it meets at least hubMin, else -1.
func (s *searcher) hub() int32 {
	best, bestDeg := int32(-1), hubMin-1
	for c := range s.state {
		if s.state[c] != undecided {
			continue
		}
		d := 0
		for _, n := range s.candNeeds[c] {
			if s.cover[n] == 0 {
				d++
			}
		}
		if d > bestDeg {
			best, bestDeg = int32(c), d
		}
	}
	return best
}

// branchNeed returns the unmet need with the fewest remaining candidates.
func (s *searcher) branchNeed() int32 {
	best := int32(-1)
	for n := range s.needCands {
		if s.cover[n] == 0 && (best < 0 || s.avail[n] < s.avail[best]) {
			best = int32(n)
		}
	}
	return best
}

// greedy builds the initial incumbent: repeatedly take the first child of the
// most constrained need.
func (p *phase1) greedy() {
	mark := len(p.trail)
	for {
		p.propagate() // never fails: nothing is excluded
		if p.unmet == 0 {
			break
		}
		p.computeNewCost()
		n := p.branchNeed()
		start := len(p.childBuf)
		kids := p.orderChildren(n)
		c := kids[0]
		p.childBuf = p.childBuf[:start]
		p.include(c)
	}
	p.best, p.bestOG, p.bestK = p.chosenSet(), p.og, p.k
	p.undo(mark)
}

func (p *phase1) dfs() {
	if !p.bud.spend() {
		p.aborted = true
		return
	}
	mark := len(p.trail)
	defer p.undo(mark)
	if !p.settle(p.bestOG, p.bestK, false) {
		return
	}
	if p.unmet == 0 {
		if lexLess(p.og, p.k, p.bestOG, p.bestK) {
			p.best, p.bestOG, p.bestK = p.chosenSet(), p.og, p.k
		}
		return
	}
	lbOG, lbK := p.bound()
	if !lexLess(lbOG, lbK, p.bestOG, p.bestK) {
		return
	}
	if sub, back := p.residual(); sub != nil {
		// The rest falls apart into independent parts: solve them exactly
		// (they draw on the same budget) instead of branching.
		res := solveReduced(sub, 0, p.bud)
		if og, k := p.og+res.og, p.k+res.k; lexLess(og, k, p.bestOG, p.bestK) {
			p.best, p.bestOG, p.bestK = p.withSub(res.chosen, back), og, k
		}
		if !res.optimal {
			p.aborted = true
			if lb := p.og + res.lb; !p.haveOpenBounds || lb < p.openLB {
				p.openLB, p.haveOpenBounds = lb, true
			}
		}
		return
	}
	if h := p.hub(); h >= 0 {
		// Decide a candidate meeting many unmet needs first: once the hubs
		// are decided the rest tends to fall apart into independent parts.
		m := len(p.trail)
		p.include(h)
		p.dfs()
		p.undo(m)
		if !p.aborted && lexLess(lbOG, lbK, p.bestOG, p.bestK) {
			p.exclude(h)
			p.dfs()
			p.undo(m)
		}
		if p.aborted && (!p.haveOpenBounds || lbOG < p.openLB) {
			p.openLB, p.haveOpenBounds = lbOG, true
		}
		return
	}
	n := p.branchNeed()
	start := len(p.childBuf)
	kids := p.orderChildren(n)
	defer func() { p.childBuf = p.childBuf[:start] }()
	for i := range kids {
		c := kids[i]
		m := len(p.trail)
		p.include(c)
		p.dfs()
		p.undo(m)
		if p.aborted {
			if !p.haveOpenBounds || lbOG < p.openLB {
				p.openLB, p.haveOpenBounds = lbOG, true
			}
			return
		}
		if !lexLess(lbOG, lbK, p.bestOG, p.bestK) {
			return
		}
		p.exclude(c)
	}
}

// phase2 finds, among solutions with the known optimal value, the one whose
// sorted key list is smallest: include-first search in key order visits
// solutions from the best tie-break to the worst.
type phase2 struct {
	*searcher
	targetOG, targetK int
	found             []int32
}

func (p *phase2) dfs() bool {
	if !p.bud.spend() {
		p.aborted = true
		return false
	}
	mark := len(p.trail)
	defer p.undo(mark)
	if !p.settle(p.targetOG, p.targetK, true) || lexLess(p.targetOG, p.targetK, p.og, p.k) {
		return false
	}
	if p.unmet == 0 {
		if p.og == p.targetOG && p.k == p.targetK {
			p.found = p.chosenSet()
			return true
		}
		return false
	}
	if lbOG, lbK := p.bound(); lexLess(p.targetOG, p.targetK, lbOG, lbK) {
		return false
	}
	if sub, back := p.residual(); sub != nil {
		// Independent parts: their own optima, combined, are the first
		// solution of this subtree in tie-break order.
		res := solveReduced(sub, 0, p.bud)
		if !res.optimal {
			p.aborted = true
			return false
		}
		if p.og+res.og == p.targetOG && p.k+res.k == p.targetK {
			p.found = p.withSub(res.chosen, back)
			return true
		}
		return false
	}
	c := int32(-1)
	for i := range p.state {
		if p.state[i] == undecided && p.useful(int32(i)) {
			c = int32(i)
			break
		}
	}
	if c < 0 {
		return false
	}
	m := len(p.trail)
	p.include(c)
	if p.dfs() {
		return true
	}
	p.undo(m)
	if p.aborted {
		return false
	}
	p.exclude(c)
	return p.dfs()
}

// solveComponent runs both phases on one component, drawing on b.
func solveComponent(c *component, b *budget) compResult {
	p1 := &phase1{searcher: newSearcher(c, b)}
	p1.greedy()
	rootLB := p1.rootBound()
	p1.dfs()
	if p1.aborted {
		lb := p1.bestOG
		if p1.haveOpenBounds {
			lb = min(lb, p1.openLB)
		} else {
			lb = min(lb, rootLB)
		}
		return compResult{chosen: p1.best, og: p1.bestOG, k: p1.bestK, lb: lb}
	}
	p2 := &phase2{searcher: newSearcher(c, b), targetOG: p1.bestOG, targetK: p1.bestK}
	if p2.dfs() {
		return compResult{chosen: p2.found, og: p1.bestOG, k: p1.bestK, lb: p1.bestOG, optimal: true}
	}
	// Out of budget (or, impossibly, no solution reaching the proven value):
	// the phase-1 solution is optimal in over-grant and count only.
	return compResult{chosen: p1.best, og: p1.bestOG, k: p1.bestK, lb: p1.bestOG}
}

// rootBound is the over-grant lower bound of the root node (no budget used).
func (s *searcher) rootBound() int {
	mark := len(s.trail)
	defer s.undo(mark)
	s.propagate() // never fails at the root: nothing is excluded
	s.computeNewCost()
	lb, _ := s.bound()
	return lb
}

// withSub returns the included candidates plus the residual solution sub,
// whose ids map back to local ids through back.
func (s *searcher) withSub(sub, back []int32) []int32 {
	out := s.chosenSet()
	for _, c := range sub {
		out = append(out, back[c])
	}
	slices.Sort(out)
	return out
}

// residual checks whether the unmet needs and their undecided candidates
// split into several independent parts (linked by shared candidates or
// unpaid extra endpoints). If so it returns the residual problem, numbered in
// the same tie-break order, and the map from its candidate ids to local ids;
// otherwise nil.
func (s *searcher) residual() (*reducer, []int32) {
	back := s.backBuf[:0]
	for c := range s.state {
		if s.state[c] == undecided && s.useful(int32(c)) {
			s.subID[c] = int32(len(back))
			back = append(back, int32(c))
		} else {
			s.subID[c] = -1
		}
	}
	s.backBuf = back
	m := len(back)
	if m < 2 {
		return nil, nil
	}
	parent := s.ufBuf[:0]
	for i := range m {
		parent = append(parent, int32(i))
	}
	s.ufBuf = parent
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	parts := m
	union := func(a, b int32) {
		if ra, rb := find(a), find(b); ra != rb {
			parent[max(ra, rb)] = min(ra, rb)
			parts--
		}
	}
	for n, cs := range s.needCands {
		if s.cover[n] > 0 {
			continue
		}
		first := int32(-1)
		for _, c := range cs {
			if id := s.subID[c]; id >= 0 {
				if first < 0 {
					first = id
				} else {
					union(first, id)
				}
			}
		}
	}
	st := s.nextStamp()
	for i, c := range back {
		for _, e := range s.candExtra[c] {
			if s.paid[e] != 0 {
				continue
			}
			if s.epMark[e] != st {
				s.epMark[e] = st
				s.epOwner[e] = int32(i)
			} else {
				union(s.epOwner[e], int32(i))
			}
		}
	}
	if parts < 2 {
		return nil, nil
	}

	// Build the residual problem.
	var needCands [][]int32
	for n, cs := range s.needCands {
		if s.cover[n] > 0 {
			continue
		}
		var sub []int32
		for _, c := range cs {
			if id := s.subID[c]; id >= 0 {
				sub = append(sub, id)
			}
		}
		needCands = append(needCands, sub) // cs is sorted, so sub is too
	}
	st = s.nextStamp()
	nEp := int32(0)
	candExtra := make([][]int32, m)
	rank := make([]int32, m)
	for i, c := range back {
		rank[i] = int32(i)
		var ex []int32
		for _, e := range s.candExtra[c] {
			if s.paid[e] != 0 {
				continue
			}
			if s.epMark[e] != st {
				s.epMark[e] = st
				s.epOwner[e] = nEp
				nEp++
			}
			ex = append(ex, s.epOwner[e])
		}
		slices.Sort(ex)
		candExtra[i] = ex
	}
	return newReducer(needCands, candExtra, int(nEp), rank), slices.Clone(back)
}
