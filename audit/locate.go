package audit

import (
	"strings"
)

// ScopeLines finds the 1-based line of each requested scope in the
// requested-scopes file it was read from (a manifest, a scopes: block or a
// plain list): the first line outside a comment where the name stands as
// a whole token. A scope found on no line is absent from the map.
func ScopeLines(data []byte, req Request) map[string]int {
	want := map[string]bool{}
	for _, r := range req.Scopes {
		want[r.Scope] = true
	}
	out := map[string]int{}
	for i, line := range strings.Split(string(data), "\n") {
		if len(out) == len(want) {
			break
		}
		line = stripComment(line)
		for name := range want {
			if _, done := out[name]; !done && hasToken(line, name) {
				out[name] = i + 1
			}
		}
	}
	return out
}

// stripComment drops a YAML or plain-list comment: a line starting with
// '#', or the text after " #" (scope names never hold either).
func stripComment(line string) string {
	if strings.HasPrefix(strings.TrimSpace(line), "#") {
		return ""
	}
	if i := strings.Index(line, " #"); i >= 0 {
		return line[:i]
	}
	return line
}

// scopeChar reports whether b can be part of a scope name.
func scopeChar(b byte) bool {
	return b == ':' || b == '_' || b == '-' || b == '.' || b >= '0' && b <= '9' || b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z'
}

// hasToken reports whether name occurs in line not as part of a longer
// scope name.
func hasToken(line, name string) bool {
	if name == "" {
		return false
	}
	for from := 0; ; {
		i := strings.Index(line[from:], name)
		if i < 0 {
			return false
		}
		i += from
		end := i + len(name)
		if (i == 0 || !scopeChar(line[i-1])) && (end == len(line) || !scopeChar(line[end])) {
			return true
		}
		from = i + 1
	}
}
