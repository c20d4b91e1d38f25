package catalog

import (
	"strings"
	"testing"
)

// splitScopeName is ParseScopeName as first written, over strings.Split:
// the reference the allocation-free version is checked against.
func splitScopeName(raw string, kind ScopeKind) ScopeName {
	n := ScopeName{Raw: raw, Kind: kind, Level: LevelOf(raw)}
	if strings.TrimSpace(raw) == "" {
		n.Malformed, n.Reason = true, "empty scope name"
		return n
	}
	if strings.ContainsAny(raw, " \t\r\n\u00a0") {
		n.Malformed, n.Reason = true, "whitespace inside scope name"
	}
	segs := strings.Split(raw, ":")
	for _, s := range segs {
		if s == "" {
			n.Malformed, n.Reason = true, "empty segment"
			break
		}
		if r := badChar(strings.TrimSpace(s)); r >= 0 && !n.Malformed {
			n.Malformed, n.Reason = true, "stray character "+quoteRune(r)
		}
	}
	n.Product = strings.TrimSpace(segs[0])
	seg := func(i int) string { return strings.TrimSpace(segs[i]) }
	if kind == KindGranular {
		if len(segs) < 3 || len(segs) > 4 {
			n.Malformed = true
			if n.Reason == "" {
				n.Reason = "granular scope needs 3 or 4 segments (product:action:resource[:level])"
			}
		}
		if len(segs) >= 2 {
			n.Action = seg(1)
		}
		if len(segs) >= 3 {
			n.Resource = seg(2)
		}
		if len(segs) == 4 {
			n.Suffix = seg(3)
		}
		return n
	}
	if len(segs) == 4 && IsAction(seg(2)) && LevelOf(raw) != LevelUser {
		n.Resource, n.Action, n.Suffix = seg(1), seg(2), seg(3)
		return n
	}
	if len(segs) > 3 {
		n.Malformed = true
		if n.Reason == "" {
			n.Reason = "classic scope has at most 3 segments"
		}
	}
	if len(segs) >= 2 {
		n.Action = seg(1)
	}
	if len(segs) == 3 {
		n.Suffix = seg(2)
	}
	return n
}

var scopeNameSeeds = []string{
	"", " ", "user:read:user", "user:read:user:admin", "phone:read:list_calls:master", "a:b", "a:b:c:d:e",
	"meeting:read:admin", "app:deeplink:write:admin", "a::b", ":a:b", "a:b:", "user:read:User", "user: read:user",
	"user:read:user ", "zoom_app:read:x.y-z:admin", "a:b:c:d:e:f:g", "phone:read:*", "ü:read:x", "\u00a0a:b:c",
}

// TestParseScopeNameIsSplitVersion checks ParseScopeName against the
// strings.Split version on the seeds, both kinds.
func TestParseScopeNameIsSplitVersion(t *testing.T) {
	for _, raw := range scopeNameSeeds {
		for _, k := range []ScopeKind{KindGranular, KindClassic} {
			if got, want := ParseScopeName(raw, k), splitScopeName(raw, k); got != want {
				t.Errorf("ParseScopeName(%q, %s) = %+v, want %+v", raw, k, got, want)
			}
		}
	}
}

// FuzzParseScopeName: ParseScopeName agrees with the strings.Split version
// on any name, of either kind.
func FuzzParseScopeName(f *testing.F) {
	for _, s := range scopeNameSeeds {
		f.Add(s, true)
	}
	f.Fuzz(func(t *testing.T, raw string, granular bool) {
		k := KindClassic
		if granular {
			k = KindGranular
		}
		if got, want := ParseScopeName(raw, k), splitScopeName(raw, k); got != want {
			t.Errorf("ParseScopeName(%q, %s) = %+v, want %+v", raw, k, got, want)
		}
	})
}

// TestParseScopeNameAllocatesNothing: a well-formed name is split without
// allocating (the catalog computes Scope.Parsed on demand).
func TestParseScopeNameAllocatesNothing(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = ParseScopeName("user:read:user:admin", KindGranular) }); n != 0 {
		t.Errorf("ParseScopeName allocated %.0f times, want 0", n)
	}
}
