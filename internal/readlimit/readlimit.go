// Package readlimit reads a small input whole (a call file, a
// requested-scopes file, an error message), from a named file or from
// standard input, refusing one over a size limit before holding more than
// the limit in memory.
package readlimit

import (
	"fmt"
	"io"
	"os"
)

// Stdin is the name that reads standard input.
const Stdin = "-"

// StdinName is what an input read from standard input is called in
// messages.
const StdinName = "<stdin>"

// TooLargeError says an input is over its limit.
type TooLargeError struct {
	Name  string // the file, or StdinName
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than the limit (%d bytes)", e.Name, e.Limit)
}

// File reads name whole, or stdin when name is Stdin, and returns the
// data and the name to report it by (StdinName for standard input). An
// input over limit bytes is a *TooLargeError.
func File(name string, stdin io.Reader, limit int64) ([]byte, string, error) {
	if name == Stdin {
		if stdin == nil {
			return nil, StdinName, fmt.Errorf("%s: no standard input", StdinName)
		}
		data, err := Reader(stdin, StdinName, limit)
		return data, StdinName, err
	}
	f, err := os.Open(name)
	if err != nil {
		return nil, name, err
	}
	defer f.Close()
	data, err := Reader(f, name, limit)
	return data, name, err
}

// Reader reads r whole, named name in errors; more than limit bytes is a
// *TooLargeError.
func Reader(r io.Reader, name string, limit int64) ([]byte, error) {
	data, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Name: name, Limit: limit}
	}
	return data, nil
}
