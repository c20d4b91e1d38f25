package apiref

import (
	"errors"
	"strings"

	"github.com/scopeplan/scopeplan/parser/record"
)

// Markers of the rendered OpenAPI reference.
const (
	markMethod = "- Method:"
	markPath   = "- Path:"
	markTags   = "- Tags:"
)

// SniffOpenAPIText reports whether data looks like an API reference
// rendered from OpenAPI as text: an operation block "- Method:" with a
// "- Path:" on the same or one of the next two lines, and no marks of a
// Postman list. JSON and YAML documents are rejected.
func SniffOpenAPIText(data []byte) bool {
	s := sniff(data)
	return !s.structured && s.methodBlocks > 0 && !s.countLine && s.headedRequests == 0
}

// ParseOpenAPIText reads an API reference rendered from OpenAPI as text.
// The first line gives Document.Title. Each operation is a title line (its
// Name), a block "- Method:" / "METHOD - Path:" / "/path - Tags: T" (the
// block may also sit on one line), a description, "Scopes:",
// "Granular Scopes:" and "Rate Limit Label:" lines, then "Request Body"
// and "Responses" sections, which are not read.
//
// An operation whose title line is missing is reported as MISSING_HEADER;
// one lacking a field as MISSING_FIELD (and dropped when it has no method
// or path); a split scope list as SPLIT_SCOPE_LIST; a last operation that
// ends before its "Responses" section as TRUNCATED_ENTRY. It fails when no
// operation block is found.
func ParseOpenAPIText(path string, data []byte) (*record.Document, error) {
	t := newText(path, data)
	b := newBuilder(t, record.KindOpenAPIText)

	var blocks []int
	for i, line := range t.lines {
		if strings.HasPrefix(trimSpaces(line), markMethod) {
			blocks = append(blocks, i)
		}
	}
	if len(blocks) == 0 {
		return nil, errors.New("openapi text: no operation found (want a \"- Method:\" block)")
	}

	end := 0 // index after the last line read by the previous operation
	for k, at := range blocks {
		e := newEntry(at)
		if title := at - 1; title >= end && title >= 0 && isTitleLine(t.lines[title]) {
			e.start = title
			e.op.Name = strings.Clone(trimSpaces(t.lines[title]))
		}
		if k == 0 && e.start > 0 {
			if first := t.nextNonBlank(0); first >= 0 && first < e.start {
				b.doc.Title = strings.Clone(trimSpaces(t.lines[first]))
			}
		}
		stop := len(t.lines)
		if k+1 < len(blocks) {
			stop = blocks[k+1]
			if next := stop - 1; next > at && isTitleLine(t.lines[next]) {
				stop = next
			}
		}
		i := readBlock(t, at, stop, e)
		if e.op.Name == "" {
			b.problem(record.ProblemMissingHeader, e.start, e.subject(),
				"operation has no title line before its %q block; it has no name", markMethod)
		}
		responses := false
		for ; i < stop; i++ {
			if s := sectionOf(t.lines[i]); s != "" {
				responses = s == "Responses"
				for j := i + 1; j < stop && !responses; j++ {
					responses = sectionOf(t.lines[j]) == "Responses"
				}
				break
			}
			e.feed(b, i)
		}
		e.finish(b, k == len(blocks)-1 && !responses, `"Responses" section`)
		end = stop
	}
	return b.done(), nil
}

// readBlock reads the "- Method: M - Path: P - Tags: T" block starting at
// line index at, whose parts may be spread over up to three more lines,
// into e. It returns the index of the first line after the block.
func readBlock(t *text, at, stop int, e *entry) int {
	s := trimSpaces(t.lines[at])
	i := at + 1
	for n := 0; n < 3 && i < stop && endsWithMark(s); n++ {
		s += " " + trimSpaces(t.lines[i])
		i++
	}
	rest := strings.TrimPrefix(s, markMethod)
	method, rest, _ := strings.Cut(rest, markPath)
	target, tags, _ := strings.Cut(rest, markTags)
	if m, ok := httpMethod(trimSpaces(method)); ok {
		e.op.Method = m
	}
	if target = trimSpaces(target); target != "" && !strings.ContainsAny(target, " \t") {
		e.op.Path = strings.Clone(pathOf(target))
	}
	for tag := range strings.SplitSeq(tags, ",") {
		if tag = trimSpaces(tag); tag != "" {
			e.op.Tags = append(e.op.Tags, strings.Clone(tag))
		}
	}
	return i
}

// endsWithMark reports whether a block line ends with a marker whose value
// is on the next line.
func endsWithMark(s string) bool {
	return strings.HasSuffix(s, markMethod) || strings.HasSuffix(s, markPath) || strings.HasSuffix(s, markTags)
}

// sectionOf names the schema section a line opens, or "".
func sectionOf(line string) string {
	switch s := trimSpaces(line); s {
	case "Request Body", "Responses", "Path Parameters", "Query Parameters", "Parameters", "Headers":
		return s
	}
	return ""
}

// isTitleLine reports whether the line before a "- Method:" block can be
// an operation title rather than the tail of the previous operation (a
// status line, a schema row, an example) or a section heading.
func isTitleLine(line string) bool {
	s := trimSpaces(line)
	if s == "" || sectionOf(s) != "" || s == "Operations" || s == "Servers" {
		return false
	}
	for _, p := range [...]string{"-", "{", "}", "[", "]", "\"", "Status:", "Example:", "Content-Type:", "http://", "https://"} {
		if strings.HasPrefix(s, p) {
			return false
		}
	}
	if k, _ := fieldOf(s); k != fieldNone {
		return false
	}
	// Schema rows read "namestring— description".
	return !strings.Contains(s, "\u2014")
}
