package readlimit

import (
	"bytes"
	"io"
	"testing"
	"testing/iotest"
)

// TestReadAll: readAll returns every byte whatever the starting size
// (smaller than the input, exact, larger), reading a byte at a time too,
// and an exact size reads into one array of that size plus the byte that
// sees the end.
func TestReadAll(t *testing.T) {
	in := bytes.Repeat([]byte("| row |\n"), 1000)
	for _, size := range []int64{0, 1, 512, int64(len(in)), int64(len(in)) + 1, 3 * int64(len(in))} {
		for name, r := range map[string]io.Reader{"whole": bytes.NewReader(in), "byte": iotest.OneByteReader(bytes.NewReader(in))} {
			got, err := readAll(r, size)
			if err != nil || !bytes.Equal(got, in) {
				t.Errorf("size %d, %s: %d bytes, %v", size, name, len(got), err)
			}
		}
	}
	got, _ := readAll(bytes.NewReader(in), int64(len(in))+1)
	if cap(got) != len(in)+1 {
		t.Errorf("capacity %d for %d bytes read into %d", cap(got), len(in), len(in)+1)
	}
	if _, err := readAll(iotest.ErrReader(io.ErrUnexpectedEOF), 10); err != io.ErrUnexpectedEOF {
		t.Errorf("error = %v", err)
	}
}
