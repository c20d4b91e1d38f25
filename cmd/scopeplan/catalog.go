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

func newCatalogCmd(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "Inspect the catalog built from the scope documents",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageErr("catalog: name a subcommand (stats, dump, diff)")
		},
	}
	cmd.AddCommand(newStatsCmd(g), newDumpCmd(g), newDiffCmd(g))
	return cmd
}

type statsOptions struct {
	g      *globalOptions
	format string
}

func newStatsCmd(g *globalOptions) *cobra.Command {
	o := &statsOptions{g: g}
	cmd := &cobra.Command{
		Use:   "stats",
		Short: "Count documents, endpoints, scopes and products",
		Example: `  scopeplan catalog stats
  scopeplan catalog stats --format json --docs ./docs`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runStats(o) },
	}
	cmd.Flags().StringVar(&o.format, "format", "text", report.StatsPrinters().Usage())
	return cmd
}

func runStats(o *statsOptions) error {
	f, c, p, err := o.g.formatAndLoad(o.format, report.StatsPrinters().Formats()...)
	if err != nil {
		return err
	}
	return report.StatsPrinters().Print(o.g.io.out, f, o.g.io.tty, report.NewStatsReport(c, p))
}

type dumpOptions struct {
	g      *globalOptions
	format string
}

func newDumpCmd(g *globalOptions) *cobra.Command {
	o := &dumpOptions{g: g}
	cmd := &cobra.Command{
		Use:     "dump",
		Short:   "Print the whole catalog with sources",
		Example: `  scopeplan catalog dump --format yaml > catalog.yaml`,
		Args:    args(cobra.NoArgs),
		RunE:    func(*cobra.Command, []string) error { return runDump(o) },
	}
	cmd.Flags().StringVar(&o.format, "format", "json", report.DumpPrinters().Usage())
	return cmd
}

func runDump(o *dumpOptions) error {
	f, c, p, err := o.g.formatAndLoad(o.format, report.DumpPrinters().Formats()...)
	if err != nil {
		return err
	}
	return report.DumpPrinters().Print(o.g.io.out, f, o.g.io.tty, report.DumpReport{Meta: report.NewMeta(p), Catalog: c})
}

type diffOptions struct {
	g        *globalOptions
	old, new string
	format   string
	exitCode bool
}

func newDiffCmd(g *globalOptions) *cobra.Command {
	o := &diffOptions{g: g}
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
		RunE: func(_ *cobra.Command, a []string) error {
			o.old, o.new = a[0], a[1]
			return runDiff(o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", report.DiffPrinters().Usage())
	cmd.Flags().BoolVar(&o.exitCode, "exit-code", false, "exit 1 when anything changed")
	return cmd
}

// diffSide loads one side of a diff: a document set, or "embedded".
func diffSide(spec string, maxSize int64) (*catalog.Catalog, scopeplan.Provenance, error) {
	if spec == "embedded" {
		if _, err := os.Stat(spec); err != nil {
			return scopeplan.Load(context.Background(), scopeplan.Options{MaxDocSize: maxSize})
		}
	}
	return scopeplan.Load(context.Background(), scopeplan.Options{Docs: []string{spec}, MaxDocSize: maxSize})
}

func runDiff(o *diffOptions) error {
	f, err := format(o.format, report.DiffPrinters().Formats()...)
	if err != nil {
		return err
	}
	size, err := o.g.docSizeLimit()
	if err != nil {
		return err
	}
	oldC, oldP, err := diffSide(o.old, size)
	if err != nil {
		return inputErr(err)
	}
	newC, newP, err := diffSide(o.new, size)
	if err != nil {
		return inputErr(err)
	}
	d := catalog.Diff(oldC, newC)
	if err := report.DiffPrinters().Print(o.g.io.out, f, o.g.io.tty, report.NewDiffReport(d, oldP, newP)); err != nil {
		return err
	}
	if o.exitCode && !d.Empty() {
		return &exitError{code: exitInput, err: fmt.Errorf("catalog diff: %s and %s differ (--exit-code)", o.old, o.new)}
	}
	return nil
}
