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

func eventRules() []Rule {
	return []Rule{
		{ID: RuleUndefinedEventScope, Severity: SeverityWarning,
			Doc: "a scope that lets an app subscribe to an event but is defined on no scope page",
			Run: runUndefinedEventScope},
		{ID: RuleEventWithoutScopes, Severity: SeverityInfo,
			Doc: "an event whose documents state no scope (no Scopes or Granular Scopes line)",
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
