package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/data"
)

// buildVersion is the module version the binary was built from, or "dev".
func buildVersion() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

func newVersionCmd(g *globalOptions) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and the embedded data's date and digest",
		Args:  args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprint(g.io.out, versionText())
			return err
		},
	}
}

// versionText is what version and --version print.
func versionText() string {
	return fmt.Sprintf("scopeplan %s\nembedded data: %s, sha256 %s\n", buildVersion(), data.Date, data.Digest())
}
