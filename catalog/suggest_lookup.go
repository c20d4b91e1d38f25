package catalog

// SuggestLookup returns up to n names near a spec that matched nothing
// (Resolve, Event): endpoints (Suggest), after the nearest events
// (SuggestEvent) when the spec is shaped like an event name.
func (c *Catalog) SuggestLookup(spec string, n int) []string {
	s := c.Suggest(spec, n)
	if LooksLikeEvent(spec) {
		all := append(c.SuggestEvent(spec, n), s...)
		s = all[:min(n, len(all))]
	}
	return s
}
