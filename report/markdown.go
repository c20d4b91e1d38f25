package report

import "strings"

// MarkdownCell escapes text for a Markdown table cell: pipes, backslashes,
// HTML-significant characters and line breaks can neither break the table
// nor inject markup.
func MarkdownCell(s string) string {
	r := strings.NewReplacer(
		`\`, `\\`, "|", `\|`, "<", "&lt;", ">", "&gt;", "&", "&amp;",
		"\r\n", " ", "\n", " ", "\r", " ", "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`,
	)
	return r.Replace(s)
}

// MarkdownCode renders text as inline code that is safe in a table cell.
// Backticks inside the text end the span early, so they are replaced.
func MarkdownCode(s string) string {
	s = strings.NewReplacer("`", "'", "|", `\|`, "\n", " ", "\r", " ").Replace(s)
	if s == "" {
		return ""
	}
	return "`" + s + "`"
}
