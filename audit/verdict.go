package audit

import (
	"fmt"

	"github.com/scopeplan/scopeplan/catalog"
)

// Kind is the kind of a request's known scopes. Its text ("granular",
// "classic", "mixed") is what reports print; the zero Kind is unset and
// prints as "".
type Kind uint8

// The kinds of a request.
const (
	// KindGranular: every known requested scope is granular, or none is
	// known.
	KindGranular Kind = iota + 1
	// KindClassic: every known requested scope is classic.
	KindClassic
	// KindMixed: classic and granular scopes together, which Zoom rejects.
	KindMixed
)

// kinds lists every Kind, for parsing its text.
func kinds() []Kind { return []Kind{KindGranular, KindClassic, KindMixed} }

// String returns the kind's text.
func (k Kind) String() string {
	switch k {
	case KindGranular:
		return string(catalog.KindGranular)
	case KindClassic:
		return string(catalog.KindClassic)
	case KindMixed:
		return "mixed"
	}
	return ""
}

// MarshalText writes the kind's text, so JSON and YAML carry the word.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k.String()), nil }

// UnmarshalText reads a kind's text.
func (k *Kind) UnmarshalText(b []byte) error {
	v, err := parseText(string(b), kinds(), "request kind")
	*k = v
	return err
}

// kindOf is the kind of a request whose known scopes have the given kinds.
func kindOf(has map[catalog.ScopeKind]bool) Kind {
	switch {
	case has[catalog.KindGranular] && has[catalog.KindClassic]:
		return KindMixed
	case has[catalog.KindClassic]:
		return KindClassic
	}
	return KindGranular
}

// Verdict is an audit's outcome in one word. Its text
// ("over-privileged", …) is what reports print; the zero Verdict is unset
// and prints as "".
type Verdict uint8

// The verdicts of an audit.
const (
	// VerdictMatch: the request is exactly what the calls need.
	VerdictMatch Verdict = iota + 1
	// VerdictNoCalls: no call was given, so nothing was checked beyond
	// the scopes themselves, and they are sound.
	VerdictNoCalls
	// VerdictOverPrivileged: scopes no call needs, or unusable ones
	// (unknown, of a level the app cannot use, classic and granular
	// mixed).
	VerdictOverPrivileged
	// VerdictUnderPrivileged: calls no requested scope covers.
	VerdictUnderPrivileged
	// VerdictOverAndUnderPrivileged: both.
	VerdictOverAndUnderPrivileged
	// VerdictUnverified: some call or event could not be mapped, so the
	// request was not checked against everything the app does, whatever
	// else was found.
	VerdictUnverified
)

// verdicts lists every Verdict, for parsing its text.
func verdicts() []Verdict {
	return []Verdict{VerdictMatch, VerdictNoCalls, VerdictOverPrivileged, VerdictUnderPrivileged, VerdictOverAndUnderPrivileged, VerdictUnverified}
}

// String returns the verdict's text.
func (v Verdict) String() string {
	switch v {
	case VerdictMatch:
		return "match"
	case VerdictNoCalls:
		return "no-calls"
	case VerdictOverPrivileged:
		return "over-privileged"
	case VerdictUnderPrivileged:
		return "under-privileged"
	case VerdictOverAndUnderPrivileged:
		return "over-and-under-privileged"
	case VerdictUnverified:
		return "unverified"
	}
	return ""
}

// OK reports whether the verdict finds nothing wrong (a match, or no
// calls to check against).
func (v Verdict) OK() bool { return v == VerdictMatch || v == VerdictNoCalls }

// MarshalText writes the verdict's text, so JSON and YAML carry the word.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// UnmarshalText reads a verdict's text.
func (v *Verdict) UnmarshalText(b []byte) error {
	got, err := parseText(string(b), verdicts(), "verdict")
	*v = got
	return err
}

// parseText finds the value whose text is s; "" is the zero value.
func parseText[T interface {
	comparable
	String() string
}](s string, all []T, what string) (T, error) {
	var zero T
	if s == "" {
		return zero, nil
	}
	for _, v := range all {
		if v.String() == s {
			return v, nil
		}
	}
	return zero, fmt.Errorf("unknown %s %q", what, s)
}

// overPrivileged reports whether the request asks for more than the calls
// need, or for scopes it cannot use.
func (r *Result) overPrivileged() bool {
	return len(r.OverPrivileged) > 0 || len(r.Redundant) > 0 || len(r.Unknown) > 0 || len(r.Levels) > 0 ||
		r.Kind == KindMixed || r.InClient != nil && r.InClient.Unused
}

// underPrivileged reports whether some call or in-client API lacks its
// scope.
func (r *Result) underPrivileged() bool {
	return len(r.Missing) > 0 || r.InClient != nil && r.InClient.Missing
}

// Verdict derives the audit's verdict from its findings.
func (r *Result) Verdict() Verdict {
	over, under := r.overPrivileged(), r.underPrivileged()
	switch {
	case r.Incomplete():
		return VerdictUnverified
	case over && under:
		return VerdictOverAndUnderPrivileged
	case over:
		return VerdictOverPrivileged
	case under:
		return VerdictUnderPrivileged
	case !r.HasCalls:
		return VerdictNoCalls
	}
	return VerdictMatch
}
