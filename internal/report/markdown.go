package report

import "strings"

// markdownCellEscaper is built once; a strings.Replacer is read-only and
// safe for concurrent use.
var markdownCellEscaper = strings.NewReplacer(
	`\`, `\\`, "|", `\|`, "<", "&lt;", ">", "&gt;", "&", "&amp;",
	"\r\n", " ", "\n", " ", "\r", " ", "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
)

// MarkdownCell escapes text for a Markdown table cell: pipes, backslashes,
// HTML-significant characters and line breaks can neither break the table
// nor inject markup.
func MarkdownCell(s string) string { return markdownCellEscaper.Replace(s) }

// markdownCodeEscaper keeps inline code inside its span and its cell.
var markdownCodeEscaper = strings.NewReplacer("`", "'", "|", `\|`, "\n", " ", "\r", " ")

// MarkdownCode renders text as inline code that is safe in a table cell.
// Backticks inside the text end the span early, so they are replaced.
func MarkdownCode(s string) string {
	s = markdownCodeEscaper.Replace(s)
	if s == "" {
		return ""
	}
	return "`" + s + "`"
}
