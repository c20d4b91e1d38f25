package main

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/scopeplan/scopeplan/data"
	"github.com/scopeplan/scopeplan/internal/report"
)

// Stamped at release by the linker (see .goreleaser.yaml):
//
//	-X main.version={{.Version}} -X main.dataDate=YYYY-MM-DD
//
// They are never assigned at run time.
var (
	version  string
	dataDate string
)

// buildVersion is the version stamped at release, else the module version
// the binary was built from (go install ...@v1.2.3), else "dev".
func buildVersion() string {
	if version != "" {
		return version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// embeddedDate is the embedded data's date: the one stamped at release
// (which a release checks against the data it embeds), else data.Date.
func embeddedDate() string {
	if dataDate != "" {
		return dataDate
	}
	return data.Date
}

// sarifTool is the tool SARIF logs name: this version, with paths
// relative to the repository holding the working directory.
func sarifTool() report.SARIFTool {
	return report.SARIFTool{Version: buildVersion(), Root: report.RepoRoot(".")}
}

func newCmdVersion(f *factory) *cobra.Command {
	return &cobra.Command{
		Use:   "version",
		Short: "Print the version and the embedded data's date and digest",
		Args:  args(cobra.NoArgs),
		RunE: func(*cobra.Command, []string) error {
			_, err := fmt.Fprint(f.io.out, versionText())
			return err
		},
	}
}

// versionText is what version and --version print.
func versionText() string {
	return fmt.Sprintf("scopeplan %s\nembedded data: %s, sha256 %s\n", buildVersion(), embeddedDate(), data.Digest())
}
