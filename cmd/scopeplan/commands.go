package main

import "github.com/spf13/cobra"

// extraCommands lists the commands beyond the catalog basics; each lives
// in its own file.
func extraCommands(g *globalOptions) []*cobra.Command {
	return []*cobra.Command{
		newPlanCmd(g),
		newScanCmd(g),
		newAuditCmd(g),
		newExplainCmd(g),
		newMigrateCmd(g),
		newLintCmd(g),
		newDocsCmd(g),
		newUpdateCmd(g),
	}
}
