package catalog

import "unsafe"

// slab hands out zero values of T from arrays allocated many at a time:
// one allocation for many values, and none of it lost to rounding, as
// each array is a whole number of the heap's pages (a catalog of a large
// table holds an Endpoint and a Scope a row).
type slab[T any] struct {
	free []T
}

// next returns a zero T from the current array, starting a new one when
// it is used up.
func (s *slab[T]) next() *T {
	if len(s.free) == 0 {
		s.free = make([]T, slabLen(int(unsafe.Sizeof(*new(T)))))
	}
	v := &s.free[0]
	s.free = s.free[1:]
	return v
}

// heapPage is the Go heap's page size: an allocation above 32 KiB takes
// a whole number of pages.
const heapPage = 8192

// slabLen is how many values of size bytes one array holds: the fewest,
// from minSlab, that fill a whole number of pages, or minSlab when that
// would take more than maxSlab.
func slabLen(size int) int {
	const minSlab, maxSlab = 256, 4096
	if size <= 0 {
		return minSlab
	}
	n := heapPage / gcd(size, heapPage)
	for n < minSlab {
		n *= 2
	}
	if n > maxSlab {
		return minSlab
	}
	return n
}

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
