package catalog

import (
	"testing"
	"unsafe"
)

// TestSlabLenFillsPages: an endpoint or scope slab is a whole number of
// heap pages, so that no memory is lost to rounding a large allocation up.
func TestSlabLenFillsPages(t *testing.T) {
	for _, size := range []int{int(unsafe.Sizeof(Endpoint{})), int(unsafe.Sizeof(Scope{})), 8, 24, 144, 360, 4096, 8192, 20000} {
		n := slabLen(size)
		if n < 256 || n > 4096 {
			t.Errorf("size %d: slab of %d values, want 256 to 4096", size, n)
		}
		if n*size%heapPage != 0 {
			t.Errorf("size %d: slab of %d values is %d bytes, not a whole number of %d-byte pages", size, n, n*size, heapPage)
		}
	}
	// An odd size cannot fill pages within the bound: the smallest slab.
	if n := slabLen(1001); n != 256 {
		t.Errorf("size 1001: slab of %d, want 256", n)
	}
	var s slab[Scope]
	a, b := s.next(), s.next()
	if a == b || a.Name != "" || len(s.free) != slabLen(int(unsafe.Sizeof(Scope{})))-2 {
		t.Errorf("next handed out %p, %p with %d left", a, b, len(s.free))
	}
}
