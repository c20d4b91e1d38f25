package editdist

import (
	"math/rand/v2"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestDistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		want int
	}{
		{"", "", 0}, {"read", "read", 0}, {"raed", "read", 2}, {"reed", "read", 1},
		{"", "abc", 3}, {"kitten", "sitting", 3}, {"héllo", "hello", 1},
	} {
		if got := Distance(tc.a, tc.b); got != tc.want {
			t.Errorf("Distance(%q,%q) = %d, want %d", tc.a, tc.b, got, tc.want)
		}
	}
}

func TestNearest(t *testing.T) {
	vocab := []string{"read", "write", "update", "delete", "read"}
	if got, want := Nearest("raed", vocab, 3, 2), []string{"read"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Nearest = %v, want %v", got, want)
	}
	if got := Nearest("zzzzzz", vocab, 3, -1); got != nil {
		t.Errorf("Nearest far = %v, want none", got)
	}
	if got, want := Nearest("wrote", vocab, 5, 2), []string{"write"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Nearest = %v, want %v", got, want)
	}
}

// TestBoundedAgreesWithFull checks the early-stopping distance against a
// plain full computation on every pair of a small vocabulary.
func TestBoundedAgreesWithFull(t *testing.T) {
	words := []string{"", "a", "read", "raed", "write", "wirte", "update", "udpate", "delete", "meeting:read:meeting", "meeting:raed:meting"}
	full := func(a, b []rune) int {
		d := make([][]int, len(a)+1)
		for i := range d {
			d[i] = make([]int, len(b)+1)
			d[i][0] = i
		}
		for j := range d[0] {
			d[0][j] = j
		}
		for i := 1; i <= len(a); i++ {
			for j := 1; j <= len(b); j++ {
				c := 1
				if a[i-1] == b[j-1] {
					c = 0
				}
				d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+c)
			}
		}
		return d[len(a)][len(b)]
	}
	for _, a := range words {
		for _, b := range words {
			want := full([]rune(a), []rune(b))
			if got := Distance(a, b); got != want {
				t.Errorf("Distance(%q,%q) = %d, want %d", a, b, got, want)
			}
			for limit := 0; limit < 6; limit++ {
				d, ok := bounded([]rune(a), []rune(b), limit, nil)
				if ok != (want <= limit) || (ok && d != want) {
					t.Errorf("bounded(%q,%q,%d) = %d,%v; full %d", a, b, limit, d, ok, want)
				}
			}
		}
	}
}

// naiveNearest is the definition Index.Nearest must agree with: every
// name within maxDist, by distance then name, the first n.
func naiveNearest(s string, vocab []string, n, maxDist int) []string {
	q := strings.ToLower(s)
	if maxDist < 0 {
		maxDist = max(2, len([]rune(q))/3)
	}
	seen := map[string]bool{}
	type h struct {
		s string
		d int
	}
	var hits []h
	for _, v := range vocab {
		if v == "" || seen[v] {
			continue
		}
		seen[v] = true
		if d := Distance(q, strings.ToLower(v)); d <= maxDist {
			hits = append(hits, h{v, d})
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

// TestIndexAgreesWithNaive compares the indexed search with the plain
// definition on random vocabularies over a small alphabet (so that many
// names are close and ties are common).
func TestIndexAgreesWithNaive(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	word := func() string {
		b := make([]rune, rng.IntN(12))
		for i := range b {
			b[i] = []rune("abcAé:")[rng.IntN(6)]
		}
		return string(b)
	}
	for round := 0; round < 300; round++ {
		vocab := make([]string, rng.IntN(40))
		for i := range vocab {
			vocab[i] = word()
		}
		ix := NewIndex(vocab)
		for k := 0; k < 10; k++ {
			q, n, maxDist := word(), rng.IntN(5), rng.IntN(9)-1
			got, want := ix.Nearest(q, n, maxDist), naiveNearest(q, vocab, n, maxDist)
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("Nearest(%q, %d, %d) over %q = %q, want %q", q, n, maxDist, vocab, got, want)
			}
		}
	}
}

// FuzzWithin checks the banded distance against the full one.
func FuzzWithin(f *testing.F) {
	f.Add("kitten", "sitting", 3)
	f.Add("meeting:read:meeting", "meeting:raed:meting", 2)
	f.Fuzz(func(t *testing.T, a, b string, limit int) {
		limit %= 40
		want := Distance(a, b)
		d, ok := Within(a, b, limit)
		if ok != (limit >= 0 && want <= limit) || (ok && d != want) {
			t.Errorf("Within(%q,%q,%d) = %d,%v; Distance %d", a, b, limit, d, ok, want)
		}
	})
}

func BenchmarkNearest(b *testing.B) {
	rng := rand.New(rand.NewPCG(3, 4))
	vocab := make([]string, 3000)
	for i := range vocab {
		w := make([]byte, 10+rng.IntN(30))
		for j := range w {
			w[j] = "abcdefghijklmnopqrstuvwxyz "[rng.IntN(27)]
		}
		vocab[i] = string(w)
	}
	ix := NewIndex(vocab)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.Nearest(vocab[i%len(vocab)]+"x", 3, -1)
	}
}

// FuzzNearest checks the indexed search against the plain definition.
func FuzzNearest(f *testing.F) {
	f.Add("Get a user\nList users\nGet a usr\nUpdate a user", "get a user", 3, -1)
	f.Add("read\nwrite\nupdate\ndelete", "raed", 1, 2)
	f.Fuzz(func(t *testing.T, vocab, q string, n, maxDist int) {
		n, maxDist = n%8, maxDist%20
		names := strings.Split(vocab, "\n")
		got, want := NewIndex(names).Nearest(q, n, maxDist), naiveNearest(q, names, n, maxDist)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("Nearest(%q, %d, %d) = %q, want %q", q, n, maxDist, got, want)
		}
	})
}
