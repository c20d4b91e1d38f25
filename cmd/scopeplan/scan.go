package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/internal/report"
	"github.com/scopeplan/scopeplan/scan"
)

type scanOptions struct {
	f            *factory
	ctx          context.Context
	format       string
	includeTests bool
	paths        []string
	// outFormat is --format checked.
	outFormat report.Format
}

func newCmdScan(f *factory, runF func(*scanOptions) error) *cobra.Command {
	o := &scanOptions{f: f}
	cmd := &cobra.Command{
		Use:   "scan PATH...",
		Short: "Find the Zoom API calls in source code or recorded traffic",
		Long: `scan finds the Zoom REST API calls an app makes and names each one as the
catalog's "METHOD /path/template", ready for plan. PATH is a source file, a
folder (read recursively, skipping node_modules, vendor, .git, dist and build,
binary files and files over 2 MB) or a HAR file of recorded traffic.

In source code (Go, JavaScript/TypeScript, Python, PHP, Java/Kotlin, C#,
Ruby) it first reads the whole project for where Zoom's base URL is kept
(constants, config values, fields, environment defaults, in any file), the
functions that send requests to it (wrappers taking a path, helpers taking
a URL) and tables of URL templates; then it finds URLs under
https://api.zoom.us/v2 (literal, concatenated, interpolated, formatted, or on
a name holding the base URL), calls to those wrappers with a literal path,
templates filled with the base, paths that match a catalog path with an
HTTP method in the call around them, and SDK methods named like
operationIds called on a Zoom client. A segment computed from a
conditional or from a variable given a few literal values is one call per
value. Routes the app serves itself, other hosts and
comments are not calls. In a HAR file every request to api.zoom.us/v2 is a
call, its ids mapped to the catalog's path templates; a HAR call's line is
the line of its entry.

Each call has a confidence: high (a Zoom URL and its method in one call),
medium (the method found through a variable, or the only one the catalog has
for the path; or a path string with a method), low (an SDK method name; a
path whose method comes through a variable). A Zoom URL whose method cannot
be told, or that the catalog lacks, is not output: it is listed on standard
error (and under "skipped" in JSON and YAML) with its candidates, to add with
plan --call. Calls resolve against the catalog, so --docs and --add-docs apply.

The text output is a call file: one call per line, first occurrence of its
best evidence as a comment. Calls in test files (tests/, spec/, *_test.*,
*.test.*, mocks) are left out of it unless --include-tests. JSON and YAML
list every occurrence, test calls with kind "test", each with "via": the
evidence chain (wrapper, variable, base URL definition) behind it.

Exit codes: 0 (also when no call is found: a note on standard error),
1 a path that does not exist or a malformed HAR file, 2 usage error.`,
		Example: `  scopeplan scan ./src
  scopeplan scan ./src | scopeplan plan - --app user --format manifest
  scopeplan scan session.har --format json
  scopeplan scan ./src --add-docs zoom-meetings.openapi.json`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.ctx, o.paths = cmd.Context(), a
			var err error
			if o.outFormat, err = format(o.format, report.ScanPrinters().Formats()...); err != nil {
				return err
			}
			return runOr(runF, runScan, o)
		},
	}
	formatFlag(cmd, &o.format, "text", report.ScanPrinters().Formats())
	cmd.Flags().BoolVar(&o.includeTests, "include-tests", false, "keep the calls found in test files (tests/, spec/, *_test.*, mocks) in the call file")
	return cmd
}

func runScan(o *scanOptions) error {
	f := o.outFormat
	for _, p := range o.paths {
		if _, err := os.Stat(p); err != nil {
			return inputErr(fmt.Errorf("scan: %w", err))
		}
	}
	c, p, err := o.f.Catalog()
	if err != nil {
		return err
	}
	res, err := scan.New(c).ScanContext(o.ctx, o.paths...)
	if err != nil {
		return inputErr(err)
	}
	if f == report.FormatText && !o.includeTests {
		res = res.WithoutTests()
	}
	if err := report.ScanPrinters().Print(o.f.io.out, f, o.f.io.tty, report.NewScanReport(res, report.NewMeta(p))); err != nil {
		return err
	}
	if f == report.FormatText {
		// Skipped URLs are on standard output, as unresolved calls; the
		// other skipped places on standard error.
		_ = report.WriteScanSkipped(o.f.io.errOut, res)
	}
	if len(res.Calls) == 0 {
		fmt.Fprintf(o.f.io.errOut, "scopeplan: scan: no Zoom API calls found in %d file(s)\n", res.Files)
	}
	return nil
}
