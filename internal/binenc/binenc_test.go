package binenc

import (
	"reflect"
	"testing"
)

func sample() []byte {
	e := NewEncoder()
	e.String("a")
	e.Strings([]string{"b", "a", ""})
	e.Ints([]int{-1, 0, 1 << 40})
	e.Int(-7)
	e.Uint(7)
	e.Bool(true)
	e.Strings(nil)
	e.Ints(nil)
	return e.Bytes("TEST1\n")
}

func TestRoundTrip(t *testing.T) {
	b := sample()
	d, err := NewDecoder(b, "TEST1\n")
	if err != nil {
		t.Fatal(err)
	}
	s, ss, is, i, u, ok, es, ei := d.Str(), d.Strings(), d.Ints(), d.Int(), d.Uint(), d.Bool(), d.Strings(), d.Ints()
	if err := d.Err(); err != nil {
		t.Fatal(err)
	}
	if s != "a" || !reflect.DeepEqual(ss, []string{"b", "a", ""}) || !reflect.DeepEqual(is, []int{-1, 0, 1 << 40}) || i != -7 || u != 7 || !ok || es == nil || len(es) != 0 || ei != nil {
		t.Fatalf("round trip: %q %q %v %d %d %v %v %v", s, ss, is, i, u, ok, es, ei)
	}
	// Lists cut from one chunk are capped: appending to one copies it
	// rather than overwrite the next list of the chunk.
	e := NewEncoder()
	e.Strings([]string{"a", "b"})
	e.Strings([]string{"c", "d"})
	e.Ints([]int{1, 2})
	e.Ints([]int{3, 4})
	d2, err := NewDecoder(e.Bytes("TEST1\n"), "TEST1\n")
	if err != nil {
		t.Fatal(err)
	}
	s1, s2, i1, i2 := d2.Strings(), d2.Strings(), d2.Ints(), d2.Ints()
	s1, i1 = append(s1, "x"), append(i1, 9)
	if !reflect.DeepEqual(s2, []string{"c", "d"}) || !reflect.DeepEqual(i2, []int{3, 4}) {
		t.Fatalf("appending to %q and %v changed the next lists: %q %v", s1, i1, s2, i2)
	}
	for n := 0; n < len(b); n++ {
		d, err := NewDecoder(b[:n], "TEST1\n")
		if err != nil {
			continue
		}
		d.Str()
		d.Strings()
		d.Ints()
		d.Int()
		d.Uint()
		d.Bool()
		d.Strings()
		d.Ints()
		if d.Err() == nil {
			t.Fatalf("%d of %d bytes decoded without an error", n, len(b))
		}
	}
}

// FuzzDecoder: any input decodes to values or an error, never a panic or
// a huge allocation.
func FuzzDecoder(f *testing.F) {
	f.Add(sample())
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := NewDecoder(b, "TEST1\n")
		if err != nil {
			return
		}
		for d.err == nil && len(d.b) > 0 {
			d.Strings()
			d.Ints()
			d.Bool()
		}
	})
}
