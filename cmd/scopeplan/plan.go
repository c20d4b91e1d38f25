package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/internal/report"
	"github.com/scopeplan/scopeplan/planner"
)

// callInput is how every command that takes intended calls reads them:
// positional call files ("-" for standard input) and repeated --call.
type callInput struct {
	files  []string
	calls  []string
	events []string
	app    string
	// defaultApp is the configuration's app: used when neither --app nor
	// a call file gives one.
	defaultApp string
}

func (ci *callInput) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&ci.calls, "call", nil, "an intended call `SPEC` (METHOD /path, operationId, API name or doc link); repeatable")
	cmd.Flags().StringArrayVar(&ci.events, "event", nil, "a subscribed event `NAME` (recording.completed); repeatable")
	cmd.Flags().StringVar(&ci.app, "app", "", "app type: user|admin|master (default: the call file's app:)")
}

// read collects the calls and the app type. The app type comes from --app,
// else from the call files (which must agree); required reports whether
// a missing app type is an error.
func (ci *callInput) read(in io.Reader, required bool) ([]planner.Call, planner.AppType, error) {
	var calls []planner.Call
	fileApp, fileAppFrom := "", ""
	stdinUsed := false
	for _, f := range ci.files {
		var data []byte
		var err error
		name := f
		if f == "-" {
			if stdinUsed {
				return nil, "", usageErr("standard input (-) given twice")
			}
			stdinUsed = true
			name = "<stdin>"
			data, err = io.ReadAll(in)
		} else {
			data, err = os.ReadFile(f)
		}
		if err != nil {
			return nil, "", inputErr(fmt.Errorf("read call file: %w", err))
		}
		cf, err := planner.ParseCallFile(name, data)
		if err != nil {
			return nil, "", inputErr(err)
		}
		if cf.App != "" {
			if fileApp != "" && fileApp != cf.App {
				return nil, "", inputErr(fmt.Errorf("%s says app: %s but %s says app: %s", fileAppFrom, fileApp, name, cf.App))
			}
			fileApp, fileAppFrom = cf.App, name
		}
		calls = append(calls, cf.Calls...)
	}
	for _, c := range ci.calls {
		if strings.TrimSpace(c) == "" {
			return nil, "", usageErr("--call: empty call")
		}
		calls = append(calls, planner.Call{Spec: c, File: "--call"})
	}
	for _, e := range ci.events {
		if strings.TrimSpace(e) == "" {
			return nil, "", usageErr("--event: empty event name")
		}
		calls = append(calls, planner.Call{Spec: strings.TrimSpace(e), Event: true, File: "--event"})
	}
	app := ci.app
	if app == "" {
		app = fileApp
	}
	if app == "" && ci.defaultApp != "" {
		app, fileAppFrom = ci.defaultApp, "configuration app"
	}
	if app == "" {
		if required {
			return nil, "", usageErr("no app type: give --app user|admin|master or app: in the call file")
		}
		return calls, "", nil
	}
	at, err := planner.ParseAppType(app)
	if err != nil {
		if ci.app != "" {
			return nil, "", usageErr("--app: %w", err)
		}
		return nil, "", inputErr(fmt.Errorf("%s: %w", fileAppFrom, err))
	}
	return calls, at, nil
}

type planOptions struct {
	g      *globalOptions
	in     callInput
	format string
}

func newPlanCmd(g *globalOptions) *cobra.Command {
	o := &planOptions{g: g}
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
		RunE: func(_ *cobra.Command, a []string) error { o.in.files = a; return runPlan(o) },
	}
	o.in.addFlags(cmd)
	cmd.Flags().StringVar(&o.format, "format", "text", report.PlanPrinters().Usage())
	return cmd
}

func runPlan(o *planOptions) error {
	o.g.core = true // endpoints and scopes suffice
	f, err := format(o.format, report.PlanPrinters().Formats()...)
	if err != nil {
		return err
	}
	o.in.defaultApp = o.g.cfg.App
	calls, app, err := o.in.read(o.g.io.in, true)
	if err != nil {
		return err
	}
	if len(calls) == 0 {
		return usageErr("no calls: give call files, --call or --event")
	}
	c, p, err := o.g.load()
	if err != nil {
		return err
	}
	a := o.g.attribution(c)
	plan, err := planner.Make(c, calls, planner.Options{App: app, Concerns: concerns(a)})
	if err != nil {
		return inputErr(err)
	}
	r := report.NewPlanReport(plan, report.NewMeta(p), a)
	r.OverGrantEndpoints = report.NewOverGrant(c, plan)
	if err := report.PlanPrinters().Print(o.g.io.out, f, o.g.io.tty, r); err != nil {
		return err
	}
	if len(plan.Unmapped) > 0 {
		msg := unmappedLine(r.Unmapped)
		if f == report.FormatManifest {
			msg += "; the manifest's scopes do not cover them (its opening comment lists them)"
		}
		return &exitError{code: exitUnmapped, err: errors.New(msg)}
	}
	return nil
}
