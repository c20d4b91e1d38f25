package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/explain"
	"github.com/scopeplan/scopeplan/internal/readlimit"
	"github.com/scopeplan/scopeplan/internal/report"
	"github.com/scopeplan/scopeplan/scan"
)

type explainOptions struct {
	f         *factory
	ctx       context.Context
	in        callFlags
	args      []string
	callFiles []string
	scanDirs  []string
	format    string
	// outFormat is --format checked.
	outFormat report.Format
}

func newCmdExplain(f *factory, runF func(*explainOptions) error) *cobra.Command {
	o := &explainOptions{f: f}
	cmd := &cobra.Command{
		Use:   "explain [TEXT | -]",
		Short: "Explain a Zoom API error body: the missing scope, or the token problem",
		Long: `explain reads what Zoom answered (the JSON error body, with or without its
wrapper, or the bare message; from the argument, or standard input with - or
no argument) and says what to do.

For {"code":4711,"message":"Invalid access token, does not contain
scopes:[...]"} it lists the endpoints whose scope alternatives match the
listed set (exact matches first, then endpoints that accept more scopes),
never collapsing several into a guess; --call, --calls FILE and --scan DIR
narrow them to what the app calls. It names the one least-privileged scope to
add for the app type (--app; without it, inferred from the listed scopes'
levels) with the line for the manifest's oauth_information.scopes.

For token errors (124, 104, 4700, ...) and "The event is not allowed for the
app" it gives the cause and the fix; with --event NAME the scope that event
needs (the events come from webhooks documents: scopeplan update, or
--add-docs).

Exit codes: 0 explained, 1 the text is not a Zoom error scopeplan can
explain, 2 usage error.`,
		Example: `  scopeplan explain '{"code":4711,"message":"Invalid access token, does not contain scopes:[user:read:user, user:read:user:admin]."}' --app user
  curl -s ... | scopeplan explain - --scan ./src --format json`,
		RunE: func(cmd *cobra.Command, a []string) error {
			o.ctx, o.args = cmd.Context(), a
			var err error
			if o.outFormat, err = format(o.format, report.ExplainPrinters().Formats()...); err != nil {
				return err
			}
			return runOr(runF, runExplain, o)
		},
	}
	o.in.addFlags(cmd)
	cmd.Flags().StringArrayVar(&o.callFiles, "calls", nil, "a call `FILE` of the app (as for plan) to narrow the candidates; repeatable")
	cmd.Flags().StringArrayVar(&o.scanDirs, "scan", nil, "scan `DIR` (source code or HAR files) for the app's calls to narrow the candidates; repeatable")
	formatFlag(cmd, &o.format, "text", report.ExplainPrinters().Formats())
	return cmd
}

func runExplain(o *explainOptions) error {
	f, a := o.outFormat, o.args
	var text string
	if len(a) == 0 || len(a) == 1 && a[0] == "-" {
		data, err := readlimit.Reader(o.f.io.in, readlimit.StdinName, explain.MaxMessageSize)
		if err != nil {
			return inputErr(fmt.Errorf("read standard input: %w", err))
		}
		text = string(data)
	} else {
		text = strings.Join(a, " ")
	}
	for _, fl := range o.callFiles {
		if fl == "-" && (len(a) == 0 || a[0] == "-") {
			return usageErr("standard input holds the error text; give the call file by name")
		}
	}
	o.in.files = o.callFiles
	calls, app, err := readCalls(o.in.input(o.f.io.in, "", false))
	if err != nil {
		return err
	}
	ze, ok := explain.Parse(text)
	if !ok {
		return inputErr(fmt.Errorf("explain: %w: give Zoom's error body (JSON with code and message) or its message", explain.ErrNotZoom))
	}
	for _, d := range o.scanDirs {
		if _, err := os.Stat(d); err != nil {
			return inputErr(fmt.Errorf("explain --scan: %w", err))
		}
	}
	c, p, err := o.f.CoreCatalog()
	if err != nil {
		return err
	}
	if len(o.scanDirs) > 0 {
		res, err := scan.New(c).ScanContext(o.ctx, o.scanDirs...)
		if err != nil {
			return inputErr(fmt.Errorf("explain --scan: %w", err))
		}
		// A call the scan could not pin to one method is one of its
		// candidates: each narrows the explanation as well.
		_, found := res.PlannerCalls(true)
		calls = append(calls, found...)
		if len(res.Calls) == 0 && len(calls) == 0 {
			fmt.Fprintf(o.f.io.errOut, "scopeplan: explain: --scan found no Zoom API calls in %d file(s)\n", res.Files)
		}
	}
	// --event (and events: in call files) name the subscriptions an event
	// error is about; the rest are the app's calls.
	x, err := explain.Explain(c, ze, explain.OptionsFor(app, calls))
	if err != nil {
		if errors.Is(err, explain.ErrNotZoom) {
			return inputErr(err)
		}
		return inputErr(fmt.Errorf("explain: %w", err))
	}
	return report.ExplainPrinters().Print(o.f.io.out, f, o.f.io.tty, report.NewExplainReport(x, report.NewMeta(p)))
}
