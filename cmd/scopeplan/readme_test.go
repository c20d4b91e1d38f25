package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

// readmeExample is one line of a sh block of README.md.
type readmeExample struct {
	line    int
	text    string
	comment string
}

// readmeExamples extracts every line of README.md's ```sh blocks.
func readmeExamples(t *testing.T) []readmeExample {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []readmeExample
	in := false
	for i, l := range strings.Split(string(data), "\n") {
		switch {
		case strings.HasPrefix(l, "```sh"):
			in = true
		case strings.HasPrefix(l, "```"):
			in = false
		case in && strings.TrimSpace(l) != "":
			code, comment := splitComment(l)
			out = append(out, readmeExample{line: i + 1, text: strings.TrimSpace(code), comment: comment})
		}
	}
	return out
}

// splitComment cuts a shell line's trailing comment (a # outside quotes
// after a space).
func splitComment(l string) (string, string) {
	var quote rune
	for i, r := range l {
		switch {
		case quote != 0:
			if r == quote {
				quote = 0
			}
		case r == '\'' || r == '"':
			quote = r
		case r == '#' && (i == 0 || l[i-1] == ' '):
			return l[:i], strings.TrimSpace(l[i+1:])
		}
	}
	return l, ""
}

// shellWords splits a line into words and the operators |, && and >,
// with sh's single and double quotes.
func shellWords(s string) ([]string, error) {
	var words []string
	var cur strings.Builder
	inWord := false
	flush := func() {
		if inWord {
			words = append(words, cur.String())
			cur.Reset()
			inWord = false
		}
	}
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		switch {
		case r == ' ' || r == '\t':
			flush()
		case r == '\'':
			j := i + 1
			for j < len(rs) && rs[j] != '\'' {
				j++
			}
			if j == len(rs) {
				return nil, fmt.Errorf("unclosed ' in %q", s)
			}
			cur.WriteString(string(rs[i+1 : j]))
			inWord, i = true, j
		case r == '"':
			j := i + 1
			for ; j < len(rs) && rs[j] != '"'; j++ {
				if rs[j] == '$' {
					return nil, fmt.Errorf("a variable in %q", s)
				}
				if rs[j] == '\\' && j+1 < len(rs) {
					j++
				}
				cur.WriteRune(rs[j])
			}
			if j == len(rs) {
				return nil, fmt.Errorf("unclosed \" in %q", s)
			}
			inWord, i = true, j
		case r == '|' || r == '>':
			flush()
			words = append(words, string(r))
		case r == '&' && i+1 < len(rs) && rs[i+1] == '&':
			flush()
			words = append(words, "&&")
			i++
		case strings.ContainsRune(";&<`$(){}*?", r):
			return nil, fmt.Errorf("unsupported shell syntax %q in %q", r, s)
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	flush()
	return words, nil
}

// exitComment finds "exit N" in an example's comment.
var exitComment = regexp.MustCompile(`\bexit (\d+)\b`)

// TestREADMEExamples runs every example of README.md as written, in order,
// from the root of a copy of the repository with ../shared beside it:
// each scopeplan command in process, with pipes, && and > redirections.
// An example must exit 0, 3, 4 or 5, or the N of a trailing "# exit N"
// comment. Examples marked "needs the network" and build commands (make,
// go install) are not run.
func TestREADMEExamples(t *testing.T) {
	examples := readmeExamples(t)
	if len(examples) < 20 {
		t.Fatalf("only %d README examples found", len(examples))
	}
	abs := func(p string) string {
		a, err := filepath.Abs(p)
		if err != nil {
			t.Fatal(err)
		}
		return a
	}
	repoSrc, shared := abs(filepath.Join("..", "..")), abs(filepath.Join("..", "..", "..", "shared"))
	_, err := os.Stat(shared)
	haveShared := err == nil
	if !haveShared && os.Getenv("CI") != "" {
		t.Fatalf("../shared is absent: %v", err)
	}
	base := t.TempDir()
	repo := filepath.Join(base, "scopeplan")
	if err := os.Mkdir(repo, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"examples", "data", "README.md"} {
		if err := os.Symlink(filepath.Join(repoSrc, d), filepath.Join(repo, d)); err != nil {
			t.Fatal(err)
		}
	}
	if haveShared {
		if err := os.Symlink(shared, filepath.Join(base, "shared")); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv(envConfig, "")
	t.Setenv("NO_COLOR", "1")
	t.Chdir(repo)
	ran := 0
	for _, ex := range examples {
		name := fmt.Sprintf("README.md:%d", ex.line)
		if strings.Contains(ex.comment, "needs the network") {
			continue
		}
		words, err := shellWords(ex.text)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if len(words) > 0 && (words[0] == "make" || words[0] == "go") {
			continue // build commands: make test would run this test again
		}
		if !haveShared && strings.Contains(ex.text, "../shared") {
			continue
		}
		want := -1
		if m := exitComment.FindStringSubmatch(ex.comment); m != nil {
			want, _ = strconv.Atoi(m[1])
		}
		code, stderr, err := runExample(words)
		ran++
		switch {
		case err != nil:
			t.Errorf("%s: %s: %v", name, ex.text, err)
		case want >= 0 && code != want:
			t.Errorf("%s: %s: exit %d, the README says %d; stderr: %s", name, ex.text, code, want, stderr)
		case want < 0 && code != 0 && code != exitUnmapped && code != exitFindings && code != exitPrivilege:
			t.Errorf("%s: %s: exit %d without a '# exit %d' comment; stderr: %s", name, ex.text, code, code, stderr)
		}
	}
	t.Logf("%d README examples run", ran)
}

// runExample runs one example's words: pipelines joined by &&, each stage
// a scopeplan command, the last stage's output optionally redirected.
// It returns the exit code of the last pipeline run.
func runExample(words []string) (int, string, error) {
	code := 0
	var stderr bytes.Buffer
	for _, chain := range splitWords(words, "&&") {
		var stdin []byte
		stages := splitWords(chain, "|")
		for i, st := range stages {
			redirect := ""
			if k := indexOf(st, ">"); k >= 0 {
				if k != len(st)-2 || i != len(stages)-1 {
					return 0, "", fmt.Errorf("unsupported redirection in %v", st)
				}
				redirect, st = st[k+1], st[:k]
			}
			if len(st) == 0 || (st[0] != "scopeplan" && st[0] != "bin/scopeplan") {
				return 0, "", fmt.Errorf("not a scopeplan command: %v", st)
			}
			var out bytes.Buffer
			code = run(st[1:], &streams{in: bytes.NewReader(stdin), out: &out, errOut: &stderr})
			stdin = out.Bytes()
			if redirect != "" {
				if err := os.WriteFile(redirect, out.Bytes(), 0o644); err != nil {
					return 0, "", err
				}
			}
			if i < len(stages)-1 && code != 0 && code != exitUnmapped && code != exitFindings && code != exitPrivilege {
				return code, stderr.String(), nil
			}
		}
		if code != 0 {
			return code, stderr.String(), nil
		}
	}
	return code, stderr.String(), nil
}

func splitWords(words []string, sep string) [][]string {
	var out [][]string
	cur := []string{}
	for _, w := range words {
		if w == sep {
			out = append(out, cur)
			cur = []string{}
			continue
		}
		cur = append(cur, w)
	}
	return append(out, cur)
}

func indexOf(words []string, w string) int {
	for i, x := range words {
		if x == w {
			return i
		}
	}
	return -1
}
