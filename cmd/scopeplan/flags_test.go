package main

import (
	"bytes"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/internal/report"
	"github.com/scopeplan/scopeplan/lint"
)

// flagCase is one row of a command's flag table: the arguments, the exit
// code they give (0: the command's run function is reached) and what the
// options then hold.
type flagCase[O any] struct {
	name  string
	args  []string
	code  int
	check func(t *testing.T, o *O)
}

// swapCommand replaces the command named like cmd in root's tree.
func swapCommand(t *testing.T, root, cmd *cobra.Command) {
	t.Helper()
	var find func(c *cobra.Command) bool
	find = func(c *cobra.Command) bool {
		for _, sub := range c.Commands() {
			if sub.Name() == cmd.Name() {
				c.RemoveCommand(sub)
				c.AddCommand(cmd)
				return true
			}
			if find(sub) {
				return true
			}
		}
		return false
	}
	if !find(root) {
		t.Fatalf("no command %q", cmd.Name())
	}
}

// testFlags runs each case through the real command tree with the
// command build makes in place of the real one: build receives a runF
// recording the options instead of running the command.
func testFlags[O any](t *testing.T, build func(*factory, func(*O) error) *cobra.Command, cases []flagCase[O]) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			f := newFactory(&streams{in: strings.NewReader(""), out: &out, errOut: &errOut, wd: t.TempDir()})
			root := newRootCmd(f)
			var got *O
			swapCommand(t, root, build(f, func(o *O) error { got = o; return nil }))
			code := execute(t.Context(), root, f, append([]string{"--no-config"}, tc.args...))
			if code != tc.code {
				t.Fatalf("%q: exit %d, want %d; stderr %s", tc.args, code, tc.code, errOut.String())
			}
			if tc.code == exitUsage {
				if got != nil {
					t.Errorf("%q: the command ran despite the usage error", tc.args)
				}
				if !strings.HasSuffix(errOut.String(), "Run 'scopeplan --help' for usage.\n") || strings.Count(errOut.String(), "\n") != 2 {
					t.Errorf("%q: stderr %q, want one line and the usage hint", tc.args, errOut.String())
				}
				return
			}
			if got == nil {
				t.Fatalf("%q: the command did not reach its run function", tc.args)
			}
			if out.Len() > 0 {
				t.Errorf("%q: wrote %q before running", tc.args, out.String())
			}
			if tc.check != nil {
				tc.check(t, got)
			}
		})
	}
}

// usage is a row expecting a usage error.
func usage[O any](name string, args ...string) flagCase[O] {
	return flagCase[O]{name: name, args: args, code: exitUsage}
}

func eq[T comparable](t *testing.T, what string, got, want T) {
	t.Helper()
	if got != want {
		t.Errorf("%s = %v, want %v", what, got, want)
	}
}

func eqList(t *testing.T, what string, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("%s = %q, want %q", what, got, want)
	}
}

func TestPlanFlags(t *testing.T) {
	testFlags(t, newCmdPlan, []flagCase[planOptions]{
		{name: "defaults", args: []string{"plan"}, check: func(t *testing.T, o *planOptions) {
			eq(t, "format", o.outFormat, report.FormatText)
			eq(t, "app", o.in.app, "")
			eqList(t, "files", o.in.files, nil)
			eqList(t, "calls", o.in.calls, nil)
			eqList(t, "events", o.in.events, nil)
			eqList(t, "docs", o.f.docs, nil)
			eq(t, "quiet", o.f.quiet, false)
		}},
		{name: "files", args: []string{"plan", "a.yaml", "-"}, check: func(t *testing.T, o *planOptions) {
			eqList(t, "files", o.in.files, []string{"a.yaml", "-"})
		}},
		{name: "calls in order", args: []string{"plan", "--call", "GET /users/me", "--call", "userSettings"}, check: func(t *testing.T, o *planOptions) {
			eqList(t, "calls", o.in.calls, []string{"GET /users/me", "userSettings"})
		}},
		{name: "a call with a comma stays one", args: []string{"plan", "--call", "a,b"}, check: func(t *testing.T, o *planOptions) {
			eqList(t, "calls", o.in.calls, []string{"a,b"})
		}},
		{name: "events", args: []string{"plan", "--event", "recording.completed", "--event", "meeting.started"}, check: func(t *testing.T, o *planOptions) {
			eqList(t, "events", o.in.events, []string{"recording.completed", "meeting.started"})
		}},
		{name: "app", args: []string{"plan", "--app", "admin"}, check: func(t *testing.T, o *planOptions) { eq(t, "app", o.in.app, "admin") }},
		{name: "format", args: []string{"plan", "--format", "manifest"}, check: func(t *testing.T, o *planOptions) { eq(t, "format", o.outFormat, report.FormatManifest) }},
		{name: "global flags", args: []string{"--docs", "a", "--docs", "b", "--add-docs", "c", "-v", "--color", "never", "--max-doc-size", "1MB", "plan"}, check: func(t *testing.T, o *planOptions) {
			eqList(t, "docs", o.f.docs, []string{"a", "b"})
			eqList(t, "add-docs", o.f.addDocs, []string{"c"})
			eq(t, "verbose", o.f.verbose, true)
			eq(t, "color", o.f.color, "never")
			eq(t, "max-doc-size", o.f.maxDocSize, "1MB")
		}},
		{name: "quiet", args: []string{"-q", "plan"}, check: func(t *testing.T, o *planOptions) { eq(t, "quiet", o.f.quiet, true) }},
		usage[planOptions]("bad format", "plan", "--format", "sarif"),
		usage[planOptions]("format names are lower case", "plan", "--format", "JSON"),
		usage[planOptions]("unknown flag", "plan", "--frob"),
		usage[planOptions]("call without value", "plan", "--call"),
		usage[planOptions]("quiet and verbose", "-q", "-v", "plan"),
		usage[planOptions]("config and no-config", "--config", "x.yaml", "plan"),
		usage[planOptions]("bad color", "--color", "sometimes", "plan"),
	})
}

func TestScanFlags(t *testing.T) {
	testFlags(t, newCmdScan, []flagCase[scanOptions]{
		{name: "defaults", args: []string{"scan", "src"}, check: func(t *testing.T, o *scanOptions) {
			eqList(t, "paths", o.paths, []string{"src"})
			eq(t, "format", o.outFormat, report.FormatText)
			eq(t, "include-tests", o.includeTests, false)
			eq(t, "ctx", o.ctx != nil, true)
		}},
		{name: "paths", args: []string{"scan", "a", "b.har"}, check: func(t *testing.T, o *scanOptions) { eqList(t, "paths", o.paths, []string{"a", "b.har"}) }},
		{name: "include tests", args: []string{"scan", "--include-tests", "src"}, check: func(t *testing.T, o *scanOptions) { eq(t, "include-tests", o.includeTests, true) }},
		{name: "format", args: []string{"scan", "--format", "yaml", "src"}, check: func(t *testing.T, o *scanOptions) { eq(t, "format", o.outFormat, report.FormatYAML) }},
		usage[scanOptions]("no path", "scan"),
		usage[scanOptions]("bad format", "scan", "--format", "markdown", "src"),
		usage[scanOptions]("bool with value", "scan", "--include-tests=maybe", "src"),
	})
}

func TestAuditFlags(t *testing.T) {
	testFlags(t, newCmdAudit, []flagCase[auditOptions]{
		{name: "scopes", args: []string{"audit", "--scopes", "a,b"}, check: func(t *testing.T, o *auditOptions) {
			eq(t, "scopes", o.scopes, "a,b")
			eq(t, "requested", o.requested, "")
			eq(t, "format", o.outFormat, report.FormatText)
			eq(t, "allow-unused", o.allowUnused, false)
			eq(t, "allow-unverified", o.allowUnverified, false)
			eqList(t, "scan", o.scan, nil)
			eqList(t, "usage", o.usage.files, nil)
		}},
		{name: "requested and calls", args: []string{"audit", "--requested", "m.json", "calls.yaml", "--call", "GET /users", "--app", "user"}, check: func(t *testing.T, o *auditOptions) {
			eq(t, "requested", o.requested, "m.json")
			eqList(t, "files", o.in.files, []string{"calls.yaml"})
			eqList(t, "calls", o.in.calls, []string{"GET /users"})
			eq(t, "app", o.in.app, "user")
		}},
		{name: "scan", args: []string{"audit", "--scopes", "a", "--scan", "src", "--scan", "b.har"}, check: func(t *testing.T, o *auditOptions) {
			eqList(t, "scan", o.scan, []string{"src", "b.har"})
		}},
		{name: "allow", args: []string{"audit", "--scopes", "a", "--allow-unused", "--allow-unverified"}, check: func(t *testing.T, o *auditOptions) {
			eq(t, "allow-unused", o.allowUnused, true)
			eq(t, "allow-unverified", o.allowUnverified, true)
		}},
		{name: "usage", args: []string{"audit", "--scopes", "a", "--usage", "l1.json", "--usage", "l2.har", "--since", "2025-01-01", "--until", "1735689600000"}, check: func(t *testing.T, o *auditOptions) {
			eqList(t, "usage", o.usage.files, []string{"l1.json", "l2.har"})
			eq(t, "since", o.usage.since, "2025-01-01")
			eq(t, "until", o.usage.until, "1735689600000")
		}},
		{name: "sarif", args: []string{"audit", "--scopes", "a", "--format", "sarif"}, check: func(t *testing.T, o *auditOptions) { eq(t, "format", o.outFormat, report.FormatSARIF) }},
		usage[auditOptions]("neither requested nor scopes", "audit"),
		usage[auditOptions]("both requested and scopes", "audit", "--requested", "m.json", "--scopes", "a"),
		usage[auditOptions]("bad format", "audit", "--scopes", "a", "--format", "github"),
	})
}

func TestExplainFlags(t *testing.T) {
	testFlags(t, newCmdExplain, []flagCase[explainOptions]{
		{name: "defaults", args: []string{"explain"}, check: func(t *testing.T, o *explainOptions) {
			eqList(t, "args", o.args, nil)
			eq(t, "format", o.outFormat, report.FormatText)
			eqList(t, "calls", o.callFiles, nil)
			eqList(t, "scan", o.scanDirs, nil)
		}},
		{name: "text", args: []string{"explain", `{"code":124}`, "--app", "user"}, check: func(t *testing.T, o *explainOptions) {
			eqList(t, "args", o.args, []string{`{"code":124}`})
			eq(t, "app", o.in.app, "user")
		}},
		{name: "narrowing", args: []string{"explain", "-", "--calls", "c.yaml", "--scan", "src", "--call", "GET /users", "--event", "meeting.started"}, check: func(t *testing.T, o *explainOptions) {
			eqList(t, "calls", o.callFiles, []string{"c.yaml"})
			eqList(t, "scan", o.scanDirs, []string{"src"})
			eqList(t, "call", o.in.calls, []string{"GET /users"})
			eqList(t, "event", o.in.events, []string{"meeting.started"})
		}},
		{name: "format", args: []string{"explain", "--format", "json"}, check: func(t *testing.T, o *explainOptions) { eq(t, "format", o.outFormat, report.FormatJSON) }},
		usage[explainOptions]("bad format", "explain", "--format", "markdown"),
	})
}

func TestMigrateFlags(t *testing.T) {
	testFlags(t, newCmdMigrate, []flagCase[migrateOptions]{
		{name: "defaults", args: []string{"migrate", "user:read:admin"}, check: func(t *testing.T, o *migrateOptions) {
			eqList(t, "classic", o.classic, []string{"user:read:admin"})
			eq(t, "calls", o.calls, "")
			eq(t, "app", o.app, "")
			eq(t, "format", o.outFormat, report.FormatText)
		}},
		{name: "everything", args: []string{"migrate", "a", "b", "--calls", "c.txt", "--event", "e.one", "--app", "master", "--format", "markdown"}, check: func(t *testing.T, o *migrateOptions) {
			eqList(t, "classic", o.classic, []string{"a", "b"})
			eq(t, "calls", o.calls, "c.txt")
			eqList(t, "events", o.events, []string{"e.one"})
			eq(t, "app", o.app, "master")
			eq(t, "format", o.outFormat, report.FormatMarkdown)
		}},
		usage[migrateOptions]("no scope", "migrate"),
		usage[migrateOptions]("bad format", "migrate", "a", "--format", "sarif"),
	})
}

func TestLintFlags(t *testing.T) {
	testFlags(t, newCmdLint, []flagCase[lintOptions]{
		{name: "defaults", args: []string{"lint"}, check: func(t *testing.T, o *lintOptions) {
			eq(t, "format", o.outFormat, report.FormatText)
			eq(t, "fail-on", o.failOnSeverity, lint.SeverityError)
			eqList(t, "rules", o.rules, nil)
			eqList(t, "disable", o.disable, nil)
			eq(t, "baseline", o.baseline, "")
			eq(t, "write-baseline", o.writeBaseline, "")
		}},
		{name: "fail on warning", args: []string{"lint", "--fail-on", "Warning"}, check: func(t *testing.T, o *lintOptions) { eq(t, "fail-on", o.failOnSeverity, lint.SeverityWarning) }},
		{name: "fail on never", args: []string{"lint", "--fail-on", "never"}, check: func(t *testing.T, o *lintOptions) { eq(t, "fail-on", o.failOnSeverity, lint.Severity("")) }},
		{name: "rules", args: []string{"lint", "--rule", "A,B", "--rule", "C", "--disable", "D"}, check: func(t *testing.T, o *lintOptions) {
			eqList(t, "rules", o.rules, []string{"A,B", "C"})
			eqList(t, "disable", o.disable, []string{"D"})
		}},
		{name: "baselines", args: []string{"lint", "--baseline", "b.json", "--write-baseline", "w.json"}, check: func(t *testing.T, o *lintOptions) {
			eq(t, "baseline", o.baseline, "b.json")
			eq(t, "write-baseline", o.writeBaseline, "w.json")
		}},
		{name: "sarif", args: []string{"lint", "--format", "sarif"}, check: func(t *testing.T, o *lintOptions) { eq(t, "format", o.outFormat, report.FormatSARIF) }},
		{name: "github", args: []string{"lint", "--format", "github"}, check: func(t *testing.T, o *lintOptions) { eq(t, "format", o.outFormat, report.FormatGitHub) }},
		usage[lintOptions]("bad fail-on", "lint", "--fail-on", "fatal"),
		usage[lintOptions]("bad format", "lint", "--format", "yaml"),
		usage[lintOptions]("an argument", "lint", "docs/"),
	})
}

func TestDocsFlags(t *testing.T) {
	testFlags(t, newCmdDocs, []flagCase[docsOptions]{
		{name: "markdown", args: []string{"docs", "--out", "site"}, check: func(t *testing.T, o *docsOptions) {
			eq(t, "out", o.out, "site")
			eq(t, "format", o.outFormat, report.FormatMarkdown)
		}},
		{name: "html", args: []string{"docs", "--out", "site", "--format", "html"}, check: func(t *testing.T, o *docsOptions) { eq(t, "format", o.outFormat, report.FormatHTML) }},
		usage[docsOptions]("no out", "docs"),
		usage[docsOptions]("bad format", "docs", "--out", "site", "--format", "json"),
		usage[docsOptions]("an argument", "docs", "--out", "site", "extra"),
	})
}

func TestUpdateFlags(t *testing.T) {
	testFlags(t, newCmdUpdate, []flagCase[updateOptions]{
		{name: "defaults", args: []string{"update"}, check: func(t *testing.T, o *updateOptions) {
			eq(t, "format", o.outFormat, report.FormatText)
			eq(t, "timeout", o.timeout > 0, true)
			eq(t, "lock-timeout", o.lockTimeout > 0, true)
			eq(t, "retries", o.retries >= 0, true)
			eq(t, "diff", o.diff, false)
			eq(t, "progress", o.progress, false)
			eq(t, "allow-shrink", o.allowShrink, false)
			eq(t, "cache-dir", o.cacheDir, "")
			eq(t, "sources", len(o.sourceList) > 0, true)
		}},
		{name: "products", args: []string{"update", "--product", "meetings", "--product", "users"}, check: func(t *testing.T, o *updateOptions) {
			eqList(t, "products", o.products, []string{"meetings", "users"})
			for _, s := range o.sourceList {
				if strings.Contains(s.URL, "/api-hub/") && !strings.Contains(s.URL, "/meetings/") && !strings.Contains(s.URL, "/users/") {
					t.Errorf("source %s is of another product", s.URL)
				}
			}
		}},
		{name: "base", args: []string{"update", "--base", "http://127.0.0.1:8080"}, check: func(t *testing.T, o *updateOptions) {
			for _, s := range o.sourceList {
				if !strings.HasPrefix(s.URL, "http://127.0.0.1:8080/") {
					t.Errorf("source %s ignores --base", s.URL)
				}
			}
		}},
		{name: "sources", args: []string{"update", "--source", "granular=http://x/g", "--source", "mine=http://x/m.json"}, check: func(t *testing.T, o *updateOptions) {
			if len(o.sourceList) != 2 || o.sourceList[0].Name != "granular" || o.sourceList[1].URL != "http://x/m.json" {
				t.Errorf("sources %+v", o.sourceList)
			}
		}},
		{name: "durations and retries", args: []string{"update", "--timeout", "5s", "--lock-timeout", "0", "--retries", "0"}, check: func(t *testing.T, o *updateOptions) {
			eq(t, "timeout", o.timeout, 5*time.Second)
			eq(t, "lock-timeout", o.lockTimeout, time.Duration(0))
			eq(t, "retries", o.retries, 0)
		}},
		{name: "switches", args: []string{"update", "--diff", "--progress", "--allow-shrink", "--cache-dir", "c", "--allow-redirect", "cdn.example", "--format", "json"}, check: func(t *testing.T, o *updateOptions) {
			eq(t, "diff", o.diff, true)
			eq(t, "progress", o.progress, true)
			eq(t, "allow-shrink", o.allowShrink, true)
			eq(t, "cache-dir", o.cacheDir, "c")
			eqList(t, "allow-redirect", o.redirects, []string{"cdn.example"})
			eq(t, "format", o.outFormat, report.FormatJSON)
		}},
		usage[updateOptions]("zero timeout", "update", "--timeout", "0"),
		usage[updateOptions]("negative lock timeout", "update", "--lock-timeout", "-1s"),
		usage[updateOptions]("negative retries", "update", "--retries", "-1"),
		usage[updateOptions]("timeout not a duration", "update", "--timeout", "soon"),
		usage[updateOptions]("unknown product", "update", "--product", "no-such-product"),
		usage[updateOptions]("source with product", "update", "--source", "a=http://x/a", "--product", "users"),
		usage[updateOptions]("source twice", "update", "--source", "a=http://x/a", "--source", "a=http://x/b"),
		usage[updateOptions]("bad source", "update", "--source", "nourl"),
		usage[updateOptions]("bad format", "update", "--format", "yaml"),
		usage[updateOptions]("an argument", "update", "meetings"),
	})
}

func TestLookupFlags(t *testing.T) {
	testFlags(t, newCmdLookup, []flagCase[lookupOptions]{
		{name: "defaults", args: []string{"lookup", "GET /users/me"}, check: func(t *testing.T, o *lookupOptions) {
			eq(t, "spec", o.spec, "GET /users/me")
			eq(t, "format", o.outFormat, report.FormatText)
		}},
		{name: "format", args: []string{"lookup", "userSettings", "--format", "yaml"}, check: func(t *testing.T, o *lookupOptions) { eq(t, "format", o.outFormat, report.FormatYAML) }},
		usage[lookupOptions]("no spec", "lookup"),
		usage[lookupOptions]("empty spec", "lookup", " "),
		usage[lookupOptions]("two specs", "lookup", "a", "b"),
		usage[lookupOptions]("bad format", "lookup", "a", "--format", "markdown"),
	})
}

func TestScopeFlags(t *testing.T) {
	testFlags(t, newCmdScope, []flagCase[scopeOptions]{
		{name: "defaults", args: []string{"scope", "meeting:read"}, check: func(t *testing.T, o *scopeOptions) {
			eq(t, "name", o.name, "meeting:read")
			eq(t, "format", o.outFormat, report.FormatText)
		}},
		{name: "format", args: []string{"scope", "meeting:read", "--format", "json"}, check: func(t *testing.T, o *scopeOptions) { eq(t, "format", o.outFormat, report.FormatJSON) }},
		usage[scopeOptions]("no name", "scope"),
		usage[scopeOptions]("empty name", "scope", ""),
		usage[scopeOptions]("bad format", "scope", "a", "--format", "sarif"),
	})
}

func TestCatalogFlags(t *testing.T) {
	testFlags(t, newCmdStats, []flagCase[statsOptions]{
		{name: "stats defaults", args: []string{"catalog", "stats"}, check: func(t *testing.T, o *statsOptions) { eq(t, "format", o.outFormat, report.FormatText) }},
		{name: "stats json", args: []string{"catalog", "stats", "--format", "json"}, check: func(t *testing.T, o *statsOptions) { eq(t, "format", o.outFormat, report.FormatJSON) }},
		usage[statsOptions]("stats bad format", "catalog", "stats", "--format", "markdown"),
		usage[statsOptions]("stats argument", "catalog", "stats", "x"),
	})
	testFlags(t, newCmdDump, []flagCase[dumpOptions]{
		{name: "dump defaults", args: []string{"catalog", "dump"}, check: func(t *testing.T, o *dumpOptions) { eq(t, "format", o.outFormat, report.FormatJSON) }},
		{name: "dump yaml", args: []string{"catalog", "dump", "--format", "yaml"}, check: func(t *testing.T, o *dumpOptions) { eq(t, "format", o.outFormat, report.FormatYAML) }},
		usage[dumpOptions]("dump bad format", "catalog", "dump", "--format", "text"),
	})
	testFlags(t, newCmdDiff, []flagCase[diffOptions]{
		{name: "diff defaults", args: []string{"catalog", "diff", "old", "new"}, check: func(t *testing.T, o *diffOptions) {
			eq(t, "old", o.old, "old")
			eq(t, "new", o.new, "new")
			eq(t, "format", o.outFormat, report.FormatText)
			eq(t, "exit-code", o.exitCode, false)
		}},
		{name: "diff exit code", args: []string{"catalog", "diff", "embedded", "new", "--exit-code", "--format", "markdown"}, check: func(t *testing.T, o *diffOptions) {
			eq(t, "exit-code", o.exitCode, true)
			eq(t, "format", o.outFormat, report.FormatMarkdown)
		}},
		usage[diffOptions]("diff one side", "catalog", "diff", "old"),
		usage[diffOptions]("diff bad format", "catalog", "diff", "a", "b", "--format", "sarif"),
	})
}
