// Package readlimit reads an input whole (a document, a configuration, a
// call file, a requested-scopes file, an error message), from a named file
// or from standard input, refusing one over a size limit before holding
// more than the limit in memory.
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
	Name string // the file, or StdinName
	// Size is the file's size when it was known before reading, else -1.
	Size  int64
	Limit int64
}

func (e *TooLargeError) Error() string {
	return fmt.Sprintf("%s is larger than the limit (%d bytes)", e.Name, e.Limit)
}

// File reads name whole (see Path), or stdin when name is Stdin, and
// returns the data and the name to report it by (StdinName for standard
// input). An input over limit bytes is a *TooLargeError.
func File(name string, stdin io.Reader, limit int64) ([]byte, string, error) {
	if name != Stdin {
		data, err := Path(name, limit)
		return data, name, err
	}
	if stdin == nil {
		return nil, StdinName, fmt.Errorf("%s: no standard input", StdinName)
	}
	data, err := Reader(stdin, StdinName, limit)
	return data, StdinName, err
}

// Path reads the named file whole. A regular file over limit bytes is
// refused before it is read, and one of known size is read into one array
// of its size; anything else (a pipe, a device) is read to at most one
// byte past the limit. An error opening the file is os.Open's.
func Path(name string, limit int64) ([]byte, error) {
	f, err := os.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	size := int64(512)
	if info, err := f.Stat(); err == nil && info.Mode().IsRegular() {
		if info.Size() > limit {
			return nil, &TooLargeError{Name: name, Size: info.Size(), Limit: limit}
		}
		size = info.Size() + 1 // one byte more, to see the end without growing
	}
	return read(f, name, limit, size)
}

// Reader reads r whole, named name in errors; more than limit bytes is a
// *TooLargeError.
func Reader(r io.Reader, name string, limit int64) ([]byte, error) {
	return read(r, name, limit, 512)
}

func read(r io.Reader, name string, limit, size int64) ([]byte, error) {
	data, err := readAll(io.LimitReader(r, limit+1), min(size, limit+1))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if int64(len(data)) > limit {
		return nil, &TooLargeError{Name: name, Size: -1, Limit: limit}
	}
	return data, nil
}

// readAll is io.ReadAll into a buffer of size bytes to start with: an
// input of known size is read into one array of its size, not a doubled
// one.
func readAll(r io.Reader, size int64) ([]byte, error) {
	data := make([]byte, 0, size)
	for {
		if len(data) == cap(data) {
			data = append(data, 0)[:len(data)]
		}
		n, err := r.Read(data[len(data):cap(data)])
		data = data[:len(data)+n]
		if err == io.EOF {
			return data, nil
		}
		if err != nil {
			return data, err
		}
	}
}
