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
	d, _ := bounded(ra, rb, max(len(ra), len(rb)), nil)
	return d
}

// bounded is the Levenshtein distance of a and b when it is at most limit;
// ok is false as soon as it is known to exceed it. buf, when at least
// 2*(len(b)+1) long, is used for the two rows instead of allocating them.
func bounded(a, b []rune, limit int, buf []int) (int, bool) {
	if d := len(a) - len(b); d > limit || -d > limit {
		return 0, false
	}
	if len(buf) < 2*(len(b)+1) {
		buf = make([]int, 2*(len(b)+1))
	}
	prev, cur := buf[:len(b)+1], buf[len(b)+1:2*(len(b)+1)]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			rowMin = min(rowMin, cur[j])
		}
		if rowMin > limit {
			return 0, false
		}
		prev, cur = cur, prev
	}
	return prev[len(b)], prev[len(b)] <= limit
}

// Index answers "nearest names" questions over a fixed vocabulary: names
// are lower-cased once, duplicates and empty names dropped, and each
// distance stops as soon as it exceeds the limit.
type Index struct {
	names []string
	lower [][]rune
	// longest is the length in runes of the longest name.
	longest int
}

// NewIndex indexes a vocabulary.
func NewIndex(names []string) *Index {
	seen := make(map[string]bool, len(names))
	ix := &Index{}
	for _, n := range names {
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		ix.names = append(ix.names, n)
		r := []rune(strings.ToLower(n))
		ix.lower = append(ix.lower, r)
		ix.longest = max(ix.longest, len(r))
	}
	return ix
}

// Nearest returns up to n names closest to s (case-insensitive), no
// farther than maxDist, ordered by distance then name. A maxDist below
// zero means "a third of the query's length, at least 2".
func (ix *Index) Nearest(s string, n, maxDist int) []string {
	q := []rune(strings.ToLower(s))
	if maxDist < 0 {
		maxDist = max(2, len(q)/3)
	}
	type hit struct {
		s string
		d int
	}
	var hits []hit
	buf := make([]int, 2*(ix.longest+1))
	for i, c := range ix.lower {
		if d, ok := bounded(q, c, maxDist, buf); ok {
			hits = append(hits, hit{ix.names[i], d})
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

// Nearest returns up to n candidates closest to s (case-insensitive), no
// farther than maxDist, ordered by distance then alphabetically; see
// Index.Nearest. Use an Index to ask many questions of one vocabulary.
func Nearest(s string, candidates []string, n, maxDist int) []string {
	return NewIndex(candidates).Nearest(s, n, maxDist)
}
