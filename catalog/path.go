package catalog

import (
	"net/url"
	"strings"
)

// apiPrefixes are the base URLs stripped from paths and calls.
func apiPrefixes() []string {
	return []string{"{{baseUrl}}", "https://api.zoom.us/v2", "http://api.zoom.us/v2", "api.zoom.us/v2"}
}

// NormalizePath turns a path as written in any document or call into the
// canonical template form: base URL and query removed, "/v2" removed,
// ":param" and "{param}" both written "{}" (parameter names do not matter
// for matching), no trailing slash.
func NormalizePath(p string) string {
	p = TrimPath(p)
	if !strings.ContainsAny(p, "{:") {
		return p // no parameter segments
	}
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if isParam(s) {
			segs[i] = "{}"
		}
	}
	return strings.Join(segs, "/")
}

// TrimPath removes base URL, query string and fragment, and a trailing
// slash, and makes ":param" segments "{param}". Parameter names are kept.
func TrimPath(p string) string {
	if cleanPath(p) {
		return p
	}
	return trimPath(p)
}

// cleanPath reports whether TrimPath would return p as it is: an ASCII
// path starting with "/" (so no base URL), not under /v2, without
// spaces, query, fragment, escapes, ":param" segments or a trailing
// slash. Most paths of OpenAPI files are; the check spares them the
// splitting and unescaping.
func cleanPath(p string) bool {
	if len(p) == 0 || p[0] != '/' || (len(p) > 1 && p[len(p)-1] == '/') || p == "/v2" || strings.HasPrefix(p, "/v2/") {
		return false
	}
	for i := 0; i < len(p); i++ {
		switch c := p[i]; {
		case c <= ' ' || c >= 0x7f, c == '?', c == '#', c == '%', c == ':':
			return false
		}
	}
	return true
}

// trimPath is TrimPath for any path.
func trimPath(p string) string {
	p = strings.TrimSpace(p)
	for _, pre := range apiPrefixes() {
		if len(p) >= len(pre) && strings.EqualFold(p[:len(pre)], pre) {
			p = p[len(pre):]
			break
		}
	}
	if i := strings.IndexAny(p, "?#"); i >= 0 {
		p = p[:i]
	}
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	if p == "/v2" || strings.HasPrefix(p, "/v2/") {
		p = p[len("/v2"):]
	}
	if len(p) > 1 {
		p = strings.TrimRight(p, "/")
	}
	// Split first, then unescape each segment; an escaped slash (%2F)
	// stays escaped, inside its segment.
	segs := strings.Split(p, "/")
	for i, s := range segs {
		if u, err := url.PathUnescape(s); err == nil && !strings.Contains(u, "/") {
			s = u
		}
		if strings.HasPrefix(s, ":") && len(s) > 1 {
			s = "{" + s[1:] + "}"
		}
		segs[i] = s
	}
	return strings.Join(segs, "/")
}

func isParam(seg string) bool {
	return (strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}")) || (strings.HasPrefix(seg, ":") && len(seg) > 1)
}

// IsMasterPath reports whether a path is a master-account variant
// (/accounts/{accountId}/...).
func IsMasterPath(p string) bool {
	segs := strings.Split(TrimPath(p), "/")
	return len(segs) > 3 && segs[1] == "accounts" && isParam(segs[2])
}

// matchTemplate reports whether a concrete (or template) path matches a
// template and how specific the match is (the number of literal segments
// matched literally). ok is false when they do not match.
func matchTemplate(template, path string) (literal int, ok bool) {
	ts := strings.Split(TrimPath(template), "/")
	ps := strings.Split(TrimPath(path), "/")
	if len(ts) != len(ps) {
		return 0, false
	}
	for i := range ts {
		switch {
		case isParam(ts[i]):
		case isParam(ps[i]):
			return 0, false
		case ts[i] == ps[i]:
			literal++
		default:
			return 0, false
		}
	}
	return literal, true
}
