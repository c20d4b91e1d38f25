package scan

import "strings"

// zoomHosts are the ways Zoom's API host is written at a URL's start.
func zoomHosts() []string {
	return []string{"https://api.zoom.us", "http://api.zoom.us", "//api.zoom.us", "api.zoom.us"}
}

// urlShape classifies a literal's start.
type urlShape int

const (
	shapeNone     urlShape = iota // prose, another host, a relative name
	shapeZoomBase                 // Zoom's base URL and nothing more
	shapeZoomAPI                  // a Zoom API URL; rest is its path
	shapeOther                    // another host's URL
	shapePath                     // an absolute path
	shapeRelative                 // a relative path ("users/me")
)

// classify reads the start of a literal: what it is and, for Zoom URLs,
// the path after /v2.
func classify(s string) (urlShape, string) {
	t := strings.TrimLeft(s, " \t\r\n")
	lower := strings.ToLower(t[:min(len(t), 32)]) // enough for every prefix below
	for _, h := range zoomHosts() {
		if !strings.HasPrefix(lower, h) {
			continue
		}
		rest := t[len(h):]
		rest = strings.TrimPrefix(rest, ":443")
		switch {
		case rest == "" || rest == "/":
			return shapeZoomBase, ""
		case rest == "/v2" || rest == "/v2/":
			return shapeZoomBase, ""
		case strings.HasPrefix(rest, "/v2/") || strings.HasPrefix(rest, "/v2?"):
			return shapeZoomAPI, rest[3:]
		case rest[0] == '/' || rest[0] == '?':
			return shapeNone, "" // /oauth/token, /v1: not the v2 REST API
		}
		return shapeOther, "" // api.zoom.us.example.com
	}
	switch {
	case strings.Contains(t, "://") || strings.HasPrefix(t, "//"):
		return shapeOther, ""
	case strings.HasPrefix(t, "/"):
		return shapePath, t
	}
	if i := strings.IndexByte(t, '/'); i > 0 && strings.Contains(t[:i], ".") {
		return shapeOther, "" // example.com/users
	}
	return shapeRelative, t
}

// pathText is a reconstructed path: template text ("/users/{id}") and
// what it looks like.
type pathText struct {
	path     string
	literals int  // literal segments
	route    bool // written in a web framework's route syntax (:id, <id>)
	ok       bool // looks like a URL path at all
}

// composePath turns pieces into a path template: each interpolation a
// {name} segment (a segment mixing text and interpolation is one
// parameter), %s-style verbs parameters, query and fragment removed.
func composePath(ps []piece) pathText {
	var b strings.Builder
loop:
	for _, p := range ps {
		if p.param {
			b.WriteString("\x00" + paramName(p.text) + "\x01")
			continue
		}
		txt := p.text
		if i := strings.IndexAny(txt, "?#"); i >= 0 {
			b.WriteString(txt[:i])
			break loop
		}
		b.WriteString(txt)
	}
	raw := strings.TrimRight(b.String(), " \t\r\n")
	if raw == "" || raw[0] != '/' {
		raw = "/" + raw
	}
	segs := strings.Split(raw, "/")
	pt := pathText{ok: true}
	for i, seg := range segs {
		if i == 0 {
			continue
		}
		if seg == "" {
			if i != len(segs)-1 {
				pt.ok = false
			}
			continue
		}
		if j := strings.IndexByte(seg, 0); j >= 0 {
			name := seg[j+1:]
			if k := strings.IndexByte(name, 1); k >= 0 {
				name = name[:k]
			}
			segs[i] = "{" + name + "}"
			continue
		}
		switch {
		case strings.HasPrefix(seg, "{") && strings.HasSuffix(seg, "}"):
			if seg == "{}" {
				segs[i] = "{param}"
			}
			continue
		case hasFormatVerb(seg):
			segs[i] = "{param}"
			continue
		case seg[0] == ':' && len(seg) > 1, seg[0] == '<' && seg[len(seg)-1] == '>':
			pt.route = true
			continue
		}
		if !plainSegment(seg) {
			pt.ok = false
			continue
		}
		pt.literals++
	}
	pt.path = strings.TrimRight(strings.Join(segs, "/"), "/")
	if pt.path == "" {
		pt.path = "/"
	}
	return pt
}

// paramName turns an interpolated expression into a parameter name.
func paramName(expr string) string {
	n := bare(lastIdent(expr))
	if n == "" {
		return "param"
	}
	return n
}

// hasFormatVerb reports a printf verb (%s, %d, %v) in a segment.
func hasFormatVerb(seg string) bool {
	for i := 0; i+1 < len(seg); i++ {
		if seg[i] == '%' && strings.IndexByte("sdvqxiu", seg[i+1]) >= 0 {
			return true
		}
	}
	return false
}

// plainSegment reports whether a literal segment looks like a URL path
// segment (no spaces, quotes, markup or glob stars: test fakes write
// 'api.zoom.us/v2/meetings/*/recordings').
func plainSegment(seg string) bool {
	for i := 0; i < len(seg); i++ {
		c := seg[i]
		if !(isIdentChar(c) || strings.IndexByte("-.~%@+=,;!'$", c) >= 0) {
			return false
		}
	}
	return true
}
