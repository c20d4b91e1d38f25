package solve

import (
	"cmp"
	"slices"
)

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
