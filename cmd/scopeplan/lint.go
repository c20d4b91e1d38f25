package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/lint"
	"github.com/scopeplan/scopeplan/report"
)

type lintOptions struct {
	g             *globalOptions
	format        string
	failOn        string
	rules         []string
	baseline      string
	writeBaseline string
}

func newLintCmd(g *globalOptions) *cobra.Command {
	o := &lintOptions{g: g}
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
  scopeplan lint --write-baseline lint-baseline.json
  scopeplan lint --baseline lint-baseline.json --fail-on warning --format github`,
		Args: args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error { return runLint(o) },
	}
	cmd.Flags().StringVar(&o.format, "format", "text", "output format: text|json|sarif|github")
	cmd.Flags().StringVar(&o.failOn, "fail-on", "error", "exit 4 when findings at or above this severity remain: error|warning|info|never")
	cmd.Flags().StringArrayVar(&o.rules, "rule", nil, "run only this rule `ID` (repeatable, or comma-separated)")
	cmd.Flags().StringVar(&o.baseline, "baseline", "", "accept the findings listed in this baseline `FILE` (matched by rule and subject)")
	cmd.Flags().StringVar(&o.writeBaseline, "write-baseline", "", "write a baseline `FILE` accepting every current finding")
	return cmd
}

func runLint(o *lintOptions) error {
	f, err := format(o.format, report.FormatText, report.FormatJSON, report.FormatSARIF, report.FormatGitHub)
	if err != nil {
		return err
	}
	var failOn lint.Severity
	if s := strings.ToLower(strings.TrimSpace(o.failOn)); s != "never" {
		if failOn, err = lint.ParseSeverity(s); err != nil {
			return usageErr("--fail-on: %w (or never)", err)
		}
	}
	rules, err := lint.Select(o.rules)
	if err != nil {
		return usageErr("--rule: %w", err)
	}
	var base *lint.Baseline
	if o.baseline != "" {
		b, err := readBaseline(o.baseline)
		if err != nil {
			return inputErr(err)
		}
		base = &b
	}
	c, p, err := o.g.load()
	if err != nil {
		return err
	}
	var findings []lint.Finding
	if len(o.rules) == 0 {
		findings = o.g.lintFindings(c)
	} else {
		findings = lint.Run(c, rules)
	}
	if o.writeBaseline != "" {
		if err := writeBaseline(o.writeBaseline, findings); err != nil {
			return inputErr(err)
		}
		// Writing a baseline accepts every current finding: report them,
		// then succeed, so "write, then lint against it" chains in CI.
		r := report.NewLintReport(report.NewMeta(p), findings, 0)
		r.Tool = sarifTool()
		if err := report.WriteLint(o.g.io.out, f, o.g.io.tty, r, rules); err != nil {
			return err
		}
		fmt.Fprintf(o.g.io.errOut, "scopeplan: wrote %d finding(s) to the baseline %s\n", len(findings), o.writeBaseline)
		return nil
	}
	baselined := 0
	if base != nil {
		var accepted []lint.Finding
		findings, accepted = base.Apply(findings)
		baselined = len(accepted)
	}
	r := report.NewLintReport(report.NewMeta(p), findings, baselined)
	r.Tool = sarifTool()
	if err := report.WriteLint(o.g.io.out, f, o.g.io.tty, r, rules); err != nil {
		return err
	}
	if failOn != "" && len(lint.Filter(findings, failOn)) > 0 {
		return &exitError{code: exitFindings}
	}
	return nil
}

func readBaseline(path string) (lint.Baseline, error) {
	fh, err := os.Open(path)
	if err != nil {
		return lint.Baseline{}, fmt.Errorf("baseline: %w", err)
	}
	defer fh.Close()
	b, err := lint.ReadBaseline(fh)
	if err != nil {
		return lint.Baseline{}, fmt.Errorf("%s: %w", path, err)
	}
	return b, nil
}

func writeBaseline(path string, findings []lint.Finding) (err error) {
	fh, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	defer func() {
		if cerr := fh.Close(); cerr != nil {
			err = errors.Join(err, fmt.Errorf("write baseline: %w", cerr))
		}
	}()
	if err := lint.WriteBaseline(fh, findings); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
