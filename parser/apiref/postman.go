package apiref

import (
	"errors"
	"strconv"
	"strings"

	"github.com/scopeplan/scopeplan/parser/record"
)

// labelCount states the number of entries of a Postman-style list.
const labelCount = "Number of APIs:"

// SniffPostman reports whether data looks like a Postman-style API list:
// a "Number of APIs:" line, a numbered entry header followed by a request
// line ("1. tag - Name" then "GET {{baseUrl}}/path"), or several request
// lines. Only the first part of the document is examined.
func SniffPostman(data []byte) bool {
	s := sniff(data)
	if s.structured || s.methodBlocks > 0 {
		return false
	}
	return s.countLine || s.headedRequests > 0 || s.requests >= 2
}

// ParsePostman reads a Postman-style API list. Each entry becomes an
// Operation: the header "N. tag - Name" gives Tags and Name, the request
// line "METHOD {{baseUrl}}/path?query" gives Method and Path, the
// "Scopes:" line (continued on following lines that start with a comma)
// the classic scopes and "Rate Limit Label:" the rate limit.
//
// An entry without a numbered header starts at its request line and is
// reported as MISSING_HEADER; an entry lacking a field as MISSING_FIELD
// (and dropped when it has no request line); a split scope list as
// SPLIT_SCOPE_LIST; a last entry without its Rate Limit Label as
// TRUNCATED_ENTRY; a "Number of APIs:" count that disagrees with the
// entries found as COUNT_MISMATCH. It fails only when the document holds
// neither a count line nor any entry.
func ParsePostman(path string, data []byte) (*record.Document, error) {
	t := newText(path, data)
	b := newBuilder(t, record.KindPostman)

	countAt, stated := -1, 0
	entries := 0 // entries met, with or without header
	var cur *entry
	finish := func(last bool) {
		if cur != nil {
			cur.finish(b, last && !cur.rateSeen, `"`+labelRate+`" line`)
			cur = nil
		}
	}
	for i, line := range t.lines {
		if countAt < 0 && cur == nil {
			if rest, ok := strings.CutPrefix(trimSpaces(line), labelCount); ok {
				if n, err := strconv.Atoi(trimSpaces(rest)); err == nil {
					countAt, stated = i, n
					continue
				}
			}
		}
		if num, rest, ok := numberedHeader(line); ok && isEntryHeader(t, i, num, entries) {
			finish(false)
			entries++
			cur = newEntry(i)
			tag, name, found := strings.Cut(rest, " - ")
			if found && !strings.ContainsAny(trimSpaces(tag), " \t") {
				if tag = trimSpaces(tag); tag != "" {
					cur.op.Tags = []string{strings.Clone(tag)}
				}
				rest = name
			}
			cur.op.Name = strings.Clone(trimSpaces(rest))
			continue
		}
		if method, target, ok := requestLine(line); ok {
			if cur == nil || cur.op.Method != "" {
				finish(false)
				entries++
				cur = newEntry(i)
				cur.setRequest(method, target)
				b.problem(record.ProblemMissingHeader, i, cur.subject(),
					"entry %d has no numbered header; it starts at its request line and has no name", entries)
				continue
			}
			cur.setRequest(method, target)
			continue
		}
		if cur != nil {
			cur.feed(b, i)
		}
	}
	finish(true)

	if countAt < 0 && entries == 0 {
		return nil, errors.New("postman list: no entries found (want \"N. tag - Name\" headers or \"METHOD {{baseUrl}}/path\" lines)")
	}
	if countAt >= 0 && stated != entries {
		b.problem(record.ProblemCountMismatch, countAt, "",
			"%s states %d but %d entries were found (%d operations kept)",
			strings.TrimSuffix(labelCount, ":"), stated, entries, len(b.doc.Operations))
	}
	return b.done(), nil
}

// numberedHeader parses "N. rest" where N is a decimal number and rest is
// not empty.
func numberedHeader(line string) (int, string, bool) {
	s := trimSpaces(line)
	digits := 0
	for digits < len(s) && digits < 9 && s[digits] >= '0' && s[digits] <= '9' {
		digits++
	}
	if digits == 0 || !strings.HasPrefix(s[digits:], ". ") {
		return 0, "", false
	}
	rest := trimSpaces(s[digits+2:])
	if rest == "" {
		return 0, "", false
	}
	n, err := strconv.Atoi(s[:digits])
	if err != nil {
		return 0, "", false
	}
	return n, rest, true
}

// isEntryHeader tells a numbered entry header at line index i from a
// numbered list item of a description. A header is followed by a request
// line; a header whose request line is missing must at least carry the
// next entry number and be followed by the next header or the end.
func isEntryHeader(t *text, i, num, entries int) bool {
	next := t.nextNonBlank(i + 1)
	if next < 0 {
		return num == entries+1
	}
	if _, _, ok := requestLine(t.lines[next]); ok {
		return true
	}
	if num != entries+1 {
		return false
	}
	n, _, ok := numberedHeader(t.lines[next])
	return ok && n == num+1
}
