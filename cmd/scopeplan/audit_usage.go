package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"

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

// parseTime reads a --since/--until value; a bare date's end of day is
// its last instant when end is set.
func parseTime(flag, s string, end bool) (time.Time, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}, nil
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, nil
	}
	if t, err := time.Parse("2006-01-02", s); err == nil {
		if end {
			t = t.Add(24*time.Hour - time.Nanosecond)
		}
		return t, nil
	}
	var ms int64
	if _, err := fmt.Sscanf(s, "%d", &ms); err == nil && fmt.Sprint(ms) == s {
		return time.UnixMilli(ms), nil
	}
	return time.Time{}, usageErr("%s %q: want RFC 3339 (2025-01-31T12:00:00Z), a date (2025-01-31) or Unix milliseconds", flag, s)
}

func runUsageAudit(o *auditOptions, f report.Format, c *catalog.Catalog, p scopeplan.Provenance, req audit.Request, calls []planner.Call, app planner.AppType) error {
	var opts audit.UsageOptions
	var err error
	if opts.Since, err = parseTime("--since", o.usage.since, false); err != nil {
		return err
	}
	if opts.Until, err = parseTime("--until", o.usage.until, true); err != nil {
		return err
	}
	if !opts.Since.IsZero() && !opts.Until.IsZero() && opts.Until.Before(opts.Since) {
		return usageErr("--until is before --since")
	}
	var all audit.Usage
	for _, name := range o.usage.files {
		data, err := os.ReadFile(name)
		if err != nil {
			return inputErr(fmt.Errorf("read usage log: %w", err))
		}
		u, err := audit.ParseUsage(name, data)
		if err != nil {
			return inputErr(err)
		}
		all.Rows = append(all.Rows, u.Rows...)
		all.Skipped += u.Skipped
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
		return &exitError{code: exitPrivilege, err: errors.New(auditLine(r.AuditReport))}
	}
	return nil
}
