package main

import "github.com/spf13/cobra"

// extraCommands lists the commands beyond the catalog basics; each lives
// in its own file.
func extraCommands(f *factory) []*cobra.Command {
	return []*cobra.Command{
		newCmdPlan(f, nil),
		newCmdScan(f, nil),
		newCmdAudit(f, nil),
		newCmdExplain(f, nil),
		newCmdMigrate(f, nil),
		newCmdLint(f, nil),
		newCmdDocs(f, nil),
		newCmdUpdate(f, nil),
	}
}
