//go:build js && wasm

// Command wasm exposes scopeplan's exact optimiser (package solve) to the
// HTML explorer. It registers one JavaScript function,
//
//	scopeplanSolve(problem) -> solution
//
// where problem is {candidates: [{name, grants: [endpoint ids]}], needs:
// [[candidate indices]], requested: [endpoint ids], nodeLimit} and solution
// is {chosen, overGrant, scopes, optimal, gap, unmet}, the fields of
// solve.Solution. A malformed problem gives {error: "..."} instead. The
// explorer builds the problem exactly as the planner does, so the plans it
// shows are the planner's.
//
// Build it with go generate in report/site; the page embeds the result.
package main

import (
	"errors"
	"strconv"
	"syscall/js"

	"github.com/scopeplan/scopeplan/planner/solve"
)

func main() {
	js.Global().Set("scopeplanSolve", js.FuncOf(func(_ js.Value, args []js.Value) any {
		if len(args) != 1 {
			return errorValue(errors.New("scopeplanSolve takes one argument, the problem"))
		}
		p, err := problemOf(args[0])
		if err != nil {
			return errorValue(err)
		}
		return solutionValue(solve.Solve(p))
	}))
	select {} // keep the function callable
}

func errorValue(err error) any { return map[string]any{"error": err.Error()} }

// problemOf reads a problem from a JavaScript object, checking every type
// so that bad input is an error, never a panic.
func problemOf(v js.Value) (p solve.Problem, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = errors.New("bad problem")
		}
	}()
	if v.Type() != js.TypeObject {
		return p, errors.New("problem is not an object")
	}
	cands, err := arrayOf(v.Get("candidates"), "candidates")
	if err != nil {
		return p, err
	}
	for i, c := range cands {
		if c.Type() != js.TypeObject {
			return p, errors.New("candidates[" + strconv.Itoa(i) + "] is not an object")
		}
		name := c.Get("name")
		if name.Type() != js.TypeString {
			return p, errors.New("candidates[" + strconv.Itoa(i) + "].name is not a string")
		}
		grants, err := intsOf(c.Get("grants"), "candidates["+strconv.Itoa(i)+"].grants")
		if err != nil {
			return p, err
		}
		p.Candidates = append(p.Candidates, solve.Candidate{Name: name.String(), Grants: grants})
	}
	needs, err := arrayOf(v.Get("needs"), "needs")
	if err != nil {
		return p, err
	}
	for i, n := range needs {
		need, err := intsOf(n, "needs["+strconv.Itoa(i)+"]")
		if err != nil {
			return p, err
		}
		p.Needs = append(p.Needs, need)
	}
	if p.Requested, err = intsOf(v.Get("requested"), "requested"); err != nil {
		return p, err
	}
	if nl := v.Get("nodeLimit"); nl.Type() == js.TypeNumber {
		p.NodeLimit = nl.Int()
	}
	return p, nil
}

func arrayOf(v js.Value, what string) ([]js.Value, error) {
	if v.Type() != js.TypeObject || !js.Global().Get("Array").Call("isArray", v).Bool() {
		return nil, errors.New(what + " is not an array")
	}
	out := make([]js.Value, v.Length())
	for i := range out {
		out[i] = v.Index(i)
	}
	return out, nil
}

func intsOf(v js.Value, what string) ([]int, error) {
	vs, err := arrayOf(v, what)
	if err != nil {
		return nil, err
	}
	out := make([]int, len(vs))
	for i, x := range vs {
		if x.Type() != js.TypeNumber {
			return nil, errors.New(what + "[" + strconv.Itoa(i) + "] is not a number")
		}
		out[i] = x.Int()
	}
	return out, nil
}

func solutionValue(s solve.Solution) any {
	ints := func(xs []int) []any {
		out := make([]any, len(xs))
		for i, x := range xs {
			out[i] = x
		}
		return out
	}
	return map[string]any{
		"chosen":    ints(s.Chosen),
		"overGrant": s.OverGrant,
		"scopes":    s.Scopes,
		"optimal":   s.Optimal,
		"gap":       s.Gap,
		"unmet":     ints(s.Unmet),
	}
}
