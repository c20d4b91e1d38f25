package audit

// Fails reports whether an audit fails a check such as CI's drift check.
// Unknown scopes, levels the app type cannot use, mixed kinds and missing
// scopes always fail. Over-privilege (a scope no call needs, or whose calls
// other requested scopes cover) fails unless allowUnused; calls the request
// cannot be checked against (unmapped: the "unverified" verdict) fail
// unless allowUnverified. Fails(false, false) is Mismatch.
func (r *Result) Fails(allowUnused, allowUnverified bool) bool {
	switch {
	case len(r.Unknown) > 0 || len(r.Levels) > 0 || r.Kind == "mixed" || len(r.Missing) > 0:
		return true
	case !allowUnused && (len(r.OverPrivileged) > 0 || len(r.Redundant) > 0):
		return true
	case !allowUnverified && len(r.Unmapped) > 0:
		return true
	}
	return false
}
