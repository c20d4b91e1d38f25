package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/internal/report"
	scopeupdate "github.com/scopeplan/scopeplan/internal/update"
)

type updateOptions struct {
	f           *factory
	ctx         context.Context
	cacheDir    string
	sources     []string
	products    []string
	base        string
	timeout     time.Duration
	lockTimeout time.Duration
	retries     int
	format      string
	progress    bool
	diff        bool
	allowShrink bool
	redirects   []string

	// outFormat is --format checked; sourceList the sources the flags
	// select.
	outFormat  report.Format
	sourceList []scopeupdate.Source
}

func newCmdUpdate(f *factory, runF func(*updateOptions) error) *cobra.Command {
	o := &updateOptions{f: f}
	cmd := &cobra.Command{
		Use:   "update [--product SLUG]... [--base URL] [--cache-dir DIR] [--diff] [--progress] [--format text|json]",
		Short: "Download the scope pages and every API hub file into the cache",
		Long: `update downloads Zoom's granular and classic OAuth scope pages and, for
every product of the API hub, its REST, master-account and webhook files
(https://developers.zoom.us/api-hub/<slug>/methods/endpoints.json,
.../ma/master.json, .../events/webhooks.json, as each product publishes
them) into the cache directory. It validates each file by parsing it and
keeps it only if it parses to records: a download that fails, or a page
whose shape changed, leaves the cached copy as it was. A 404 for a listed
file is reported absent, not failed. Requests are conditional (ETag,
Last-Modified) and time out; timeouts and 5xx answers are retried with
backoff, a DNS failure or a refused connection is not.

A download that shrinks its document (more than 20% fewer records or
scopes than the copy it replaces, or a product gone) is refused: the run
then changes nothing in the cache and exits 1, unless --allow-shrink.
One update runs at a time per cache directory (others wait up to
--lock-timeout); the new files become the cache in one atomic switch, and
the catalog compiled from them is stored beside them, so the other
commands load it as fast as the embedded data.

Once the cache is newer than the embedded data, the other commands use it
and say so ("data": {"source": "cache"} in JSON output); --docs still
replaces everything.

The cache directory is --cache-dir, else $SCOPEPLAN_CACHE_DIR, else
"scopeplan" in the user cache directory.

--product SLUG (repeatable) fetches the scope pages and that product's
files only. --base URL replaces https://developers.zoom.us in every
default source (a mirror, a test server). --source NAME=URL (or
NAME=KIND=URL) fetches only the sources given instead: a default NAME
keeps its kind, any other name has its kind detected.

Progress (one line per file, with its size and status) goes to standard
error when it is a terminal, or with --progress. The output ends with one
line per kind of outcome and the totals of the catalog diff; --diff
prints the whole diff.

Products: ` + productsHelp() + `

Exit codes: 0 every source updated, unchanged or absent; 1 some source
failed or was refused (all are tried; the cached copies of failed ones
stay), or the cache is locked past --lock-timeout; 2 usage error.`,
		Example: `  scopeplan update
  scopeplan update --product meetings --product users --diff
  scopeplan update --product phone --progress --format json
  scopeplan update --base http://127.0.0.1:8080
  scopeplan update --source openapi-rooms=https://developers.zoom.us/api-hub/rooms/methods/endpoints.json`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.ctx = cmd.Context()
			if err := o.validate(); err != nil {
				return err
			}
			return runOr(runF, runUpdate, o)
		},
	}
	cmd.Flags().StringVar(&o.cacheDir, "cache-dir", "", "cache `DIR` (default $SCOPEPLAN_CACHE_DIR, else the configuration's cache_dir, else the user cache directory)")
	cmd.Flags().StringArrayVar(&o.products, "product", nil, "fetch the scope pages and this product's files only (`SLUG`, e.g. meetings); repeatable")
	cmd.Flags().StringVar(&o.base, "base", "", "`URL` replacing "+scopeupdate.DefaultBase+" in every default source")
	cmd.Flags().StringArrayVar(&o.sources, "source", nil, "fetch only `NAME=URL` (or NAME=KIND=URL); repeatable")
	cmd.Flags().DurationVar(&o.timeout, "timeout", scopeupdate.DefaultTimeout, "time limit of one request")
	cmd.Flags().StringArrayVar(&o.redirects, "allow-redirect", nil, "another `HOST` a source may redirect to (redirects elsewhere than the source's own host are refused); repeatable")
	cmd.Flags().DurationVar(&o.lockTimeout, "lock-timeout", scopeupdate.DefaultLockTimeout, "how long to wait for another update of the same cache")
	cmd.Flags().IntVar(&o.retries, "retries", scopeupdate.DefaultRetries, "retries of a request after a timeout or 5xx")
	formatFlag(cmd, &o.format, "text", report.UpdatePrinters().Formats())
	cmd.Flags().BoolVar(&o.progress, "progress", false, "report each file on standard error even when it is not a terminal")
	cmd.Flags().BoolVar(&o.diff, "diff", false, "print the whole catalog diff, not only its totals")
	cmd.Flags().BoolVar(&o.allowShrink, "allow-shrink", false, "accept downloads that shrink their document")
	return cmd
}

// productsHelp lists the product slugs for the help text.
func productsHelp() string {
	return strings.Join(scopeupdate.ProductSlugs(), ", ") + "."
}

// updateSources returns the sources the flags select.
func updateSources(o *updateOptions) ([]scopeupdate.Source, error) {
	if len(o.sources) == 0 {
		s, err := scopeupdate.SourcesFor(o.base, o.products)
		if err != nil {
			return nil, usageErr("update: %w", err)
		}
		return s, nil
	}
	if len(o.products) > 0 || o.base != "" {
		return nil, usageErr("update: --source replaces the default sources; --product and --base apply to the defaults only")
	}
	sources, err := scopeupdate.ParseSources(o.sources)
	if err != nil {
		return nil, usageErr("--source: %w", err)
	}
	return sources, nil
}

// validate checks the flags' values and selects the sources.
func (o *updateOptions) validate() error {
	var err error
	if o.outFormat, err = format(o.format, report.UpdatePrinters().Formats()...); err != nil {
		return err
	}
	if o.timeout <= 0 {
		return usageErr("update: --timeout must be positive")
	}
	if o.lockTimeout < 0 {
		return usageErr("update: --lock-timeout must not be negative")
	}
	if o.retries < 0 {
		return usageErr("update: --retries must not be negative")
	}
	o.sourceList, err = updateSources(o)
	return err
}

func runUpdate(o *updateOptions) error {
	f, sources := o.outFormat, o.sourceList
	c, err := cache.Open(o.f.cacheDir(o.cacheDir))
	if err != nil {
		return inputErr(err)
	}
	u := scopeupdate.New(c)
	u.Sources = sources
	u.Timeout = o.timeout
	u.Retries = o.retries
	u.LockTimeout = o.lockTimeout
	u.AllowRedirectHosts = o.redirects
	if o.lockTimeout == 0 {
		u.LockTimeout = time.Nanosecond // do not wait
	}
	u.AllowShrink = o.allowShrink
	if o.progress || o.f.io.errTTY {
		u.Progress = report.UpdateProgress(o.f.io.errOut, len(sources))
	}
	res, err := u.Run(o.ctx)
	if err != nil {
		return inputErr(err)
	}
	ch, err := res.Changes(o.ctx)
	if err != nil {
		return inputErr(err)
	}
	var changes *report.DiffReport
	if ch != nil {
		d := report.NewDiffReport(ch.Diff, ch.Old, ch.New)
		changes = &d
	}
	rep := report.NewUpdateReport(res, changes)
	rep.FullDiff = o.diff
	if err := report.UpdatePrinters().Print(o.f.io.out, f, o.f.io.tty, rep); err != nil {
		return err
	}
	if res.CompileError != "" {
		fmt.Fprintf(o.f.io.errOut, "scopeplan: the compiled catalog was not stored (%s); commands will rebuild it from the files\n", res.CompileError)
	}
	if err := res.Err(); err != nil {
		return inputErr(err)
	}
	return nil
}
