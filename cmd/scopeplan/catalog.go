package main

import (
	"context"
	"fmt"
	"os"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/report"
)

func newCmdCatalog(f *factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "Inspect the catalog built from the scope documents",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageErr("catalog: name a subcommand (stats, dump, diff)")
		},
	}
	cmd.AddCommand(newCmdStats(f, nil), newCmdDump(f, nil), newCmdDiff(f, nil))
	return cmd
}

type statsOptions struct {
	f      *factory
	format string
	// outFormat is --format checked.
	outFormat report.Format
}

func newCmdStats(f *factory, runF func(*statsOptions) error) *cobra.Command {
	o := &statsOptions{f: f}
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count documents, endpoints, scopes and products",
		Example: `  scopeplan catalog stats
  scopeplan catalog stats --format json --docs ./docs`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			var err error
			if o.outFormat, err = format(o.format, report.StatsPrinters().Formats()...); err != nil {
				return err
			}
			return runOr(runF, runStats, o)
		},
	}
	formatFlag(cmd, &o.format, "text", report.StatsPrinters().Formats())
	return cmd
}

func runStats(o *statsOptions) error {
	c, p, err := o.f.Catalog()
	if err != nil {
		return err
	}
	return report.StatsPrinters().Print(o.f.io.out, o.outFormat, o.f.io.tty, report.NewStatsReport(c, p))
}

type dumpOptions struct {
	f      *factory
	format string
	// outFormat is --format checked.
	outFormat report.Format
}

func newCmdDump(f *factory, runF func(*dumpOptions) error) *cobra.Command {
	o := &dumpOptions{f: f}
	cmd := &cobra.Command{
		Use:     "dump",
		Short:   "Print the whole catalog with sources",
		Example: `  scopeplan catalog dump --format yaml > catalog.yaml`,
		Args:    args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			var err error
			if o.outFormat, err = format(o.format, report.DumpPrinters().Formats()...); err != nil {
				return err
			}
			return runOr(runF, runDump, o)
		},
	}
	formatFlag(cmd, &o.format, "json", report.DumpPrinters().Formats())
	return cmd
}

func runDump(o *dumpOptions) error {
	c, p, err := o.f.Catalog()
	if err != nil {
		return err
	}
	return report.DumpPrinters().Print(o.f.io.out, o.outFormat, o.f.io.tty, report.NewDumpReport(report.NewMeta(p), c))
}

type diffOptions struct {
	f        *factory
	ctx      context.Context
	old, new string
	format   string
	exitCode bool
	// outFormat is --format checked.
	outFormat report.Format
}

func newCmdDiff(f *factory, runF func(*diffOptions) error) *cobra.Command {
	o := &diffOptions{f: f}
	cmd := &cobra.Command{
		Use:   "diff OLD NEW",
		Short: "Show what changed between two sets of scope documents",
		Long: `diff compares the catalogs of two document sets (each a document, KIND=FILE,
or a folder, for example last release's and today's): endpoints added and
removed, endpoints whose scopes changed, scopes added and removed. OLD and NEW
name the documents themselves: --docs and --add-docs do not apply. Either may
be "embedded": the documents built into scopeplan.

With --exit-code, diff exits 1 when anything changed (like git diff
--exit-code), 0 otherwise.`,
		Example: `  scopeplan catalog diff old-docs/ new-docs/ --format markdown
  scopeplan catalog diff embedded ../shared/zoom-api-hub --exit-code`,
		Args: args(cobra.ExactArgs(2)),
		RunE: func(cmd *cobra.Command, a []string) error {
			o.ctx, o.old, o.new = cmd.Context(), a[0], a[1]
			var err error
			if o.outFormat, err = format(o.format, report.DiffPrinters().Formats()...); err != nil {
				return err
			}
			return runOr(runF, runDiff, o)
		},
	}
	formatFlag(cmd, &o.format, "text", report.DiffPrinters().Formats())
	cmd.Flags().BoolVar(&o.exitCode, "exit-code", false, "exit 1 when anything changed")
	return cmd
}

// diffSide loads one side of a diff: a document set, or "embedded".
func diffSide(ctx context.Context, spec string, maxSize int64) (*catalog.Catalog, scopeplan.Provenance, error) {
	if spec == "embedded" {
		if _, err := os.Stat(spec); err != nil {
			return scopeplan.Load(ctx, scopeplan.Options{MaxDocSize: maxSize})
		}
	}
	return scopeplan.Load(ctx, scopeplan.Options{Docs: []string{spec}, MaxDocSize: maxSize})
}

func runDiff(o *diffOptions) error {
	f := o.outFormat
	size, err := o.f.docSizeLimit()
	if err != nil {
		return err
	}
	oldC, oldP, err := diffSide(o.ctx, o.old, size)
	if err != nil {
		return inputErr(err)
	}
	newC, newP, err := diffSide(o.ctx, o.new, size)
	if err != nil {
		return inputErr(err)
	}
	d := catalog.Diff(oldC, newC)
	if err := report.DiffPrinters().Print(o.f.io.out, f, o.f.io.tty, report.NewDiffReport(d, oldP, newP)); err != nil {
		return err
	}
	if o.exitCode && !d.Empty() {
		return &exitError{code: exitInput, err: fmt.Errorf("catalog diff: %s and %s differ (--exit-code)", o.old, o.new)}
	}
	return nil
}
