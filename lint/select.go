package lint

// Without returns rules less those in off, in order (a new slice).
func Without(rules, off []Rule) []Rule {
	drop := make(map[string]bool, len(off))
	for _, r := range off {
		drop[r.ID] = true
	}
	kept := make([]Rule, 0, len(rules))
	for _, r := range rules {
		if !drop[r.ID] {
			kept = append(kept, r)
		}
	}
	return kept
}

// internalError is the rule ID of the finding Run reports for a rule
// that failed.
const internalError = "INTERNAL_ERROR"

// OfRules returns the findings of the given rules, in order, and every
// INTERNAL_ERROR (a failed rule): the findings a run of rules alone
// gives, taken from a run of more rules (such as the findings stored
// with a catalog).
func OfRules(fs []Finding, rules []Rule) []Finding {
	selected := make(map[string]bool, len(rules))
	for _, r := range rules {
		selected[r.ID] = true
	}
	var out []Finding
	for _, f := range fs {
		if selected[f.Rule] || f.Rule == internalError {
			out = append(out, f)
		}
	}
	return out
}
