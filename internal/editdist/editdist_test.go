package editdist

import (
	"reflect"
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
