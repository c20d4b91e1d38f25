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
// Each component is solved by two depth-first branch-and-bound searches that
// share one node budget.
//
// Phase 1 finds the optimal (over-grant, count). It starts from a greedy
// incumbent. At every node it propagates (a need with one live candidate
// forces it; a candidate whose own new extras would already make the node no
// better than the incumbent is excluded), then prunes the node when its lower
// bound is not better than the incumbent. The over-grant bound is the extra
// already granted plus, over a packing of unmet needs whose live candidates
// share neither a candidate nor a not-yet-granted extra endpoint, the sum of
// each need's cheapest new extra; the count bound is the count so far plus a
// packing of unmet needs with pairwise disjoint live candidates. If the
// remaining needs and candidates fall apart into independent parts, they are
// reduced and solved recursively (exactly as above) instead of branching.
// Otherwise it branches on a hub (the candidate meeting the most unmet needs,
// if at least four: include, then exclude), which is what usually splits the
// rest apart, or else on the unmet need with the fewest live candidates
// (child i takes candidate i and excludes candidates 1..i-1).
//
// Phase 2 knows the optimal value and searches include-first over candidates
// in key order, with the same propagation, bounds and splitting, so the first
// solution reaching that value is the tie-break winner.
//
// Problem.NodeLimit bounds the nodes of both phases of one top-level component,
// nested sub-searches included. When phase 1 runs out, the best solution found
// is kept, Optimal is false and Gap is the incumbent's over-grant minus the
// smallest lower bound of the nodes left open (a valid lower bound on the
// optimum). When only phase 2 runs out, over-grant and count are proven
// optimal but the name tie-break is not: Optimal is false with a zero Gap.
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
	// NodeLimit is the branch-and-bound node budget per independent
	// component (both search phases together); <= 0 means DefaultNodeLimit.
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
	used := make([]bool, nc) // candidates meeting some need; the rest never matter
	var needCands [][]int32
	for i, need := range p.Needs {
		var cs []int32
		for _, c := range need {
			if c >= 0 && c < nc {
				cs = append(cs, int32(c))
				used[c] = true
			}
		}
		if len(cs) == 0 {
			unmet = append(unmet, i)
			continue
		}
		slices.Sort(cs)
		needCands = append(needCands, slices.Compact(cs))
	}

	// Rank the used candidates by (Name, index): the tie-break key.
	var order []int32
	for c := range nc {
		if used[c] {
			order = append(order, int32(c))
		}
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

	// Extra endpoints (grants minus Requested) of the used candidates,
	// densely numbered in order of first appearance so no map order leaks.
	req := make(map[int]struct{}, len(p.Requested))
	for _, e := range p.Requested {
		req[e] = struct{}{}
	}
	dense := make(map[int]int32)
	candExtra := make([][]int32, nc)
	for i, c := range p.Candidates {
		if !used[i] {
			continue
		}
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
