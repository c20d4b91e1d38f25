package catalog

import (
	"strings"
)

// Level is the privilege level of a scope: who may request it.
type Level string

// Scope levels. A scope's level is its last segment when that segment is
// "admin" or "master", else user level.
const (
	LevelUser   Level = "user"
	LevelAdmin  Level = "admin"
	LevelMaster Level = "master"
)

// LevelOf returns the level of any scope name, well-formed or not: the last
// colon-separated segment when it is "admin" or "master", else LevelUser.
func LevelOf(name string) Level {
	name = strings.TrimSpace(name)
	last := name
	if i := strings.LastIndexByte(name, ':'); i >= 0 {
		last = name[i+1:]
	}
	switch strings.TrimSpace(last) {
	case "admin":
		return LevelAdmin
	case "master":
		return LevelMaster
	}
	return LevelUser
}

// ScopeKind tells granular scopes from classic ones.
type ScopeKind string

// Scope kinds.
const (
	KindGranular ScopeKind = "granular"
	KindClassic  ScopeKind = "classic"
)

// ScopeName is a scope name split into its parts. Granular names are
// product:action:resource[:level]; classic names are product[:action][:level].
// Names that do not fit are kept as written with Malformed set and Reason
// saying why.
type ScopeName struct {
	Raw      string    `json:"raw" yaml:"raw"`
	Kind     ScopeKind `json:"kind" yaml:"kind"`
	Product  string    `json:"product,omitempty" yaml:"product,omitempty"`
	Action   string    `json:"action,omitempty" yaml:"action,omitempty"`
	Resource string    `json:"resource,omitempty" yaml:"resource,omitempty"`
	// Suffix is the segment after the resource of a four-segment granular
	// name, as written (normally "admin" or "master").
	Suffix    string `json:"suffix,omitempty" yaml:"suffix,omitempty"`
	Level     Level  `json:"level" yaml:"level"`
	Malformed bool   `json:"malformed,omitempty" yaml:"malformed,omitempty"`
	Reason    string `json:"reason,omitempty" yaml:"reason,omitempty"`
}

// Actions are Zoom's four granular scope actions.
func Actions() []string { return []string{"read", "write", "update", "delete"} }

// IsAction reports whether s is one of Zoom's granular scope actions.
func IsAction(s string) bool {
	switch s {
	case "read", "write", "update", "delete":
		return true
	}
	return false
}

// LooksGranular reports whether a scope name has the shape of a granular
// scope (three or more segments whose third is not a level). Classic scopes
// have at most three segments, the last of which is a level.
func LooksGranular(name string) bool {
	segs := strings.Split(strings.TrimSpace(name), ":")
	switch {
	case len(segs) >= 4:
		return true
	case len(segs) == 3:
		return segs[2] != "admin" && segs[2] != "master"
	}
	return false
}

// plainName reports whether name has only the characters a scope name
// segment allows and colons.
func plainName(name string) bool {
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_', c == '-', c == '.', c == ':':
		default:
			return false
		}
	}
	return true
}

// badChar reports the first character that is not allowed in a scope name
// segment (lower-case letters, digits, '_', '-', '.'), or -1.
func badChar(seg string) rune {
	for _, r := range seg {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_', r == '-', r == '.':
		default:
			return r
		}
	}
	return -1
}

// ParseScopeName splits a scope name of the given kind into its parts.
func ParseScopeName(raw string, kind ScopeKind) ScopeName {
	n := ScopeName{Raw: raw, Kind: kind, Level: LevelOf(raw)}
	// A name of allowed characters and colons only (nearly every name)
	// has no space to trim and no stray character to look for.
	plain := plainName(raw)
	if raw == "" || !plain && strings.TrimSpace(raw) == "" {
		n.Malformed, n.Reason = true, "empty scope name"
		return n
	}
	if !plain && strings.ContainsAny(raw, " \t\r\n\u00a0") {
		n.Malformed, n.Reason = true, "whitespace inside scope name"
	}
	trim := strings.TrimSpace
	if plain {
		trim = func(s string) string { return s }
	}
	// The segments, without allocating: the first four, and how many.
	var segs [4]string
	nseg, checking := 0, true
	for rest, more := raw, true; more; nseg++ {
		var s string
		s, rest, more = strings.Cut(rest, ":")
		if nseg < len(segs) {
			segs[nseg] = s
		}
		if !checking {
			continue
		}
		if s == "" {
			n.Malformed, n.Reason = true, "empty segment"
			checking = false
			continue
		}
		if plain || n.Malformed {
			continue
		}
		if r := badChar(trim(s)); r >= 0 {
			n.Malformed, n.Reason = true, "stray character "+quoteRune(r)
		}
	}
	n.Product = trim(segs[0])
	switch kind {
	case KindGranular:
		if nseg < 3 || nseg > 4 {
			n.Malformed = true
			if n.Reason == "" {
				n.Reason = "granular scope needs 3 or 4 segments (product:action:resource[:level])"
			}
		}
		if nseg >= 2 {
			n.Action = trim(segs[1])
		}
		if nseg >= 3 {
			n.Resource = trim(segs[2])
		}
		if nseg == 4 {
			n.Suffix = trim(segs[3])
		}
	default:
		// product:resource:action:level ("app:deeplink:write:admin") is
		// the one four-segment classic form.
		if nseg == 4 && IsAction(trim(segs[2])) && LevelOf(raw) != LevelUser {
			n.Resource = trim(segs[1])
			n.Action = trim(segs[2])
			n.Suffix = trim(segs[3])
			return n
		}
		if nseg > 3 {
			n.Malformed = true
			if n.Reason == "" {
				n.Reason = "classic scope has at most 3 segments"
			}
		}
		if nseg >= 2 {
			n.Action = trim(segs[1])
		}
		if nseg == 3 {
			n.Suffix = trim(segs[2])
		}
	}
	return n
}

func quoteRune(r rune) string {
	return "'" + string(r) + "'"
}
