package apiref

import (
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/scopeplan/scopeplan/parser/record"
)

// SniffEndpointPage reports whether data looks like one API reference
// page: exactly one request line ("POST {{baseUrl}}/path") not under a
// numbered header, followed by a "Scopes:", "Granular Scopes:" or
// "Rate Limit Label:" line, and no marks of a Postman list or a rendered
// OpenAPI reference.
func SniffEndpointPage(data []byte) bool {
	s := sniff(data)
	return !s.structured && s.methodBlocks == 0 && !s.countLine && s.headedRequests == 0 &&
		s.requests == 1 && s.fieldAfterReq
}

// ParseEndpointPage reads one API reference page into one Operation: the
// first request line gives Method and Path, the nearest non-blank line
// above it the Name, and the "Scopes:", "Granular Scopes:" and
// "Rate Limit Label:" lines after it the scopes and rate limit. Lines after
// the Rate Limit Label (body, responses, curl example) are not read.
//
// The page does not name its product; Document.Title is inferred from the
// first segment of the path ("/phone/..." gives "Phone") and left empty
// when the path starts with a parameter. It fails when the page has no
// request line.
func ParseEndpointPage(path string, data []byte) (*record.Document, error) {
	t := newText(path, data)
	b := newBuilder(t, record.KindEndpointPage)

	at := -1
	var method, target string
	for i, line := range t.lines {
		if m, tg, ok := requestLine(line); ok {
			at, method, target = i, m, tg
			break
		}
	}
	if at < 0 {
		return nil, errors.New("endpoint page: no request line found (want \"METHOD {{baseUrl}}/path\")")
	}
	e := newEntry(at)
	e.setRequest(method, target)
	if name := t.prevNonBlank(at); name >= 0 {
		e.start = name
		e.op.Name = strings.Clone(trimSpaces(t.lines[name]))
	} else {
		b.problem(record.ProblemMissingHeader, at, e.subject(), "no name line before the request line")
	}
	for i := at + 1; i < len(t.lines) && !e.closed; i++ {
		if _, _, ok := requestLine(t.lines[i]); ok {
			break
		}
		e.feed(b, i)
	}
	e.finish(b, false, "")
	// Inference, not a statement of the page: the product is taken to be
	// the first path segment.
	b.doc.Title = productOf(e.op.Path)
	return b.done(), nil
}

// productOf infers a product title from the first segment of a path:
// "/phone/users/:userId" gives "Phone", "/contact_center/x" gives
// "Contact Center". It returns "" when the segment is a parameter.
func productOf(path string) string {
	seg, _, _ := strings.Cut(strings.TrimPrefix(path, "/"), "/")
	if seg == "" || strings.ContainsAny(seg, ":{}") {
		return ""
	}
	words := strings.FieldsFunc(seg, func(r rune) bool { return r == '_' || r == '-' })
	for i, w := range words {
		r, n := utf8.DecodeRuneInString(w)
		words[i] = string(unicode.ToTitle(r)) + w[n:]
	}
	return strings.Join(words, " ")
}
