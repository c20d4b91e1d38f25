package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/internal/report"
)

type scopeOptions struct {
	g      *globalOptions
	format string
	name   string
}

func newScopeCmd(g *globalOptions) *cobra.Command {
	o := &scopeOptions{g: g}
	cmd := &cobra.Command{
		Use:   "scope NAME",
		Short: "Show every endpoint a scope grants",
		Example: `  scopeplan scope user:read:settings:admin
  scopeplan scope meeting:read --format json`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, a []string) error {
			if strings.TrimSpace(a[0]) == "" {
				return usageErr("scope: empty NAME")
			}
			o.name = a[0]
			return runScope(o)
		},
	}
	cmd.Flags().StringVar(&o.format, "format", "text", report.ScopePrinters().Usage())
	return cmd
}

func runScope(o *scopeOptions) error {
	f, c, p, err := o.g.formatAndLoad(o.format, report.ScopePrinters().Formats()...)
	if err != nil {
		return err
	}
	s, ok := c.Scope(o.name)
	if !ok {
		msg := fmt.Sprintf("unknown scope %q", o.name)
		if sug := c.SuggestScope(o.name, 5); len(sug) > 0 {
			msg += "; did you mean: " + strings.Join(sug, ", ")
		}
		return inputErr(fmt.Errorf("%s", msg))
	}
	return report.ScopePrinters().Print(o.g.io.out, f, o.g.io.tty, report.NewScopeReport(c, s, p, o.g.attribution(c)))
}
