package main

import (
	"errors"
	"io"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/internal/report"
	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/planner"
)

// callFlags are how every command that takes intended calls gets them:
// positional call files ("-" for standard input) and repeated --call and
// --event; planner.Input reads them.
type callFlags struct {
	files  []string
	calls  []string
	events []string
	app    string
}

func (cf *callFlags) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&cf.calls, "call", nil, "an intended call `SPEC` (METHOD /path, operationId, API name or doc link); repeatable")
	cmd.Flags().StringArrayVar(&cf.events, "event", nil, "a subscribed event `NAME` (recording.completed); repeatable")
	cmd.Flags().StringVar(&cf.app, "app", "", "app type: user|admin|master (default: the call file's app:)")
}

// input is the planner.Input of the flags: defaultApp is the app type
// when neither --app nor a call file gives one; requireApp makes a
// missing one a usage error.
func (cf *callFlags) input(stdin io.Reader, defaultApp string, requireApp bool) planner.Input {
	return planner.Input{
		Files: cf.files, Stdin: stdin, Calls: cf.calls, Events: cf.events,
		App: cf.app, DefaultApp: defaultApp, RequireApp: requireApp,
		Labels: planner.InputLabels{Calls: "--call", Events: "--event", App: "--app", DefaultApp: "configuration app"},
	}
}

// readCalls reads an Input: an error in the arguments is a usage error,
// one in a file an input error.
func readCalls(in planner.Input) ([]planner.Call, planner.AppType, error) {
	calls, app, err := in.Read()
	if err != nil {
		var ae *planner.ArgError
		if errors.As(err, &ae) {
			return nil, "", usageErr("%w", err)
		}
		return nil, "", inputErr(err)
	}
	return calls, app, nil
}

type planOptions struct {
	f      *factory
	in     callFlags
	format string
	// outFormat is --format checked.
	outFormat report.Format
}

func newCmdPlan(f *factory, runF func(*planOptions) error) *cobra.Command {
	o := &planOptions{f: f}
	cmd := &cobra.Command{
		Use:   "plan [FILE...]",
		Short: "Compute the least-privileged scopes for the calls an app makes",
		Long: `plan resolves each intended call to an endpoint of the catalog and computes
the smallest set of granular scopes the app type may request that covers them
all: first the fewest endpoints granted beyond the calls, then the fewest
scopes. It also gives the classic equivalents, explains every choice and lists
every call it could not map, with suggestions.

Events the app subscribes to (--event, or events: in a call file) are
planned with the calls, under the same objective: their scopes are chosen so
that the set grants the fewest endpoints and events beyond what the app uses.
Events need a webhooks document (scopeplan update, or --add-docs).

FILE is YAML or JSON (app: admin, calls: [...], events: [...]) or plain text
(one call a line, "event NAME" for an event, # comments); - reads standard
input.

Exit codes: 0 every call and event mapped, 3 some unmapped, 1 input error, 2 usage error.`,
		Example: `  scopeplan plan --app admin --call "GET /users/{userId}" --call userSettings
  scopeplan plan --app admin --event recording.completed --call "GET /users/{userId}/recordings" --add-docs zoom-api-hub/
  scopeplan plan calls.yaml --format markdown
  scopeplan scan ./src | scopeplan plan - --app user --format manifest`,
		RunE: func(_ *cobra.Command, a []string) error {
			o.in.files = a
			var err error
			if o.outFormat, err = format(o.format, report.PlanPrinters().Formats()...); err != nil {
				return err
			}
			return runOr(runF, runPlan, o)
		},
	}
	o.in.addFlags(cmd)
	formatFlag(cmd, &o.format, "text", report.PlanPrinters().Formats())
	return cmd
}

func runPlan(o *planOptions) error {
	f := o.outFormat
	calls, app, err := readCalls(o.in.input(o.f.io.in, o.f.Config().App, true))
	if err != nil {
		return err
	}
	if len(calls) == 0 {
		return usageErr("no calls: give call files, --call or --event")
	}
	c, p, err := o.f.CoreCatalog() // endpoints and scopes suffice
	if err != nil {
		return err
	}
	a, err := o.f.Attribution()
	if err != nil {
		return err
	}
	plan, err := planner.Make(c, calls, planner.Options{App: app, Concerns: a.Concerns(lint.SeverityWarning)})
	if err != nil {
		return inputErr(err)
	}
	r := report.NewPlanReport(plan, report.NewMeta(p), a)
	r.OverGrantEndpoints = report.NewOverGrant(c, plan)
	if err := report.PlanPrinters().Print(o.f.io.out, f, o.f.io.tty, r); err != nil {
		return err
	}
	if len(plan.Unmapped) > 0 {
		msg := report.UnmappedLine(r.Unmapped)
		if f == report.FormatManifest {
			msg += "; the manifest's scopes do not cover them (its opening comment lists them)"
		}
		return &exitError{code: exitUnmapped, err: errors.New(msg)}
	}
	return nil
}
