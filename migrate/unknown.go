package migrate

import (
	"fmt"
	"strings"
)

// UnknownError is the error naming the classic scopes that are not
// (Result.Unknown), in the order of names (as given), each with the
// nearest known names; nil when every name is known.
func (r *Result) UnknownError(names []string) error {
	if len(r.Unknown) == 0 {
		return nil
	}
	var parts []string
	for _, name := range names {
		if sug, ok := r.Unknown[name]; ok {
			part := fmt.Sprintf("%q", name)
			if len(sug) > 0 {
				part += " (did you mean " + strings.Join(sug, ", ") + "?)"
			}
			parts = append(parts, part)
		}
	}
	return fmt.Errorf("unknown classic scope(s): %s", strings.Join(parts, "; "))
}
