package main

import (
	"strings"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/internal/report"
	"github.com/scopeplan/scopeplan/migrate"
	"github.com/scopeplan/scopeplan/planner"
)

type migrateOptions struct {
	f       *factory
	classic []string
	calls   string
	events  []string
	app     string
	format  string
	// outFormat is --format checked.
	outFormat report.Format
}

func newCmdMigrate(f *factory, runF func(*migrateOptions) error) *cobra.Command {
	o := &migrateOptions{f: f}
	cmd := &cobra.Command{
		Use:   "migrate CLASSIC_SCOPE...",
		Short: "Find the granular scopes that replace an app's classic scopes",
		Long: `migrate gives, for an app on classic scopes, the granular scopes that cover
exactly the endpoints its classic scopes grant (what Zoom's migration would
give it), and with --calls (and --event) the least-privileged plan for what
it really calls and subscribes to, with the privilege it drops. Endpoints no granular scope covers are listed.
The app type defaults to the classic scopes' level.`,
		Example: `  scopeplan migrate user:read:admin user:write:admin
  scopeplan migrate meeting:write --calls calls.txt --format markdown`,
		Args: args(cobra.MinimumNArgs(1)),
		RunE: func(_ *cobra.Command, a []string) error {
			o.classic = a
			var err error
			if o.outFormat, err = format(o.format, report.MigratePrinters().Formats()...); err != nil {
				return err
			}
			return runOr(runF, runMigrate, o)
		},
	}
	cmd.Flags().StringVar(&o.calls, "calls", "", "call `FILE` the app makes (as for plan)")
	cmd.Flags().StringArrayVar(&o.events, "event", nil, "a subscribed event `NAME` (recording.completed), planned with --calls; repeatable")
	cmd.Flags().StringVar(&o.app, "app", "", "app type: user|admin|master (default: from the classic scopes' level)")
	formatFlag(cmd, &o.format, "text", report.MigratePrinters().Formats())
	return cmd
}

func runMigrate(o *migrateOptions) error {
	f := o.outFormat
	in := callFlags{app: o.app, events: o.events}
	if o.calls != "" {
		in.files = []string{o.calls}
	}
	calls, app, err := readCalls(in.input(o.f.io.in, "", false))
	if err != nil {
		return err
	}
	if app == "" {
		app = migrate.AppFor(o.classic)
	}
	c, p, err := o.f.CoreCatalog() // endpoints and scopes suffice
	if err != nil {
		return err
	}
	for _, s := range o.classic {
		if strings.TrimSpace(s) == "" {
			return usageErr("migrate: empty classic scope name")
		}
	}
	res, err := migrate.Run(c, o.classic, planner.AppType(app), calls)
	if err != nil {
		return inputErr(err)
	}
	if err := res.UnknownError(o.classic); err != nil {
		return inputErr(err)
	}
	return report.MigratePrinters().Print(o.f.io.out, f, o.f.io.tty, report.NewMigrateReport(res, report.NewMeta(p)))
}
