package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/report"
)

type lookupOptions struct {
	f      *factory
	format string
	spec   string
	// outFormat is --format checked.
	outFormat report.Format
}

func newCmdLookup(f *factory, runF func(*lookupOptions) error) *cobra.Command {
	o := &lookupOptions{f: f}
	cmd := &cobra.Command{
		Use:   "lookup SPEC",
		Short: "Show the scopes an endpoint needs",
		Long: `SPEC is "METHOD /path" (a template or a concrete path, with or without
https://api.zoom.us/v2 and a query string), an operationId, an API name, a
doc link as it appears on the granular scopes page, or an event name
(recording.completed; events come from webhooks documents).`,
		Example: `  scopeplan lookup "GET /users/me/settings"
  scopeplan lookup userSettings --format json
  scopeplan lookup /docs/api/rest/reference/user/methods/#operation/userSettings
  scopeplan lookup recording.completed --add-docs zoom-api-hub/meetings/events/webhooks.json`,
		Args: args(cobra.ExactArgs(1)),
		RunE: func(_ *cobra.Command, a []string) error {
			if strings.TrimSpace(a[0]) == "" {
				return usageErr("lookup: empty SPEC")
			}
			o.spec = a[0]
			var err error
			if o.outFormat, err = format(o.format, report.LookupPrinters().Formats()...); err != nil {
				return err
			}
			return runOr(runF, runLookup, o)
		},
	}
	formatFlag(cmd, &o.format, "text", report.LookupPrinters().Formats())
	return cmd
}

func runLookup(o *lookupOptions) error {
	f := o.outFormat
	c, p, err := o.f.CoreCatalog() // endpoints and scopes suffice
	if err != nil {
		return err
	}
	a, err := o.f.Attribution()
	if err != nil {
		return err
	}
	matches, _ := c.Resolve(o.spec)
	r := report.LookupReport{Meta: report.NewMeta(p), Query: o.spec, Matches: report.EndpointViewsWith(matches, a)}
	if ev, ok := c.Event(o.spec); ok {
		r.Events = report.NewEventViews([]*catalog.Event{ev})
	}
	found := len(matches) + len(r.Events)
	what := "endpoint"
	if catalog.LooksLikeEvent(o.spec) {
		what = "endpoint or event"
	}
	if found == 0 {
		r.Suggestions = c.Suggest(o.spec, 5)
		if catalog.LooksLikeEvent(o.spec) {
			// An event-shaped name: the nearest events first.
			all := append(c.SuggestEvent(o.spec, 5), r.Suggestions...)
			r.Suggestions = all[:min(5, len(all))]
		}
	}
	if found == 0 && f == report.FormatText {
		// Text: the error and its suggestions go to standard error alone.
		msg := fmt.Sprintf("no %s matches %q", what, o.spec)
		if len(r.Suggestions) > 0 {
			msg += "; did you mean: " + strings.Join(r.Suggestions, " | ")
		}
		return inputErr(errors.New(msg))
	}
	if err := report.LookupPrinters().Print(o.f.io.out, f, o.f.io.tty, r); err != nil {
		return err
	}
	if found == 0 {
		return inputErr(fmt.Errorf("no %s matches %q", what, o.spec))
	}
	return nil
}
