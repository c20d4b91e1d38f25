package cache

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// LockName is the lock file that serialises the runs writing to a cache
// directory.
const LockName = "lock"

// lockPoll is how often Lock retries a held lock.
const lockPoll = 50 * time.Millisecond

// ErrLocked is returned by Lock when another run holds the lock past the
// timeout.
var ErrLocked = errors.New("cache is locked")

// Lock is a held lock on a cache directory.
type Lock struct {
	f    *os.File
	path string
}

// Lock takes the cache directory's write lock, waiting up to timeout for a
// run that holds it (creating the directory when missing). The operating
// system releases the lock when the process ends, so a crashed run never
// leaves it held. Unlock releases it.
func (c *Cache) Lock(ctx context.Context, timeout time.Duration) (*Lock, error) {
	if err := os.MkdirAll(c.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("lock cache: %w", err)
	}
	p := filepath.Join(c.Dir, LockName)
	f, err := os.OpenFile(p, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, fmt.Errorf("lock cache: %w", err)
	}
	deadline := time.Now().Add(timeout)
	for {
		ok, err := tryLock(f)
		if err != nil {
			_ = f.Close()
			return nil, fmt.Errorf("lock cache %s: %w", p, err)
		}
		if ok {
			_ = f.Truncate(0)
			_, _ = f.WriteAt([]byte(strconv.Itoa(os.Getpid())+" "+time.Now().UTC().Format(time.RFC3339)+"\n"), 0)
			return &Lock{f: f, path: p}, nil
		}
		if !time.Now().Before(deadline) {
			holder := holderOf(p)
			_ = f.Close()
			return nil, fmt.Errorf("%w: another scopeplan update (%s) holds %s; waited %s", ErrLocked, holder, p, timeout)
		}
		select {
		case <-ctx.Done():
			_ = f.Close()
			return nil, fmt.Errorf("lock cache %s: %w", p, ctx.Err())
		case <-time.After(lockPoll):
		}
	}
}

// holderOf describes the process that wrote the lock file.
func holderOf(p string) string {
	b, err := os.ReadFile(p)
	if err != nil {
		return "unknown process"
	}
	pid, since, ok := strings.Cut(strings.TrimSpace(string(b)), " ")
	if !ok {
		return "unknown process"
	}
	return "pid " + pid + ", since " + since
}

// Unlock releases the lock.
func (l *Lock) Unlock() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := unlock(l.f)
	if cerr := l.f.Close(); err == nil {
		err = cerr
	}
	l.f = nil
	if err != nil {
		return fmt.Errorf("unlock cache %s: %w", l.path, err)
	}
	return nil
}
