package readlimit

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestFile reads named files and standard input up to the limit, and
// refuses one byte more with a *TooLargeError naming the input.
func TestFile(t *testing.T) {
	dir := t.TempDir()
	at := filepath.Join(dir, "at.txt")
	over := filepath.Join(dir, "over.txt")
	if err := os.WriteFile(at, []byte("12345"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(over, []byte("123456"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name, stdin, want, as string
		tooLarge              bool
		size                  int64 // the TooLargeError's Size
	}{
		{name: at, want: "12345", as: at},
		{name: over, as: over, tooLarge: true, size: 6}, // refused from its size, unread
		{name: Stdin, stdin: "abcde", want: "abcde", as: StdinName},
		{name: Stdin, stdin: "abcdef", as: StdinName, tooLarge: true, size: -1},
		{name: Stdin, stdin: "", want: "", as: StdinName},
	} {
		data, as, err := File(tc.name, strings.NewReader(tc.stdin), 5)
		var tl *TooLargeError
		switch {
		case tc.tooLarge:
			if !errors.As(err, &tl) || tl.Name != tc.as || tl.Limit != 5 || tl.Size != tc.size || !strings.Contains(err.Error(), tc.as) {
				t.Errorf("%s: err %v, want a TooLargeError naming it", tc.name, err)
			}
		case err != nil || string(data) != tc.want || as != tc.as:
			t.Errorf("%s: %q as %q, %v; want %q as %q", tc.name, data, as, err, tc.want, tc.as)
		}
	}
	if _, _, err := File(filepath.Join(dir, "missing"), nil, 5); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, _, err := File(Stdin, nil, 5); err == nil {
		t.Error("no standard input: no error")
	}
}
