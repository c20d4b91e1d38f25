package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/scopeplan/scopeplan/internal/report"
)

// runCLIIn is runCLI with the configuration looked for from dir and
// standard output taken for a terminal when tty is set.
func runCLIIn(t *testing.T, dir string, tty bool, stdin string, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, &streams{in: strings.NewReader(stdin), out: &out, errOut: &errOut, tty: tty, wd: dir})
	return out.String(), errOut.String(), code
}

// oneErrLine checks that standard error is exactly one line and returns it.
func oneErrLine(t *testing.T, errOut string) string {
	t.Helper()
	lines := strings.Split(strings.TrimRight(errOut, "\n"), "\n")
	if len(lines) != 1 || lines[0] == "" {
		t.Fatalf("standard error is not one line: %q", errOut)
	}
	return lines[0]
}

// TestNonZeroExitSaysWhy: plan (3), lint (4) and audit (5) print their
// report and one line on standard error saying why they failed.
func TestNonZeroExitSaysWhy(t *testing.T) {
	out, errOut, code := runCLI(t, "", "plan", "--app", "admin", "--call", "GET /users/{userId}", "--call", "FROB /users", "--call", "nosuchoperation", "--format", "json")
	if code != exitUnmapped || out == "" {
		t.Fatalf("plan: exit %d, output %d bytes", code, len(out))
	}
	if line := oneErrLine(t, errOut); line != "scopeplan: plan: 2 calls unmapped: FROB /users, nosuchoperation" {
		t.Errorf("plan: stderr %q", line)
	}

	out, errOut, code = runCLI(t, "", "lint", "--format", "json")
	if code != exitFindings {
		t.Fatalf("lint: exit %d", code)
	}
	var lr struct {
		Summary struct {
			BySeverity map[string]int `json:"by_severity"`
		} `json:"summary"`
	}
	if err := json.Unmarshal([]byte(out), &lr); err != nil {
		t.Fatal(err)
	}
	n := lr.Summary.BySeverity["error"]
	want := "scopeplan: lint: " + report.Plural(n, "finding") + " at or above error (--fail-on error)"
	if line := oneErrLine(t, errOut); n == 0 || line != want {
		t.Errorf("lint: stderr %q, want %q", line, want)
	}

	out, errOut, code = runCLI(t, "", "audit", "--scopes", "user:read:user:admin,user:read:list_users:admin", "--call", "GET /users/{userId}", "--app", "admin", "--format", "json")
	var ar struct {
		Verdict  string   `json:"verdict"`
		ToRemove []string `json:"to_remove"`
	}
	if err := json.Unmarshal([]byte(out), &ar); err != nil || code != exitPrivilege {
		t.Fatalf("audit: exit %d, %v", code, err)
	}
	line := oneErrLine(t, errOut)
	if !strings.HasPrefix(line, "scopeplan: audit: "+ar.Verdict+": ") || !strings.Contains(line, strings.Join(ar.ToRemove, ", ")) {
		t.Errorf("audit: stderr %q lacks the verdict %q and %v", line, ar.Verdict, ar.ToRemove)
	}
}

// TestManifestNamesUnmapped: a manifest with unmapped calls opens with a
// comment block naming each, says so on standard error, and still reads
// back as a request (here from standard input).
func TestManifestNamesUnmapped(t *testing.T) {
	calls := writeFile(t, "calls.txt", "GET /users/{userId}\nFROB /users\nGET /users/me/settings\n")
	out, errOut, code := runCLI(t, "", "plan", calls, "--app", "admin", "--format", "manifest")
	if code != exitUnmapped {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.HasPrefix(out, "# scopeplan: 1 call(s) or event(s) could not be mapped") || !strings.Contains(out, "\n#   FROB /users: ") {
		t.Errorf("manifest does not open with the unmapped calls:\n%s", out)
	}
	if line := oneErrLine(t, errOut); !strings.Contains(line, "FROB /users") || !strings.Contains(line, "manifest") {
		t.Errorf("stderr %q", line)
	}
	mapped := writeFile(t, "mapped.txt", "GET /users/{userId}\nGET /users/me/settings\n")
	res, errOut, code := runCLI(t, out, "audit", "--requested", "-", mapped, "--app", "admin", "--format", "json")
	var r struct {
		Verdict string `json:"verdict"`
	}
	if err := json.Unmarshal([]byte(res), &r); err != nil || code != 0 || r.Verdict != "match" {
		t.Errorf("audit --requested - of the manifest: exit %d, %v, verdict %q; stderr %s", code, err, r.Verdict, errOut)
	}
	if _, errOut, code := runCLI(t, out, "audit", "--requested", "-", "-"); code != exitUsage || !strings.Contains(errOut, "given twice") {
		t.Errorf("stdin for both: exit %d, %s", code, errOut)
	}
}

// TestOverGrantNamed: the endpoints each chosen scope grants beyond the
// calls are listed, none of them a call's, and together they are the
// over-grant the plan counts.
func TestOverGrantNamed(t *testing.T) {
	args := []string{"plan", "--app", "admin", "--call", "GET /users/{userId}", "--call", "GET /users/me/settings", "--call", "meeting"}
	out, errOut, code := runCLI(t, "", append(args, "--format", "json")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r struct {
		Granular  []string `json:"granular"`
		OverGrant int      `json:"over_grant"`
		Calls     []struct {
			Endpoint struct {
				Method string `json:"method"`
				Path   string `json:"path"`
			} `json:"endpoint"`
		} `json:"calls"`
		OverGrantEndpoints []struct {
			Scope     string   `json:"scope"`
			Endpoints []string `json:"endpoints"`
		} `json:"over_grant_endpoints"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	if r.OverGrant == 0 || len(r.OverGrantEndpoints) == 0 {
		t.Fatalf("no over-grant to name: %d, %v", r.OverGrant, r.OverGrantEndpoints)
	}
	called := map[string]bool{}
	for _, c := range r.Calls {
		called[c.Endpoint.Method+" "+c.Endpoint.Path] = true
	}
	chosen := map[string]bool{}
	for _, s := range r.Granular {
		chosen[s] = true
	}
	union := map[string]bool{}
	for _, o := range r.OverGrantEndpoints {
		if !chosen[o.Scope] {
			t.Errorf("%s is not a chosen scope", o.Scope)
		}
		for _, e := range o.Endpoints {
			if called[e] {
				t.Errorf("%s lists the call %s as over-grant", o.Scope, e)
			}
			union[e] = true
		}
	}
	if len(union) != r.OverGrant {
		t.Errorf("%d endpoints named, over_grant %d", len(union), r.OverGrant)
	}
	text, _, _ := runCLIIn(t, "", true, "", args...)
	if !strings.Contains(text, "Granted beyond the calls (over-grant), per scope:\n  "+r.OverGrantEndpoints[0].Scope) ||
		!strings.Contains(text, r.OverGrantEndpoints[0].Endpoints[0]) {
		t.Errorf("text does not name the over-grant:\n%s", text)
	}
}

// TestEmptyResultSaysSo: a lint run without findings says "no findings"
// on a terminal instead of an empty table header.
func TestEmptyResultSaysSo(t *testing.T) {
	out, errOut, code := runCLIIn(t, "", true, "", "lint", "--rule", "EVENT_WITHOUT_SCOPES")
	if code != 0 || out != "no findings\n" {
		t.Errorf("exit %d, %q (stderr %s)", code, out, errOut)
	}
	out, _, _ = runCLIIn(t, "", false, "", "lint", "--rule", "EVENT_WITHOUT_SCOPES")
	if out != "" {
		t.Errorf("pipe: %q, want nothing", out)
	}
}

// TestVersionFlag: --version prints what version prints.
func TestVersionFlag(t *testing.T) {
	flag, _, code := runCLI(t, "", "--version")
	cmd, _, _ := runCLI(t, "", "version")
	if code != 0 || flag != cmd || !strings.HasPrefix(flag, "scopeplan ") {
		t.Errorf("--version: exit %d, %q; version: %q", code, flag, cmd)
	}
}

// lintCounts runs lint --format json and counts findings per rule.
func lintCounts(t *testing.T, args ...string) (map[string]int, int) {
	t.Helper()
	out, errOut, _ := runCLI(t, "", append([]string{"lint", "--format", "json", "--fail-on", "never"}, args...)...)
	var r struct {
		Findings []struct {
			Rule string `json:"rule"`
		} `json:"findings"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v: %s", err, errOut)
	}
	m := map[string]int{}
	for _, f := range r.Findings {
		m[f.Rule]++
	}
	return m, len(r.Findings)
}

// TestLintDisable: --disable drops a rule's findings, repeatable and
// comma-separated, and rejects an unknown rule.
func TestLintDisable(t *testing.T) {
	all, total := lintCounts(t)
	a, b := "CLASSIC_SCOPE_WITHOUT_API", "MALFORMED_LINK"
	if all[a] == 0 || all[b] == 0 {
		t.Fatalf("the embedded data has no %s or %s findings: %v", a, b, all)
	}
	got, n := lintCounts(t, "--disable", a, "--disable", strings.ToLower(b))
	if got[a]+got[b] != 0 || n != total-all[a]-all[b] {
		t.Errorf("--disable %s --disable %s: %d of %d findings left: %v", a, b, n, total, got)
	}
	if got, _ := lintCounts(t, "--disable", a+","+b); got[a]+got[b] != 0 {
		t.Errorf("comma-separated --disable kept %v", got)
	}
	if _, errOut, code := runCLI(t, "", "lint", "--disable", "NOPE"); code != exitUsage || !strings.Contains(errOut, `--disable: unknown rule "NOPE"`) {
		t.Errorf("unknown rule: exit %d, %s", code, errOut)
	}
}

// TestDiffExitCode: --exit-code exits 1 when anything changed, and
// "embedded" stands for the built-in documents on either side.
func TestDiffExitCode(t *testing.T) {
	page, err := os.ReadFile(filepath.Join("..", "..", "data", "docs", "granular-scopes.md"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	edited := strings.Replace(string(page), "`meeting:read:meeting`, `meeting:read:meeting:admin`", "`meeting:read:meeting:admin`", 1)
	old, new := filepath.Join(dir, "old.md"), filepath.Join(dir, "new.md")
	for p, s := range map[string]string{old: string(page), new: edited} {
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code := runCLI(t, "", "catalog", "diff", old, new, "--exit-code")
	if code != 1 || !strings.Contains(out, "with changed scopes") {
		t.Errorf("changed: exit %d, %q", code, out)
	}
	if line := oneErrLine(t, errOut); !strings.Contains(line, "differ (--exit-code)") {
		t.Errorf("stderr %q", line)
	}
	if _, errOut, code := runCLI(t, "", "catalog", "diff", old, old, "--exit-code"); code != 0 || errOut != "" {
		t.Errorf("unchanged: exit %d, %q", code, errOut)
	}
	if _, _, code := runCLI(t, "", "catalog", "diff", old, new); code != 0 {
		t.Errorf("without --exit-code: exit %d", code)
	}
	if out, errOut, code := runCLI(t, "", "catalog", "diff", "embedded", "embedded", "--exit-code"); code != 0 || !strings.Contains(out, "No changes.") {
		t.Errorf("embedded against itself: exit %d, %q %s", code, out, errOut)
	}
	// The embedded set against a folder of every embedded document but
	// the granular page, which is replaced by the edited one.
	docs := filepath.Join("..", "..", "data", "docs")
	entries, err := os.ReadDir(docs)
	if err != nil {
		t.Fatal(err)
	}
	edir := filepath.Join(dir, "edited")
	if err := os.Mkdir(edir, 0o755); err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		data, err := os.ReadFile(filepath.Join(docs, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if e.Name() == "granular-scopes.md" {
			data = []byte(edited)
		}
		if err := os.WriteFile(filepath.Join(edir, e.Name()), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	out, errOut, code = runCLI(t, "", "catalog", "diff", "embedded", edir, "--exit-code", "--format", "json")
	var r struct {
		Changed []any `json:"endpoints_changed"`
		Added   []any `json:"endpoints_added"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || code != 1 || len(r.Changed) != 1 || len(r.Added) != 0 {
		t.Errorf("embedded against the edited copy: exit %d, %v, %d changed, %d added; %s", code, err, len(r.Changed), len(r.Added), errOut)
	}
}

// TestQuietVerbose: -q prints nothing on standard output, only the one
// failure line; -v says which documents were used.
func TestQuietVerbose(t *testing.T) {
	out, errOut, code := runCLI(t, "", "plan", "-q", "--app", "user", "--call", "FROB /x")
	if code != exitUnmapped || out != "" {
		t.Errorf("-q: exit %d, stdout %q", code, out)
	}
	oneErrLine(t, errOut)
	if out, errOut, code := runCLI(t, "", "--quiet", "lookup", "userSettings"); code != 0 || out != "" || errOut != "" {
		t.Errorf("--quiet success: exit %d, %q, %q", code, out, errOut)
	}
	out, errOut, code = runCLI(t, "", "-v", "lookup", "userSettings")
	if code != 0 || out == "" || !strings.Contains(errOut, "scopeplan: data: embedded, ") {
		t.Errorf("-v: exit %d, stderr %q", code, errOut)
	}
	// audit on a broad scope: per-product counts by default, every
	// endpoint with -v.
	brief, _, _ := runCLI(t, "", "audit", "--scopes", "phone:read:admin")
	full, _, _ := runCLI(t, "", "audit", "--scopes", "phone:read:admin", "-v")
	m := regexp.MustCompile(`phone:read:admin: (\d+) endpoint\(s\)`).FindStringSubmatch(brief)
	if m == nil || strings.Contains(brief, "phone:read:admin grants:") {
		t.Fatalf("audit without -v:\n%s", brief)
	}
	n, _ := strconv.Atoi(m[1])
	_, listed, _ := strings.Cut(full, "phone:read:admin grants:\n")
	if got := strings.Count("\n"+listed, "\n  "); got != n || n < 2 {
		t.Errorf("audit -v lists %d endpoints, the blast radius counts %d", got, n)
	}
	if _, errOut, code := runCLI(t, "", "-q", "-v", "lookup", "x"); code != exitUsage || !strings.Contains(errOut, "contradict") {
		t.Errorf("-q -v: exit %d, %s", code, errOut)
	}
}

// TestTypoSuggestions: misspelt subcommands at every level and misspelt
// flags get the nearest name.
func TestTypoSuggestions(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"plna"}, `unknown command "plna" for "scopeplan"; did you mean plan?`},
		{[]string{"catalog", "stat"}, `unknown command "stat" for "scopeplan catalog"; did you mean stats?`},
		{[]string{"catalog", "dfif"}, `did you mean diff?`},
		{[]string{"completion", "bsh"}, `unknown command "bsh" for "scopeplan completion"; did you mean bash or zsh`},
		{[]string{"plan", "--formt", "json"}, `plan: unknown flag: --formt; did you mean --format?`},
		{[]string{"lint", "--disabel", "X"}, `did you mean --disable?`},
		{[]string{"lookup", "x", "--add-doc", "y"}, `did you mean --add-docs?`},
	} {
		_, errOut, code := runCLI(t, "", tc.args...)
		if code != exitUsage || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, %q lacks %q", tc.args, code, errOut, tc.want)
		}
	}
}

// complete asks cobra's completion command for the candidates of the
// last argument.
func complete(t *testing.T, args ...string) []string {
	t.Helper()
	out, errOut, code := runCLI(t, "", append([]string{"__complete"}, args...)...)
	if code != 0 {
		t.Fatalf("%v: exit %d: %s", args, code, errOut)
	}
	var got []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if strings.HasPrefix(l, ":") {
			break // the directive
		}
		got = append(got, strings.SplitN(l, "\t", 2)[0])
	}
	return got
}

// TestCompletion: flag values complete: formats per command, app types,
// severities, rule IDs, scope names (also inside a comma list) and events.
func TestCompletion(t *testing.T) {
	eq := func(name string, got []string, want ...string) {
		t.Helper()
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: %v, want %v", name, got, want)
		}
	}
	eq("plan --format", complete(t, "plan", "--format", ""), "text", "json", "yaml", "markdown", "manifest")
	eq("lint --format", complete(t, "lint", "--format", ""), "text", "json", "sarif", "github")
	eq("plan --app", complete(t, "plan", "--app", ""), "user", "admin", "master")
	eq("lint --fail-on", complete(t, "lint", "--fail-on", ""), "error", "warning", "info", "never")
	eq("lint --disable", complete(t, "lint", "--disable", "MALFORMED_"), "MALFORMED_SCOPE", "MALFORMED_LINK")
	eq("scope", complete(t, "scope", "user:read:user"), "user:read:user", "user:read:user:admin", "user:read:user:master")
	eq("audit --scopes", complete(t, "audit", "--scopes", "meeting:read,user:read:user:ad"), "meeting:read,user:read:user:admin")
	eq("catalog diff", complete(t, "catalog", "diff", ""), "embedded")
	if got := complete(t, "update", "--product", ""); len(got) < 10 || !strings.Contains(strings.Join(got, " "), "meetings") {
		t.Errorf("update --product: %v", got)
	}
	if got := complete(t, "migrate", "meeting:r"); len(got) == 0 || got[0] != "meeting:read" {
		t.Errorf("migrate: %v", got)
	}
	hooks := filepath.Join(hubDir(t), "meetings", "events", "webhooks.json")
	events := complete(t, "plan", "--add-docs", hooks, "--event", "recording.comp")
	if len(events) == 0 || !regexp.MustCompile(`^recording\.completed`).MatchString(events[0]) {
		t.Errorf("plan --event: %v", events)
	}
}

// TestColourAndWidth: on a terminal, tables fit $COLUMNS (cells cut with
// an ellipsis) and severities, verdicts and unmapped calls are coloured;
// NO_COLOR and --color never turn colour off, --color always turns it on
// in a pipe; pipes keep the full text.
func TestColourAndWidth(t *testing.T) {
	const esc = "\x1b["
	t.Setenv("NO_COLOR", "")
	t.Setenv("TERM", "xterm")
	t.Setenv("COLUMNS", "80")
	out, _, _ := runCLIIn(t, "", true, "", "lint", "--fail-on", "never")
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	cut := false
	for _, l := range lines {
		plain := regexp.MustCompile(`\x1b\[[0-9;]*m`).ReplaceAllString(l, "")
		if n := len([]rune(plain)); n > 80 {
			t.Fatalf("line of %d columns on an 80-column terminal: %q", n, plain)
		}
		cut = cut || strings.Contains(plain, "…")
	}
	if !cut || !strings.Contains(out, esc+"31merror") || !strings.Contains(out, esc+"33mwarning") {
		t.Errorf("lint on a terminal: cut %t, coloured severities %t", cut, strings.Contains(out, esc))
	}
	pipe, _, _ := runCLIIn(t, "", false, "", "lint", "--fail-on", "never")
	if strings.Contains(pipe, esc) || strings.Contains(pipe, "…") {
		t.Error("a pipe got colour or cut cells")
	}

	audit := []string{"audit", "--scopes", "user:read:user:admin,user:read:list_users:admin", "--call", "GET /users/{userId}", "--app", "admin"}
	out, _, _ = runCLIIn(t, "", true, "", audit...)
	if !strings.Contains(out, esc+"31mover-privileged") {
		t.Errorf("verdict not coloured:\n%s", out)
	}
	out, _, _ = runCLIIn(t, "", true, "", "plan", "--app", "user", "--call", "FROB /x")
	if !strings.Contains(out, esc+"31mFROB /x") {
		t.Errorf("unmapped call not coloured:\n%s", out)
	}
	if out, _, _ := runCLIIn(t, "", true, "", append(audit, "--color", "never")...); strings.Contains(out, esc) {
		t.Error("--color never coloured")
	}
	if out, _, _ := runCLIIn(t, "", false, "", append(audit, "--color", "always")...); !strings.Contains(out, esc) {
		t.Error("--color always did not colour a pipe")
	}
	t.Setenv("NO_COLOR", "1")
	if out, _, _ := runCLIIn(t, "", true, "", audit...); strings.Contains(out, esc) {
		t.Error("NO_COLOR ignored")
	}
	if _, errOut, code := runCLI(t, "", "lookup", "x", "--color", "sometimes"); code != exitUsage || !strings.Contains(errOut, "--color") {
		t.Errorf("--color sometimes: exit %d, %s", code, errOut)
	}
}

// TestManPages: `scopeplan man DIR` (what `make man` runs) writes a page
// per command, with its flags; the command is hidden from help.
func TestManPages(t *testing.T) {
	dir := t.TempDir()
	if _, errOut, code := runCLI(t, "", "man", dir); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, page := range []string{"scopeplan.1", "scopeplan-plan.1", "scopeplan-catalog-diff.1", "scopeplan-lint.1"} {
		data, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(string(data), ".nh\n.TH \"SCOPEPLAN\" \"1\"") {
			t.Errorf("%s is no man page: %.80q", page, data)
		}
	}
	data, _ := os.ReadFile(filepath.Join(dir, "scopeplan-lint.1"))
	if !strings.Contains(string(data), `\fB--disable\fP`) {
		t.Error("the lint page lacks --disable")
	}
	if help, _, _ := runCLI(t, "", "--help"); strings.Contains(help, "  man ") || !strings.Contains(help, "Examples:") {
		t.Errorf("root help lists the hidden man command or lacks examples:\n%s", help)
	}
}
