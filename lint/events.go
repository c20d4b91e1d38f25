package lint

import (
	"fmt"
	"strings"

	"github.com/scopeplan/scopeplan/catalog"
)

// Rule IDs of the event rules (webhooks documents).
const (
	RuleUndefinedEventScope = "UNDEFINED_EVENT_SCOPE"
	RuleEventWithoutScopes  = "EVENT_WITHOUT_SCOPES"
)

// eventsDoc introduces the event rules.
const eventsDoc = "The embedded documents have no webhooks document, so both counts are 0 there.\n" +
	"With `--add-docs ../shared/zoom-api-hub` (16 products, 423 events) they are\n" +
	"399 and 50."

func eventRules() []Rule {
	return []Rule{
		{ID: RuleUndefinedEventScope, Severity: SeverityWarning, Category: CategoryEvents, Default: true, Fixes: true,
			Title: "a scope that lets an app subscribe to an event but is defined on no scope page",
			Doc: "`contact_center:read:recording:admin`, a granular scope of several Contact Center recording " +
				"events, is on no granular scopes page. The pages lag the webhooks files, so many event scopes " +
				"are reported (106 distinct names in the hub copy). Like `UNDEFINED_SCOPE`, the rule checks only " +
				"against page kinds that are loaded, suggests the nearest defined name within two edits, and " +
				"leaves names a scope-name rule reports to that rule. Scope names stated by events are checked " +
				"by the scope-name rules too.",
			Run: runUndefinedEventScope},
		{ID: RuleEventWithoutScopes, Severity: SeverityInfo, Category: CategoryEvents, Default: true,
			Title: "an event whose documents state no scope (no Scopes or Granular Scopes line)",
			Doc: "Marketplace's `app_deauthorized` has no `Scopes` or `Granular Scopes` line. An event is " +
				"reported once, at the first document that describes it, and only when no document states a " +
				"scope for it; the message lists the other descriptions. Events of products that authorise " +
				"with JWT (the SDKs) have no scopes by design, hence info.",
			Run: runEventWithoutScopes},
	}
}

func runUndefinedEventScope(p *Pass) {
	reportUndefined(p, placeEventClassic, placeEventGranular, func(o occurrence, kind catalog.ScopeKind, page string) string {
		return fmt.Sprintf("%s scope %q of %s is defined on no %s%s", kind, o.Name, o.Owner, page, o.alsoNote())
	})
}

// runEventWithoutScopes reports each event no document states a scope
// for, once, at the first place it is described.
func runEventWithoutScopes(p *Pass) {
	for _, e := range p.Catalog.Events {
		if e == nil || !e.Scopeless() || len(e.Sources) == 0 {
			continue
		}
		msg := fmt.Sprintf("event %s states no scope: its description has no Scopes or Granular Scopes line", e.Label())
		if n := len(e.Sources); n > 1 {
			var others []string
			for _, s := range e.Sources[1:] {
				others = append(others, fmt.Sprintf("%s:%d", s.File, s.Line))
			}
			msg += fmt.Sprintf(" (nor does any of its %d other descriptions: %s)", n-1, strings.Join(others, ", "))
		}
		p.Reportf(e.Sources[0], e.Name, "", "%s", msg)
	}
}
