// Package report renders scopeplan's results for people and machines:
// text (a table on a terminal, tab-separated lines in a pipe), Markdown,
// JSON, YAML, SARIF, GitHub annotations and manifests. Each report has a
// table of printers, one per format (PlanPrinters, LintPrinters, ...),
// and the formats a command accepts are its table's. Every JSON and YAML
// document carries schema_version and data (where the catalog came
// from); their shapes are declared in views.go.
//
// The files are by format family: text.go (text, on a terminal and in a
// pipe), markdown.go, json.go, yaml.go (with manifests), sarif.go and
// github.go; each report's file builds its view and its table.
package report

import (
	"strconv"
	"strings"

	"github.com/scopeplan/scopeplan"
	"github.com/scopeplan/scopeplan/parser/record"
)

// SchemaVersion is the version of every JSON and YAML output's shape.
// It changes only when a key is renamed or removed.
const SchemaVersion = 1

// NewMeta returns the head for a catalog of the given provenance.
func NewMeta(p scopeplan.Provenance) Meta { return Meta{SchemaVersion: SchemaVersion, Data: p} }

func nonNilStrings(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func orNone(s []string) string {
	if len(s) == 0 {
		return "(none)"
	}
	return strings.Join(s, ", ")
}

func sourcesText(src []record.Source) string {
	var parts []string
	for _, s := range src {
		parts = append(parts, s.File+":"+strconv.Itoa(int(s.Line)))
	}
	return strings.Join(parts, ", ")
}

// appPhrase names an app type with its article: "a user app", "an admin app".
func appPhrase(app string) string {
	if app == "admin" {
		return "an admin app"
	}
	return "a " + app + " app"
}

func endpointShort(e EndpointView) string {
	if e.Path != "" {
		return e.Method + " " + e.Path
	}
	if e.OperationID != "" {
		return e.Product + "/" + e.OperationID
	}
	return e.Name
}

// endpointLine names an endpoint for a list: its call and its name.
func endpointLine(e EndpointView) string {
	if e.Path == "" && e.OperationID != "" {
		return e.Name + " (" + endpointShort(e) + ")"
	}
	s := endpointShort(e)
	if e.Path != "" {
		s += " (" + e.Name + ")"
	}
	return s
}

// eventPrefix marks an unmapped event in text: "event recording.started".
func eventPrefix(kind string) string {
	if kind == "event" {
		return "event "
	}
	return ""
}

// lists is how a format family writes headed lists of items (a catalog
// diff, a migration): textLists or markdownLists.
type lists struct {
	// title opens a report's title line ("## " in Markdown).
	title string
	// section opens a list.
	section func(w *Writer, title string)
	// item writes one entry.
	item func(w *Writer, s string)
	// text escapes prose; list and listOrNone render a list of names
	// (listOrNone says "(none)" for an empty one in text).
	text       func(string) string
	list       func([]string) string
	listOrNone func([]string) string
}

// heading writes a report's heading line in the families that have one
// (those whose title mark is not empty).
func (st lists) heading(w *Writer, title string) {
	if st.title != "" {
		w.Printf("%s%s\n\n", st.title, title)
	}
}
