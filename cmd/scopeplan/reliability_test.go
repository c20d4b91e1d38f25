package main

import (
	"strings"
	"testing"
)

// TestMaxDocSize: a document over the size limit is one clear line on
// stderr and exit 1; the flag and the environment variable raise it, and
// a bad value is a usage error.
func TestMaxDocSize(t *testing.T) {
	page := "## Zoom User\n\n### Users\n\n| API Endpoint | Granular Scopes |\n|---|---|\n" +
		"| [Get a user](/docs/api/rest/reference/user/methods/#operation/user) | `user:read:user` |\n"
	p := writeFile(t, "page.md", page)
	_, stderr, code := runCLI(t, "", "catalog", "stats", "--docs", p, "--max-doc-size", "100")
	if code != exitInput || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, "larger than the size limit") || !strings.Contains(stderr, "--max-doc-size") {
		t.Errorf("over the flag's limit: exit %d, stderr %q", code, stderr)
	}
	t.Setenv(envMaxDocSize, "100")
	if _, stderr, code := runCLI(t, "", "catalog", "stats", "--docs", p); code != exitInput || !strings.Contains(stderr, "the limit is 100 bytes") {
		t.Errorf("over the environment's limit: exit %d, stderr %q", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "catalog", "stats", "--docs", p, "--max-doc-size", "1MB"); code != exitOK {
		t.Errorf("the flag overrides the environment: exit %d, stderr %q", code, stderr)
	}
	if _, stderr, code := runCLI(t, "", "catalog", "stats", "--docs", p, "--max-doc-size", "lots"); code != exitUsage || !strings.Contains(stderr, "--max-doc-size") {
		t.Errorf("bad size: exit %d, stderr %q", code, stderr)
	}
}
