package explain

import "github.com/scopeplan/scopeplan/planner"

// OptionsFor returns the options of an app of type app (or "") that
// makes calls: its events (calls with Event set, such as a call file's
// events:) are the subscriptions an event error may be about, the rest
// the calls that narrow the candidates.
func OptionsFor(app planner.AppType, calls []planner.Call) Options {
	o := Options{App: app}
	for _, c := range calls {
		if c.Event {
			o.Events = append(o.Events, c.Spec)
		} else {
			o.Calls = append(o.Calls, c)
		}
	}
	return o
}
