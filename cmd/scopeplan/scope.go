package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/internal/report"
)

type scopeOptions struct {
	f      *factory
	format string
	name   string
	// outFormat is --format checked.
	outFormat report.Format
}

func newCmdScope(f *factory, runF func(*scopeOptions) error) *cobra.Command {
	o := &scopeOptions{f: f}
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
			var err error
			if o.outFormat, err = format(o.format, report.ScopePrinters().Formats()...); err != nil {
				return err
			}
			return runOr(runF, runScope, o)
		},
	}
	formatFlag(cmd, &o.format, "text", report.ScopePrinters().Formats())
	return cmd
}

func runScope(o *scopeOptions) error {
	c, p, err := o.f.Catalog()
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
	a, err := o.f.Attribution()
	if err != nil {
		return err
	}
	return report.ScopePrinters().Print(o.f.io.out, o.outFormat, o.f.io.tty, report.NewScopeReport(c, s, p, a))
}
