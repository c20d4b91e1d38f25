package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"slices"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/audit"
	"github.com/scopeplan/scopeplan/internal/report"
	"github.com/scopeplan/scopeplan/planner"
	"github.com/scopeplan/scopeplan/scan"
)

type auditOptions struct {
	f         *factory
	ctx       context.Context
	in        callFlags
	requested string
	scopes    string
	format    string
	// scan lists the source folders, files or HAR files whose calls are
	// audited, beside any call files.
	scan            []string
	allowUnused     bool
	allowUnverified bool
	usage           usageFlags

	// outFormat is --format checked.
	outFormat report.Format
}

func newCmdAudit(f *factory, runF func(*auditOptions) error) *cobra.Command {
	o := &auditOptions{f: f}
	cmd := &cobra.Command{
		Use:   "audit (--requested FILE | --scopes a,b,c) [--scan DIR]... [FILE...]",
		Short: "Check the scopes an app requests against the calls it makes",
		Long: `audit compares the scopes an app requests with the calls it makes: scopes
no call needs (over-privilege, with everything they grant), calls no requested
scope covers (missing), levels the app type cannot use, classic and granular
scopes mixed, unknown names, and the least-privileged plan beside the request.
Without calls it reports each requested scope's blast radius.

The calls are given as for plan (call files, --call, - for standard input).
--requested reads a Zoom app manifest, a scopes: block as 'plan --format
manifest' writes it, or a plain list.

--scan PATH (repeatable) scans source code or HAR files as 'scopeplan scan'
does and audits the calls found, beside any call files: a drift check of
the manifest against the code. Zoom URLs the scan could not resolve count
as unmapped calls. In SARIF, a result about a call points at each line the
call was found at, and a result about a requested scope at its line in the
--requested file; paths are relative to the repository root.

--usage FILE audits against what the app really did: Zoom's Marketplace API
call logs (pages as GET /marketplace/apps/{appId}/api_call_logs returns them,
concatenated, one a line or in an array) or HAR files; --since and --until
keep the rows of a period.

Exit codes: 0 the request matches, 5 over- or under-privileged or not
checked against every call (unverified; --allow-unused accepts scopes no
call needs, --allow-unverified calls the request cannot be checked
against), 1 input error, 2 usage error.`,
		Example: `  scopeplan audit --requested manifest.json calls.yaml
  scopeplan audit --requested manifest.json --scan ./src --format sarif > audit.sarif
  scopeplan audit --scopes user:read:user:admin,user:write:user:admin --call "GET /users/{userId}" --app admin`,
		RunE: func(cmd *cobra.Command, a []string) error {
			o.ctx, o.in.files = cmd.Context(), a
			var err error
			if o.outFormat, err = format(o.format, report.AuditPrinters().Formats()...); err != nil {
				return err
			}
			if (o.requested == "") == (o.scopes == "") {
				return usageErr("give exactly one of --requested FILE or --scopes a,b,c")
			}
			return runOr(runF, runAudit, o)
		},
	}
	o.in.addFlags(cmd)
	cmd.Flags().StringVar(&o.requested, "requested", "", "requested scopes `FILE` (app manifest, scopes: block or plain list; - reads standard input)")
	cmd.Flags().StringVar(&o.scopes, "scopes", "", "requested scopes, comma-separated")
	formatFlag(cmd, &o.format, "text", report.AuditPrinters().Formats())
	cmd.Flags().StringArrayVar(&o.scan, "scan", nil, "scan this source `PATH` (folder, file or HAR) for calls; repeatable")
	cmd.Flags().BoolVar(&o.allowUnused, "allow-unused", false, "exit 0 despite requested scopes no call needs (over-privilege)")
	cmd.Flags().BoolVar(&o.allowUnverified, "allow-unverified", false, "exit 0 despite calls the request cannot be checked against (unmapped)")
	o.usage.addFlags(cmd)
	return cmd
}

func runAudit(o *auditOptions) error {
	f := o.outFormat
	for _, p := range o.scan {
		if _, err := os.Stat(p); err != nil {
			return inputErr(fmt.Errorf("scan: %w", err))
		}
	}
	var req audit.Request
	var scopeLines map[string]int
	if o.requested != "" {
		if o.requested == "-" && slices.Contains(o.in.files, "-") {
			return usageErr("standard input (-) given twice: for --requested and for the calls")
		}
		data, name, err := audit.ReadRequested(o.requested, o.f.io.in)
		if err != nil {
			return inputErr(err)
		}
		if req, err = audit.ParseRequest(name, data); err != nil {
			return inputErr(err)
		}
		scopeLines = audit.ScopeLines(data, req)
	} else {
		req = audit.ParseScopeList(o.scopes)
		if len(req.Scopes) == 0 {
			return usageErr("--scopes names no scope")
		}
	}
	calls, app, err := readCalls(o.in.input(o.f.io.in, "", false))
	if err != nil {
		return err
	}
	if app == "" {
		app = req.App
	}
	if cfgApp := o.f.Config().App; app == "" && cfgApp != "" {
		app = planner.AppType(cfgApp)
	}
	if app == "" {
		if app, err = audit.InferApp(req); err != nil {
			return usageErr("%w", err)
		}
	}
	load := o.f.CoreCatalog // endpoints and scopes suffice, unless scanning
	if len(o.scan) > 0 {
		load = o.f.Catalog
	}
	c, p, err := load()
	if err != nil {
		return err
	}
	// Sites get their own array: appending to calls must not overwrite
	// them, nor they the calls.
	sites := slices.Clip(calls)
	if len(o.scan) > 0 {
		sr, err := scan.New(c).ScanContext(o.ctx, o.scan...)
		if err != nil {
			return inputErr(err)
		}
		found, at := sr.PlannerCalls(false)
		calls, sites = append(calls, found...), append(sites, at...)
		if len(found) == 0 {
			fmt.Fprintf(o.f.io.errOut, "scopeplan: audit: the scan found no Zoom API calls in %d file(s)\n", sr.Files)
		}
		if n := sr.Unresolvable(); n > 0 {
			fmt.Fprintf(o.f.io.errOut, "scopeplan: audit: the scan skipped %d place(s) that may call Zoom but name no call (run scopeplan scan to list them)\n", n)
		}
	}
	if o.usage.given() {
		return runUsageAudit(o, f, c, p, req, calls, app)
	}
	res, err := audit.Run(c, req, calls, app)
	if err != nil {
		return inputErr(err)
	}
	r := report.NewAuditReport(res, report.NewMeta(p))
	r.SARIF = report.AuditSARIF{Tool: sarifTool(), Requested: o.requested, ScopeLines: scopeLines, Calls: sites}
	if o.f.verbose {
		r.ListGrants(c)
	}
	if err := report.AuditPrinters().Print(o.f.io.out, f, o.f.io.tty, r); err != nil {
		return err
	}
	if res.Fails(o.allowUnused, o.allowUnverified) {
		return &exitError{code: exitPrivilege, err: errors.New(report.AuditLine(r))}
	}
	return nil
}
