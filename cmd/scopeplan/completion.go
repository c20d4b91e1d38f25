package main

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/scopeplan/scopeplan/catalog"
	"github.com/scopeplan/scopeplan/internal/report"
	scopeupdate "github.com/scopeplan/scopeplan/internal/update"
	"github.com/scopeplan/scopeplan/lint"
)

// formatsAnnotation is the --format flag's annotation listing its
// formats (set by formatFlag, read by completion).
const formatsAnnotation = "scopeplan_formats"

// formatFlag adds --format, defaulting to def, with the formats a report's
// printer table has: the usage text lists them and completion offers them.
func formatFlag(cmd *cobra.Command, p *string, def string, formats []report.Format) {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f)
	}
	cmd.Flags().StringVar(p, "format", def, "output format: "+strings.Join(names, "|"))
	_ = cmd.Flags().SetAnnotation("format", formatsAnnotation, names) // the flag was just added
}

// registerCompletions walks the command tree: every --format, --app,
// rule, severity, scope, event and product flag completes its values, and every
// command with subcommands suggests the nearest one for a typo.
func registerCompletions(root *cobra.Command, g *factory) {
	// cobra adds its completion command at Execute; add it now so its
	// subcommands get typo suggestions too.
	root.InitDefaultCompletionCmd()
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if c.HasSubCommands() && c != root {
			c.Args = subcommandArgs
			if !c.Runnable() {
				// Without a run function cobra would print the help and
				// exit 0 for a misspelt subcommand.
				c.RunE = func(cmd *cobra.Command, _ []string) error {
					return usageErr("%s: name a subcommand (%s)", cmd.Name(), strings.Join(subcommandNames(cmd), ", "))
				}
			}
		}
		c.Flags().VisitAll(func(f *pflag.Flag) {
			if fn := flagCompletion(g, c, f); fn != nil {
				_ = c.RegisterFlagCompletionFunc(f.Name, fn)
			}
		})
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	walk(root)
	for _, c := range root.Commands() {
		switch c.Name() {
		case "scope":
			c.ValidArgsFunction = func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
				return withPrefix(g.scopeNames(""), prefix), cobra.ShellCompDirectiveNoFileComp
			}
		case "migrate":
			c.ValidArgsFunction = func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
				return withPrefix(g.scopeNames(catalog.KindClassic), prefix), cobra.ShellCompDirectiveNoFileComp
			}
		case "lookup":
			c.ValidArgsFunction = func(_ *cobra.Command, _ []string, prefix string) ([]string, cobra.ShellCompDirective) {
				return withPrefix(g.eventNames(), prefix), cobra.ShellCompDirectiveNoFileComp
			}
		case "catalog":
			for _, sub := range c.Commands() {
				if sub.Name() == "diff" {
					sub.ValidArgsFunction = func(_ *cobra.Command, a []string, _ string) ([]string, cobra.ShellCompDirective) {
						if len(a) >= 2 {
							return nil, cobra.ShellCompDirectiveNoFileComp
						}
						return []string{"embedded\tthe embedded documents"}, cobra.ShellCompDirectiveDefault
					}
				}
			}
		}
	}
}

// flagCompletion returns the value completion of one flag, or nil.
func flagCompletion(g *factory, c *cobra.Command, f *pflag.Flag) cobra.CompletionFunc {
	fixed := func(vals ...string) cobra.CompletionFunc {
		return cobra.FixedCompletions(vals, cobra.ShellCompDirectiveNoFileComp)
	}
	switch f.Name {
	case "format":
		if names := f.Annotations[formatsAnnotation]; len(names) > 0 {
			return fixed(names...)
		}
	case "app":
		return fixed("user", "admin", "master")
	case "fail-on":
		return fixed("error", "warning", "info", "never")
	case "color":
		return fixed("auto", "always", "never")
	case "rule", "disable", "enable":
		return listCompletion(func() []string {
			var ids []string
			for _, r := range lint.Rules() {
				ids = append(ids, r.ID+"\t"+r.Title)
			}
			return ids
		})
	case "scopes":
		return listCompletion(func() []string { return g.scopeNames("") })
	case "product":
		return fixed(scopeupdate.ProductSlugs()...)
	case "event":
		return func(_ *cobra.Command, _ []string, prefix string) ([]cobra.Completion, cobra.ShellCompDirective) {
			return withPrefix(g.eventNames(), prefix), cobra.ShellCompDirectiveNoFileComp
		}
	}
	return nil
}

// withPrefix keeps the values starting with prefix.
func withPrefix(values []string, prefix string) []string {
	var out []string
	for _, v := range values {
		if strings.HasPrefix(v, prefix) {
			out = append(out, v)
		}
	}
	return out
}

// listCompletion completes the last item of a comma-separated list.
func listCompletion(values func() []string) cobra.CompletionFunc {
	return func(_ *cobra.Command, _ []string, toComplete string) ([]cobra.Completion, cobra.ShellCompDirective) {
		prefix := ""
		if i := strings.LastIndex(toComplete, ","); i >= 0 {
			prefix = toComplete[:i+1]
		}
		var out []string
		for _, v := range values() {
			if strings.HasPrefix(prefix+v, toComplete) {
				out = append(out, prefix+v)
			}
		}
		return out, cobra.ShellCompDirectiveNoFileComp | cobra.ShellCompDirectiveNoSpace
	}
}

// scopeNames lists the loaded catalog's scope names of a kind ("" for
// every kind), for completion; nil when the catalog does not load.
func (f *factory) scopeNames(kind catalog.ScopeKind) []string {
	c, _, err := f.CoreCatalog()
	if err != nil {
		return nil
	}
	var out []string
	for _, s := range c.Scopes {
		if kind == "" || s.Kind == kind {
			out = append(out, s.Name)
		}
	}
	sort.Strings(out)
	return out
}

// eventNames lists the loaded catalog's event names, for completion.
func (f *factory) eventNames() []string {
	c, _, err := f.CoreCatalog()
	if err != nil {
		return nil
	}
	var out []string
	for _, e := range c.Events {
		out = append(out, e.Name)
	}
	sort.Strings(out)
	return out
}

// subcommandArgs rejects an argument to a command that only groups
// subcommands, suggesting the nearest subcommand ("catalog stat").
func subcommandArgs(cmd *cobra.Command, a []string) error {
	if len(a) == 0 {
		return nil
	}
	msg := fmt.Sprintf("unknown command %q for %q", a[0], cmd.CommandPath())
	names := subcommandNames(cmd)
	if sug := suggestions(a[0], names); len(sug) > 0 {
		msg += "; did you mean " + strings.Join(sug, " or ") + "?"
	} else {
		msg += " (subcommands: " + strings.Join(names, ", ") + ")"
	}
	return usageErr("%s", msg)
}

// flagError makes a flag error a usage error, suggesting the nearest flag
// of the command for a misspelt one.
func flagError(cmd *cobra.Command, err error) error {
	where := strings.TrimPrefix(strings.TrimPrefix(cmd.CommandPath(), cmd.Root().Name()), " ")
	if where != "" {
		where += ": "
	}
	// pflag says "unknown flag: --formt"; the regexp is compiled here, on
	// the error path, not at every start.
	m := regexp.MustCompile(`unknown flag: --([^\s=]+)`).FindStringSubmatch(err.Error())
	if m == nil {
		return usageErr("%s%w", where, err)
	}
	var names []string
	seen := map[string]bool{}
	add := func(f *pflag.Flag) {
		if !f.Hidden && !seen[f.Name] {
			seen[f.Name] = true
			names = append(names, f.Name)
		}
	}
	cmd.Flags().VisitAll(add)
	cmd.InheritedFlags().VisitAll(add)
	if sug := suggestions(m[1], names); len(sug) > 0 {
		for i := range sug {
			sug[i] = "--" + sug[i]
		}
		if len(sug) > 3 {
			sug = sug[:3]
		}
		return usageErr("%s%w; did you mean %s?", where, err, strings.Join(sug, " or "))
	}
	return usageErr("%s%w", where, err)
}

// rootSuggestion rewrites cobra's multi-line "unknown command" message
// ("...\n\nDid you mean this?\n\tplan\n") as one line.
func rootSuggestion(msg string) string {
	head, sug, ok := strings.Cut(msg, "\n\nDid you mean this?\n")
	if !ok {
		return msg
	}
	return head + "; did you mean " + strings.Join(strings.Fields(sug), " or ") + "?"
}

// subcommandNames lists a command's visible subcommands.
func subcommandNames(cmd *cobra.Command) []string {
	var names []string
	for _, s := range cmd.Commands() {
		if s.IsAvailableCommand() {
			names = append(names, s.Name())
		}
	}
	return names
}
