package report

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"
	"unicode/utf8"

	"github.com/scopeplan/scopeplan/audit"
)

// Terminal is a writer to a terminal: text writers fit their tables to
// its width and colour severities, verdicts and unmapped calls when it
// says so. A plain io.Writer (a pipe, a file, a test buffer) gets neither.
type Terminal interface {
	io.Writer
	// Width is the terminal's width in columns; 0 when unknown.
	Width() int
	// Colour reports whether to colour the output.
	Colour() bool
}

// NewTerminal wraps w as a terminal of the given width and colour.
func NewTerminal(w io.Writer, width int, colour bool) Terminal {
	return &terminal{Writer: w, width: width, colour: colour}
}

type terminal struct {
	io.Writer
	width  int
	colour bool
}

func (t *terminal) Width() int   { return t.width }
func (t *terminal) Colour() bool { return t.colour }

// Style is an ANSI colour for a kind of text.
type Style string

// Styles.
const (
	StyleNone  Style = ""
	StyleBad   Style = "\x1b[31m" // red: errors, failing verdicts, unmapped calls
	StyleWarn  Style = "\x1b[33m" // yellow: warnings
	StyleGood  Style = "\x1b[32m" // green: a matching request
	StyleNote  Style = "\x1b[36m" // cyan: information
	styleReset       = "\x1b[0m"
)

// Paint colours s when w is a terminal that wants colour.
func Paint(w io.Writer, st Style, s string) string {
	if t, ok := asTerminal(w); ok && t.Colour() && st != StyleNone && s != "" {
		return string(st) + s + styleReset
	}
	return s
}

// SeverityStyle is the colour of a lint severity.
func SeverityStyle(s string) Style {
	switch s {
	case "error":
		return StyleBad
	case "warning":
		return StyleWarn
	case "info":
		return StyleNote
	}
	return StyleNone
}

// VerdictStyle is the colour of an audit verdict.
func VerdictStyle(v string) Style {
	switch v {
	case audit.VerdictMatch.String():
		return StyleGood
	case audit.VerdictNoCalls.String():
		return StyleNote
	}
	return StyleBad
}

// Style colours the cells of a column by their text.
func (t *Table) Style(col int, f func(cell string) Style) {
	if t.styles == nil {
		t.styles = map[int]func(string) Style{}
	}
	t.styles[col] = f
}

// ellipsis ends a cut cell.
const ellipsis = "…"

// minCell is the narrowest a column is cut to.
const minCell = 8

// fitWidths returns the column widths of a table on a terminal of the
// given width: the natural widths when they fit, else the widest columns
// cut down until the line fits (no column below minCell).
func fitWidths(natural []int, width, pad int) []int {
	w := append([]int(nil), natural...)
	if width <= 0 || len(w) == 0 {
		return w
	}
	total := func() int {
		n := 0
		for i, x := range w {
			n += x
			if i < len(w)-1 {
				n += pad
			}
		}
		return n
	}
	for total() > width {
		widest := -1
		for i, x := range w {
			if x > minCell && (widest < 0 || x > w[widest]) {
				widest = i
			}
		}
		if widest < 0 {
			break // every column at its minimum: let the line wrap
		}
		w[widest] -= min(total()-width, w[widest]-minCell, max(1, w[widest]/8))
	}
	return w
}

// cut shortens s to n runes, ending in an ellipsis when it was longer.
func cut(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	if n <= 1 {
		return ellipsis
	}
	r := []rune(s)
	return string(r[:n-1]) + ellipsis
}

// flushTerminal writes the table aligned to the terminal's width, cutting
// long cells with an ellipsis and colouring styled columns.
func (t *Table) flushTerminal(term Terminal) error {
	cols := len(t.header)
	for _, r := range t.rows {
		cols = max(cols, len(r))
	}
	natural := make([]int, cols)
	measure := func(r []string) {
		for i, c := range r {
			natural[i] = max(natural[i], utf8.RuneCountInString(c))
		}
	}
	header := make([]string, len(t.header))
	for i, h := range t.header {
		header[i] = strings.ToUpper(h)
	}
	measure(header)
	for _, r := range t.rows {
		measure(r)
	}
	const pad = 2
	widths := fitWidths(natural, term.Width(), pad)
	var b strings.Builder
	line := func(r []string, styled bool) {
		for i, c := range r {
			text := cut(c, widths[i])
			shown := text
			if f := t.styles[i]; styled && f != nil {
				shown = Paint(term, f(c), text)
			}
			b.WriteString(shown)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(text)+pad))
			}
		}
		b.WriteString("\n")
	}
	if len(header) > 0 {
		line(header, false)
	}
	for _, r := range t.rows {
		line(r, true)
	}
	return t.write(b.String())
}

// escapedTerminal is EscapeWriter on a terminal: it stays a Terminal (so
// tables still fit and colour), and lets through the colour sequences of
// the Styles above, exactly, when the terminal wants colour; every other
// control character is escaped as EscapeWriter escapes it.
type escapedTerminal struct {
	Terminal
	esc *escapeWriter
}

// escapeTerminal wraps a terminal for EscapeWriter.
func escapeTerminal(t Terminal) io.Writer {
	if e, ok := t.(*escapedTerminal); ok {
		return e
	}
	return &escapedTerminal{Terminal: t, esc: &escapeWriter{w: t}}
}

// styleCodes are the only sequences an escaped terminal passes through.
func styleCodes() []string {
	return []string{string(StyleBad), string(StyleWarn), string(StyleGood), string(StyleNote), styleReset}
}

func (e *escapedTerminal) Write(p []byte) (int, error) {
	if !e.Colour() {
		return e.esc.Write(p)
	}
	codes := styleCodes()
	rest := p
	for len(rest) > 0 {
		i := bytes.IndexByte(rest, 0x1b)
		if i < 0 {
			break
		}
		code := ""
		for _, c := range codes {
			if bytes.HasPrefix(rest[i:], []byte(c)) {
				code = c
				break
			}
		}
		if code == "" {
			// Not ours: escape through the next one of ours.
			if _, err := e.esc.Write(rest[:i+1]); err != nil {
				return 0, err
			}
			rest = rest[i+1:]
			continue
		}
		if _, err := e.esc.Write(rest[:i]); err != nil {
			return 0, err
		}
		if _, err := io.WriteString(e.Terminal, code); err != nil {
			return 0, err
		}
		rest = rest[i+len(code):]
	}
	if _, err := e.esc.Write(rest); err != nil {
		return 0, err
	}
	return len(p), nil
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

// cellBreaks turns a cell's tabs and line breaks into spaces; built once
// (a strings.Replacer is read-only and safe for concurrent use).
var cellBreaks = strings.NewReplacer("\t", " ", "\n", " ", "\r", " ")

// Row adds a row; cells are sanitised of tabs and newlines, and their
// control and bidi-override characters escaped (see Escape).
func (t *Table) Row(cells ...string) {
	clean := make([]string, len(cells))
	for i, c := range cells {
		clean[i] = Escape(cellBreaks.Replace(c))
	}
	t.rows = append(t.rows, clean)
}

// Flush writes the table.
func (t *Table) Flush() error {
	var b strings.Builder
	if !t.tty {
		for _, r := range t.rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
		return t.write(b.String())
	}
	if len(t.rows) == 0 && len(t.header) > 0 {
		// No header over nothing: say the result is empty.
		return t.write("(none)\n")
	}
	if term, ok := asTerminal(t.w); ok {
		return t.flushTerminal(term)
	}
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	if len(t.header) > 0 {
		_, _ = io.WriteString(tw, strings.ToUpper(strings.Join(t.header, "\t"))+"\n") // into a Builder: cannot fail
	}
	for _, r := range t.rows {
		_, _ = io.WriteString(tw, strings.Join(r, "\t")+"\n")
	}
	if err := tw.Flush(); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return t.write(b.String())
}

// write writes s to the table's writer.
func (t *Table) write(s string) error {
	if _, err := io.WriteString(t.w, s); err != nil {
		return fmt.Errorf("write table: %w", err)
	}
	return nil
}
