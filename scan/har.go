package scan

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// harEntry is the part of a HAR entry the scanner reads.
type harEntry struct {
	Request struct {
		Method string `json:"method"`
		URL    string `json:"url"`
	} `json:"request"`
}

// ScanHAR reads a HAR file (recorded browser or proxy traffic,
// log.entries[].request.method and .url) and turns each request to
// api.zoom.us/v2 into a call: the concrete path (/v2/users/abc123/meetings)
// is resolved in the catalog by method and path, which maps it to the
// template (POST /users/{userId}/meetings). Requests to other hosts and
// CORS preflights (OPTIONS) are ignored; a Zoom request the catalog does
// not know is a Skipped. A call's Line is the line of its entry's opening
// brace. A document without log.entries is an error wrapping ErrNotHAR.
func (s *Scanner) ScanHAR(name string, data []byte) (*Result, error) {
	res := &Result{Calls: []Call{}, Skipped: []Skipped{}, Files: 1}
	dec := json.NewDecoder(bytes.NewReader(data))
	found := false
	err := walkObject(dec, func(key string) error {
		if key != "log" {
			return skipValue(dec)
		}
		return walkObject(dec, func(key string) error {
			if key != "entries" {
				return skipValue(dec)
			}
			found = true
			return walkArray(dec, func() error {
				line := lineAt(data, int(dec.InputOffset()))
				var e harEntry
				if err := dec.Decode(&e); err != nil {
					return err
				}
				s.harRequest(res, name, line, e)
				return nil
			})
		})
	})
	if err != nil {
		return nil, fmt.Errorf("%s: %w: %w", name, ErrNotHAR, err)
	}
	if !found {
		return nil, fmt.Errorf("%s: %w: no log.entries", name, ErrNotHAR)
	}
	res.sort()
	return res, nil
}

// harRequest adds one recorded request to the result.
func (s *Scanner) harRequest(res *Result, name string, line int, e harEntry) {
	method := strings.ToUpper(strings.TrimSpace(e.Request.Method))
	u, err := url.Parse(strings.TrimSpace(e.Request.URL))
	if err != nil || !strings.EqualFold(u.Hostname(), "api.zoom.us") || method == "OPTIONS" || method == "" {
		return
	}
	p := u.Path
	if p != "/v2" && !strings.HasPrefix(p, "/v2/") {
		return
	}
	p = strings.TrimPrefix(p, "/v2")
	if p == "" {
		return
	}
	if spec, ok := s.resolve(method, p); ok {
		res.Calls = append(res.Calls, Call{Call: spec, File: name, Line: line, Confidence: High, Kind: KindHAR})
		return
	}
	res.Skipped = append(res.Skipped, Skipped{
		File: name, Line: line, Text: method + " " + p,
		Reason: "recorded Zoom request not in the catalog (add the product's API reference with --add-docs)",
	})
}

// lineAt returns the 1-based line of the first character at or after off
// that is not white space or a comma (where the next JSON value starts).
func lineAt(data []byte, off int) int {
	if off > len(data) {
		off = len(data)
	}
	for off < len(data) && strings.IndexByte(" \t\r\n,", data[off]) >= 0 {
		off++
	}
	return bytes.Count(data[:off], []byte("\n")) + 1
}

// walkObject reads a JSON object, calling fn for each key with the
// decoder positioned at its value; fn must consume the value.
func walkObject(dec *json.Decoder, fn func(key string) error) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("want an object, got %v", t)
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return err
		}
		key, ok := t.(string)
		if !ok {
			return fmt.Errorf("want an object key, got %v", t)
		}
		if err := fn(key); err != nil {
			return err
		}
	}
	_, err = dec.Token() // '}'
	return err
}

// walkArray reads a JSON array, calling fn with the decoder positioned at
// each element; fn must consume it.
func walkArray(dec *json.Decoder, fn func() error) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("want an array, got %v", t)
	}
	for dec.More() {
		if err := fn(); err != nil {
			return err
		}
	}
	_, err = dec.Token() // ']'
	return err
}

// skipValue consumes one JSON value.
func skipValue(dec *json.Decoder) error {
	var raw json.RawMessage
	return dec.Decode(&raw)
}
