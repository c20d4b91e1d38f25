package lint

import (
	"sort"
	"strings"
)

// nameIndex answers "nearest names" questions over a fixed vocabulary
// faster than editdist.Nearest: names are lower-cased once, and each
// distance stops as soon as it exceeds the limit. Its answers are the
// same: up to n names within max(2, len/3) edits, by distance then name.
type nameIndex struct {
	names []string
	lower [][]rune
}

func newNameIndex(names []string) *nameIndex {
	seen := map[string]bool{}
	ix := &nameIndex{}
	for _, n := range names {
		if n == "" || seen[n] {
			continue
		}
		seen[n] = true
		ix.names = append(ix.names, n)
		ix.lower = append(ix.lower, []rune(strings.ToLower(n)))
	}
	return ix
}

func (ix *nameIndex) nearest(s string, n int) []string {
	q := []rune(strings.ToLower(s))
	limit := max(2, len(q)/3)
	type hit struct {
		s string
		d int
	}
	var hits []hit
	for i, c := range ix.lower {
		if d, ok := boundedDistance(q, c, limit); ok {
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

// boundedDistance is the Levenshtein distance of a and b when it is at
// most limit; ok is false as soon as it is known to exceed it.
func boundedDistance(a, b []rune, limit int) (int, bool) {
	if d := len(a) - len(b); d > limit || -d > limit {
		return 0, false
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
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
