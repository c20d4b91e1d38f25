package report

import (
	"encoding/json"
	"fmt"
	"io"
)

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

// jsonPrinter prints any report as its JSON view.
func jsonPrinter[R any]() Printer[R] {
	return func(w *Writer, r R) error { return WriteJSON(w, r) }
}
