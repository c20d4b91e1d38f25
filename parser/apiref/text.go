package apiref

import (
	"fmt"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/scopeplan/scopeplan/parser/record"
)

// Field labels shared by the three text shapes.
const (
	labelScopes   = "Scopes:"
	labelGranular = "Granular Scopes:"
	labelRate     = "Rate Limit Label:"
)

// text is a document split into lines. Lines are substrings of one string
// conversion of the input; lines[i] is line i+1, without its terminator.
type text struct {
	file  string
	lines []string
}

// newText splits data into lines, dropping a leading byte order mark and
// the "\r" of "\r\n" line ends.
func newText(file string, data []byte) *text {
	s := strings.TrimPrefix(string(data), "\ufeff")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimSuffix(l, "\r")
	}
	return &text{file: file, lines: lines}
}

// src is the position of line index i (0-based) with an optional 1-based
// column.
func (t *text) src(i, col int) record.Source {
	return record.At(t.file, i+1, col)
}

// nextNonBlank returns the index of the first non-blank line at or after i,
// or -1.
func (t *text) nextNonBlank(i int) int {
	for ; i < len(t.lines); i++ {
		if !blank(t.lines[i]) {
			return i
		}
	}
	return -1
}

// prevNonBlank returns the index of the last non-blank line before i, or -1.
func (t *text) prevNonBlank(i int) int {
	for i--; i >= 0; i-- {
		if !blank(t.lines[i]) {
			return i
		}
	}
	return -1
}

// blank reports whether a line holds only spaces and tabs.
func blank(line string) bool {
	return trimSpaces(line) == ""
}

// trimSpaces trims ASCII spaces and tabs, and nothing else: other white
// space (a no-break space, say) is content a linter may want to see.
func trimSpaces(s string) string {
	return strings.Trim(s, " \t")
}

// column is the 1-based column, counted in characters, of byte offset off
// of line.
func column(line string, off int) int {
	return utf8.RuneCountInString(line[:off]) + 1
}

// builder collects the document being built and its problems.
type builder struct {
	t   *text
	doc *record.Document
}

// newBuilder starts a document of the given kind.
func newBuilder(t *text, kind record.Kind) *builder {
	return &builder{t: t, doc: &record.Document{Path: t.file, Kind: kind}}
}

// problem records a structural defect found at line index i.
func (b *builder) problem(code string, i int, subject, format string, args ...any) {
	b.doc.Problems = append(b.doc.Problems, record.Problem{
		Code:    code,
		Subject: subject,
		Message: fmt.Sprintf(format, args...),
		Source:  b.t.src(i, 0),
	})
}

// done orders the problems by line and returns the document.
func (b *builder) done() *record.Document {
	sort.SliceStable(b.doc.Problems, func(i, j int) bool {
		return b.doc.Problems[i].Source.Line < b.doc.Problems[j].Source.Line
	})
	return b.doc
}

// httpMethod returns the upper-case HTTP method named by s, in any ASCII
// case.
// It does not allocate.
func httpMethod(s string) (string, bool) {
	if len(s) < 3 || len(s) > 7 {
		return "", false
	}
	for _, m := range [...]string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS", "TRACE"} {
		if asciiEqualFold(s, m) {
			return m, true
		}
	}
	return "", false
}

// asciiEqualFold compares s with the upper-case ASCII word upper, ignoring
// the case of ASCII letters only.
func asciiEqualFold(s, upper string) bool {
	if len(s) != len(upper) {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'a' <= c && c <= 'z' {
			c -= 'a' - 'A'
		}
		if c != upper[i] {
			return false
		}
	}
	return true
}

// requestLine parses "METHOD target", where the target is a URL
// ("{{baseUrl}}/path", "https://host/path") or an absolute path, and
// nothing else is on the line.
func requestLine(line string) (method, target string, ok bool) {
	word, rest, found := strings.Cut(trimSpaces(line), " ")
	if !found {
		return "", "", false
	}
	method, ok = httpMethod(word)
	if !ok {
		return "", "", false
	}
	target = trimSpaces(rest)
	if target == "" || strings.ContainsAny(target, " \t") || !looksLikeTarget(target) {
		return "", "", false
	}
	return method, target, true
}

// looksLikeTarget reports whether s starts like a request target.
func looksLikeTarget(s string) bool {
	if strings.HasPrefix(s, "{{") {
		return strings.Contains(s[2:], "}}")
	}
	return strings.HasPrefix(s, "/") || strings.HasPrefix(s, "https://") || strings.HasPrefix(s, "http://")
}

// pathOf returns the path template of a request target: without a Postman
// base-URL variable ("{{baseUrl}}"), without scheme and host (and the API
// version segment that follows the host, as in "https://api.zoom.us/v2"),
// and without query string or fragment. Parameters (":id", "{id}") are
// kept as written.
func pathOf(target string) string {
	if i := strings.IndexAny(target, "?#"); i >= 0 {
		target = target[:i]
	}
	switch {
	case strings.HasPrefix(target, "{{"):
		if i := strings.Index(target[2:], "}}"); i >= 0 {
			target = target[2+i+2:]
		}
	case strings.HasPrefix(target, "https://") || strings.HasPrefix(target, "http://"):
		_, hostPath, _ := strings.Cut(target, "://")
		target = ""
		if i := strings.IndexByte(hostPath, '/'); i >= 0 {
			target = stripVersion(hostPath[i:])
		}
	}
	if target == "" {
		return "/"
	}
	return target
}

// stripVersion drops a leading "/v<digits>" segment.
func stripVersion(p string) string {
	if len(p) < 3 || p[1] != 'v' {
		return p
	}
	i := 2
	for i < len(p) && p[i] >= '0' && p[i] <= '9' {
		i++
	}
	if i == 2 || (i < len(p) && p[i] != '/') {
		return p
	}
	return p[i:]
}

// fieldKind names the field a line states.
type fieldKind int

// The field lines of an entry.
const (
	fieldNone fieldKind = iota
	fieldScopes
	fieldGranular
	fieldRate
)

// label is the label a field is written with.
func (k fieldKind) label() string {
	switch k {
	case fieldScopes:
		return labelScopes
	case fieldGranular:
		return labelGranular
	case fieldRate:
		return labelRate
	}
	return ""
}

// fieldOf tells which field a line states and the byte offset of its
// value. Leading spaces and tabs are allowed.
func fieldOf(line string) (fieldKind, int) {
	indent := len(line) - len(strings.TrimLeft(line, " \t"))
	rest := line[indent:]
	for _, k := range [...]fieldKind{fieldScopes, fieldGranular, fieldRate} {
		if strings.HasPrefix(rest, k.label()) {
			return k, indent + len(k.label())
		}
	}
	return fieldNone, 0
}

// appendScopes appends the comma-separated scope names of line index i,
// starting at byte offset off. Names are trimmed of surrounding spaces and
// tabs only; empty items are skipped. It reports whether the value ends
// with a comma (the list asks to be continued).
func (t *text) appendScopes(dst []record.ScopeRef, i, off int) ([]record.ScopeRef, bool) {
	line := t.lines[i]
	value := line[off:]
	open := strings.HasSuffix(trimSpaces(value), ",")
	for len(value) > 0 {
		item, rest, _ := strings.Cut(value, ",")
		lead := len(item) - len(strings.TrimLeft(item, " \t"))
		if name := trimSpaces(item); name != "" {
			dst = append(dst, record.ScopeRef{
				Name:   strings.Clone(name),
				Source: t.src(i, column(line, off+lead)),
			})
		}
		off += len(item) + 1
		value = rest
	}
	return dst, open
}
