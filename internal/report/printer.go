package report

import (
	"fmt"
	"io"
	"strings"
)

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

// forPeople reports whether the format is read by people in a terminal
// or a page (text, Markdown, GitHub annotations): its output is escaped
// (see EscapeWriter). JSON, YAML, SARIF, HTML and manifests are data and
// keep every character as the document has it (their encoders escape
// what their syntax needs).
func (f Format) forPeople() bool {
	switch f {
	case FormatText, FormatMarkdown, FormatGitHub:
		return true
	}
	return false
}

// UnknownFormatError is the error for a --format value a report has no
// printer for; every command says it the same way.
type UnknownFormatError struct {
	Format  string
	Allowed []Format
}

func (e *UnknownFormatError) Error() string {
	names := make([]string, len(e.Allowed))
	for i, f := range e.Allowed {
		names[i] = string(f)
	}
	return fmt.Sprintf("unknown format %q (want one of: %s)", e.Format, strings.Join(names, ", "))
}

// ParseFormat checks a --format value against the formats a command allows.
func ParseFormat(s string, allowed ...Format) (Format, error) {
	for _, f := range allowed {
		if string(f) == s {
			return f, nil
		}
	}
	return "", &UnknownFormatError{Format: s, Allowed: allowed}
}

// Printer writes one report in one format. It writes to w, whose first
// write error w keeps (see Writer), so a printer need not check each
// write; it returns the errors that are not write errors (an encoder's).
type Printer[R any] func(w *Writer, r R) error

// formatPrinter is one row of a Printers table.
type formatPrinter[R any] struct {
	format Format
	print  Printer[R]
}

// Printers is the table of one report's printers, one per format, in the
// order --help lists them (the command's default first). A table is built
// by its report's function (PlanPrinters, LintPrinters, ...) and never
// changed; the formats a command accepts are the table's.
type Printers[R any] struct {
	rows []formatPrinter[R]
}

// printers builds a table from its rows, in --help order.
func printers[R any](rows ...formatPrinter[R]) Printers[R] {
	return Printers[R]{rows: rows}
}

// row is one entry of a table being built.
func row[R any](f Format, p Printer[R]) formatPrinter[R] {
	return formatPrinter[R]{format: f, print: p}
}

// Formats lists the table's formats in --help order.
func (p Printers[R]) Formats() []Format {
	out := make([]Format, len(p.rows))
	for i, r := range p.rows {
		out[i] = r.format
	}
	return out
}

// Printer returns the printer of a format; an unknown format is an
// *UnknownFormatError.
func (p Printers[R]) Printer(f Format) (Printer[R], error) {
	for _, r := range p.rows {
		if r.format == f {
			return r.print, nil
		}
	}
	return nil, &UnknownFormatError{Format: string(f), Allowed: p.Formats()}
}

// Print writes r in format f to w; tty says whether w is a terminal (text
// is then a table for people, else lines for scripts). The output of the
// formats people read is escaped (see EscapeWriter). It returns the first
// write error, or the printer's own.
func (p Printers[R]) Print(w io.Writer, f Format, tty bool, r R) error {
	print, err := p.Printer(f)
	if err != nil {
		return err
	}
	if f.forPeople() {
		w = EscapeWriter(w)
	}
	out := NewWriter(w, tty)
	err = print(out, r)
	if werr := out.Err(); werr != nil {
		return fmt.Errorf("write %s output: %w", f, werr)
	}
	if err != nil {
		return fmt.Errorf("write %s output: %w", f, err)
	}
	return nil
}

// Writer is what a printer writes to: it remembers the first write error,
// makes every later write a no-op that returns it, and gives it back from
// Err. Printers write through Printf and Println without checking each
// call; Print checks Err once at the end.
type Writer struct {
	w   io.Writer
	tty bool
	err error
}

// NewWriter wraps w; tty says whether it is a terminal.
func NewWriter(w io.Writer, tty bool) *Writer {
	if sw, ok := w.(*Writer); ok {
		return sw
	}
	return &Writer{w: w, tty: tty}
}

// Write writes p unless an earlier write failed.
func (w *Writer) Write(p []byte) (int, error) {
	if w.err != nil {
		return 0, w.err
	}
	n, err := w.w.Write(p)
	if err == nil && n < len(p) {
		err = io.ErrShortWrite
	}
	if err != nil {
		w.err = err
		return n, err
	}
	return n, nil
}

// Printf writes a formatted string.
func (w *Writer) Printf(format string, a ...any) {
	if w.err == nil {
		_, _ = fmt.Fprintf(w, format, a...) // kept in w.err
	}
}

// Println writes its operands, space-separated, and a newline.
func (w *Writer) Println(a ...any) {
	if w.err == nil {
		_, _ = fmt.Fprintln(w, a...) // kept in w.err
	}
}

// Err is the first write error, or nil.
func (w *Writer) Err() error { return w.err }

// TTY reports whether the output is a terminal.
func (w *Writer) TTY() bool { return w.tty }

// asTerminal returns the Terminal a writer is (or wraps), if any: a
// Writer over a Terminal keeps its width and colour.
func asTerminal(w io.Writer) (Terminal, bool) {
	if sw, ok := w.(*Writer); ok {
		w = sw.w
	}
	t, ok := w.(Terminal)
	return t, ok
}
