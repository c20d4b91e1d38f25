// Package report renders scopeplan's results for people and machines:
// text (a table on a terminal, tab-separated lines in a pipe), Markdown,
// JSON, YAML, SARIF and HTML. Every JSON and YAML document carries
// schema_version and data (where the catalog came from).
package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"gopkg.in/yaml.v3"

	"github.com/scopeplan/scopeplan"
)

// SchemaVersion is the version of every JSON and YAML output's shape.
// It changes only when a key is renamed or removed.
const SchemaVersion = 1

// Format is an output format name as given to --format.
type Format string

// Output formats.
const (
	FormatText     Format = "text"
	FormatJSON     Format = "json"
	FormatYAML     Format = "yaml"
	FormatMarkdown Format = "markdown"
	FormatSARIF    Format = "sarif"
	FormatHTML     Format = "html"
	FormatGitHub   Format = "github"
	FormatManifest Format = "manifest"
)

// ParseFormat checks a --format value against the formats a command allows.
func ParseFormat(s string, allowed ...Format) (Format, error) {
	var names []string
	for _, f := range allowed {
		if string(f) == s {
			return f, nil
		}
		names = append(names, string(f))
	}
	return "", fmt.Errorf("unknown format %q (want one of: %s)", s, strings.Join(names, ", "))
}

// Meta is the head of every JSON and YAML output.
type Meta struct {
	SchemaVersion int                  `json:"schema_version" yaml:"schema_version"`
	Data          scopeplan.Provenance `json:"data" yaml:"data"`
}

// NewMeta returns the head for a catalog of the given provenance.
func NewMeta(p scopeplan.Provenance) Meta { return Meta{SchemaVersion: SchemaVersion, Data: p} }

// WriteJSON writes v as indented JSON with a final newline; HTML
// characters are not escaped (the output is data, not a web page).
func WriteJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

// WriteYAML writes v as YAML.
func WriteYAML(w io.Writer, v any) error {
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write YAML: %w", err)
	}
	if err := enc.Close(); err != nil {
		return fmt.Errorf("write YAML: %w", err)
	}
	return nil
}

// Table writes rows for a terminal (aligned columns with a header) or for
// a pipe (tab-separated lines, no header), so scripts can cut and sort.
type Table struct {
	w      io.Writer
	tty    bool
	header []string
	rows   [][]string
	// styles colour columns on a colour terminal (see Style).
	styles map[int]func(string) Style
}

// NewTable starts a table with the given column names.
func NewTable(w io.Writer, tty bool, header ...string) *Table {
	return &Table{w: w, tty: tty, header: header}
}

// Row adds a row; cells are sanitised of tabs and newlines, and their
// control and bidi-override characters escaped (see Escape).
func (t *Table) Row(cells ...string) {
	clean := make([]string, len(cells))
	for i, c := range cells {
		clean[i] = Escape(strings.NewReplacer("\t", " ", "\n", " ", "\r", " ").Replace(c))
	}
	t.rows = append(t.rows, clean)
}

// Flush writes the table.
func (t *Table) Flush() error {
	if !t.tty {
		for _, r := range t.rows {
			if _, err := fmt.Fprintln(t.w, strings.Join(r, "\t")); err != nil {
				return err
			}
		}
		return nil
	}
	if len(t.rows) == 0 && len(t.header) > 0 {
		// No header over nothing: say the result is empty.
		_, err := fmt.Fprintln(t.w, "(none)")
		return err
	}
	if term, ok := t.w.(Terminal); ok {
		return t.flushTerminal(term)
	}
	tw := tabwriter.NewWriter(t.w, 0, 0, 2, ' ', 0)
	if len(t.header) > 0 {
		fmt.Fprintln(tw, strings.ToUpper(strings.Join(t.header, "\t")))
	}
	for _, r := range t.rows {
		fmt.Fprintln(tw, strings.Join(r, "\t"))
	}
	return tw.Flush()
}
