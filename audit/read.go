package audit

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/scopeplan/scopeplan/internal/readlimit"
)

// MaxRequestedSize bounds a requested-scopes input ReadRequested reads,
// from a file or from standard input.
const MaxRequestedSize = 16 << 20

// ReadRequested reads a requested-scopes file for ParseRequest: the file
// name, or stdin for "-", at most MaxRequestedSize bytes. It returns the
// data and the name to report it by ("<stdin>" for standard input).
func ReadRequested(name string, stdin io.Reader) ([]byte, string, error) {
	data, as, err := readlimit.File(name, stdin, MaxRequestedSize)
	if err != nil {
		return nil, "", fmt.Errorf("read requested scopes: %w", err)
	}
	return data, as, nil
}

// ReadUsage reads and parses usage logs (see ParseUsage) from the named
// files, in order, as one Usage.
func ReadUsage(names ...string) (Usage, error) {
	var all Usage
	for _, name := range names {
		data, err := os.ReadFile(name)
		if err != nil {
			return Usage{}, fmt.Errorf("read usage log: %w", err)
		}
		u, err := ParseUsage(name, data)
		if err != nil {
			return Usage{}, err
		}
		all.Rows = append(all.Rows, u.Rows...)
		all.Skipped += u.Skipped
	}
	return all, nil
}

// ErrPeriod is the error of a period bound ParseTime cannot read.
var ErrPeriod = errors.New("want RFC 3339 (2025-01-31T12:00:00Z), a date (2025-01-31) or Unix milliseconds")

// ParseTime reads a bound of a usage period (UsageOptions.Since, Until):
// RFC 3339, a date or Unix milliseconds. A date is its first instant, or
// its last when end is set (a period's end takes in the whole day). ""
// is the zero time: no bound.
func ParseTime(s string, end bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		if end {
			t = t.Add(24*time.Hour - time.Nanosecond)
		}
		return t, nil
	}
	if ms, err := strconv.ParseInt(s, 10, 64); err == nil && strconv.FormatInt(ms, 10) == s {
		return time.UnixMilli(ms), nil
	}
	return time.Time{}, fmt.Errorf("%q: %w", s, ErrPeriod)
}
