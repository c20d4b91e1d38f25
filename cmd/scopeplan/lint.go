package main

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/internal/report"
	"github.com/scopeplan/scopeplan/lint"
)

type lintOptions struct {
	f             *factory
	format        string
	failOn        string
	rules         []string
	disable       []string
	baseline      string
	writeBaseline string

	// outFormat and failOnSeverity are --format and --fail-on checked
	// ("" failOnSeverity: never fail).
	outFormat      report.Format
	failOnSeverity lint.Severity
}

func newCmdLint(f *factory, runF func(*lintOptions) error) *cobra.Command {
	o := &lintOptions{f: f}
	cmd := &cobra.Command{
		Use:   "lint",
		Short: "Find where the scope documents contradict themselves or each other",
		Long: `lint checks the catalog (the embedded documents, or those given with --docs)
and reports every defect at every location where it appears: malformed or
misspelled scope names, admin/master pairs that do not match, operations two
documents map to different scopes, malformed links and structural defects.
Each finding has a stable rule ID; see docs/lint-rules.md.

Exit status: 4 when findings at or above --fail-on remain after the
baseline, 0 otherwise; 1 for unreadable input, 2 for bad flags.`,
		Example: `  scopeplan lint
  scopeplan lint --format sarif > lint.sarif
  scopeplan lint --rule UNKNOWN_ACTION --rule MALFORMED_SCOPE --format json
  scopeplan lint --rule names --disable SUSPICIOUS_RESOURCE
  scopeplan lint --write-baseline lint-baseline.json
  scopeplan lint --baseline lint-baseline.json --fail-on warning --format github`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			if err := o.complete(); err != nil {
				return err
			}
			return runOr(runF, runLint, o)
		},
	}
	formatFlag(cmd, &o.format, "text", report.LintPrinters().Formats())
	cmd.Flags().StringVar(&o.failOn, "fail-on", "", "exit 4 when findings at or above this severity remain: error|warning|info|never (default error)")
	cmd.Flags().StringArrayVar(&o.rules, "rule", nil, "run only this rule `ID` or category (names, pairs, cross-document, structure, events; repeatable, or comma-separated)")
	cmd.Flags().StringArrayVar(&o.disable, "disable", nil, "skip this rule `ID` or category (repeatable, or comma-separated)")
	cmd.Flags().StringVar(&o.baseline, "baseline", "", "accept the findings listed in this baseline `FILE` (matched by rule and subject)")
	cmd.Flags().StringVar(&o.writeBaseline, "write-baseline", "", "write a baseline `FILE` accepting every current finding")
	return cmd
}

// complete fills what the flags leave unset from the configuration's
// lint: block and checks --format and --fail-on.
func (o *lintOptions) complete() error {
	lc := o.f.Config().Lint
	if o.failOn == "" {
		o.failOn = lc.FailOn
	}
	if o.failOn == "" {
		o.failOn = "error"
	}
	if len(o.rules) == 0 {
		o.rules = lc.Enable
	}
	if len(o.disable) == 0 {
		o.disable = lc.Disable
	}
	if o.baseline == "" && o.writeBaseline == "" {
		o.baseline = lc.Baseline
	}
	var err error
	if o.outFormat, err = format(o.format, report.LintPrinters().Formats()...); err != nil {
		return err
	}
	if s := strings.ToLower(strings.TrimSpace(o.failOn)); s != "never" {
		if o.failOnSeverity, err = lint.ParseSeverity(s); err != nil {
			return usageErr("--fail-on: %w (or never)", err)
		}
	}
	return nil
}

func runLint(o *lintOptions) error {
	f, failOn := o.outFormat, o.failOnSeverity
	rules, err := lint.Select(o.rules)
	if err != nil {
		return usageErr("--rule: %w", err)
	}
	if len(o.disable) > 0 {
		off, err := lint.Select(o.disable)
		if err != nil {
			return usageErr("--disable: %w", err)
		}
		rules = lint.Without(rules, off)
	}
	var base *lint.Baseline
	if o.baseline != "" {
		b, err := lint.ReadBaselineFile(o.baseline)
		if err != nil {
			return inputErr(err)
		}
		base = &b
	}
	c, p, err := o.f.Catalog()
	if err != nil {
		return err
	}
	var findings []lint.Finding
	if len(o.rules) == 0 {
		// Every rule's findings may be precomputed; keep the selected
		// rules' (and a failed rule's INTERNAL_ERROR).
		all, err := o.f.Findings()
		if err != nil {
			return err
		}
		findings = lint.OfRules(all, rules)
	} else {
		findings = lint.Run(c, rules)
	}
	if o.writeBaseline != "" {
		if err := lint.WriteBaselineFile(o.writeBaseline, findings); err != nil {
			return inputErr(err)
		}
		// Writing a baseline accepts every current finding: report them,
		// then succeed, so "write, then lint against it" chains in CI.
		r := report.NewLintReport(report.NewMeta(p), findings, 0)
		r.Tool, r.Rules = sarifTool(), rules
		if err := report.LintPrinters().Print(o.f.io.out, f, o.f.io.tty, r); err != nil {
			return err
		}
		if !o.f.quiet {
			fmt.Fprintf(o.f.io.errOut, "scopeplan: wrote %d finding(s) to the baseline %s\n", len(findings), o.writeBaseline)
		}
		return nil
	}
	baselined := 0
	if base != nil {
		var accepted []lint.Finding
		findings, accepted = base.Apply(findings)
		baselined = len(accepted)
	}
	r := report.NewLintReport(report.NewMeta(p), findings, baselined)
	r.Tool, r.Rules = sarifTool(), rules
	if err := report.LintPrinters().Print(o.f.io.out, f, o.f.io.tty, r); err != nil {
		return err
	}
	if failOn != "" {
		if n := len(lint.Filter(findings, failOn)); n > 0 {
			return &exitError{code: exitFindings, err: fmt.Errorf("lint: %s at or above %s (--fail-on %s)", report.Plural(n, "finding"), failOn, failOn)}
		}
	}
	return nil
}
