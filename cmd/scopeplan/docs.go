package main

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/internal/report"
	"github.com/scopeplan/scopeplan/internal/report/site"
)

type docsOptions struct {
	f      *factory
	ctx    context.Context
	out    string
	format string
	// outFormat is --format checked.
	outFormat report.Format
}

func newCmdDocs(f *factory, runF func(*docsOptions) error) *cobra.Command {
	o := &docsOptions{f: f}
	formats := []report.Format{report.FormatMarkdown, report.FormatHTML}
	cmd := &cobra.Command{
		Use:   "docs --out DIR [--format markdown|html]",
		Short: "Generate the scope catalog's documentation: Markdown pages or an HTML explorer",
		Long: `docs writes the catalog as documentation, least privilege first.

markdown (the default) writes DIR/index.md, one page per product
(DIR/products/) giving, per endpoint and app type, the least privileged
granular scope, the higher privileged alternatives and the classic scopes,
and one page per scope (DIR/scopes/granular/, DIR/scopes/classic/) listing
the endpoints it grants and its equivalents of the other kind. When webhooks
documents are loaded (--add-docs), one events page per product (DIR/events/)
gives each event's scopes, and scope pages list the events they allow.

html writes DIR/index.html: one self-contained file (no network access) to
search endpoints, scopes and events, filter by product and app type, see lint
findings beside what they touch, and tick endpoints and events to build a
plan (computed by the planner itself, compiled to WebAssembly).

Output is deterministic, so a docs pipeline's diffs show only what changed.
Existing files in DIR are overwritten; files no longer generated are left.
Pages are written to a staging folder inside DIR and moved in only once all
are written, so a failed run leaves DIR as it was.

Exit codes: 0 written, 1 input or write error, 2 usage error.`,
		Example: `  scopeplan docs --out site/scopes
  scopeplan docs --out public --format html`,
		Args: args(cobra.NoArgs),
		RunE: func(cmd *cobra.Command, _ []string) error {
			o.ctx = cmd.Context()
			var err error
			if o.outFormat, err = format(o.format, formats...); err != nil {
				return err
			}
			if o.out == "" {
				return usageErr("docs: --out DIR is required")
			}
			return runOr(runF, runDocs, o)
		},
	}
	cmd.Flags().StringVar(&o.out, "out", "", "output `DIR` (required)")
	formatFlag(cmd, &o.format, "markdown", formats)
	return cmd
}

func runDocs(o *docsOptions) error {
	f := o.outFormat
	c, _, err := o.f.Catalog()
	if err != nil {
		return err
	}
	findings, err := o.f.Findings()
	if err != nil {
		return err
	}
	if err := o.ctx.Err(); err != nil {
		return err
	}
	s, err := site.New(c, site.Options{Notes: site.LintNotes(c, findings)})
	if err != nil {
		return inputErr(fmt.Errorf("docs: %w", err))
	}
	// Building the site is the long part: an interrupt during it writes
	// nothing.
	if err := o.ctx.Err(); err != nil {
		return err
	}
	if f == report.FormatHTML {
		path := filepath.Join(o.out, site.HTMLFile)
		if err := s.WriteHTMLFile(path); err != nil {
			return inputErr(fmt.Errorf("docs: %w", err))
		}
		fmt.Fprintf(o.f.io.out, "wrote %s\n", path)
		return nil
	}
	pages := s.Markdown()
	if err := o.ctx.Err(); err != nil {
		return err
	}
	if err := site.WritePages(o.out, pages); err != nil {
		return inputErr(fmt.Errorf("docs: %w", err))
	}
	fmt.Fprintf(o.f.io.out, "wrote %d pages under %s\n", len(pages), o.out)
	return nil
}
