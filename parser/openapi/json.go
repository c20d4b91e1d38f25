package openapi

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/scopeplan/scopeplan/parser/record"
)

// errJSON is returned by the scanner on input it cannot walk. It is only
// met when validation let something through that the scanner does not
// expect, which should not happen.
var errJSON = errors.New("unexpected JSON structure")

// jsonReader walks a validated JSON document, decoding only the members it
// needs.
type jsonReader struct {
	path string
	data []byte
	res  *result
	lc   lineCounter
}

// parseJSON validates data with encoding/json and walks it.
func parseJSON(path string, data []byte) (*result, error) {
	bom := bomLen(data)
	if !json.Valid(data[bom:]) {
		var v json.RawMessage
		err := json.Unmarshal(data[bom:], &v)
		var se *json.SyntaxError
		if errors.As(err, &se) {
			lc := lineCounter{data: data, line: 1}
			// Offset counts the offending byte; point at it.
			line, col := lc.at(bom + int(min(max(se.Offset-1, 0), int64(len(data)))))
			return nil, fmt.Errorf("decode OpenAPI JSON: line %d, column %d: %w", line, col, err)
		}
		if err == nil {
			err = errJSON
		}
		return nil, fmt.Errorf("decode OpenAPI JSON: %w", err)
	}
	r := &jsonReader{path: path, data: data, res: &result{}, lc: lineCounter{data: data, line: 1}}
	i := skipWS(data, bom)
	if i >= len(data) || data[i] != '{' {
		return nil, fmt.Errorf("decode OpenAPI JSON: top-level value is not an object")
	}
	if err := r.root(i); err != nil {
		return nil, fmt.Errorf("decode OpenAPI JSON: %w", err)
	}
	return r.res, nil
}

// src is the source of the byte at offset off.
func (r *jsonReader) src(off int) record.Source {
	line, col := r.lc.at(off)
	return record.At(r.path, line, col)
}

// root walks the top-level object.
func (r *jsonReader) root(i int) error {
	var hasVersion, hasPaths bool
	_, err := r.members(i, func(key []byte, k, v int) (int, error) {
		switch string(key) {
		case "openapi":
			hasVersion = true
		case "info":
			if r.data[v] == '{' {
				return r.members(v, func(key []byte, _, v int) (int, error) {
					if string(key) == "title" && r.data[v] == '"' {
						s, end, err := r.str(v)
						r.res.title = s
						return end, err
					}
					return r.skip(v)
				})
			}
		case "paths":
			hasPaths = true
			if r.data[v] == '{' {
				return r.paths(v)
			}
			r.res.problem(record.ProblemMissingField, "paths", r.src(v), "paths is not an object")
		case "webhooks":
			r.res.hasWebhooks = true
			if r.data[v] == '{' {
				return r.webhooks(v)
			}
			r.res.problem(record.ProblemMissingField, "webhooks", r.src(v), "webhooks is not an object")
		case "security":
			var err error
			var end int
			r.res.rootSec, end, err = r.security(v)
			return end, err
		case "components":
			if r.data[v] == '{' {
				return r.components(v)
			}
		}
		return r.skip(v)
	})
	if err != nil {
		return err
	}
	if !hasVersion {
		r.res.problem(record.ProblemMissingField, "openapi", r.src(i), "document has no openapi version")
	}
	if !hasPaths && !r.res.hasWebhooks {
		r.res.problem(record.ProblemMissingField, "paths", r.src(i), "document has no paths")
	}
	return nil
}

// components reads components.securitySchemes.*.type.
func (r *jsonReader) components(i int) (int, error) {
	return r.members(i, func(key []byte, _, v int) (int, error) {
		if string(key) != "securitySchemes" || r.data[v] != '{' {
			return r.skip(v)
		}
		return r.members(v, func(name []byte, _, v int) (int, error) {
			scheme := string(name)
			if r.data[v] != '{' {
				return r.skip(v)
			}
			return r.members(v, func(key []byte, _, v int) (int, error) {
				if string(key) == "type" && r.data[v] == '"' {
					t, end, err := r.str(v)
					if r.res.schemes == nil {
						r.res.schemes = make(map[string]string)
					}
					r.res.schemes[scheme] = t
					return end, err
				}
				return r.skip(v)
			})
		})
	})
}

// paths walks the paths object.
func (r *jsonReader) paths(i int) (int, error) {
	return r.members(i, func(key []byte, _, v int) (int, error) {
		if r.data[v] != '{' {
			return r.skip(v)
		}
		path := string(key)
		return r.members(v, func(key []byte, k, v int) (int, error) {
			method, ok := httpMethod(string(key))
			if !ok {
				return r.skip(v)
			}
			return r.operation(&rawOp{op: record.Operation{Method: method, Path: path, Source: r.src(k)}}, v)
		})
	})
}

// webhooks walks the webhooks object: event name -> path item whose
// operations (normally one "post") describe the event.
func (r *jsonReader) webhooks(i int) (int, error) {
	return r.members(i, func(key []byte, _, v int) (int, error) {
		if r.data[v] != '{' {
			return r.skip(v)
		}
		name := string(key)
		return r.members(v, func(key []byte, k, v int) (int, error) {
			method, ok := httpMethod(string(key))
			if !ok {
				return r.skip(v)
			}
			ro := &rawOp{event: true, op: record.Operation{Method: method, Path: name, Source: r.src(k)}}
			return r.operation(ro, v)
		})
	})
}

// operation reads one operation object into ro and adds it to the result.
func (r *jsonReader) operation(ro *rawOp, v int) (int, error) {
	r.res.ops = append(r.res.ops, ro)
	subject := ro.subject()
	if r.data[v] != '{' {
		ro.reported = true
		r.res.problem(record.ProblemMissingField, subject, ro.op.Source, "operation %s is not an object", subject)
		return r.skip(v)
	}
	end, err := r.members(v, func(key []byte, k, v int) (int, error) {
		switch string(key) {
		case "operationId":
			if r.data[v] == '"' {
				s, end, err := r.str(v)
				ro.op.OperationID = s
				return end, err
			}
			ro.reported = true
			r.res.problem(record.ProblemMissingField, subject, r.src(v), "operationId of %s is not a string", subject)
		case "summary":
			if r.data[v] == '"' {
				s, end, err := r.str(v)
				ro.op.Name = strings.TrimSpace(s)
				return end, err
			}
		case "tags":
			if r.data[v] == '[' {
				return r.elements(v, func(v int) (int, error) {
					if r.data[v] == '"' {
						s, end, err := r.str(v)
						ro.op.Tags = append(ro.op.Tags, s)
						return end, err
					}
					return r.skip(v)
				})
			}
		case "description":
			if r.data[v] == '"' {
				return r.description(ro, v)
			}
		case "requestBody":
			// An event states its scopes in its request body's
			// description; a REST operation's body description is about
			// the body.
			if ro.event && r.data[v] == '{' {
				return r.members(v, func(key []byte, _, v int) (int, error) {
					if string(key) == "description" && r.data[v] == '"' {
						return r.description(ro, v)
					}
					return r.skip(v)
				})
			}
		case "security":
			var err error
			var end int
			ro.hasSec = true
			ro.sec, end, err = r.security(v)
			return end, err
		case "x-extensions":
			if r.data[v] == '{' {
				return r.members(v, func(key []byte, _, v int) (int, error) {
					return r.extension(ro, subject, string(key), v)
				})
			}
		case "x-granular-scopes", "x-macro-scopes", "x-permissions":
			return r.extension(ro, subject, string(key), v)
		}
		return r.skip(v)
	})
	return end, err
}

// description reads the scope and rate-limit labels of the description
// string at data[v]. A second description (an event's operation and its
// request body) adds to what the first stated.
func (r *jsonReader) description(ro *rawOp, v int) (int, error) {
	s, end, err := r.str(v)
	if err != nil {
		return end, err
	}
	if ro.desc == "" {
		ro.desc = s
	}
	t := scanDescription(s)
	m := escMapper{raw: r.data[v+1 : end-1]}
	t.locate(func(off int) record.Source { return r.src(v + 1 + m.rawAt(off)) })
	ro.text.merge(t)
	return end, nil
}

// extension reads x-granular-scopes, x-macro-scopes or x-permissions;
// other keys are skipped.
func (r *jsonReader) extension(ro *rawOp, subject, key string, v int) (int, error) {
	var dst *[]record.ScopeRef
	switch key {
	case "x-permissions":
		var perms []record.ScopeRef
		end, err := r.scopeArray(&perms, subject, key, v)
		for _, p := range perms {
			ro.op.Permissions = append(ro.op.Permissions, p.Name)
		}
		return end, err
	case "x-granular-scopes":
		ro.extHasGranular = true
		dst = &ro.extGranular
	case "x-macro-scopes":
		dst = &ro.extClassic
	default:
		return r.skip(v)
	}
	ro.hasExt = true
	return r.scopeArray(dst, subject, key, v)
}

// scopeArray appends the strings of an array (or a single string) to dst.
func (r *jsonReader) scopeArray(dst *[]record.ScopeRef, subject, what string, v int) (int, error) {
	one := func(v int) (int, error) {
		if r.data[v] != '"' {
			r.res.problem(record.ProblemMissingField, subject, r.src(v), "%s of %s holds a value that is not a string; ignored", what, subject)
			return r.skip(v)
		}
		src := r.src(v + 1)
		s, end, err := r.str(v)
		*dst = append(*dst, record.ScopeRef{Name: s, Source: src})
		return end, err
	}
	switch r.data[v] {
	case '[':
		return r.elements(v, one)
	case 'n': // null: stated, empty
		return r.skip(v)
	}
	return one(v)
}

// security reads a list of security requirements.
func (r *jsonReader) security(v int) ([]secReq, int, error) {
	var reqs []secReq
	if r.data[v] != '[' {
		end, err := r.skip(v)
		return nil, end, err
	}
	end, err := r.elements(v, func(v int) (int, error) {
		if r.data[v] != '{' {
			return r.skip(v)
		}
		return r.members(v, func(key []byte, _, v int) (int, error) {
			req := secReq{scheme: string(key)}
			end, err := r.scopeArray(&req.scopes, "security", "security requirement "+req.scheme, v)
			reqs = append(reqs, req)
			return end, err
		})
	})
	return reqs, end, err
}

// members calls fn for each member of the object at data[i] == '{' with the
// raw key, the offset of the key's opening quote and of the value; fn
// returns the offset just after the value. members returns the offset just
// after the object.
func (r *jsonReader) members(i int, fn func(key []byte, k, v int) (int, error)) (int, error) {
	d := r.data
	i = skipWS(d, i+1)
	if i < len(d) && d[i] == '}' {
		return i + 1, nil
	}
	for i < len(d) {
		if d[i] != '"' {
			return i, errJSON
		}
		k := i
		end, err := skipString(d, i)
		if err != nil {
			return end, err
		}
		key := d[k+1 : end-1]
		i = skipWS(d, end)
		if i >= len(d) || d[i] != ':' {
			return i, errJSON
		}
		i = skipWS(d, i+1)
		if i >= len(d) {
			return i, errJSON
		}
		if bytes.IndexByte(key, '\\') >= 0 {
			var s string
			if err := json.Unmarshal(d[k:end], &s); err != nil {
				return i, err
			}
			key = []byte(s)
		}
		if i, err = fn(key, k, i); err != nil {
			return i, err
		}
		i = skipWS(d, i)
		if i >= len(d) {
			break
		}
		switch d[i] {
		case ',':
			i = skipWS(d, i+1)
		case '}':
			return i + 1, nil
		default:
			return i, errJSON
		}
	}
	return i, errJSON
}

// elements calls fn for each element of the array at data[i] == '['.
func (r *jsonReader) elements(i int, fn func(v int) (int, error)) (int, error) {
	d := r.data
	i = skipWS(d, i+1)
	if i < len(d) && d[i] == ']' {
		return i + 1, nil
	}
	for i < len(d) {
		var err error
		if i, err = fn(i); err != nil {
			return i, err
		}
		i = skipWS(d, i)
		if i >= len(d) {
			break
		}
		switch d[i] {
		case ',':
			i = skipWS(d, i+1)
		case ']':
			return i + 1, nil
		default:
			return i, errJSON
		}
	}
	return i, errJSON
}

// skip returns the offset just after the value at data[i].
func (r *jsonReader) skip(i int) (int, error) {
	return skipValue(r.data, i)
}

// str decodes the string at data[i] == '"'.
func (r *jsonReader) str(i int) (string, int, error) {
	end, err := skipString(r.data, i)
	if err != nil {
		return "", end, err
	}
	raw := r.data[i+1 : end-1]
	if bytes.IndexByte(raw, '\\') < 0 && utf8.Valid(raw) {
		return string(raw), end, nil
	}
	var s string
	if err := json.Unmarshal(r.data[i:end], &s); err != nil {
		return "", end, err
	}
	return s, end, nil
}

// skipWS returns the offset of the first non-blank byte at or after i.
func skipWS(d []byte, i int) int {
	for i < len(d) {
		switch d[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

// skipString returns the offset just after the string at d[i] == '"'.
func skipString(d []byte, i int) (int, error) {
	j := i + 1
	for {
		k := bytes.IndexByte(d[j:], '"')
		if k < 0 {
			return len(d), errJSON
		}
		e := j + k
		n := 0
		for b := e - 1; b > i && d[b] == '\\'; b-- {
			n++
		}
		if n%2 == 0 {
			return e + 1, nil
		}
		j = e + 1
	}
}

// skipValue returns the offset just after the value at d[i].
func skipValue(d []byte, i int) (int, error) {
	if i >= len(d) {
		return i, errJSON
	}
	switch d[i] {
	case '"':
		return skipString(d, i)
	case '{', '[':
		depth := 0
		for i < len(d) {
			switch d[i] {
			case '"':
				end, err := skipString(d, i)
				if err != nil {
					return end, err
				}
				i = end
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					return i + 1, nil
				}
			}
			i++
		}
		return i, errJSON
	default:
		for i < len(d) {
			switch d[i] {
			case ',', '}', ']', ' ', '\t', '\n', '\r':
				return i, nil
			}
			i++
		}
		return i, nil
	}
}

// lineCounter turns byte offsets into lines and columns. Offsets asked in
// increasing order cost the bytes between them; a smaller offset restarts
// from the beginning.
type lineCounter struct {
	data      []byte
	off       int // offset counted up to
	line      int // line at off
	lineStart int // offset of the first byte of that line
	runes     int // characters from lineStart to off
}

// at returns the 1-based line and column of offset off, the column counted
// in characters like every other parser's (not bytes: a minified file's
// one line holds many multi-byte characters).
func (c *lineCounter) at(off int) (line, col int) {
	off = min(max(off, 0), len(c.data))
	if off < c.off {
		c.off, c.line, c.lineStart, c.runes = 0, 1, 0, 0
	}
	seg := c.data[c.off:off]
	if n := bytes.Count(seg, []byte{'\n'}); n > 0 {
		c.line += n
		c.lineStart = c.off + bytes.LastIndexByte(seg, '\n') + 1
		c.runes = utf8.RuneCount(c.data[c.lineStart:off])
	} else {
		c.runes += utf8.RuneCount(seg)
	}
	c.off = off
	return c.line, c.runes + 1
}

// escMapper maps offsets in a decoded JSON string to offsets in its raw
// (escaped) text. Offsets must be asked in increasing order.
type escMapper struct {
	raw  []byte
	r, d int // raw and decoded offsets reached
}

// rawAt returns the raw offset of decoded offset dec.
func (m *escMapper) rawAt(dec int) int {
	for m.d < dec && m.r < len(m.raw) {
		c := m.raw[m.r]
		switch {
		case c != '\\':
			if c < utf8.RuneSelf {
				m.r++
				m.d++
				continue
			}
			ru, n := utf8.DecodeRune(m.raw[m.r:])
			m.r += n
			if ru == utf8.RuneError && n == 1 {
				m.d += 3 // decoded as U+FFFD
			} else {
				m.d += n
			}
		case m.r+1 < len(m.raw) && m.raw[m.r+1] == 'u' && m.r+6 <= len(m.raw):
			cp := hex4(m.raw[m.r+2 : m.r+6])
			n := 6
			if cp >= 0xD800 && cp < 0xDC00 && m.r+12 <= len(m.raw) && m.raw[m.r+6] == '\\' && m.raw[m.r+7] == 'u' {
				if lo := hex4(m.raw[m.r+8 : m.r+12]); lo >= 0xDC00 && lo < 0xE000 {
					m.r += 12
					m.d += 4
					continue
				}
			}
			m.r += n
			if cp < 0 || (cp >= 0xD800 && cp < 0xE000) {
				m.d += 3 // U+FFFD
			} else {
				m.d += utf8.RuneLen(rune(cp))
			}
		default:
			m.r += 2
			m.d++
		}
	}
	return min(m.r, len(m.raw))
}

// hex4 decodes four hex digits, or returns -1.
func hex4(b []byte) int {
	v := 0
	for _, c := range b {
		switch {
		case c >= '0' && c <= '9':
			v = v<<4 | int(c-'0')
		case c >= 'a' && c <= 'f':
			v = v<<4 | int(c-'a'+10)
		case c >= 'A' && c <= 'F':
			v = v<<4 | int(c-'A'+10)
		default:
			return -1
		}
	}
	return v
}
