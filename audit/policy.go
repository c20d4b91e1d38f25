package audit

// Fails reports whether an audit fails a check such as CI's drift check.
// Unknown scopes, levels the app type cannot use, mixed kinds, missing
// scopes and in-client Zoom Apps APIs without their scope always fail.
// Over-privilege (a scope no call needs, or whose calls other requested
// scopes cover, or the in-client scope with no in-client API) fails unless
// allowUnused; calls or events the request cannot be checked against (the
// "unverified" verdict) fail unless allowUnverified. Fails(false, false)
// is Mismatch.
func (r *Result) Fails(allowUnused, allowUnverified bool) bool {
	switch {
	case len(r.Unknown) > 0 || len(r.Levels) > 0 || r.Kind == KindMixed || r.underPrivileged():
		return true
	case !allowUnused && r.overPrivileged():
		return true
	case !allowUnverified && r.Incomplete():
		return true
	}
	return false
}
