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

	"github.com/scopeplan/scopeplan/internal/report"
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

// format checks a --format value.
func format(s string, allowed ...report.Format) (report.Format, error) {
	f, err := report.ParseFormat(s, allowed...)
	if err != nil {
		return "", usageErr("%w", err)
	}
	return f, nil
}

// runOr runs the command on its checked options: runF when a test gives
// one (to see the flags parsed), else the command's run.
func runOr[O any](runF, run func(*O) error, o *O) error {
	if runF != nil {
		return runF(o)
	}
	return run(o)
}

// newRootCmd builds the command tree on f, every command with its real
// run function.
func newRootCmd(f *factory) *cobra.Command {
	io := f.io
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
			return f.prepare(cmd)
		},
	}
	root.SetVersionTemplate(versionText())
	root.SetIn(io.in)
	root.SetOut(io.out)
	root.SetErr(io.errOut)
	pf := root.PersistentFlags()
	pf.StringArrayVar(&f.docs, "docs", nil, "document `PATH` (FILE, KIND=FILE or DIR) replacing the embedded set; repeatable")
	pf.StringArrayVar(&f.addDocs, "add-docs", nil, "document `PATH` (FILE, KIND=FILE or DIR) added to the set; repeatable")
	pf.StringVar(&f.configFlag, "config", "", "configuration `FILE` (default: .scopeplan.yaml here or in a parent folder, or $SCOPEPLAN_CONFIG)")
	pf.BoolVar(&f.noConfig, "no-config", false, "use no configuration file")
	pf.BoolVarP(&f.quiet, "quiet", "q", false, "print nothing on standard output: only the exit code and, on failure, one line on standard error")
	pf.BoolVarP(&f.verbose, "verbose", "v", false, "say on standard error which configuration and documents are used; audit lists every endpoint a requested scope grants")
	pf.StringVar(&f.color, "color", "auto", "colour on a terminal: auto|always|never (auto honours NO_COLOR)")
	pf.StringVar(&f.maxDocSize, "max-doc-size", "", "largest document `SIZE` read, such as 200MB (default 64MiB, or $"+envMaxDocSize+")")
	root.SetFlagErrorFunc(flagError)
	root.AddCommand(
		newCmdCatalog(f),
		newCmdLookup(f, nil),
		newCmdScope(f, nil),
		newCmdVersion(f),
		newManCmd(),
	)
	for _, c := range extraCommands(f) {
		root.AddCommand(c)
	}
	registerCompletions(root, f)
	return root
}

// prepare runs before every command: it checks -q and -v, reads the
// configuration and silences standard output under --quiet.
func (f *factory) prepare(cmd *cobra.Command) error {
	f.ctx = cmd.Context()
	if f.quiet && f.verbose {
		return usageErr("--quiet and --verbose contradict each other")
	}
	if f.configFlag != "" && f.noConfig {
		return usageErr("--config and --no-config contradict each other")
	}
	switch cmd.Name() {
	case "version", "help", cobra.ShellCompRequestCmd, cobra.ShellCompNoDescRequestCmd:
		// These read no catalog: a broken configuration must not stop them.
		f.cfg = &fileConfig{}
		if cmd.Name() == "version" {
			return nil
		}
		_ = f.applyConfig(f.io.wd)
		return nil
	}
	if err := f.applyConfig(f.io.wd); err != nil {
		return err
	}
	colour, err := useColour(f.color, f.io.tty)
	if err != nil {
		return err
	}
	switch {
	case f.quiet:
		f.io.out = io.Discard
	case f.io.tty || colour:
		// Text writers fit tables to the width and colour what matters.
		f.io.out = report.NewTerminal(f.io.out, terminalWidth(f.io.width), colour)
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
	return runContext(context.Background(), args, io)
}

// runContext is run under ctx: an interrupt cancels ctx, and the command
// then stops its long work and exits 130.
func runContext(ctx context.Context, args []string, io *streams) int {
	f := newFactory(io)
	return execute(ctx, newRootCmd(f), f, args)
}

// exitInterrupted is the exit code of a command stopped by an interrupt
// (128 + SIGINT, as shells report it).
const exitInterrupted = 130

// execute runs root on args under ctx and turns its error into the exit
// code, saying why on f's standard error.
func execute(ctx context.Context, root *cobra.Command, f *factory, args []string) int {
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	errOut := f.io.errOut
	if ctx.Err() != nil {
		// Whatever failed after an interrupt failed because of it.
		fmt.Fprintln(errOut, "scopeplan: interrupted")
		return exitInterrupted
	}
	var ee *exitError
	code := exitInput
	if errors.As(err, &ee) {
		code = ee.code
		if ee.err == nil {
			fmt.Fprintf(errOut, "scopeplan: exit %d\n", code)
			return code
		}
	} else if isUsage(err) {
		code = exitUsage
	}
	fmt.Fprintf(errOut, "scopeplan: %s\n", oneLine(rootSuggestion(err.Error())))
	if code == exitUsage {
		fmt.Fprintln(errOut, "Run 'scopeplan --help' for usage.")
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
