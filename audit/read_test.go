package audit_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/scopeplan/scopeplan/audit"
)

func TestReadRequested(t *testing.T) {
	manifest := `{"oauth_information":{"scopes":["user:read:user:admin","meeting:read:meeting:admin"]}}`
	path := filepath.Join(t.TempDir(), "manifest.json")
	if err := os.WriteFile(path, []byte(manifest), 0o644); err != nil {
		t.Fatal(err)
	}
	data, name, err := audit.ReadRequested(path, strings.NewReader("ignored"))
	if err != nil || name != path || string(data) != manifest {
		t.Fatalf("ReadRequested(file) = %q, %q, %v", data, name, err)
	}
	req, err := audit.ParseRequest(name, data)
	if err != nil || len(req.Scopes) != 2 {
		t.Fatalf("the file read parses to %+v, %v", req, err)
	}

	data, name, err = audit.ReadRequested("-", strings.NewReader(manifest))
	if err != nil || name != "<stdin>" || string(data) != manifest {
		t.Fatalf("ReadRequested(-) = %q, %q, %v", data, name, err)
	}

	_, _, err = audit.ReadRequested(filepath.Join(t.TempDir(), "missing.json"), nil)
	if !errors.Is(err, os.ErrNotExist) || !strings.HasPrefix(err.Error(), "read requested scopes: ") {
		t.Errorf("missing file: %v", err)
	}
	// One byte over the limit is refused, on standard input and in a
	// file alike, naming the input and the limit.
	over := strings.Repeat("a", audit.MaxRequestedSize+1)
	if _, _, err = audit.ReadRequested("-", strings.NewReader(over)); err == nil || !strings.Contains(err.Error(), "<stdin> is larger than the limit") {
		t.Errorf("oversized standard input: %v", err)
	}
	bigFile := filepath.Join(t.TempDir(), "big.json")
	if err := os.WriteFile(bigFile, []byte(over), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, _, err = audit.ReadRequested(bigFile, nil); err == nil || !strings.Contains(err.Error(), bigFile+" is larger than the limit") {
		t.Errorf("oversized file: %v", err)
	}
}

func TestReadUsage(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.json"), filepath.Join(dir, "b.json")
	if err := os.WriteFile(a, []byte(page(row("GET", "https://zoom.us/v2/users/abc123", 200, t0))), 0o644); err != nil {
		t.Fatal(err)
	}
	rows := page(row("GET", "https://zoom.us/v2/users/me/settings", 403, t0+1000), row("GET", "https://example.com/x", 200, t0+2000))
	if err := os.WriteFile(b, []byte(rows), 0o644); err != nil {
		t.Fatal(err)
	}
	u, err := audit.ReadUsage(a, b)
	if err != nil {
		t.Fatal(err)
	}
	one, _ := audit.ParseUsage(a, mustRead(t, a))
	two, _ := audit.ParseUsage(b, mustRead(t, b))
	if len(u.Rows) != len(one.Rows)+len(two.Rows) || u.Skipped != one.Skipped+two.Skipped {
		t.Errorf("ReadUsage: %d rows, %d skipped; the files parse to %d+%d rows, %d+%d skipped",
			len(u.Rows), u.Skipped, len(one.Rows), len(two.Rows), one.Skipped, two.Skipped)
	}
	if len(u.Rows) != 3 || u.Rows[0].URL != "https://zoom.us/v2/users/abc123" {
		t.Errorf("rows %+v, want the three rows in file order", u.Rows)
	}
	if _, err := audit.ReadUsage(a, filepath.Join(dir, "missing.json")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing log: %v", err)
	}
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func TestParseTime(t *testing.T) {
	for _, tc := range []struct {
		in   string
		end  bool
		want time.Time
	}{
		{"", false, time.Time{}},
		{"2025-01-31T12:00:00Z", false, time.Date(2025, 1, 31, 12, 0, 0, 0, time.UTC)},
		{" 2025-01-31 ", false, time.Date(2025, 1, 31, 0, 0, 0, 0, time.UTC)},
		{"2025-01-31", true, time.Date(2025, 1, 31, 23, 59, 59, 999999999, time.UTC)},
		{"1735725600000", false, time.UnixMilli(1735725600000)},
	} {
		got, err := audit.ParseTime(tc.in, tc.end)
		if err != nil || !got.Equal(tc.want) {
			t.Errorf("ParseTime(%q, %v) = %v, %v; want %v", tc.in, tc.end, got, err, tc.want)
		}
	}
	for _, bad := range []string{"yesterday", "+1735725600000", "2025-13-01", "12abc"} {
		if _, err := audit.ParseTime(bad, false); !errors.Is(err, audit.ErrPeriod) || !strings.Contains(err.Error(), bad) {
			t.Errorf("ParseTime(%q): %v, want ErrPeriod naming it", bad, err)
		}
	}
}
