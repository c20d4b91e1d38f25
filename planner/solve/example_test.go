package solve_test

import (
	"fmt"

	"github.com/scopeplan/scopeplan/planner/solve"
)

func ExampleSolve() {
	p := solve.Problem{
		Candidates: []solve.Candidate{
			{Name: "meeting:read:admin", Grants: []int{1, 2, 3, 4, 5}},
			{Name: "meeting:read:meeting", Grants: []int{1}},
			{Name: "meeting:read:list_meetings", Grants: []int{2, 6}},
		},
		// The app calls endpoints 1 and 2.
		Needs:     [][]int{{0, 1}, {0, 2}},
		Requested: []int{1, 2},
	}
	s := solve.Solve(p)
	for _, c := range s.Chosen {
		fmt.Println(p.Candidates[c].Name)
	}
	fmt.Printf("over-grant %d, scopes %d, optimal %v\n", s.OverGrant, s.Scopes, s.Optimal)
	// Output:
	// meeting:read:list_meetings
	// meeting:read:meeting
	// over-grant 1, scopes 2, optimal true
}
