package main

import (
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/audit"
	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/report"
	"github.com/scopeplan/scopeplan/planner"
)

// usageFlags are audit's flags for real usage: log files and a period.
type usageFlags struct {
	files        []string
	since, until string
}

func (u *usageFlags) addFlags(cmd *cobra.Command) {
	cmd.Flags().StringArrayVar(&u.files, "usage", nil, "audit against real usage: Zoom's API call logs or a HAR `FILE`; repeatable")
	cmd.Flags().StringVar(&u.since, "since", "", "with --usage, only calls at or after `TIME` (RFC 3339, YYYY-MM-DD or Unix milliseconds)")
	cmd.Flags().StringVar(&u.until, "until", "", "with --usage, only calls at or before `TIME` (RFC 3339, YYYY-MM-DD (the whole day) or Unix milliseconds)")
}

func (u *usageFlags) given() bool { return len(u.files) > 0 }

// period reads --since and --until.
func (u *usageFlags) period() (audit.UsageOptions, error) {
	var opts audit.UsageOptions
	var err error
	if opts.Since, err = audit.ParseTime(u.since, false); err != nil {
		return opts, usageErr("--since %w", err)
	}
	if opts.Until, err = audit.ParseTime(u.until, true); err != nil {
		return opts, usageErr("--until %w", err)
	}
	if !opts.Since.IsZero() && !opts.Until.IsZero() && opts.Until.Before(opts.Since) {
		return opts, usageErr("--until is before --since")
	}
	return opts, nil
}

func runUsageAudit(o *auditOptions, f report.Format, c *catalog.Catalog, p scopeplan.Provenance, req audit.Request, calls []planner.Call, app planner.AppType) error {
	opts, err := o.usage.period()
	if err != nil {
		return err
	}
	all, err := audit.ReadUsage(o.usage.files...)
	if err != nil {
		return inputErr(err)
	}
	res, err := audit.RunUsage(c, req, all, calls, app, opts)
	if err != nil {
		return inputErr(err)
	}
	r := report.NewUsageAuditReport(res, report.NewMeta(p))
	r.SARIF = report.AuditSARIF{Tool: sarifTool(), Requested: o.requested}
	err = report.UsageAuditPrinters().Print(o.f.io.out, f, o.f.io.tty, r)
	if err != nil {
		return err
	}
	if res.Rows == 0 {
		fmt.Fprintf(o.f.io.errOut, "scopeplan: audit: no logged call in the period (%d outside it, %d not Zoom API calls)\n", res.Filtered, res.Skipped)
	}
	if res.Mismatch() {
		return &exitError{code: exitPrivilege, err: errors.New(report.AuditLine(r.AuditReport))}
	}
	return nil
}
