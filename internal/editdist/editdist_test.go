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
