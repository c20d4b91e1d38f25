package audit

import "github.com/scopeplan/scopeplan/catalog"

// mapEvents checks the manifest's event subscriptions against the
// catalog; the events it cannot map are returned.
func mapEvents(_ *catalog.Catalog, events []Event) []UnmappedEvent {
	var out []UnmappedEvent
	for _, e := range events {
		out = append(out, UnmappedEvent{Event: e, Reason: "the loaded documents describe no events, so the scopes this event needs are unknown"})
	}
	return out
}
