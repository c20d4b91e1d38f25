package solve

import (
	"fmt"
	"math/bits"
	"math/rand/v2"
	"slices"
	"testing"
)

// cand builds a candidate.
func cand(name string, grants ...int) Candidate { return Candidate{Name: name, Grants: grants} }

func names(p Problem, s Solution) []string {
	var out []string
	for _, c := range s.Chosen {
		out = append(out, p.Candidates[c].Name)
	}
	return out
}

func TestSolveTable(t *testing.T) {
	tests := []struct {
		name      string
		p         Problem
		want      []string
		overGrant int
		unmet     []int
	}{
		{
			name: "narrow scope beats broad scope",
			p: Problem{
				Candidates: []Candidate{cand("a:broad", 1, 2, 3, 4), cand("z:narrow", 1)},
				Needs:      [][]int{{0, 1}},
				Requested:  []int{1},
			},
			want: []string{"z:narrow"},
		},
		{
			name: "broad scope wins when it over-grants less than narrow ones together",
			p: Problem{
				// Need 1 -> {broad, n1}, need 2 -> {broad, n2}. broad adds {9};
				// n1 adds {7}, n2 adds {8}: together 2 > 1.
				Candidates: []Candidate{cand("broad", 1, 2, 9), cand("n1", 1, 7), cand("n2", 2, 8)},
				Needs:      [][]int{{0, 1}, {0, 2}},
				Requested:  []int{1, 2},
			},
			want:      []string{"broad"},
			overGrant: 1,
		},
		{
			name: "union semantics: shared extra endpoint counts once",
			p: Problem{
				// s1, s2 both add extra 9 (union = 1); broad adds 7 and 8 (2).
				Candidates: []Candidate{cand("s1", 1, 9), cand("s2", 2, 9), cand("broad", 1, 2, 7, 8)},
				Needs:      [][]int{{0, 2}, {1, 2}},
				Requested:  []int{1, 2},
			},
			want:      []string{"s1", "s2"},
			overGrant: 1,
		},
		{
			name: "tie on over-grant broken by scope count",
			p: Problem{
				Candidates: []Candidate{cand("a", 1), cand("b", 2), cand("c", 1, 2)},
				Needs:      [][]int{{0, 2}, {1, 2}},
				Requested:  []int{1, 2},
			},
			want: []string{"c"},
		},
		{
			name: "tie on over-grant and count broken by name",
			p: Problem{
				Candidates: []Candidate{cand("m", 1, 5), cand("d", 1, 6), cand("x", 1, 7)},
				Needs:      [][]int{{0, 1, 2}},
				Requested:  []int{1},
			},
			want:      []string{"d"},
			overGrant: 1,
		},
		{
			name: "name tie-break compares sorted lists",
			p: Problem{
				// Every pair is optimal; sorted ["a","c"] is the smallest list.
				Candidates: []Candidate{cand("b", 1), cand("c", 2), cand("a", 1), cand("z", 2)},
				Needs:      [][]int{{0, 2}, {1, 3}},
				Requested:  []int{1, 2},
			},
			want: []string{"a", "c"},
		},
		{
			name: "need with no candidates is reported unmet",
			p: Problem{
				Candidates: []Candidate{cand("a", 1)},
				Needs:      [][]int{{}, {0}, {-1, 7}},
				Requested:  []int{1},
			},
			want:  []string{"a"},
			unmet: []int{0, 2},
		},
		{
			name: "duplicates in grants and needs",
			p: Problem{
				Candidates: []Candidate{cand("a", 5, 5, 5, 1), cand("b", 1, 6, 7)},
				Needs:      [][]int{{0, 0, 1, 1}, {1, 0}},
				Requested:  []int{1, 1},
			},
			want:      []string{"a"},
			overGrant: 1,
		},
		{
			name: "requested endpoints not covered by any need are free",
			p: Problem{
				Candidates: []Candidate{cand("a", 1, 2, 3), cand("b", 1, 4)},
				Needs:      [][]int{{0, 1}},
				Requested:  []int{1, 2, 3, 100},
			},
			want: []string{"a"},
		},
		{
			name: "no needs chooses nothing",
			p:    Problem{Candidates: []Candidate{cand("a", 1)}},
		},
		{
			name: "empty problem",
			p:    Problem{},
		},
		{
			name: "equal names fall back to index",
			p: Problem{
				Candidates: []Candidate{cand("s", 1, 8), cand("s", 1, 9)},
				Needs:      [][]int{{1, 0}},
				Requested:  []int{1},
			},
			want:      []string{"s"},
			overGrant: 1,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s := Solve(tc.p)
			if got := names(tc.p, s); !slices.Equal(got, tc.want) {
				t.Errorf("chosen = %v, want %v", got, tc.want)
			}
			if s.OverGrant != tc.overGrant || s.Scopes != len(tc.want) {
				t.Errorf("OverGrant, Scopes = %d, %d; want %d, %d", s.OverGrant, s.Scopes, tc.overGrant, len(tc.want))
			}
			if !slices.Equal(s.Unmet, tc.unmet) {
				t.Errorf("Unmet = %v, want %v", s.Unmet, tc.unmet)
			}
			if !s.Optimal || s.Gap != 0 {
				t.Errorf("Optimal, Gap = %v, %d; want true, 0", s.Optimal, s.Gap)
			}
		})
	}
	// Equal names: the lower index wins.
	p := tests[len(tests)-1].p
	if s := Solve(p); !slices.Equal(s.Chosen, []int{0}) {
		t.Errorf("equal names: chosen %v, want [0]", s.Chosen)
	}
}

// brute returns the optimum of p by trying every subset (len(p.Candidates) must
// be small).
func brute(p Problem) (best []int, og int) {
	nc := len(p.Candidates)
	req := map[int]bool{}
	for _, e := range p.Requested {
		req[e] = true
	}
	key := func(a, b int) int { // candidate order: name, then index
		if p.Candidates[a].Name != p.Candidates[b].Name {
			if p.Candidates[a].Name < p.Candidates[b].Name {
				return -1
			}
			return 1
		}
		return a - b
	}
	bestOG := -1
	for mask := 0; mask < 1<<nc; mask++ {
		in := func(c int) bool { return c >= 0 && c < nc && mask&(1<<c) != 0 }
		ok := true
		for _, need := range p.Needs {
			valid, met := false, false
			for _, c := range need {
				valid = valid || (c >= 0 && c < nc)
				met = met || in(c)
			}
			if valid && !met {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		var set []int
		extra := map[int]bool{}
		for c := range nc {
			if in(c) {
				set = append(set, c)
				for _, e := range p.Candidates[c].Grants {
					if !req[e] {
						extra[e] = true
					}
				}
			}
		}
		slices.SortFunc(set, key)
		o := len(extra)
		better := bestOG < 0 || o < bestOG || (o == bestOG && len(set) < len(best))
		if !better && o == bestOG && len(set) == len(best) {
			better = slices.CompareFunc(set, best, key) < 0
		}
		if better {
			best, bestOG = set, o
		}
	}
	return best, bestOG
}

func randomProblem(r *rand.Rand) Problem {
	nc := 1 + r.IntN(12)
	ne := 1 + r.IntN(14)
	pool := []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"}
	if r.IntN(4) == 0 {
		pool = pool[:3] // force equal names
	}
	var p Problem
	for range nc {
		c := Candidate{Name: pool[r.IntN(len(pool))]}
		for range r.IntN(7) {
			c.Grants = append(c.Grants, r.IntN(ne))
		}
		p.Candidates = append(p.Candidates, c)
	}
	for range r.IntN(11) {
		var need []int
		for range r.IntN(5) {
			if r.IntN(15) == 0 {
				need = append(need, []int{-1, nc, nc + 3}[r.IntN(3)])
			} else {
				need = append(need, r.IntN(nc))
			}
		}
		p.Needs = append(p.Needs, need)
	}
	for e := range ne {
		if r.IntN(2) == 0 {
			p.Requested = append(p.Requested, e)
		}
	}
	return p
}

func checkMeets(t *testing.T, p Problem, s Solution) {
	t.Helper()
	chosen := map[int]bool{}
	for _, c := range s.Chosen {
		chosen[c] = true
	}
	unmet := map[int]bool{}
	for _, n := range s.Unmet {
		unmet[n] = true
	}
	for i, need := range p.Needs {
		valid, met := false, false
		for _, c := range need {
			valid = valid || (c >= 0 && c < len(p.Candidates))
			met = met || chosen[c]
		}
		if valid && !met {
			t.Fatalf("need %d %v not met by %v", i, need, s.Chosen)
		}
		if valid == unmet[i] {
			t.Fatalf("need %d %v: unmet report %v", i, need, s.Unmet)
		}
	}
	if s.Scopes != len(s.Chosen) {
		t.Fatalf("Scopes %d != len(Chosen) %d", s.Scopes, len(s.Chosen))
	}
}

func TestSolveMatchesBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	nonTrivial := 0
	for i := range 600 {
		p := randomProblem(r)
		s := Solve(p)
		checkMeets(t, p, s)
		want, og := brute(p)
		if !slices.Equal(s.Chosen, want) || s.OverGrant != og || !s.Optimal || s.Gap != 0 {
			t.Fatalf("case %d: %+v\ngot %+v\nwant chosen %v og %d", i, p, s, want, og)
		}
		if len(want) > 1 {
			nonTrivial++
		}
		// Order of needs and of grants must not matter.
		q := p
		q.Needs = slices.Clone(p.Needs)
		r.Shuffle(len(q.Needs), func(a, b int) { q.Needs[a], q.Needs[b] = q.Needs[b], q.Needs[a] })
		q.Candidates = slices.Clone(p.Candidates)
		for j := range q.Candidates {
			g := slices.Clone(q.Candidates[j].Grants)
			slices.Reverse(g)
			q.Candidates[j].Grants = g
		}
		if s2 := Solve(q); !slices.Equal(s2.Chosen, s.Chosen) {
			t.Fatalf("case %d: permuted input changed the answer: %v vs %v", i, s2.Chosen, s.Chosen)
		}
	}
	if nonTrivial < 200 {
		t.Errorf("only %d non-trivial cases", nonTrivial)
	}
}

// ring is a hard-ish instance: need i is met by candidates i and i+1, and
// candidate i over-grants the endpoints 100+i and 100+i+1, so neighbours
// share extras and nothing dominates or is forced.
func ring(n int) Problem {
	var p Problem
	for i := range n {
		p.Candidates = append(p.Candidates, cand(fmt.Sprintf("s%02d", (i*7)%n), i, 100+i, 100+(i+1)%n, 200+i))
		p.Needs = append(p.Needs, []int{i, (i + 1) % n})
		p.Requested = append(p.Requested, i)
	}
	// Break the symmetry a little so different covers cost differently.
	p.Candidates[3].Grants = append(p.Candidates[3].Grants, 300, 301)
	p.Candidates[8].Grants = append(p.Candidates[8].Grants, 300)
	return p
}

func TestNodeLimitGap(t *testing.T) {
	check := func(t *testing.T, p Problem, limit int) Solution {
		t.Helper()
		p.NodeLimit = limit
		s := Solve(p)
		checkMeets(t, p, s)
		_, opt := brute(p)
		if s.OverGrant < opt || opt < s.OverGrant-s.Gap || s.Gap < 0 {
			t.Fatalf("limit %d: OverGrant %d Gap %d, optimum %d", limit, s.OverGrant, s.Gap, opt)
		}
		if s.Optimal && (s.Gap != 0 || s.OverGrant != opt) {
			t.Fatalf("limit %d: claims optimal with OverGrant %d Gap %d, optimum %d", limit, s.OverGrant, s.Gap, opt)
		}
		return s
	}
	p := ring(12)
	if s := check(t, p, 1); s.Optimal {
		t.Errorf("NodeLimit 1 on ring(12) claimed optimality: %+v", s)
	}
	if s := check(t, p, 0); !s.Optimal {
		t.Errorf("default NodeLimit on ring(12) not optimal: %+v", s)
	}
	for limit := 1; limit <= 40; limit++ {
		check(t, p, limit)
	}
	r := rand.New(rand.NewPCG(7, 8))
	notOptimal := 0
	for range 300 {
		p := randomProblem(r)
		limit := 1 + r.IntN(3)
		if s := check(t, p, limit); !s.Optimal {
			notOptimal++
		}
	}
	if notOptimal == 0 {
		t.Errorf("no random case ran out of budget")
	}
	t.Logf("%d of 300 random cases ran out of a 1-3 node budget", notOptimal)
}

func TestNoPanicOnOddInput(t *testing.T) {
	Solve(Problem{Needs: [][]int{nil, {0}, {-5}}})
	Solve(Problem{Candidates: []Candidate{{}}, Needs: [][]int{{0}}, NodeLimit: -3})
	Solve(Problem{Candidates: []Candidate{{Name: "x", Grants: []int{-1, -1}}}, Needs: [][]int{{0, 0, 1 << 40}}})
}

func TestDeterministicLarge(t *testing.T) {
	p := allEndpoints(3)
	a, b := Solve(p), Solve(p)
	if !slices.Equal(a.Chosen, b.Chosen) || a.OverGrant != b.OverGrant {
		t.Fatal("two runs differ")
	}
	checkMeets(t, p, a)
	t.Logf("all endpoints: %d scopes, over-grant %d, optimal %v, gap %d", a.Scopes, a.OverGrant, a.Optimal, a.Gap)
}

// allEndpoints is a synthetic instance of the real "plan every endpoint"
// shape: 2300 requested endpoints in products of 20-150, 2500 scopes each
// granting 1-20 endpoints of its product (a few also grant one of 300
// unrequested endpoints), every endpoint met by 1-3 scopes.
func allEndpoints(seed uint64) Problem {
	r := rand.New(rand.NewPCG(seed, 99))
	const nEp, nScopes = 2300, 2500
	var p Problem
	grants := make([][]int, nScopes)
	scope := 0
	for start := 0; start < nEp; {
		size := min(20+r.IntN(131), nEp-start)
		nsc := max(1, size*nScopes/nEp)
		if start+size == nEp {
			nsc = nScopes - scope
		}
		pool := make([]int, nsc)
		for i := range pool {
			pool[i] = scope + i
		}
		for e := start; e < start+size; e++ {
			k := 1 + r.IntN(3)
			var need []int
			for range k {
				// Skewed choice: low pool positions collect many endpoints.
				x := r.Float64()
				s := pool[int(x*x*x*float64(len(pool)))]
				if len(grants[s]) >= 20 {
					s = pool[r.IntN(len(pool))]
				}
				if !slices.Contains(need, s) {
					need = append(need, s)
					grants[s] = append(grants[s], e)
				}
			}
			p.Needs = append(p.Needs, need)
			p.Requested = append(p.Requested, e)
		}
		scope += nsc
		start += size
	}
	for s := range nScopes {
		if r.IntN(10) == 0 {
			grants[s] = append(grants[s], nEp+r.IntN(300))
		}
		if len(grants[s]) == 0 {
			grants[s] = append(grants[s], nEp+r.IntN(300))
		}
		p.Candidates = append(p.Candidates, Candidate{Name: fmt.Sprintf("product%03d:scope%04d", s%97, s), Grants: grants[s]})
	}
	return p
}

// withLegacy adds 60 broad "legacy" scopes to an allEndpoints instance, each
// granting 40-150 consecutive endpoints (and meeting a third of their needs)
// plus two unrequested endpoints of its own. They join products into
// components of several hundred candidates.
func withLegacy(p Problem, seed uint64) Problem {
	r := rand.New(rand.NewPCG(seed, 5))
	for l := range 60 {
		st := r.IntN(2200)
		var g []int
		for e := st; e < min(2300, st+40+r.IntN(110)); e++ {
			g = append(g, e)
			if r.IntN(3) == 0 {
				p.Needs[e] = append(p.Needs[e], len(p.Candidates))
			}
		}
		g = append(g, 6000+l, 7000+l)
		p.Candidates = append(p.Candidates, Candidate{Name: fmt.Sprintf("legacy%02d", l), Grants: g})
	}
	return p
}

func TestLegacyComponentsSolved(t *testing.T) {
	if testing.Short() {
		t.Skip("slow")
	}
	for seed := uint64(1); seed <= 3; seed++ {
		p := withLegacy(allEndpoints(seed), seed)
		s := Solve(p)
		checkMeets(t, p, s)
		if !s.Optimal {
			t.Errorf("seed %d: not proven optimal, gap %d", seed, s.Gap)
		}
		t.Logf("seed %d: %d scopes, over-grant %d", seed, s.Scopes, s.OverGrant)
	}
}

// typicalApp takes the scopes of allEndpoints but plans only 30 endpoints, so
// most of each scope's grants are over-grant.
func typicalApp(seed uint64) Problem {
	all := allEndpoints(seed)
	r := rand.New(rand.NewPCG(seed, 7))
	p := Problem{Candidates: all.Candidates}
	base := r.IntN(2000)
	for range 30 {
		e := base + r.IntN(300)
		p.Needs = append(p.Needs, all.Needs[e])
		p.Requested = append(p.Requested, e)
	}
	return p
}

func BenchmarkSolveAllEndpoints(b *testing.B) {
	p := allEndpoints(1)
	b.ReportAllocs()
	var s Solution
	for b.Loop() {
		s = Solve(p)
	}
	b.ReportMetric(float64(s.Scopes), "scopes")
	b.ReportMetric(float64(s.OverGrant), "overgrant")
}

func BenchmarkSolveAllEndpointsLegacy(b *testing.B) {
	p := withLegacy(allEndpoints(2), 2)
	b.ReportAllocs()
	var s Solution
	for b.Loop() {
		s = Solve(p)
	}
	b.ReportMetric(float64(s.Scopes), "scopes")
	b.ReportMetric(float64(s.OverGrant), "overgrant")
}

func BenchmarkSolveTypicalApp(b *testing.B) {
	p := typicalApp(1)
	b.ReportAllocs()
	var s Solution
	for b.Loop() {
		s = Solve(p)
	}
	b.ReportMetric(float64(s.Scopes), "scopes")
	b.ReportMetric(float64(s.OverGrant), "overgrant")
}

// bruteFast is brute for up to ~20 candidates and 64 extra endpoints, using
// bit sets. A set's tie-break order is its rank bit set read with rank 0 as
// the most significant bit: larger is better.
func bruteFast(p Problem) (best []int, og int) {
	nc := len(p.Candidates)
	order := make([]int, nc)
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case p.Candidates[a].Name < p.Candidates[b].Name:
			return -1
		case p.Candidates[a].Name > p.Candidates[b].Name:
			return 1
		}
		return 0
	})
	rankBit := make([]uint32, nc)
	for r, c := range order {
		rankBit[c] = 1 << (nc - 1 - r)
	}
	req := map[int]bool{}
	for _, e := range p.Requested {
		req[e] = true
	}
	ep := map[int]int{}
	extra := make([]uint64, nc)
	for c, cd := range p.Candidates {
		for _, e := range cd.Grants {
			if req[e] {
				continue
			}
			if _, ok := ep[e]; !ok {
				ep[e] = len(ep)
			}
			extra[c] |= 1 << ep[e]
		}
	}
	if len(ep) > 64 {
		panic("too many endpoints")
	}
	var needs []uint32
	for _, need := range p.Needs {
		var m uint32
		for _, c := range need {
			if c >= 0 && c < nc {
				m |= 1 << c
			}
		}
		if m != 0 {
			needs = append(needs, m)
		}
	}
	ors := make([]uint64, 1<<nc)
	ranks := make([]uint32, 1<<nc)
	bestMask, bestOG, bestK, bestRank := -1, 0, 0, uint32(0)
	for mask := 0; mask < 1<<nc; mask++ {
		if mask > 0 {
			low := bits.TrailingZeros(uint(mask))
			ors[mask] = ors[mask&(mask-1)] | extra[low]
			ranks[mask] = ranks[mask&(mask-1)] | rankBit[low]
		}
		ok := true
		for _, n := range needs {
			if uint32(mask)&n == 0 {
				ok = false
				break
			}
		}
		if !ok {
			continue
		}
		o, k := bits.OnesCount64(ors[mask]), bits.OnesCount(uint(mask))
		if bestMask < 0 || o < bestOG || (o == bestOG && (k < bestK || (k == bestK && ranks[mask] > bestRank))) {
			bestMask, bestOG, bestK, bestRank = mask, o, k, ranks[mask]
		}
	}
	for _, c := range order {
		if bestMask&(1<<c) != 0 {
			best = append(best, c)
		}
	}
	return best, bestOG
}

// mediumProblem has more candidates and structure than randomProblem: a few
// hub candidates meeting many needs, needs of 1-3 candidates, and extras from
// a small shared pool so that components interact through the over-grant.
func mediumProblem(r *rand.Rand) Problem {
	nc := 12 + r.IntN(7)
	var p Problem
	for i := range nc {
		c := Candidate{Name: fmt.Sprintf("s%02d", r.IntN(nc+4))}
		for range r.IntN(4) {
			c.Grants = append(c.Grants, 100+r.IntN(24))
		}
		if i < 3 { // hubs grant more
			for range r.IntN(4) {
				c.Grants = append(c.Grants, 100+r.IntN(24))
			}
		}
		p.Candidates = append(p.Candidates, c)
	}
	nn := 8 + r.IntN(25)
	for e := range nn {
		need := []int{3 + r.IntN(nc-3)}
		if r.IntN(3) > 0 {
			need = append(need, 3+r.IntN(nc-3))
		}
		if r.IntN(2) == 0 {
			need = append(need, r.IntN(3)) // a hub
		}
		for _, c := range need {
			p.Candidates[c].Grants = append(p.Candidates[c].Grants, e)
		}
		p.Needs = append(p.Needs, need)
		p.Requested = append(p.Requested, e)
	}
	return p
}

func TestSolveMatchesBruteForceMedium(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	cases := 400
	if testing.Short() {
		cases = 30
	}
	for i := range cases {
		p := mediumProblem(r)
		s := Solve(p)
		checkMeets(t, p, s)
		want, og := bruteFast(p)
		if !slices.Equal(s.Chosen, want) || s.OverGrant != og || !s.Optimal || s.Gap != 0 {
			t.Fatalf("case %d: %+v\ngot %+v\nwant chosen %v og %d", i, p, s, want, og)
		}
		// Gap stays honest under a small budget.
		p.NodeLimit = 1 + r.IntN(20)
		s = Solve(p)
		checkMeets(t, p, s)
		if s.OverGrant < og || og < s.OverGrant-s.Gap || (s.Optimal && !slices.Equal(s.Chosen, want)) {
			t.Fatalf("case %d limit %d: OverGrant %d Gap %d optimal %v, optimum %d", i, p.NodeLimit, s.OverGrant, s.Gap, s.Optimal, og)
		}
	}
}

func TestBruteForcesAgree(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for i := range 300 {
		p := randomProblem(r)
		a, oa := brute(p)
		b, ob := bruteFast(p)
		if !slices.Equal(a, b) || oa != ob {
			t.Fatalf("case %d: brute %v/%d, bruteFast %v/%d", i, a, oa, b, ob)
		}
	}
}
