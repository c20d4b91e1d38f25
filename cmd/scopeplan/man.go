package main

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"
)

// newManCmd writes a man page per command (hidden: `make man` runs it).
func newManCmd() *cobra.Command {
	return &cobra.Command{
		Use:    "man DIR",
		Short:  "Write the man pages of every command into DIR",
		Hidden: true,
		Args:   args(cobra.ExactArgs(1)),
		RunE: func(cmd *cobra.Command, a []string) error {
			if err := os.MkdirAll(a[0], 0o755); err != nil {
				return inputErr(fmt.Errorf("man: %w", err))
			}
			// The pages carry the embedded data's date, not today's, so a
			// rebuild of the same source writes the same pages.
			date, err := time.Parse("2006-01-02", embeddedDate())
			if err != nil {
				date = time.Unix(0, 0).UTC()
			}
			h := &doc.GenManHeader{Title: "SCOPEPLAN", Section: "1", Source: "scopeplan " + buildVersion(), Manual: "scopeplan manual", Date: &date}
			root := cmd.Root()
			root.DisableAutoGenTag = true
			if err := doc.GenManTree(root, h, a[0]); err != nil {
				return inputErr(fmt.Errorf("man: %w", err))
			}
			return nil
		},
	}
}
