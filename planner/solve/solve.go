// Package solve is the exact optimiser behind scopeplan's least-privilege
// plans. It is a pure algorithm on integers and knows nothing about Zoom: the
// planner numbers scopes and endpoints and hands it a [Problem].
//
// # Objective
//
// Choose a subset S of the candidates (scopes) so that every need contains at
// least one member of S, minimising, lexicographically,
//
//  1. the over-grant: the number of distinct endpoints granted by the union of
//     the chosen scopes' grants that are not in Problem.Requested (a union,
//     not a sum: an extra endpoint granted by two chosen scopes counts once);
//  2. the number of chosen scopes;
//  3. the sorted list of chosen (Name, index) keys, compared lexicographically
//     (so the smallest names win; equal names fall back to the smaller index).
//
// The third criterion is a strict total order on sets of equal size, so the
// optimum is unique and Solve is fully deterministic.
//
// # Algorithm
//
// Normalisation drops out-of-range and repeated indices, reports needs with no
// candidate in Solution.Unmet and removes requested endpoints from the grants
// (what remains of a candidate's grants is its "extra" set). Then, until
// nothing changes:
//
//   - forcing: a need with a single candidate forces it; its needs are met and
//     its extra endpoints become free for everyone else;
//   - need redundancy: a need whose candidate set is a superset of another
//     need's is implied by it and dropped;
//   - uselessness: a candidate meeting no remaining need is dropped;
//   - dominance: A is dropped when some B has needs(A) ⊆ needs(B),
//     extra(B) ⊆ extra(A) and key(B) < key(A). Swapping A for B in any
//     solution never raises the over-grant or the count and, when both tie,
//     improves the name order, so the unique optimum never contains A. (With
//     key(B) > key(A) A may be optimal, so it is kept.)
//
// The remaining candidates are split into components of the graph in which two
// candidates are adjacent when they share a need or a non-free extra endpoint.
// Components share neither needs nor over-grant, and the name order compares
// sets by their smallest differing element, so the global optimum is the union
// of the forced candidates and each component's optimum.
//
// Each component is solved by two depth-first branch-and-bound searches.
// Phase 1 finds the optimal (over-grant, count): it starts from a greedy
// incumbent, branches on the unmet need with the fewest live candidates
// (child i takes candidate i and excludes candidates 1..i-1), propagates
// single-candidate needs, and prunes a node when its lower bound is not
// better than the incumbent. The over-grant bound is the extra already granted
// plus, over a packing of unmet needs whose live candidates share neither a
// candidate nor a non-granted extra endpoint, the sum of each need's cheapest
// new extra; the count bound is the count so far plus a packing of unmet needs
// with pairwise disjoint live candidates. Phase 2 knows the optimal value and
// searches include-first over candidates in name order, so the first solution
// reaching that value is the one with the smallest names.
//
// Each phase of each component may expand at most Problem.NodeLimit nodes. When
// phase 1 runs out, the best solution found is kept, Optimal is false and Gap
// is the incumbent's over-grant minus the smallest lower bound of the nodes left
// open (a valid lower bound on the optimum). When only phase 2 runs out, the
// over-grant and count are proven optimal but the name tie-break is not, so
// Optimal is false with a zero Gap.
package solve

import (
	"cmp"
	"slices"
)

// DefaultNodeLimit is the node budget used when Problem.NodeLimit <= 0.
const DefaultNodeLimit = 1_000_000

// Candidate is one scope that may be requested.
type Candidate struct {
	// Name is used for deterministic tie-breaking (lexicographic). Names need
	// not be unique; equal names are ordered by candidate index.
	Name string
	// Grants are the endpoint ids this scope grants, in any order; repeats
	// are allowed and the slice is treated as a set.
	Grants []int
}

// Problem asks for a subset of Candidates meeting every need. A need is met
// when the chosen subset contains at least one of its candidate indices.
type Problem struct {
	// Candidates are the scopes that may be requested.
	Candidates []Candidate
	// Needs lists, per need, the indices into Candidates any one of which
	// satisfies it. Out-of-range indices are ignored (treated as absent) and
	// repeats are harmless; a need left with no valid index is reported in
	// Solution.Unmet and otherwise skipped.
	Needs [][]int
	// Requested are the endpoint ids the app really calls; granting them is
	// free.
	Requested []int
	// NodeLimit is the branch-and-bound node budget per component and search
	// phase; <= 0 means DefaultNodeLimit.
	NodeLimit int
}

// Solution is the chosen subset and how good it is.
type Solution struct {
	// Chosen are indices into Problem.Candidates, sorted by Name (then index).
	Chosen []int
	// OverGrant is the number of distinct endpoints granted by the chosen
	// candidates that are not in Problem.Requested.
	OverGrant int
	// Scopes is len(Chosen).
	Scopes int
	// Optimal is true only when the whole objective, tie-break included, was
	// proved optimal for every component.
	Optimal bool
	// Gap, when !Optimal, bounds how far OverGrant may be above the optimum:
	// the optimal over-grant is at least OverGrant-Gap. It is 0 when Optimal.
	Gap int
	// Unmet are the indices of needs with no valid candidate at all. They
	// cannot be met and are skipped; this is not an error.
	Unmet []int
}

// Solve returns the optimal choice of candidates for p (see the package
// documentation for the objective). It never panics and the same input always
// gives the same output.
func Solve(p Problem) Solution {
	limit := p.NodeLimit
	if limit <= 0 {
		limit = DefaultNodeLimit
	}
	r, rank, unmet := normalise(p)
	res := solveReduced(r, limit, nil)
	sol := Solution{Optimal: res.optimal, Unmet: unmet}
	if !res.optimal {
		sol.Gap = max(0, res.og-res.lb)
	}
	slices.SortFunc(res.chosen, func(a, b int32) int { return cmp.Compare(rank[a], rank[b]) })
	if len(res.chosen) > 0 {
		sol.Chosen = make([]int, len(res.chosen))
		for i, c := range res.chosen {
			sol.Chosen[i] = int(c)
		}
	}
	sol.Scopes = len(sol.Chosen)
	sol.OverGrant = overGrant(p, sol.Chosen)
	return sol
}

// normalise turns p into integer lists: candidates ranked by (Name, index),
// extras densely numbered in order of first appearance (so no map order
// leaks), needs cleaned of out-of-range and repeated indices. Needs left empty
// are returned as unmet.
func normalise(p Problem) (r *reducer, rank []int32, unmet []int) {
	nc := len(p.Candidates)

	// Rank candidates by (Name, index): the tie-break key.
	order := make([]int32, nc)
	for i := range order {
		order[i] = int32(i)
	}
	slices.SortFunc(order, func(a, b int32) int {
		if c := cmp.Compare(p.Candidates[a].Name, p.Candidates[b].Name); c != 0 {
			return c
		}
		return cmp.Compare(a, b)
	})
	rank = make([]int32, nc)
	for r, c := range order {
		rank[c] = int32(r)
	}

	// Extra endpoints (grants minus Requested), densely numbered in order of
	// first appearance so that no map order leaks.
	req := make(map[int]struct{}, len(p.Requested))
	for _, e := range p.Requested {
		req[e] = struct{}{}
	}
	dense := make(map[int]int32)
	candExtra := make([][]int32, nc)
	for i, c := range p.Candidates {
		var ex []int32
		for _, e := range c.Grants {
			if _, ok := req[e]; ok {
				continue
			}
			id, ok := dense[e]
			if !ok {
				id = int32(len(dense))
				dense[e] = id
			}
			ex = append(ex, id)
		}
		slices.Sort(ex)
		candExtra[i] = slices.Compact(ex)
	}

	var needCands [][]int32
	for i, need := range p.Needs {
		var cs []int32
		for _, c := range need {
			if c >= 0 && c < nc {
				cs = append(cs, int32(c))
			}
		}
		if len(cs) == 0 {
			unmet = append(unmet, i)
			continue
		}
		slices.Sort(cs)
		needCands = append(needCands, slices.Compact(cs))
	}

	return newReducer(needCands, candExtra, len(dense), rank), rank, unmet
}

// overGrant counts the distinct endpoints granted by chosen and not requested.
func overGrant(p Problem, chosen []int) int {
	req := make(map[int]struct{}, len(p.Requested))
	for _, e := range p.Requested {
		req[e] = struct{}{}
	}
	seen := make(map[int]struct{})
	for _, c := range chosen {
		for _, e := range p.Candidates[c].Grants {
			if _, ok := req[e]; !ok {
				seen[e] = struct{}{}
			}
		}
	}
	return len(seen)
}

// reducer holds a normalised problem while it is being simplified. All lists
// are sorted and deduplicated; dead entries are filtered out by compact.
type reducer struct {
	rank      []int32   // per candidate: position in tie-break order
	candNeeds [][]int32 // per candidate: live needs it meets
	candExtra [][]int32 // per candidate: non-free extra endpoints
	needCands [][]int32 // per need: live candidates meeting it (non-empty)
	candAlive []bool
	needAlive []bool
	free      []bool  // per endpoint: already granted by a forced candidate
	forced    []int32 // candidates every optimal solution contains
}

// newReducer takes ownership of its arguments. Every need must be non-empty,
// sorted and deduplicated, and so must every extra list.
func newReducer(needCands, candExtra [][]int32, nEndpoints int, rank []int32) *reducer {
	nc := len(candExtra)
	r := &reducer{
		rank:      rank,
		candNeeds: make([][]int32, nc),
		candExtra: candExtra,
		needCands: needCands,
		candAlive: make([]bool, nc),
		needAlive: make([]bool, len(needCands)),
		free:      make([]bool, nEndpoints),
	}
	for n, cs := range needCands {
		r.needAlive[n] = true
		for _, c := range cs {
			r.candNeeds[c] = append(r.candNeeds[c], int32(n))
			r.candAlive[c] = true // candidates meeting no need are never useful
		}
	}
	return r
}

// less reports whether candidate a's tie-break key sorts before b's.
func (r *reducer) less(a, b int32) bool { return r.rank[a] < r.rank[b] }

// solveReduced reduces r, splits it into components and solves each. With a
// nil shared budget every component gets its own budget of limit nodes;
// otherwise all of them draw on shared. Chosen ids are r's candidate ids.
func solveReduced(r *reducer, limit int, shared *budget) compResult {
	r.reduce()
	free := 0
	for _, f := range r.free {
		if f {
			free++
		}
	}
	res := compResult{chosen: slices.Clone(r.forced), og: free, k: len(r.forced), lb: free, optimal: true}
	for _, comp := range r.components() {
		b := shared
		if b == nil {
			b = &budget{limit: limit}
		}
		cr := solveComponent(comp, b)
		for _, lc := range cr.chosen {
			res.chosen = append(res.chosen, comp.global[lc])
		}
		res.og += cr.og
		res.k += cr.k
		res.lb += cr.lb
		res.optimal = res.optimal && cr.optimal
	}
	return res
}

// compact drops dead needs, dead candidates and free endpoints from all lists.
func (r *reducer) compact() {
	for n, cs := range r.needCands {
		if !r.needAlive[n] {
			r.needCands[n] = nil
			continue
		}
		r.needCands[n] = slices.DeleteFunc(cs, func(c int32) bool { return !r.candAlive[c] })
	}
	for c := range r.candNeeds {
		if !r.candAlive[c] {
			r.candNeeds[c], r.candExtra[c] = nil, nil
			continue
		}
		r.candNeeds[c] = slices.DeleteFunc(r.candNeeds[c], func(n int32) bool { return !r.needAlive[n] })
		r.candExtra[c] = slices.DeleteFunc(r.candExtra[c], func(e int32) bool { return r.free[e] })
	}
}

// reduce applies forcing, need redundancy, uselessness and dominance until a
// fixed point is reached.
func (r *reducer) reduce() {
	for changed := true; changed; {
		changed = false
		r.compact()
		changed = r.force() || changed
		r.compact()
		changed = r.dropRedundantNeeds() || changed
		r.compact()
		for c, ns := range r.candNeeds {
			if r.candAlive[c] && len(ns) == 0 {
				r.candAlive[c] = false
				changed = true
			}
		}
		r.compact()
		changed = r.dominate() || changed
	}
	r.compact()
}

func (r *reducer) force() bool {
	changed := false
	for n, cs := range r.needCands {
		if !r.needAlive[n] {
			continue
		}
		if len(cs) == 0 { // cannot happen (a dominator always survives); be safe
			r.needAlive[n] = false
			continue
		}
		if len(cs) != 1 || !r.candAlive[cs[0]] {
			continue
		}
		c := cs[0]
		r.forced = append(r.forced, c)
		r.candAlive[c] = false
		for _, m := range r.candNeeds[c] {
			r.needAlive[m] = false
		}
		for _, e := range r.candExtra[c] {
			r.free[e] = true
		}
		changed = true
	}
	return changed
}

// dropRedundantNeeds drops every need whose candidate set contains another
// live need's (the smaller need implies it; among equal sets the first stays).
func (r *reducer) dropRedundantNeeds() bool {
	// Index each need by its candidate meeting the fewest needs.
	byRare := make([][]int32, len(r.candNeeds))
	for n, cs := range r.needCands {
		if !r.needAlive[n] {
			continue
		}
		best := cs[0]
		for _, c := range cs[1:] {
			if len(r.candNeeds[c]) < len(r.candNeeds[best]) {
				best = c
			}
		}
		byRare[best] = append(byRare[best], int32(n))
	}
	changed := false
	for b, bs := range r.needCands {
		if !r.needAlive[b] {
			continue
		}
	search:
		for _, c := range bs {
			for _, a := range byRare[c] {
				as := r.needCands[a]
				if int(a) == b || !r.needAlive[a] || len(as) > len(bs) {
					continue
				}
				if len(as) == len(bs) && int(a) > b {
					continue
				}
				if subset(as, bs) {
					r.needAlive[b] = false
					changed = true
					break search
				}
			}
		}
	}
	return changed
}

// dominate drops every candidate dominated by a live candidate with a smaller
// key (see the package documentation).
func (r *reducer) dominate() bool {
	changed := false
	for ai, ans := range r.candNeeds {
		a := int32(ai)
		if !r.candAlive[a] {
			continue
		}
		rare := ans[0]
		for _, n := range ans[1:] {
			if len(r.needCands[n]) < len(r.needCands[rare]) {
				rare = n
			}
		}
		for _, b := range r.needCands[rare] {
			if b == a || !r.candAlive[b] || !r.less(b, a) {
				continue
			}
			if len(r.candNeeds[b]) < len(ans) || len(r.candExtra[b]) > len(r.candExtra[a]) {
				continue
			}
			if subset(ans, r.candNeeds[b]) && subset(r.candExtra[b], r.candExtra[a]) {
				r.candAlive[a] = false
				changed = true
				break
			}
		}
	}
	return changed
}

// subset reports whether sorted a ⊆ sorted b.
func subset(a, b []int32) bool {
	if len(a) > len(b) {
		return false
	}
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j == len(b) || b[j] != x {
			return false
		}
		j++
	}
	return true
}

// components splits the live candidates into independent components with
// local numbering; candidates are numbered in key order (local id = rank).
func (r *reducer) components() []*component {
	nc := len(r.candNeeds)
	parent := make([]int32, nc)
	for i := range parent {
		parent[i] = int32(i)
	}
	find := func(x int32) int32 {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	union := func(a, b int32) {
		ra, rb := find(a), find(b)
		if ra < rb {
			parent[rb] = ra
		} else if rb < ra {
			parent[ra] = rb
		}
	}
	for n, cs := range r.needCands {
		if !r.needAlive[n] {
			continue
		}
		for _, c := range cs[1:] {
			union(cs[0], c)
		}
	}
	owner := make([]int32, len(r.free))
	for i := range owner {
		owner[i] = -1
	}
	for c, ex := range r.candExtra {
		if !r.candAlive[c] {
			continue
		}
		for _, e := range ex {
			if owner[e] < 0 {
				owner[e] = int32(c)
			} else {
				union(owner[e], int32(c))
			}
		}
	}

	// Group live candidates by root, components ordered by smallest member.
	compOf := make([]int32, nc)
	var comps []*component
	for c := range nc {
		if !r.candAlive[c] {
			continue
		}
		root := find(int32(c))
		if root == int32(c) {
			compOf[c] = int32(len(comps))
			comps = append(comps, &component{})
		} else {
			compOf[c] = compOf[root]
		}
		k := comps[compOf[c]]
		k.global = append(k.global, int32(c))
	}
	local := make([]int32, nc)
	epLocal := make([]int32, len(r.free))
	for i := range epLocal {
		epLocal[i] = -1
	}
	for _, k := range comps {
		slices.SortFunc(k.global, func(a, b int32) int { return cmp.Compare(r.rank[a], r.rank[b]) })
		k.candNeeds = make([][]int32, len(k.global))
		k.candExtra = make([][]int32, len(k.global))
		for i, g := range k.global {
			local[g] = int32(i)
		}
		var needIDs []int32
		var eps []int32
		for i, g := range k.global {
			for _, n := range r.candNeeds[g] {
				if r.needCands[n][0] == g { // first time this need is seen
					needIDs = append(needIDs, n)
				}
			}
			ex := make([]int32, 0, len(r.candExtra[g]))
			for _, e := range r.candExtra[g] {
				if epLocal[e] < 0 {
					epLocal[e] = int32(len(eps))
					eps = append(eps, e)
				}
				ex = append(ex, epLocal[e])
			}
			slices.Sort(ex)
			k.candExtra[i] = ex
		}
		slices.Sort(needIDs)
		k.needCands = make([][]int32, len(needIDs))
		for ln, n := range needIDs {
			cs := make([]int32, len(r.needCands[n]))
			for j, g := range r.needCands[n] {
				cs[j] = local[g]
			}
			slices.Sort(cs)
			k.needCands[ln] = cs
			for _, c := range cs {
				k.candNeeds[c] = append(k.candNeeds[c], int32(ln))
			}
		}
		k.nEndpoints = len(eps)
		for _, e := range eps {
			epLocal[e] = -1
		}
	}
	return comps
}
