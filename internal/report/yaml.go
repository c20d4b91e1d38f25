package report

import (
	"fmt"
	"io"
	"strings"

	"gopkg.in/yaml.v3"
)

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

// yamlPrinter prints any report as its YAML view.
func yamlPrinter[R any]() Printer[R] {
	return func(w *Writer, r R) error { return WriteYAML(w, r) }
}

// planManifest prints a plan as the scopes block of a Zoom app manifest
// (YAML), opened by a comment listing what the plan left unmapped.
func planManifest(w *Writer, r PlanReport) error {
	manifestHeader(w, r)
	return WriteYAML(w, NewManifest(r))
}

// manifestHeader is the comment block opening a manifest whose plan left
// calls or events unmapped: the scopes below do not cover them.
func manifestHeader(w *Writer, r PlanReport) {
	if len(r.Unmapped) == 0 {
		return
	}
	var b strings.Builder
	fmt.Fprintf(&b, "# scopeplan: %d call(s) or event(s) could not be mapped; the scopes below do not cover them:\n", len(r.Unmapped))
	for _, u := range r.Unmapped {
		fmt.Fprintf(&b, "#   %s%s: %s\n", eventPrefix(u.Kind), commentSafe(u.Call), commentSafe(u.Reason))
		if len(u.Suggestions) > 0 {
			fmt.Fprintf(&b, "#     did you mean: %s\n", commentSafe(strings.Join(u.Suggestions, " | ")))
		}
	}
	w.Printf("%s", b.String())
}

// commentBreaks turns line breaks into spaces; built once.
var commentBreaks = strings.NewReplacer("\r", " ", "\n", " ")

// commentSafe keeps text on one comment line.
func commentSafe(s string) string { return commentBreaks.Replace(s) }
