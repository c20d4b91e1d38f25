package catalog

import (
	"sort"
	"strings"

	"github.com/scopeplan/scopeplan/internal/editdist"
)

// shapeScore says how alike two paths are in shape: literal segments equal
// at the same position count most, a parameter where the other has a
// parameter counts too, a literal near-miss (a typo: edit distance at
// most a third of its length) counts nearly as much as an equal one, two
// different literals cost, and every segment one has and
// the other lacks costs. The same method counts as much as a literal
// segment. Higher is closer.
func shapeScore(method, path, tMethod, template string) int {
	ps := strings.Split(strings.TrimPrefix(TrimPath(path), "/"), "/")
	ts := strings.Split(strings.TrimPrefix(TrimPath(template), "/"), "/")
	score := 0
	for i := range min(len(ps), len(ts)) {
		p, t := ps[i], ts[i]
		switch {
		case isParam(t) && isParam(p):
			score += 2
		case isParam(t) || isParam(p):
			// A concrete value where the template has a parameter.
			if isParam(t) {
				score++
			}
		case p == t:
			score += 4
		case editdist.Distance(p, t) <= max(1, len(t)/3):
			score += 3
		default:
			score -= 2 // two different literals: another resource
		}
	}
	d := len(ps) - len(ts)
	score -= 3 * max(d, -d)
	if method == tMethod {
		score += 5 // the same shape under another method is another operation
	}
	return score
}

// pathSuggestions ranks the endpoints with paths by their shape's likeness
// to a "METHOD /path" call (see shapeScore); ties go to the template that
// is nearer as text, then to the first label.
func (c *Catalog) pathSuggestions(method, path string, n int) []string {
	type cand struct {
		label string
		score int
		dist  int
	}
	norm := NormalizePath(path)
	var cands []cand
	seen := map[string]bool{}
	for _, e := range c.Endpoints {
		if e.Path == "" {
			continue
		}
		label := e.Method + " " + e.Path
		if seen[label] {
			continue
		}
		seen[label] = true
		cands = append(cands, cand{label, shapeScore(method, path, e.Method, e.Path), editdist.Distance(norm, NormalizePath(e.Path))})
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.score != b.score {
			return a.score > b.score
		}
		if a.dist != b.dist {
			return a.dist < b.dist
		}
		return a.label < b.label
	})
	var out []string
	for _, x := range cands[:min(n, len(cands))] {
		out = append(out, x.label)
	}
	return out
}

// PathsUnder counts the endpoints whose path starts with the same first
// segment as path ("/phone/..."): how much the loaded documents know of
// the product a call belongs to. A path starting with a parameter counts
// every known path.
func (c *Catalog) PathsUnder(path string) int {
	first := firstSegment(path)
	n := 0
	for _, e := range c.Endpoints {
		if e.Path != "" && (first == "" || firstSegment(e.Path) == first) {
			n++
		}
	}
	return n
}

// firstSegment is a path's first segment, "" for a parameter or none.
func firstSegment(p string) string {
	segs := strings.Split(strings.TrimPrefix(TrimPath(p), "/"), "/")
	if len(segs) == 0 || isParam(segs[0]) {
		return ""
	}
	return segs[0]
}
