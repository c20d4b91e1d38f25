package planner

import "github.com/scopeplan/scopeplan/catalog"

// ForItems plans calls to endpoints already resolved together with event
// subscriptions (Calls with Event set, resolved by name as Make resolves
// them), under the one objective Make uses. It serves callers that hold
// endpoints rather than specs, such as the HTML explorer's plan builder.
func ForItems(c *catalog.Catalog, eps []*catalog.Endpoint, events []Call, o Options) (*Plan, error) {
	p, err := newPlan(o.App)
	if err != nil {
		return nil, err
	}
	var mapped []CallPlan
	for _, e := range eps {
		cp, um := checkEndpoint(e, Call{Spec: e.Label()}, o, 0)
		if um != nil {
			p.Unmapped = append(p.Unmapped, *um)
			continue
		}
		mapped = append(mapped, cp)
	}
	var subs []EventPlan
	for _, sub := range events {
		sub.Event = true
		ep, um := resolveEvent(c, sub, o)
		if um != nil {
			p.Unmapped = append(p.Unmapped, *um)
			continue
		}
		subs = append(subs, ep)
	}
	return solvePlan(c, p, mapped, subs, o), nil
}

// newPlan is an empty plan for a valid app type.
func newPlan(app AppType) (*Plan, error) {
	if _, err := ParseAppType(string(app)); err != nil {
		return nil, err
	}
	return &Plan{App: app, Granular: []string{}, Classic: []string{}, Optional: []string{}, Optimal: true}, nil
}
