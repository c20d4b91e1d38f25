// Package editdist measures how far apart two strings are and finds the
// nearest strings in a vocabulary; it backs every "did you mean" answer.
package editdist

import (
	"sort"
	"strings"
)

// Distance is the Levenshtein distance between a and b, counted in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	if len(ra) == 0 {
		return len(rb)
	}
	if len(rb) == 0 {
		return len(ra)
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Nearest returns up to n candidates closest to s (case-insensitive), no
// farther than maxDist, ordered by distance then alphabetically. Duplicates
// are dropped. A maxDist below zero means "a third of the query's length,
// at least 2".
func Nearest(s string, candidates []string, n, maxDist int) []string {
	q := strings.ToLower(s)
	if maxDist < 0 {
		maxDist = max(2, len([]rune(q))/3)
	}
	type hit struct {
		s string
		d int
	}
	seen := map[string]bool{}
	var hits []hit
	for _, c := range candidates {
		if seen[c] || c == "" {
			continue
		}
		seen[c] = true
		lc := strings.ToLower(c)
		// Cheap length filter before the quadratic distance.
		if abs(len(lc)-len(q)) > maxDist {
			continue
		}
		if d := Distance(q, lc); d <= maxDist {
			hits = append(hits, hit{c, d})
		}
	}
	sort.Slice(hits, func(i, j int) bool {
		if hits[i].d != hits[j].d {
			return hits[i].d < hits[j].d
		}
		return hits[i].s < hits[j].s
	})
	var out []string
	for i := 0; i < len(hits) && i < n; i++ {
		out = append(out, hits[i].s)
	}
	return out
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
