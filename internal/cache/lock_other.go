//go:build !unix

package cache

import (
	"errors"
	"os"
	"path/filepath"
)

// tryLock takes the lock where flock is unavailable: a second file
// created exclusively beside f. A crashed run leaves it behind; the
// timeout's message names the lock file to remove.
func tryLock(f *os.File) (bool, error) {
	g, err := os.OpenFile(f.Name()+".held", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, os.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, err
	}
	return true, g.Close()
}

func unlock(f *os.File) error { return os.Remove(filepath.Clean(f.Name() + ".held")) }
