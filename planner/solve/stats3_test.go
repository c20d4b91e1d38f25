package solve

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

func TestHardShapes(t *testing.T) {
	for _, variant := range []string{"sharedextra", "legacy", "legacy-own", "legacy-none", "typical-many"} {
		for seed := uint64(1); seed <= 3; seed++ {
			p := allEndpoints(seed)
			r := rand.New(rand.NewPCG(seed, 5))
			switch variant {
			case "sharedextra":
				for i := range p.Candidates {
					if r.IntN(3) == 0 {
						p.Candidates[i].Grants = append(p.Candidates[i].Grants, 5000+r.IntN(10))
					}
				}
			case "legacy", "legacy-own", "legacy-none":
				// 60 broad legacy scopes each granting 40-150 consecutive endpoints plus extras
				for l := range 60 {
					st := r.IntN(2200)
					var g []int
					for e := st; e < min(2300, st+40+r.IntN(110)); e++ {
						g = append(g, e)
						if r.IntN(3) == 0 {
							p.Needs[e] = append(p.Needs[e], len(p.Candidates))
						}
					}
					switch variant {
					case "legacy":
						g = append(g, 6000+l, 6000+(l+1)%60)
					case "legacy-own":
						g = append(g, 6000+l, 7000+l)
					}
					p.Candidates = append(p.Candidates, Candidate{Name: fmt.Sprintf("legacy%02d", l), Grants: g})
				}
			case "typical-many":
				p = typicalApp(seed)
			}
			f, c, mc, mn := compStats(p)
			t0 := time.Now()
			s := Solve(p)
			t.Logf("%s seed %d: forced %d comps %d maxcands %d maxneeds %d -> %v scopes %d og %d optimal %v gap %d",
				variant, seed, f, c, mc, mn, time.Since(t0), s.Scopes, s.OverGrant, s.Optimal, s.Gap)
		}
	}
}

func TestHubMin(t *testing.T) {
	for _, h := range []int{3, 4, 6, 10, 1000} {
		hubMin = h
		for seed := uint64(1); seed <= 3; seed++ {
			p := allEndpoints(seed)
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
			p.NodeLimit = 200000
			t0 := time.Now()
			s := Solve(p)
			t.Logf("hub %d seed %d -> %v scopes %d og %d optimal %v gap %d", h, seed, time.Since(t0), s.Scopes, s.OverGrant, s.Optimal, s.Gap)
		}
	}
}
