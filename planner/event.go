package planner

import (
	"fmt"
	"slices"
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
)

// EventPlan explains how one event subscription is covered.
type EventPlan struct {
	// Sub is the subscription as the user gave it (Call.Event is set).
	Sub   Call
	Event *catalog.Event
	// Granular and Classic are the chosen scopes that let the app
	// subscribe; empty for an event no document states a scope for.
	Granular []string
	Classic  []string
	SetAside []SetAside
	// Confidence is high, or low with Notes saying why.
	Confidence Confidence
	Notes      []string
}

// resolveEvent finds a subscribed event and checks the app type may
// request one of its scopes, or says why not.
func resolveEvent(c *catalog.Catalog, sub Call, o Options) (EventPlan, *Unmapped) {
	ev, ok := c.Event(sub.Spec)
	if !ok {
		reason := fmt.Sprintf("no event of this name in the loaded documents (%d events known)", len(c.Events))
		if len(c.Events) == 0 {
			reason = "the loaded documents describe no events: run scopeplan update, or add the product's webhooks file (<slug>/events/webhooks.json) with --add-docs"
		}
		return EventPlan{}, &Unmapped{Call: sub, Reason: reason, Suggestions: c.SuggestEvent(sub.Spec, 5)}
	}
	ep := EventPlan{Sub: sub, Event: ev, Confidence: ConfidenceHigh}
	if ev.Scopeless() {
		ep.Confidence = ConfidenceLow
		ep.Notes = append(ep.Notes, "no document states a scope for this event; none is planned for it (check the event's page)")
		return ep, nil
	}
	if len(ev.Granular) == 0 {
		return EventPlan{}, &Unmapped{Call: sub, Reason: "no granular scope is documented for this event (classic only: " + strings.Join(ev.Classic, ", ") + ")"}
	}
	if !slices.ContainsFunc(ev.Granular, func(s string) bool { return o.App.Allows(catalog.LevelOf(s)) }) {
		return EventPlan{}, &Unmapped{Call: sub, Reason: "no scope of this event is of a level " + o.App.article() + " may request; " + o.App.allowedText()}
	}
	return ep, nil
}

// explainEvent fills an event's covering scopes and the alternatives set
// aside, and notes chosen scopes that no scope page defines.
func explainEvent(c *catalog.Catalog, ep *EventPlan, chosenG, chosenC map[string]bool, o Options) {
	ep.Granular, ep.Classic, ep.SetAside = []string{}, []string{}, []SetAside{}
	if ep.Notes == nil {
		ep.Notes = []string{}
	}
	for _, s := range ep.Event.Granular {
		switch {
		case chosenG[s]:
			ep.Granular = append(ep.Granular, s)
			if !isSound(c, s, catalog.KindGranular) {
				ep.Notes = append(ep.Notes, fmt.Sprintf("%s is defined on no scope page (the pages lag the API files); planned as the event's file states it", s))
			}
		case !o.App.Allows(catalog.LevelOf(s)):
			ep.SetAside = append(ep.SetAside, SetAside{Scope: s, Reason: fmt.Sprintf("level not allowed: %s-level scope; %s", catalog.LevelOf(s), o.App.allowedText())})
		default:
			ep.SetAside = append(ep.SetAside, SetAside{Scope: s, Reason: "not needed: a chosen scope already lets the app subscribe, with less granted beyond the calls and events"})
		}
	}
	for _, s := range ep.Event.Classic {
		if chosenC[s] {
			ep.Classic = append(ep.Classic, s)
		}
	}
	if len(ep.Classic) == 0 && len(ep.Event.Classic) > 0 {
		ep.Notes = append(ep.Notes, "no classic scope the app type may request covers this event")
	}
}
