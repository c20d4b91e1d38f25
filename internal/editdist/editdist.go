// Package editdist measures how far apart two strings are and finds the
// nearest strings in a vocabulary; it backs every "did you mean" answer.
package editdist

import (
	"sort"
	"strings"
	"sync"
	"unicode"
)

// Distance is the Levenshtein distance between a and b, counted in runes.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d, _ := bounded(ra, rb, max(len(ra), len(rb)), nil)
	return d
}

// Within reports the Levenshtein distance between a and b when it is at
// most limit; ok is false when it is larger. It costs about
// len(a)*(2*limit+1) steps instead of len(a)*len(b).
func Within(a, b string, limit int) (d int, ok bool) {
	if limit < 0 {
		return 0, false
	}
	return bounded([]rune(a), []rune(b), limit, nil)
}

// bounded is the Levenshtein distance of a and b when it is at most limit;
// ok is false as soon as it is known to exceed it. Only the diagonal band
// of cells within limit of the main diagonal is computed (a cell outside
// it is more than limit), and every value is capped at limit+1, which
// keeps the result exact up to the limit. buf, when at least 2*(len(b)+1)
// long, is used for the two rows instead of allocating them.
func bounded(a, b []rune, limit int, buf []int) (int, bool) {
	la, lb := len(a), len(b)
	if d := la - lb; d > limit || -d > limit {
		return 0, false
	}
	if len(buf) < 2*(lb+1) {
		buf = make([]int, 2*(lb+1))
	}
	inf := limit + 1
	prev, cur := buf[:lb+1], buf[lb+1:2*(lb+1)]
	for j := range prev {
		prev[j] = min(j, inf)
	}
	for i := 1; i <= la; i++ {
		lo, hi := max(1, i-limit), min(lb, i+limit)
		rowMin := inf
		if lo == 1 {
			cur[0] = min(i, inf)
			rowMin = cur[0]
		} else {
			cur[lo-1] = inf
		}
		ai := a[i-1]
		for j := lo; j <= hi; j++ {
			v := prev[j-1]
			if ai != b[j-1] {
				v++
			}
			if x := prev[j] + 1; x < v {
				v = x
			}
			if x := cur[j-1] + 1; x < v {
				v = x
			}
			if v > inf {
				v = inf
			}
			cur[j] = v
			if v < rowMin {
				rowMin = v
			}
		}
		if hi < lb {
			cur[hi+1] = inf // outside the band of the next row's reads
		}
		if rowMin > limit {
			return 0, false
		}
		prev, cur = cur, prev
	}
	return prev[lb], prev[lb] <= limit
}

// Index answers "nearest names" questions over a fixed vocabulary: names
// are lower-cased once, duplicates and empty names dropped, and grouped by
// length. A question with a small distance limit (at most smallLimit)
// measures the names of close enough lengths only. A wider question uses
// the names' bigrams (pairs of adjacent runes), indexed on first use: two
// strings within k edits share at least max(len)-1-2k bigrams (an edit
// changes at most two), so the bigrams each name shares with the query,
// counted from the index, give a lower bound on its distance. Either way
// names are measured in order of their lower bound, and each distance
// stops as soon as it exceeds the distance of the n-th best name found so
// far: most names are never measured in full. An Index is safe for
// concurrent use.
type Index struct {
	names []string
	lower [][]rune
	// byLen lists the names by their length in runes.
	byLen map[int][]int32
	// longest is the length in runes of the longest name.
	longest int

	gramsOnce sync.Once
	// The bigram index, flat: the postings of bucket g (see bucket) are
	// postings[start[g]:start[g+1]], grouped by name, each name once with
	// its count of the bucket's bigrams.
	start    []int32
	postings []posting
}

// smallLimit is the widest question answered by lengths alone.
const smallLimit = 2

// posting is one name's count of one bigram bucket.
type posting struct {
	name, count int32
}

// buckets is the number of bigram buckets: two 7-bit runes give each
// ASCII bigram its own; other bigrams share (which only makes the
// shared-bigram counts larger, so the lower bounds stay true).
const buckets = 1 << 14

// bucket is the bucket of the bigram (a, b).
func bucket(a, b rune) int {
	if a < 0x80 && b < 0x80 && a >= 0 && b >= 0 {
		return int(a)<<7 | int(b)
	}
	return int((uint32(a)*0x9e3779b1 ^ uint32(b)*0x85ebca6b) >> 18)
}

// NewIndex indexes a vocabulary.
func NewIndex(names []string) *Index {
	seen := make(map[string]struct{}, len(names))
	ix := &Index{byLen: map[int][]int32{}}
	size := 0
	for _, n := range names {
		size += len(n)
	}
	runes := make([]rune, 0, size) // one backing array for every name
	for _, n := range names {
		if _, dup := seen[n]; dup || n == "" {
			continue
		}
		seen[n] = struct{}{}
		start := len(runes)
		for _, c := range n {
			runes = append(runes, unicode.ToLower(c))
		}
		r := runes[start:len(runes):len(runes)]
		ix.byLen[len(r)] = append(ix.byLen[len(r)], int32(len(ix.names)))
		ix.names = append(ix.names, n)
		ix.lower = append(ix.lower, r)
		ix.longest = max(ix.longest, len(r))
	}
	return ix
}

// grams builds the bigram index once: a counting pass sizes each
// bucket, a second fills it.
func (ix *Index) grams() {
	ix.gramsOnce.Do(func() {
		ix.start = make([]int32, buckets+1)
		for _, r := range ix.lower {
			for k := 1; k < len(r); k++ {
				ix.start[bucket(r[k-1], r[k])+1]++
			}
		}
		for g := 1; g <= buckets; g++ {
			ix.start[g] += ix.start[g-1]
		}
		ix.postings = make([]posting, ix.start[buckets])
		fill := append([]int32(nil), ix.start[:buckets]...)
		for i, r := range ix.lower {
			id := int32(i)
			for k := 1; k < len(r); k++ {
				g := bucket(r[k-1], r[k])
				if at := fill[g] - 1; at >= ix.start[g] && ix.postings[at].name == id {
					ix.postings[at].count++ // the name's own posting is the last one
					continue
				}
				ix.postings[fill[g]] = posting{id, 1}
				fill[g]++
			}
		}
	})
}

// byBound groups the names that could be within maxDist of q by a lower
// bound on their distance: byBound[k] lists names at least k away.
func (ix *Index) byBound(q []rune, maxDist int) [][]int32 {
	out := make([][]int32, maxDist+1)
	if maxDist <= smallLimit {
		for l := max(0, len(q)-maxDist); l <= len(q)+maxDist; l++ {
			lo := max(l-len(q), len(q)-l)
			out[lo] = append(out[lo], ix.byLen[l]...)
		}
		return out
	}
	ix.grams()
	qb := make([]int, 0, len(q))
	for k := 1; k < len(q); k++ {
		qb = append(qb, bucket(q[k-1], q[k]))
	}
	sort.Ints(qb)
	common := make([]int32, len(ix.names))
	for k := 0; k < len(qb); {
		g, m := qb[k], int32(0)
		for ; k < len(qb) && qb[k] == g; k++ {
			m++
		}
		for _, p := range ix.postings[ix.start[g]:ix.start[g+1]] {
			common[p.name] += min(m, p.count)
		}
	}
	for i, c := range ix.lower {
		if lo := lowerBound(len(q), len(c), int(common[i])); lo <= maxDist {
			out[lo] = append(out[lo], int32(i))
		}
	}
	return out
}

// hit is one candidate of a question and its distance.
type hit struct {
	s string
	d int
}

func (h hit) less(o hit) bool {
	if h.d != o.d {
		return h.d < o.d
	}
	return h.s < o.s
}

// bin is the histogram bin of a rune for the bag distance.
func bin(r rune) int { return int(uint32(r) % 127) }

// lowerBound is a lower bound on the edit distance of two strings of
// lengths la and lb that share common bigrams.
func lowerBound(la, lb, common int) int {
	lo := max(la-lb, lb-la)
	if missing := max(la, lb) - 1 - common; missing > 0 {
		lo = max(lo, (missing+1)/2)
	}
	return lo
}

// Nearest returns up to n names closest to s (case-insensitive), no
// farther than maxDist, ordered by distance then name. A maxDist below
// zero means "a third of the query's length, at least 2".
func (ix *Index) Nearest(s string, n, maxDist int) []string {
	if n <= 0 || len(ix.names) == 0 {
		return nil
	}
	q := []rune(strings.ToLower(s))
	if maxDist < 0 {
		maxDist = max(2, len(q)/3)
	}
	// No two names are farther apart than the longer one's length.
	maxDist = min(maxDist, max(len(q), ix.longest))
	byBound := ix.byBound(q, maxDist)
	limit := maxDist
	// best holds the n best hits so far, in order; once it is full, a
	// name farther than its last cannot enter, so the limit shrinks.
	best := make([]hit, 0, n+1)
	buf := make([]int, 2*(ix.longest+1))
	// hist counts the query's runes by bin, for the bag distance: runes
	// a name has that the query lacks, or the reverse, each need an edit.
	// Runes sharing a bin only make the bound smaller, so it stays true.
	var hist [128]int32
	for _, r := range q {
		hist[bin(r)]++
	}
	for lo := 0; lo <= limit; lo++ {
		for _, i := range byBound[lo] {
			c := ix.lower[i]
			extra := 0 // runes of the name the query lacks
			for _, r := range c {
				b := bin(r)
				if hist[b]--; hist[b] < 0 {
					extra++
				}
			}
			for _, r := range c {
				hist[bin(r)]++
			}
			if max(extra, len(q)-(len(c)-extra)) > limit {
				continue
			}
			d, ok := bounded(q, c, limit, buf)
			if !ok {
				continue
			}
			h := hit{ix.names[i], d}
			if len(best) == n && !h.less(best[n-1]) {
				continue
			}
			at := sort.Search(len(best), func(k int) bool { return h.less(best[k]) })
			best = append(best, hit{})
			copy(best[at+1:], best[at:])
			best[at] = h
			if len(best) > n {
				best = best[:n]
			}
			if len(best) == n {
				limit = min(limit, best[n-1].d)
			}
		}
	}
	if len(best) == 0 {
		return nil
	}
	out := make([]string, len(best))
	for i, h := range best {
		out[i] = h.s
	}
	return out
}

// Nearest returns up to n candidates closest to s (case-insensitive), no
// farther than maxDist, ordered by distance then alphabetically; see
// Index.Nearest. Use an Index to ask many questions of one vocabulary.
func Nearest(s string, candidates []string, n, maxDist int) []string {
	return NewIndex(candidates).Nearest(s, n, maxDist)
}
