package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"

	"github.com/spf13/cobra"
	"golang.org/x/term"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/report"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/parser"
)

// Exit codes: the contract scripts and CI rely on.
const (
	exitOK        = 0
	exitInput     = 1 // bad input or document
	exitUsage     = 2 // bad flags or arguments
	exitUnmapped  = 3 // plan: some call could not be mapped
	exitFindings  = 4 // lint: findings at or above --fail-on
	exitPrivilege = 5 // audit: request over- or under-privileged
)

// exitError carries an exit code with an error. A nil err means exit with
// the code silently (the command already said everything).
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string {
	if e.err == nil {
		return fmt.Sprintf("exit %d", e.code)
	}
	return e.err.Error()
}

func (e *exitError) Unwrap() error { return e.err }

func usageErr(format string, a ...any) error {
	return &exitError{code: exitUsage, err: fmt.Errorf(format, a...)}
}

func inputErr(err error) error { return &exitError{code: exitInput, err: err} }

// streams are the command's standard streams; tty says whether standard
// output is a terminal (tables) or a pipe (tab-separated lines).
type streams struct {
	in     io.Reader
	out    io.Writer
	errOut io.Writer
	tty    bool
	// wd is the folder the configuration file is looked for from; "" is
	// the current folder.
	wd string
	// width is the terminal's width in columns (0 when unknown or not a
	// terminal).
	width int
}

func newStreams(in *os.File, out *os.File, errOut *os.File) *streams {
	tty := false
	if fi, err := out.Stat(); err == nil {
		tty = fi.Mode()&os.ModeCharDevice != 0
	}
	width := 0
	if tty {
		if w, _, err := term.GetSize(int(out.Fd())); err == nil {
			width = w
		}
	}
	return &streams{in: in, out: out, errOut: errOut, tty: tty, width: width}
}

// globalOptions are the flags every catalog-reading command shares, and
// what one invocation loaded.
type globalOptions struct {
	io      *streams
	docs    []string
	addDocs []string
	// maxDocSize is --max-doc-size as given ("" for the default).
	maxDocSize string

	configFlag string
	noConfig   bool
	quiet      bool
	verbose    bool
	color      string
	// cfg is the configuration in use (empty when none).
	cfg *fileConfig

	// core is set by commands that need only endpoints and scopes
	// (resolving calls, planning): the embedded snapshot then skips the
	// documents, grants and associations.
	core bool
	// findings are the loaded catalog's lint findings when they were
	// computed ahead of time (the embedded snapshot).
	findings []lint.Finding
}

// load builds the catalog the flags select.
func (g *globalOptions) load() (*catalog.Catalog, scopeplan.Provenance, error) {
	size, err := g.docSizeLimit()
	if err != nil {
		return nil, scopeplan.Provenance{}, err
	}
	c, p, fs, err := loadPreferringCacheIn(scopeplan.Options{Docs: g.docs, AddDocs: g.addDocs, MaxDocSize: size}, g.cacheDir(""), !g.core)
	if err != nil {
		return nil, p, inputErr(err)
	}
	if p.CacheError != "" {
		fmt.Fprintf(g.io.errOut, "scopeplan: %s; using the embedded data\n", p.CacheError)
	}
	g.findings = fs
	p.Config = g.configPath()
	if g.verbose {
		if p.Config != "" {
			fmt.Fprintf(g.io.errOut, "scopeplan: configuration %s\n", p.Config)
		}
		fmt.Fprintf(g.io.errOut, "scopeplan: data: %s, %d document(s)\n", p.Source, len(p.Documents))
	}
	if p.Source == scopeplan.OriginCache && !g.quiet {
		// People reading text should know the data is not the embedded set;
		// JSON says it in "data".
		fmt.Fprintf(g.io.errOut, "scopeplan: using the %d documents 'scopeplan update' cached, which are newer than the embedded data\n", len(p.Documents))
	}
	return c, p, nil
}

// envMaxDocSize sets the document size limit when --max-doc-size is not given.
const envMaxDocSize = "SCOPEPLAN_MAX_DOC_SIZE"

// docSizeLimit is the largest document read: --max-doc-size, else
// $SCOPEPLAN_MAX_DOC_SIZE, else 0 (parser.DefaultMaxSize).
func (g *globalOptions) docSizeLimit() (int64, error) {
	s, from := g.maxDocSize, "--max-doc-size"
	if s == "" {
		s, from = os.Getenv(envMaxDocSize), envMaxDocSize
	}
	if s == "" {
		return 0, nil
	}
	n, err := parser.ParseSize(s)
	if err != nil {
		return 0, usageErr("%s: %w", from, err)
	}
	return n, nil
}

// loadPreferringCache is scopeplan.LoadWithFindings, preferring the
// catalog of the documents `scopeplan update` cached when there are any
// newer than the embedded data (the cache directory is
// $SCOPEPLAN_CACHE_DIR or the user cache directory). A cache that cannot
// be read leaves the embedded data, with the reason in CacheError.
func loadPreferringCache(o scopeplan.Options, full bool) (*catalog.Catalog, scopeplan.Provenance, []lint.Finding, error) {
	return loadPreferringCacheIn(o, "", full)
}

// loadPreferringCacheIn is loadPreferringCache with the cache in cacheDir
// ("" for the default directory).
func loadPreferringCacheIn(o scopeplan.Options, cacheDir string, full bool) (*catalog.Catalog, scopeplan.Provenance, []lint.Finding, error) {
	o.UseCache, o.CacheDir, o.Core = true, cacheDir, !full
	return scopeplan.LoadWithFindings(context.Background(), o)
}

// attribution ties the loaded catalog's lint findings to its endpoints.
func (g *globalOptions) attribution(c *catalog.Catalog) *lint.Attribution {
	return lint.Attribute(c, g.lintFindings(c))
}

// lintFindings returns every lint finding of the loaded catalog, from the
// snapshot when it has them, else by running every rule.
func (g *globalOptions) lintFindings(c *catalog.Catalog) []lint.Finding {
	if g.findings == nil {
		g.findings = lint.Run(c, lint.Rules())
	}
	return g.findings
}

// formatAndLoad checks a --format value, then loads the catalog: the
// start of every command that only reads the catalog.
func (g *globalOptions) formatAndLoad(name string, allowed ...report.Format) (report.Format, *catalog.Catalog, scopeplan.Provenance, error) {
	f, err := format(name, allowed...)
	if err != nil {
		return "", nil, scopeplan.Provenance{}, err
	}
	c, p, err := g.load()
	return f, c, p, err
}

// format checks a --format value.
func format(s string, allowed ...report.Format) (report.Format, error) {
	f, err := report.ParseFormat(s, allowed...)
	if err != nil {
		return "", usageErr("%w", err)
	}
	return f, nil
}

func newRootCmd(io *streams) *cobra.Command {
	g := &globalOptions{io: io}
	root := &cobra.Command{
		Use:   "scopeplan",
		Short: "Plan least-privilege Zoom OAuth scopes from Zoom's own scope documentation",
		Long: `scopeplan turns Zoom's OAuth scope documentation into a queryable catalog:
endpoints, granular scopes and classic scopes, joined both ways. It plans the
smallest scope set for the calls an app makes, audits an app's request, and
lints the documentation itself. The documents are embedded, so it works offline.

Configuration: .scopeplan.yaml in the current folder or its nearest parent
(or --config FILE, or $SCOPEPLAN_CONFIG; --no-config or SCOPEPLAN_CONFIG=none
for none) sets docs, add_docs, app, lint (enable, disable, fail_on, baseline)
and cache_dir. Flags win over environment variables, which win over the file.`,
		Example: `  scopeplan lookup "GET /users/me/settings"
  scopeplan plan --app admin --call "GET /users/{userId}" --call userSettings
  scopeplan scan ./src | scopeplan plan - --app user --format manifest
  scopeplan audit --requested manifest.yaml calls.yaml
  scopeplan lint --fail-on warning`,
		Version:       buildVersion(),
		SilenceUsage:  true,
		SilenceErrors: true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error {
			return g.prepare(cmd)
		},
	}
	root.SetVersionTemplate(versionText())
	root.SetIn(io.in)
	root.SetOut(io.out)
	root.SetErr(io.errOut)
	pf := root.PersistentFlags()
	pf.StringArrayVar(&g.docs, "docs", nil, "document `PATH` (FILE, KIND=FILE or DIR) replacing the embedded set; repeatable")
	pf.StringArrayVar(&g.addDocs, "add-docs", nil, "document `PATH` (FILE, KIND=FILE or DIR) added to the set; repeatable")
	pf.StringVar(&g.configFlag, "config", "", "configuration `FILE` (default: .scopeplan.yaml here or in a parent folder, or $SCOPEPLAN_CONFIG)")
	pf.BoolVar(&g.noConfig, "no-config", false, "use no configuration file")
	pf.BoolVarP(&g.quiet, "quiet", "q", false, "print nothing on standard output: only the exit code and, on failure, one line on standard error")
	pf.BoolVarP(&g.verbose, "verbose", "v", false, "say on standard error which configuration and documents are used; audit lists every endpoint a requested scope grants")
	pf.StringVar(&g.color, "color", "auto", "colour on a terminal: auto|always|never (auto honours NO_COLOR)")
	pf.StringVar(&g.maxDocSize, "max-doc-size", "", "largest document `SIZE` read, such as 200MB (default 64MiB, or $"+envMaxDocSize+")")
	root.SetFlagErrorFunc(flagError)
	root.AddCommand(
		newCatalogCmd(g),
		newLookupCmd(g),
		newScopeCmd(g),
		newVersionCmd(g),
		newManCmd(),
	)
	for _, c := range extraCommands(g) {
		root.AddCommand(c)
	}
	registerCompletions(root, g)
	return root
}

// prepare runs before every command: it checks -q and -v, reads the
// configuration and silences standard output under --quiet.
func (g *globalOptions) prepare(cmd *cobra.Command) error {
	if g.quiet && g.verbose {
		return usageErr("--quiet and --verbose contradict each other")
	}
	if g.configFlag != "" && g.noConfig {
		return usageErr("--config and --no-config contradict each other")
	}
	switch cmd.Name() {
	case "version", "help", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
		// These read no catalog: a broken configuration must not stop them.
		g.cfg = &fileConfig{}
		if cmd.Name() == "version" {
			return nil
		}
		_ = g.applyConfig()
		return nil
	}
	if err := g.applyConfig(); err != nil {
		return err
	}
	colour, err := useColour(g.color, g.io.tty)
	if err != nil {
		return err
	}
	switch {
	case g.quiet:
		q := *g.io
		q.out = io.Discard
		g.io = &q
	case g.io.tty || colour:
		// Text writers fit tables to the width and colour what matters.
		t := *g.io
		t.out = report.NewTerminal(g.io.out, terminalWidth(g.io.width), colour)
		g.io = &t
	}
	return nil
}

// useColour decides --color: always, never, or auto (a terminal, and
// neither NO_COLOR set nor TERM=dumb).
func useColour(flag string, tty bool) (bool, error) {
	switch strings.ToLower(strings.TrimSpace(flag)) {
	case "always":
		return true, nil
	case "never":
		return false, nil
	case "auto", "":
		return tty && os.Getenv("NO_COLOR") == "" && os.Getenv("TERM") != "dumb", nil
	}
	return false, usageErr("--color: want auto, always or never, not %q", flag)
}

// terminalWidth is $COLUMNS when set, else the measured width.
func terminalWidth(measured int) int {
	if n, err := strconv.Atoi(os.Getenv("COLUMNS")); err == nil && n > 0 {
		return n
	}
	return measured
}

// run executes the CLI and returns the exit code; it is the test seam.
// Every non-zero exit says why in one line on standard error.
func run(args []string, io *streams) int {
	// Standard error carries text from documents, file names and servers
	// (errors, warnings, suggestions): it is escaped at this one boundary.
	safe := *io
	safe.errOut = report.EscapeWriter(io.errOut)
	io = &safe
	root := newRootCmd(io)
	root.SetArgs(args)
	err := root.Execute()
	if err == nil {
		return exitOK
	}
	var ee *exitError
	code := exitInput
	if errors.As(err, &ee) {
		code = ee.code
		if ee.err == nil {
			fmt.Fprintf(io.errOut, "scopeplan: exit %d\n", code)
			return code
		}
	} else if isUsage(err) {
		code = exitUsage
	}
	fmt.Fprintf(io.errOut, "scopeplan: %s\n", oneLine(rootSuggestion(err.Error())))
	if code == exitUsage {
		fmt.Fprintln(io.errOut, "Run 'scopeplan --help' for usage.")
	}
	return code
}

// isUsage recognises cobra's own argument errors.
func isUsage(err error) bool {
	msg := err.Error()
	for _, s := range []string{"unknown command", "accepts ", "requires at least", "unknown flag", "unknown shorthand", "flag needs", "invalid argument"} {
		if strings.Contains(msg, s) {
			return true
		}
	}
	return false
}

// args wraps a cobra argument check so its failures are usage errors.
func args(check cobra.PositionalArgs) cobra.PositionalArgs {
	return func(cmd *cobra.Command, a []string) error {
		if err := check(cmd, a); err != nil {
			return usageErr("%s: %w", cmd.CommandPath(), err)
		}
		return nil
	}
}
