package solve

import (
	"math/rand/v2"
	"testing"
)

func compStats(p Problem) (forced, comps, maxC, maxN int) {
	r, _, _ := normalise(p)
	r.reduce()
	cs := r.components()
	for _, c := range cs {
		maxC = max(maxC, len(c.global))
		maxN = max(maxN, len(c.needCands))
	}
	return len(r.forced), len(cs), maxC, maxN
}

func TestStats(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	bb := 0
	for range 600 {
		p := randomProblem(r)
		_, c, _, _ := compStats(p)
		if c > 0 {
			bb++
		}
	}
	t.Logf("random: %d/600 reach branch and bound", bb)
	for _, p := range []Problem{allEndpoints(1), typicalApp(1), ring(12)} {
		f, c, mc, mn := compStats(p)
		t.Logf("forced %d comps %d maxcands %d maxneeds %d", f, c, mc, mn)
	}
}
