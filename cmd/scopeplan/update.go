package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/cache"
	"github.com/scopeplan/scopeplan/internal/loader"
	"github.com/scopeplan/scopeplan/report"
	scopeupdate "github.com/scopeplan/scopeplan/update"
)

type updateOptions struct {
	g        *globalOptions
	cacheDir string
	sources  []string
	timeout  time.Duration
	retries  int
	format   string
}

func newUpdateCmd(g *globalOptions) *cobra.Command {
	o := &updateOptions{g: g}
	cmd := &cobra.Command{
		Use:   "update [--cache-dir DIR] [--source NAME=URL]... [--timeout 30s] [--format text|json]",
		Short: "Download the current scope pages and OpenAPI files into the cache",
		Long: `update downloads Zoom's granular and classic OAuth scope pages and the
per-product OpenAPI files of the API reference into the cache directory,
validates each by parsing it, and keeps it only if it parses to records:
a download that fails or a page whose shape changed leaves the cached copy
as it was. Requests are conditional (ETag, Last-Modified), time out, and
are retried with backoff on network errors and 5xx answers.

Once the cache is newer than the embedded data, the other commands use it
and say so ("data": {"source": "cache"} in JSON output); --docs still
replaces everything.

The cache directory is --cache-dir, else $SCOPEPLAN_CACHE_DIR, else
"scopeplan" in the user cache directory.

The default sources are:
` + defaultSourcesHelp() + `
The OpenAPI addresses are the API reference's download links. --source
NAME=URL (or NAME=KIND=URL) fetches only the sources given: a default NAME
keeps its kind, any other name has its kind detected.

Exit codes: 0 every source updated or unchanged, 1 some source failed (all
are tried; failed ones keep their cached copy), 2 usage error.`,
		Example: `  scopeplan update
  scopeplan update --format json
  scopeplan update --source openapi-webinars=https://developers.zoom.us/api-hub/webinars/methods/endpoints.json`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error { return runUpdate(cmd.Context(), o) },
	}
	cmd.Flags().StringVar(&o.cacheDir, "cache-dir", "", "cache `DIR` (default $SCOPEPLAN_CACHE_DIR or the user cache directory)")
	cmd.Flags().StringArrayVar(&o.sources, "source", nil, "fetch only `NAME=URL` (or NAME=KIND=URL); repeatable")
	cmd.Flags().DurationVar(&o.timeout, "timeout", scopeupdate.DefaultTimeout, "time limit of one request")
	cmd.Flags().IntVar(&o.retries, "retries", scopeupdate.DefaultRetries, "retries of a request after a network error or 5xx")
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text|json")
	return cmd
}

// defaultSourcesHelp lists the default sources for the help text.
func defaultSourcesHelp() string {
	var b strings.Builder
	for _, s := range scopeupdate.DefaultSources() {
		fmt.Fprintf(&b, "  %-26s %s\n", s.Name, s.URL)
	}
	return b.String()
}

// updateReport is update's JSON output.
type updateReport struct {
	report.Meta `yaml:",inline"`
	CacheDir    string                     `json:"cache_dir" yaml:"cache_dir"`
	Sources     []scopeupdate.SourceResult `json:"sources" yaml:"sources"`
	Summary     updateSummary              `json:"summary" yaml:"summary"`
	// Changes is the catalog diff from the documents before the update
	// (the embedded ones on a first update) to those after; nil when
	// nothing was updated.
	Changes *report.DiffReport `json:"changes,omitempty" yaml:"changes,omitempty"`
}

// updateChanges diffs the catalog commands used before an update that
// changed something against the one they use after: each side is the
// cached documents merged with the embedded ones they do not replace.
func updateChanges(res *scopeupdate.Result) (*report.DiffReport, error) {
	if res.Count(scopeupdate.StatusUpdated) == 0 || len(res.New) == 0 {
		return nil, nil
	}
	embedded, err := loader.Embedded()
	if err != nil {
		return nil, inputErr(err)
	}
	oldDocs, newDocs := loader.MergeCached(embedded, res.Old), loader.MergeCached(embedded, res.New)
	oldC, err := catalog.Build(oldDocs)
	if err != nil {
		return nil, inputErr(err)
	}
	newC, err := catalog.Build(newDocs)
	if err != nil {
		return nil, inputErr(err)
	}
	origin := loader.OriginCache
	if len(res.Old) == 0 {
		origin = loader.OriginEmbedded
	}
	d := report.NewDiffReport(catalog.Diff(oldC, newC), loader.ProvenanceOf(origin, oldDocs), loader.ProvenanceOf(loader.OriginCache, newDocs))
	return &d, nil
}

// updateSummary counts the sources by outcome.
type updateSummary struct {
	Updated   int `json:"updated" yaml:"updated"`
	Unchanged int `json:"unchanged" yaml:"unchanged"`
	Failed    int `json:"failed" yaml:"failed"`
}

func runUpdate(ctx context.Context, o *updateOptions) error {
	f, err := format(o.format, report.FormatText, report.FormatJSON)
	if err != nil {
		return err
	}
	if o.timeout <= 0 {
		return usageErr("update: --timeout must be positive")
	}
	if o.retries < 0 {
		return usageErr("update: --retries must not be negative")
	}
	sources := scopeupdate.DefaultSources()
	if len(o.sources) > 0 {
		sources = nil
		seen := map[string]bool{}
		for _, spec := range o.sources {
			s, err := scopeupdate.ParseSource(spec)
			if err != nil {
				return usageErr("--source: %w", err)
			}
			if seen[s.Name] {
				return usageErr("--source: %s given twice", s.Name)
			}
			seen[s.Name] = true
			sources = append(sources, s)
		}
	}
	c, err := cache.Open(o.cacheDir)
	if err != nil {
		return inputErr(err)
	}
	u := scopeupdate.New(c)
	u.Sources = sources
	u.Timeout = o.timeout
	u.Retries = o.retries

	if ctx == nil {
		ctx = context.Background()
	}
	ctx, stop := signal.NotifyContext(ctx, os.Interrupt)
	defer stop()
	res, err := u.Run(ctx)
	if err != nil {
		return inputErr(err)
	}

	sum := updateSummary{
		Updated:   res.Count(scopeupdate.StatusUpdated),
		Unchanged: res.Count(scopeupdate.StatusUnchanged),
		Failed:    res.Count(scopeupdate.StatusFailed),
	}
	changes, err := updateChanges(res)
	if err != nil {
		return err
	}
	switch f {
	case report.FormatJSON:
		rep := updateReport{
			Meta:     report.NewMeta(loader.ProvenanceOf(loader.OriginCache, res.New)),
			CacheDir: res.CacheDir,
			Sources:  res.Sources,
			Summary:  sum,
			Changes:  changes,
		}
		if err := report.WriteJSON(o.g.io.out, rep); err != nil {
			return err
		}
	default:
		if err := writeUpdateText(o.g.io, res); err != nil {
			return err
		}
		if changes != nil {
			fmt.Fprintln(o.g.io.out)
			if err := report.WriteDiff(o.g.io.out, report.FormatText, *changes); err != nil {
				return err
			}
		}
		fmt.Fprintf(o.g.io.errOut, "cache %s: %d updated, %d unchanged, %d failed\n",
			res.CacheDir, sum.Updated, sum.Unchanged, sum.Failed)
	}
	if sum.Failed > 0 {
		var names []string
		for _, s := range res.Failed() {
			names = append(names, s.Source.Name)
		}
		return inputErr(fmt.Errorf("update: %d of %d sources failed (%s); their cached copies are unchanged",
			sum.Failed, len(res.Sources), strings.Join(names, ", ")))
	}
	return nil
}

// writeUpdateText writes one row per source: what happened, the records
// and sha256 before and after, and the reason of a failure.
func writeUpdateText(st *streams, res *scopeupdate.Result) error {
	t := report.NewTable(st.out, st.tty, "source", "status", "records", "sha256", "detail")
	for _, s := range res.Sources {
		detail := s.Source.URL
		if s.Status == scopeupdate.StatusFailed {
			detail = s.Reason
		}
		t.Row(s.Source.Name, string(s.Status),
			change(s.Before, s.After, func(d *scopeupdate.DocSummary) string { return strconv.Itoa(d.Records) }),
			change(s.Before, s.After, func(d *scopeupdate.DocSummary) string { return shortSum(d.SHA256) }),
			detail)
	}
	return t.Flush()
}

// change shows a value before and after, or once when it did not change;
// "-" stands for no document.
func change(before, after *scopeupdate.DocSummary, val func(*scopeupdate.DocSummary) string) string {
	b, a := "-", "-"
	if before != nil {
		b = val(before)
	}
	if after != nil {
		a = val(after)
	}
	if b == a {
		return a
	}
	return b + " -> " + a
}

// shortSum abbreviates a sha256 for a table.
func shortSum(s string) string {
	if len(s) > 12 {
		return s[:12]
	}
	return s
}
