package main

import (
	"bufio"
	"io"
	"net"
	"os"
	"path/filepath"
	"runtime/debug"
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

// TestSmallInputsBounded: call files, requested-scope files and the error
// text explain reads are refused, in one line with exit 1, past their
// limit, whether given by name or on standard input.
func TestSmallInputsBounded(t *testing.T) {
	over := "GET /users\n" + strings.Repeat("#", 16<<20)
	big := writeFile(t, "big.txt", over)
	for _, tc := range []struct {
		name, stdin string
		args        []string
		want        string
	}{
		{"call file", "", []string{"plan", big, "--app", "admin"}, big + " is larger than the limit"},
		{"calls on stdin", over, []string{"plan", "-", "--app", "admin"}, "<stdin> is larger than the limit"},
		{"requested file", "", []string{"audit", "--requested", big, "--call", "GET /users"}, big + " is larger than the limit"},
		{"requested on stdin", over, []string{"audit", "--requested", "-", "--call", "GET /users"}, "<stdin> is larger than the limit"},
		{"explain on stdin", over, []string{"explain"}, "<stdin> is larger than the limit"},
	} {
		_, stderr, code := runCLI(t, tc.stdin, tc.args...)
		if code != exitInput || strings.Count(stderr, "\n") != 1 || !strings.Contains(stderr, tc.want) {
			t.Errorf("%s: exit %d, stderr %q; want exit %d and one line saying %q", tc.name, code, stderr, exitInput, tc.want)
		}
	}
}

// TestControlCharactersEscaped: control and bidi-override characters from
// a document's text and its file name reach no text output raw (tables,
// messages, errors, GitHub annotations, Markdown, suggestions on stderr);
// they are shown escaped. JSON keeps the data as it is (escaped by JSON).
func TestControlCharactersEscaped(t *testing.T) {
	page := "## Zoom User\x1b]0;pwned\x07\n\n### Users\n\n| API Endpoint | Granular Scopes |\n|---|---|\n" +
		"| [Get a user\u202e resu](/docs/api/rest/reference/user/methods/#operation/user) | `user:read:user`, `user:read:\x1b[2Juser` |\n" +
		"| [List users](/docs/api/rest/reference/user/methods/#operation/users) | `user:read:list_users:admin` |\n"
	p := writeFile(t, "page\x1b[2J.md", page)
	raw := []string{"\x1b", "\u202e", "\x07"}
	check := func(name, out string) {
		t.Helper()
		for _, r := range raw {
			if strings.Contains(out, r) {
				t.Errorf("%s: output holds %q raw:\n%s", name, r, out)
			}
		}
	}
	for _, args := range [][]string{
		{"catalog", "stats"},
		{"lookup", "user"},
		{"lookup", "user", "--format", "markdown"},
		{"lookup", "Get a user resu"},
		{"lint"},
		{"lint", "--format", "github"},
		{"scope", "user:read:\x1b[2Juser"},
		{"scope", "user:read:usr"},
		{"plan", "--call", "user"},
		{"plan", "--call", "user", "--format", "markdown"},
		{"plan", "--call", "no\x1b[2Jsuch"},
		{"lookup", "Get a usr\u202e"},
		{"--docs", p + "\x1b[2J-missing"},
	} {
		args := append(args, "--docs", p)
		stdout, stderr, code := runCLI(t, "", args...)
		check(strings.Join(args[:2], " ")+" stdout", stdout)
		check(strings.Join(args[:2], " ")+" stderr", stderr)
		if code == exitOK && stdout == "" {
			t.Errorf("%q: no output", args)
		}
	}
	stdout, _, _ := runCLI(t, "", "lookup", "user", "--docs", p)
	if !strings.Contains(stdout, `Get a user\u202e resu`) {
		t.Errorf("lookup does not show the override escaped:\n%s", stdout)
	}
	stdout, _, _ = runCLI(t, "", "catalog", "stats", "--docs", p)
	if !strings.Contains(stdout, `page\x1b[2J.md`) {
		t.Errorf("catalog stats does not show the file name escaped:\n%s", stdout)
	}
	// JSON is data: the encoder escapes control characters itself.
	stdout, _, _ = runCLI(t, "", "lookup", "user", "--docs", p, "--format", "json")
	if !strings.Contains(stdout, "Get a user\u202e resu") || strings.Contains(stdout, "\x1b") {
		t.Errorf("JSON changed:\n%s", stdout)
	}
	out := t.TempDir()
	if _, stderr, code := runCLI(t, "", "docs", "--docs", p, "--out", out, "--format", "markdown"); code != exitOK {
		t.Fatalf("docs: exit %d: %s", code, stderr)
	}
	pages, _ := filepath.Glob(filepath.Join(out, "*", "*.md"))
	pages = append(pages, filepath.Join(out, "index.md"))
	for _, pg := range pages {
		b, err := os.ReadFile(pg)
		if err != nil {
			continue
		}
		check(pg, string(b))
	}
}

// TestReasonPhraseEscaped: an HTTP reason phrase holding terminal control
// sequences reaches neither standard output nor standard error raw.
func TestReasonPhraseEscaped(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Skipf("no loopback listener: %v", err)
	}
	defer ln.Close()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			go func() {
				defer c.Close()
				_, _ = bufio.NewReader(c).ReadString('\n')
				_, _ = io.WriteString(c, "HTTP/1.1 503 Down\x1b]0;pwned\x07\x1b[2J\u202e\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")
			}()
		}
	}()
	stdout, stderr, code := runCLI(t, "", "update", "--cache-dir", t.TempDir(), "--retries", "0", "--timeout", "5s",
		"--source", "granular=http://"+ln.Addr().String()+"/page")
	if code == exitOK {
		t.Fatalf("exit 0 for a failing server: %s %s", stdout, stderr)
	}
	for _, out := range []string{stdout, stderr} {
		if strings.ContainsAny(out, "\x1b\x07\u202e") {
			t.Errorf("raw control characters in the output:\n%q", out)
		}
	}
	if !strings.Contains(stdout+stderr, `Down\x1b]0;pwned\x07`) {
		t.Errorf("the reason phrase is not shown escaped:\n%s\n%s", stdout, stderr)
	}
}

// TestCollectOftenWhileParsing: loading documents runs the collector at
// parseGCPercent and puts the setting back after; a GOGC the user set is
// left alone.
func TestCollectOftenWhileParsing(t *testing.T) {
	if _, set := os.LookupEnv("GOGC"); set {
		t.Skip("GOGC is set in this environment")
	}
	before := debug.SetGCPercent(100)
	defer debug.SetGCPercent(before)
	restore := collectOftenWhileParsing()
	if got := debug.SetGCPercent(parseGCPercent); got != parseGCPercent {
		t.Errorf("while parsing: GOGC %d, want %d", got, parseGCPercent)
	}
	restore()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("after: GOGC %d, want 100 back", got)
	}
	t.Setenv("GOGC", "100")
	restore = collectOftenWhileParsing()
	if got := debug.SetGCPercent(100); got != 100 {
		t.Errorf("with GOGC set: GOGC %d, want it left at 100", got)
	}
	restore()
}
