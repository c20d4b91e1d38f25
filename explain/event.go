package explain

import "github.com/scopeplan/scopeplan/catalog"

// eventScopes names the scope to add for an event subscription, when the
// catalog knows the event.
func eventScopes(_ *catalog.Catalog, x *Explanation, o Options) {
	x.Notes = append(x.Notes, "the loaded documents describe no events, so the scope "+o.Event+" needs cannot be named; see the event's page in Zoom's webhook reference")
}
