package apiref

import "strings"

// sniffWindow is how much of a document the sniffers look at.
const sniffWindow = 32 << 10

// signals are the marks of the three shapes found in a document's first
// sniffWindow bytes.
type signals struct {
	structured     bool // JSON, or YAML with an openapi/swagger key
	countLine      bool // "Number of APIs: N"
	headedRequests int  // numbered headers directly followed by a request line
	requests       int  // request lines ("GET {{baseUrl}}/path")
	fieldAfterReq  bool // a Scopes / Granular Scopes / Rate Limit Label line after the first request line
	methodBlocks   int  // "- Method:" lines with a "- Path:" on them or the next two lines
}

// sniff collects the signals of data in one pass over its first
// sniffWindow bytes.
func sniff(data []byte) signals {
	var s signals
	if len(data) > sniffWindow {
		data = data[:sniffWindow]
	}
	doc := strings.TrimPrefix(string(data), "\ufeff")
	if t := strings.TrimLeft(doc, " \t\r\n"); strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[") {
		s.structured = true
		return s
	}
	var prev string   // previous non-blank line
	var method string // pending "- Method:" line and what followed it
	pending := 0      // lines still to look at for "- Path:"
	for rest := doc; rest != ""; {
		var line string
		line, rest, _ = strings.Cut(rest, "\n")
		line = strings.TrimSuffix(line, "\r")
		if strings.HasPrefix(line, "openapi:") || strings.HasPrefix(line, "swagger:") {
			s.structured = true
			return s
		}
		t := trimSpaces(line)
		if t == "" {
			continue
		}
		if pending > 0 {
			method += " " + t
			pending--
			if strings.Contains(method, "- Path:") {
				s.methodBlocks++
				pending = 0
			}
		}
		switch {
		case strings.HasPrefix(t, "- Method:"):
			method, pending = t, 2
			if strings.Contains(t, "- Path:") {
				s.methodBlocks++
				pending = 0
			}
		case strings.HasPrefix(t, labelCount):
			s.countLine = true
		default:
			if _, _, ok := requestLine(t); ok {
				s.requests++
				if _, _, ok := numberedHeader(prev); ok {
					s.headedRequests++
				}
			} else if k, _ := fieldOf(t); k != fieldNone && s.requests > 0 {
				s.fieldAfterReq = true
			}
		}
		prev = t
	}
	return s
}
