package main

import (
	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/report"
)

func newCatalogCmd(g *globalOptions) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "catalog",
		Short: "Inspect the catalog built from the scope documents",
		Args:  args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			return usageErr("catalog: name a subcommand (stats, dump)")
		},
	}
	cmd.AddCommand(newStatsCmd(g), newDumpCmd(g))
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
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text|json|yaml")
	return cmd
}

func runStats(o *statsOptions) error {
	f, err := format(o.format, report.FormatText, report.FormatJSON, report.FormatYAML)
	if err != nil {
		return err
	}
	c, p, err := o.g.load()
	if err != nil {
		return err
	}
	return report.WriteStats(o.g.io.out, f, o.g.io.tty, report.NewStatsReport(c, p))
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
	cmd.Flags().StringVar(&o.format, "format", "json", "output format: json|yaml")
	return cmd
}

func runDump(o *dumpOptions) error {
	f, err := format(o.format, report.FormatJSON, report.FormatYAML)
	if err != nil {
		return err
	}
	c, p, err := o.g.load()
	if err != nil {
		return err
	}
	return report.WriteDump(o.g.io.out, f, report.DumpReport{Meta: report.NewMeta(p), Catalog: c})
}
