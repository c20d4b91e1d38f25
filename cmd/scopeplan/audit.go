package main

import (
	"errors"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/audit"
	"github.com/scopeplan/scopeplan/planner"
	"github.com/scopeplan/scopeplan/report"
)

type auditOptions struct {
	g         *globalOptions
	in        callInput
	requested string
	scopes    string
	format    string
	usage     usageFlags
}

func newAuditCmd(g *globalOptions) *cobra.Command {
	o := &auditOptions{g: g}
	cmd := &cobra.Command{
		Use:   "audit (--requested FILE | --scopes a,b,c) [FILE...]",
		Short: "Check the scopes an app requests against the calls it makes",
		Long: `audit compares the scopes an app requests with the calls it makes: scopes
no call needs (over-privilege, with everything they grant), calls no requested
scope covers (missing), levels the app type cannot use, classic and granular
scopes mixed, unknown names, and the least-privileged plan beside the request.
Without calls it reports each requested scope's blast radius.

The calls are given as for plan (call files, --call, - for standard input).
--requested reads a Zoom app manifest, a scopes: block as 'plan --format
manifest' writes it, or a plain list.

--usage FILE audits against what the app really did: Zoom's Marketplace API
call logs (pages as GET /marketplace/apps/{appId}/api_call_logs returns them,
concatenated, one a line or in an array) or HAR files; --since and --until
keep the rows of a period.

Exit codes: 0 the request matches, 5 over- or under-privileged or not
checked against every call (unverified), 1 input error, 2 usage error.`,
		Example: `  scopeplan audit --requested manifest.json calls.yaml
  scopeplan audit --scopes user:read:user:admin,user:write:user:admin --call "GET /users/{userId}" --app admin`,
		RunE: func(_ *cobra.Command, a []string) error { o.in.files = a; return runAudit(o) },
	}
	o.in.addFlags(cmd)
	cmd.Flags().StringVar(&o.requested, "requested", "", "requested scopes `FILE` (app manifest, scopes: block or plain list; - reads standard input)")
	cmd.Flags().StringVar(&o.scopes, "scopes", "", "requested scopes, comma-separated")
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text|json|yaml|markdown|sarif")
	o.usage.addFlags(cmd)
	return cmd
}

func runAudit(o *auditOptions) error {
	o.g.core = true // endpoints and scopes suffice
	f, err := format(o.format, report.FormatText, report.FormatJSON, report.FormatYAML, report.FormatMarkdown, report.FormatSARIF)
	if err != nil {
		return err
	}
	if (o.requested == "") == (o.scopes == "") {
		return usageErr("give exactly one of --requested FILE or --scopes a,b,c")
	}
	var req audit.Request
	if o.requested != "" {
		data, name, err := readRequested(o)
		if err != nil {
			return err
		}
		if req, err = audit.ParseRequest(name, data); err != nil {
			return inputErr(err)
		}
	} else {
		req = audit.ParseScopeList(o.scopes)
		if len(req.Scopes) == 0 {
			return usageErr("--scopes names no scope")
		}
	}
	calls, app, err := o.in.read(o.g.io.in, false)
	if err != nil {
		return err
	}
	if app == "" {
		app = req.App
	}
	if app == "" && o.g.cfg.App != "" {
		app = planner.AppType(o.g.cfg.App)
	}
	if app == "" {
		if app, err = audit.InferApp(req); err != nil {
			return usageErr("%w", err)
		}
	}
	c, p, err := o.g.load()
	if err != nil {
		return err
	}
	if o.usage.given() {
		return runUsageAudit(o, f, c, p, req, calls, app)
	}
	res, err := audit.Run(c, req, calls, app)
	if err != nil {
		return inputErr(err)
	}
	r := report.NewAuditReport(res, report.NewMeta(p))
	if f == report.FormatSARIF {
		err = report.WriteAuditSARIF(o.g.io.out, r, o.requested)
	} else {
		err = report.WriteAudit(o.g.io.out, f, r)
	}
	if err == nil && o.g.verbose && f == report.FormatText {
		err = writeRadiusEndpoints(o.g.io.out, c, r)
	}
	if err != nil {
		return err
	}
	if res.Mismatch() {
		return &exitError{code: exitPrivilege, err: errors.New(auditLine(r))}
	}
	return nil
}
